//! The Overview tab: where cooperation stands, at a glance.

use egui::RichText;

use crate::model::{InstrumentKind, Observation, REVIEWED, RecordId, Status};
use crate::text::{count, group_thousands, period_label};
use crate::ui::command::Command;
use crate::ui::derived::DUE_SOON_DAYS;
use crate::ui::tabs::Tab;
use crate::ui::tabs::TabContext;
use crate::ui::widgets::{date_text, section};

/// Stateless: everything it shows comes from the workspace.
#[derive(Default)]
pub struct OverviewTab;

/// Green for checks that passed.
pub const OK_COLOR: egui::Color32 = egui::Color32::from_rgb(60, 170, 90);

impl OverviewTab {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.label(RichText::new(&cx.ws.title).size(20.0).strong());
                if !cx.ws.description.is_empty() {
                    ui.label(RichText::new(&cx.ws.description).weak());
                }
                ui.add_space(8.0);
                // The whole width: with every kind and status of a large
                // workspace the table is wider than half the window, and
                // in a column it would run into the figures beside it.
                egui::ScrollArea::horizontal()
                    .id_salt("instrument_counts_scroll")
                    .show(ui, |ui| instruments_ui(ui, cx));
                ui.columns(2, |columns| {
                    if let [left, right] = columns {
                        milestones_ui(left, cx);
                        checks_ui(left, cx);
                        review_ui(left, cx);
                        figures_ui(right, cx);
                        events_ui(right, cx);
                    }
                });
            });
    }
}

fn instruments_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
    section(ui, "Instruments by kind and status");
    let ws = cx.ws;
    if ws.instruments.is_empty() {
        ui.weak("No instruments yet.");
        return;
    }
    let counts = &cx.derived.instrument_counts;
    let statuses: Vec<Status> = Status::ALL
        .into_iter()
        .filter(|s| counts.keys().any(|(_, status)| status == s))
        .collect();
    let kinds: Vec<InstrumentKind> = InstrumentKind::ALL
        .into_iter()
        .filter(|k| counts.keys().any(|(kind, _)| kind == k))
        .collect();
    egui::Grid::new("instrument_counts")
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            for status in &statuses {
                ui.label(RichText::new(status.label()).weak());
            }
            ui.label(RichText::new("Total").weak());
            ui.end_row();
            for kind in &kinds {
                ui.label(kind.label());
                let mut total = 0;
                for status in &statuses {
                    let n = counts.get(&(*kind, *status)).copied().unwrap_or(0);
                    total += n;
                    ui.label(if n == 0 {
                        "·".to_owned()
                    } else {
                        n.to_string()
                    });
                }
                ui.label(RichText::new(total.to_string()).strong());
                ui.end_row();
            }
        });
}

fn milestones_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
    section(ui, "Open milestones");
    let ws = cx.ws;
    let (overdue, soon) = (
        cx.derived.overdue_milestones,
        cx.derived.due_soon_milestones,
    );
    if overdue + soon > 0 {
        ui.horizontal(|ui| {
            if overdue > 0 {
                let text = count(overdue, "overdue milestone", "overdue milestones");
                ui.colored_label(ui.visuals().error_fg_color, text);
            }
            if soon > 0 {
                let text = format!("{soon} due within {DUE_SOON_DAYS} days");
                ui.colored_label(ui.visuals().warn_fg_color, text);
            }
        });
    }
    let open: Vec<_> = cx
        .derived
        .open_milestones
        .iter()
        .filter_map(|(id, index)| {
            let instrument = ws.instruments.get(id.as_str())?;
            Some((instrument, instrument.milestones.get(*index)?))
        })
        .collect();
    if open.is_empty() {
        ui.weak("No open milestones.");
    }
    for (instrument, milestone) in open {
        ui.horizontal_wrapped(|ui| {
            let due = milestone.due.map_or_else(
                || "no due date".to_owned(),
                |d| format!("due {}", date_text(Some(d))),
            );
            if milestone.is_overdue(cx.today) {
                let text = format!("{due} (overdue)");
                ui.colored_label(ui.visuals().error_fg_color, text);
            } else if milestone.is_due_within(cx.today, DUE_SOON_DAYS) {
                ui.colored_label(ui.visuals().warn_fg_color, due);
            } else {
                ui.label(RichText::new(due).weak());
            }
            ui.label(&milestone.title);
            if ui.link(format!("({})", instrument.title)).clicked() {
                cx.commands
                    .push(Command::Reveal(RecordId::Instrument(instrument.id.clone())));
            }
        });
    }
}

