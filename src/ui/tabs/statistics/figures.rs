//! The reported figures behind the charts: a table (narrowed to a clicked
//! bar's month) and the selected figure's details.

use egui::RichText;
use egui_extras::Column;

use crate::analysis::YearMonth;
use crate::model::{MetricId, Observation, ObservationId, RecordId, Workspace};
use crate::text::{group_thousands, period_label, regions_label};
use crate::ui::command::Command;
use crate::ui::tabs::TabContext;
use crate::ui::widgets::table::{ListState, TableSpec, filter_hash, matches_filter, record_table};
use crate::ui::widgets::{
    cell, date_text, marking_cell, marking_order, record_actions, section, text_field,
    with_marking_column,
};

/// The reported figures behind the chart, in a table; a clicked bar's
/// month narrows it to the figures covering that month.
/// The figures table's columns before an optional Marking column.
const COLUMNS: usize = 5;

pub(super) fn figures_ui(
    ui: &mut egui::Ui,
    cx: &mut TabContext<'_>,
    figures: &mut ListState<ObservationId>,
    selected_month: &mut Option<YearMonth>,
    metric: &MetricId,
) {
    section(ui, "Reported figures");
    ui.horizontal(|ui| {
        text_field(ui, &mut figures.filter, "Filter figures", 260.0);
        if let Some(month) = *selected_month {
            ui.label(format!("Figures covering {}", month.short_label()));
            if ui.button("Show all").clicked() {
                *selected_month = None;
            }
        } else {
            ui.weak("Click a bar to see the figures behind it.");
        }
    });
    let ws = cx.ws;
    let observations = ws.observations.as_slice();
    let month = *selected_month;
    figures.refresh(
        cx.key,
        filter_hash(&(metric, month)),
        observations,
        |o, filter| {
            &o.metric == metric
                && month.is_none_or(|m| o.start <= m.last_day() && o.end >= m.first_day())
                && matches_filter(
                    filter,
                    &[
                        &period_label(o.start, o.end),
                        &regions_label(&o.regions),
                        &value_text(o),
                        &date_text(o.reported_on),
                        &source_and_note(ws, o),
                    ],
                )
        },
        |a, b, column| {
            match column {
                COLUMNS => marking_order(a.marking.as_ref(), b.marking.as_ref()),
                1 => a.regions.cmp(&b.regions),
                2 => a.value.cmp(&b.value),
                3 => a.reported_on.cmp(&b.reported_on),
                _ => a.start.cmp(&b.start).then(a.end.cmp(&b.end)),
            }
            .then_with(|| a.id.cmp(&b.id))
        },
    );
    figures.shown_ui(ui, figures.before_text_filter(), "figures");
    if figures.rows().is_empty() {
        ui.weak("No figures for this metric match.");
        return;
    }
    let columns = with_marking_column(
        &[
            ("Period", Column::initial(170.0).clip(true)),
            ("Regions", Column::initial(190.0).clip(true)),
            ("Value", Column::initial(80.0).clip(true)),
            ("Reported", Column::initial(100.0).clip(true)),
            (
                "Source and note",
                Column::remainder().at_least(120.0).clip(true),
            ),
        ],
        cx.derived.marked.figures,
    );
    let spec = TableSpec {
        id: "figures_table",
        columns: &columns,
        rows: figures.rows().len(),
        selected: figures.selected_row(observations, |o| &o.id),
    };
    let mut sort = figures.sort;
    let rows = figures.rows();
    let height = (spec.rows as f32 * 24.0 + 40.0).clamp(80.0, 320.0);
    let response = ui
        .allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
            record_table(ui, &spec, &mut sort, |ui, row, column| {
                let Some(o) = rows.get(row).and_then(|&i| observations.get(i)) else {
                    return;
                };
                if column == COLUMNS {
                    return marking_cell(ui, o.marking.as_ref());
                }
                match column {
                    0 => cell(ui, period_label(o.start, o.end)),
                    1 => cell(ui, regions_label(&o.regions)),
                    2 => cell(ui, value_text(o)),
                    3 => cell(ui, date_text(o.reported_on)),
                    // Cut text shows whole on hover (one tooltip, not two).
                    _ => cell(ui, source_and_note(ws, o)),
                }
            })
        })
        .inner;
    figures.sort = sort;
    if let Some(row) = response.clicked_row {
        figures.select_row(row, observations, |o| &o.id);
    }
    let selected = figures
        .selected
        .as_ref()
        .and_then(|id| ws.observations.get(id.as_str()));
    if let Some(o) = selected.filter(|o| &o.metric == metric) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!(
                    "{}{} {} — {}",
                    o.qualifier.prefix(),
                    group_thousands(o.value),
                    ws.metric_name(&o.metric).to_lowercase(),
                    period_label(o.start, o.end)
                ))
                .strong(),
            );
            if !o.note.is_empty() {
                ui.label(&o.note);
            }
            if let Some(event) = &o.reported_at {
                ui.horizontal_wrapped(|ui| {
                    ui.label("Reported at");
                    let id = RecordId::Event(event.clone());
                    if ui.link(ws.record_label(&id)).clicked() {
                        cx.commands.push(Command::Reveal(id));
                    }
                });
            }
            if let Some(original) = &o.supersedes {
                ui.horizontal_wrapped(|ui| {
                    ui.label("Revises");
                    let id = RecordId::Observation(original.clone());
                    if ui.link(ws.record_label(&id)).clicked() {
                        cx.commands.push(Command::Reveal(id));
                    }
                });
            }
            crate::ui::widgets::citations_ui(ui, ws, &o.sources);
            record_actions(ui, cx.commands, cx.ws, RecordId::Observation(o.id.clone()));
        });
    }
}

/// "≥1,427": the value with its qualifier, as the table shows it.
fn value_text(o: &Observation) -> String {
    format!("{}{}", o.qualifier.prefix(), group_thousands(o.value))
}

/// The first source's title, and the note after a dash.
fn source_and_note(ws: &Workspace, o: &Observation) -> String {
    let source = o
        .sources
        .first()
        .map_or("no source", |c| ws.source_title(&c.source));
    if o.note.is_empty() {
        source.to_owned()
    } else {
        format!("{source} — {}", o.note)
    }
}
