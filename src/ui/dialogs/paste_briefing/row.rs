//! One proposed figure in the paste dialog: its state as the user edits
//! it, and how it is drawn (the sentence with the number highlighted, and
//! its fields).

use egui::Color32;
use egui::text::{LayoutJob, TextFormat};

use crate::extract::Proposal;
use crate::model::{MetricId, Qualifier};
use crate::text::group_thousands;
use crate::ui::forms::fields::{DateInput, date};

/// One proposed figure as the user has edited it.
pub(super) struct Row {
    pub(super) proposal: Proposal,
    pub(super) ticked: bool,
    pub(super) metric: MetricId,
    pub(super) regions: Vec<String>,
    pub(super) start: DateInput,
    pub(super) end: DateInput,
    pub(super) value: u64,
    pub(super) qualifier: Qualifier,
    pub(super) status: Status,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Status {
    New,
    AlreadyPresent,
    /// The figure cannot be read as it stands (a bad date, say).
    Invalid(String),
    /// Adding it makes the figures stop reconciling: the problems' texts.
    Problems(Vec<String>),
}

/// The sentence with the number in a highlight colour.
fn highlighted(ui: &egui::Ui, text: &str, proposal: &Proposal) -> LayoutJob {
    let mut job = LayoutJob::default();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = TextFormat {
        font_id: font.clone(),
        color: ui.visuals().text_color(),
        ..TextFormat::default()
    };
    let number = text.get(proposal.span.clone()).unwrap_or_default();
    let quote = &proposal.quote;
    // The quote is the sentence on one line; the number is found in it.
    match quote.find(number).filter(|_| !number.is_empty()) {
        Some(at) => {
            job.append(&quote[..at], 0.0, plain.clone());
            job.append(
                number,
                0.0,
                TextFormat {
                    font_id: font,
                    color: Color32::BLACK,
                    background: Color32::from_rgb(255, 214, 102),
                    ..TextFormat::default()
                },
            );
            job.append(&quote[at + number.len()..], 0.0, plain);
        }
        None => job.append(quote, 0.0, plain),
    }
    job.wrap.max_width = ui.available_width();
    job
}

/// One proposal; true when the user changed it.
pub(super) fn show_row(
    ui: &mut egui::Ui,
    index: usize,
    row: &mut Row,
    text: &str,
    metrics: &[(MetricId, String)],
    regions: &[String],
) -> bool {
    let mut changed = false;
    ui.label(highlighted(ui, text, &row.proposal));
    ui.horizontal_wrapped(|ui| {
        let enabled = row.status != Status::AlreadyPresent;
        changed |= ui
            .add_enabled(enabled, egui::Checkbox::new(&mut row.ticked, "Add"))
            .changed();
        let metric_name = metrics
            .iter()
            .find(|(id, _)| *id == row.metric)
            .map_or(row.metric.as_str(), |(_, n)| n.as_str());
        egui::ComboBox::from_id_salt(("paste_metric", index))
            .selected_text(metric_name)
            .show_ui(ui, |ui| {
                for (id, name) in metrics {
                    changed |= ui
                        .selectable_value(&mut row.metric, id.clone(), name)
                        .changed();
                }
            })
            .response
            .accessible_name(format!("Metric {}", index + 1));
        egui::ComboBox::from_id_salt(("paste_regions", index))
            .selected_text(crate::text::regions_label(&row.regions))
            .show_ui(ui, |ui| {
                for region in regions {
                    let mut on = row.regions.contains(region);
                    if ui.checkbox(&mut on, region.as_str()).changed() {
                        changed = true;
                        if on {
                            row.regions.push(region.clone());
                            row.regions.sort();
                        } else {
                            row.regions.retain(|r| r != region);
                        }
                    }
                }
            })
            .response
            .accessible_name(format!("Regions {}", index + 1));
        date(ui, &mut row.start, &format!("Start {}", index + 1));
        ui.label("to");
        date(ui, &mut row.end, &format!("End {}", index + 1));
        egui::ComboBox::from_id_salt(("paste_qualifier", index))
            .selected_text(Qualifier::label(row.qualifier))
            .width(90.0)
            .show_ui(ui, |ui| {
                for q in Qualifier::ALL {
                    changed |= ui
                        .selectable_value(&mut row.qualifier, q, Qualifier::label(q))
                        .changed();
                }
            })
            .response
            .accessible_name(format!("Qualifier {}", index + 1));
        changed |= ui
            .add(
                egui::DragValue::new(&mut row.value)
                    .custom_formatter(|v, _| group_thousands(v as u64)),
            )
            .accessible_name(format!("Value {}", index + 1))
            .changed();
    });
    match &row.status {
        Status::New => {
            ui.weak("New figure.");
        }
        Status::AlreadyPresent => {
            ui.weak("Already present (skipped).");
        }
        Status::Invalid(why) => {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
        Status::Problems(problems) => {
            for p in problems {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("Would stop the figures reconciling: {p}"),
                );
            }
        }
    }
    for note in &row.proposal.notes {
        ui.weak(note);
    }
    changed
}