fn checks_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
    section(ui, "Data checks");
    let errors = &cx.derived.errors;
    let problems = &cx.derived.analysis.problems;
    if errors.is_empty() {
        ui.colored_label(OK_COLOR, "No invalid data.");
    } else {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("{} invalid data:", errors.len()),
        );
        for error in errors.iter().take(8) {
            // Named as people know the record, and a link to it.
            ui.horizontal_wrapped(|ui| {
                ui.label("•");
                let field = crate::compare::field_name(&error.field);
                match &error.record {
                    Some(record) => {
                        if ui.link(cx.ws.record_label(record)).clicked() {
                            cx.commands.push(Command::Reveal(record.clone()));
                        }
                        ui.label(format!("{field}: {}", error.message));
                    }
                    None => {
                        ui.label(format!(
                            "The workspace's {}: {}",
                            field.to_lowercase(),
                            error.message
                        ));
                    }
                }
            });
        }
        if errors.len() > 8 {
            ui.weak(format!(
                "and {} more; `coopdesk check FILE` lists them all.",
                errors.len() - 8
            ));
        }
    }
    if problems.is_empty() {
        ui.colored_label(OK_COLOR, "All reported figures reconcile.");
    } else {
        ui.horizontal(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{} reported figures do not reconcile.", problems.len()),
            );
            if ui.link("See Statistics").clicked() {
                cx.commands.push(Command::ShowTab(Tab::Statistics));
            }
        });
    }
}

/// Records listed under "Since your last review".
const REVIEW_LISTED: usize = 10;

fn review_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
    section(ui, "Since your last review");
    let history = &cx.ws.history;
    let last_review = history
        .iter()
        .rposition(|e| e.what == REVIEWED && e.user == cx.reviewer);
    let since = last_review.map_or(0, |i| i + 1);
    // Newest first, each record once.
    let mut records: Vec<RecordId> = Vec::new();
    let mut changes = 0;
    for entry in history[since..].iter().rev().filter(|e| e.what != REVIEWED) {
        changes += 1;
        for id in entry.records.iter().filter_map(|r| RecordId::parse(r)) {
            if !records.contains(&id) {
                records.push(id);
            }
        }
    }
    ui.horizontal_wrapped(|ui| {
        match last_review {
            None => ui.label("You have not marked this workspace as reviewed yet."),
            Some(i) => ui.label(format!(
                "{} changed since your review of {} ({}).",
                count(records.len(), "record", "records"),
                history[i].day(),
                count(changes, "change", "changes")
            )),
        };
        if ui.link("Change history").clicked() {
            cx.commands.push(Command::ShowHistory);
        }
        if ui.link("Mark as reviewed").clicked() {
            cx.commands.push(Command::MarkReviewed);
        }
    });
    if last_review.is_none() {
        return;
    }
    for id in records.iter().take(REVIEW_LISTED) {
        let label = cx.ws.record_label(id);
        if cx.ws.record(id).is_some() {
            if ui.link(label).clicked() {
                cx.commands.push(Command::Reveal(id.clone()));
            }
        } else {
            ui.weak(format!("{label} (deleted)"));
        }
    }
    if records.len() > REVIEW_LISTED {
        ui.weak(format!(
            "and {} more (Change history).",
            records.len() - REVIEW_LISTED
        ));
    }
}

fn figures_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
    section(ui, "Latest figures");
    let ws = cx.ws;
    if cx.derived.analysis.latest.is_empty() {
        ui.weak("No figures reported yet.");
    }
    for (metric, ids) in &cx.derived.analysis.latest {
        ui.label(RichText::new(ws.metric_name(metric)).strong());
        // Totals first; a metric reported for hundreds of regions shows a
        // few figures here and the rest on Statistics.
        let mut latest: Vec<&Observation> = ids
            .iter()
            .filter_map(|id| ws.observations.get(id.as_str()))
            .collect();
        latest.sort_by_key(|o| o.regions.len());
        let more = latest.len().saturating_sub(MAX_LATEST_PER_METRIC);
        egui::Grid::new(("latest", metric.as_str()))
            .spacing([12.0, 2.0])
            .show(ui, |ui| {
                for o in latest.into_iter().take(MAX_LATEST_PER_METRIC) {
                    let value = format!("{}{}", o.qualifier.prefix(), group_thousands(o.value));
                    if ui
                        .link(RichText::new(value).size(16.0).strong())
                        .on_hover_text("Show in Statistics")
                        .clicked()
                    {
                        cx.commands
                            .push(Command::Reveal(RecordId::Observation(o.id.clone())));
                    }
                    let regions = crate::text::regions_label(&o.regions);
                    ui.label(format!("{regions}, {}", period_label(o.start, o.end)));
                    ui.label(
                        RichText::new(format!("reported {}", date_text(o.reported_on))).weak(),
                    );
                    ui.end_row();
                }
            });
        if more > 0 {
            ui.weak(format!(
                "and {} more regional figures for the same period (see Statistics)",
                group_thousands(more as u64)
            ));
        }
        ui.add_space(4.0);
    }
}

/// Latest figures listed per metric on the Overview.
const MAX_LATEST_PER_METRIC: usize = 6;

fn events_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
    section(ui, "Recent events");
    let ws = cx.ws;
    let events: Vec<_> = cx
        .derived
        .recent_events
        .iter()
        .filter_map(|id| ws.events.get(id.as_str()))
        .collect();
    if events.is_empty() {
        ui.weak("No events yet.");
    }
    for event in events {
        ui.horizontal_wrapped(|ui| {
            let date = match event.date {
                Some(date) => date_text(Some(date)),
                None => format!("undated, reported {}", date_text(event.reported_on)),
            };
            ui.label(RichText::new(date).weak());
            if ui.link(&event.title).clicked() {
                cx.commands
                    .push(Command::Reveal(RecordId::Event(event.id.clone())));
            }
        });
    }
}
