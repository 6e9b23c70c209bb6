//! The Sources tab: where every fact comes from, and what cites it.

use egui_extras::Column;
use serde::{Deserialize, Serialize};

use crate::model::{RecordId, RecordKind, Source, SourceId};
use crate::text::count;
use crate::ui::command::Command;
use crate::ui::tabs::TabContext;
use crate::ui::widgets::table::{ListState, TableSpec, matches_filter, record_table};
use crate::ui::widgets::{
    cell, date_text, details_grid, details_pane, main_pane, marking_badge, marking_cell,
    marking_order, new_record_button, record_actions, record_title, section, text_field,
    with_marking_column,
};

#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SourcesTab {
    pub list: ListState<SourceId>,
}

const COLUMNS: [&str; 5] = ["Title", "Publisher", "Published", "Reference", "Cited by"];

impl SourcesTab {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
        ui.horizontal(|ui| {
            text_field(ui, &mut self.list.filter, "Filter sources", 260.0);
            new_record_button(ui, cx.commands, RecordKind::Source);
        });
        ui.separator();
        let ws = cx.ws;
        let cited_by = &cx.derived.cited_by;
        let citations = |s: &Source| cited_by.get(&s.id).map_or(0, Vec::len);
        self.list.refresh(
            cx.key,
            0,
            ws.sources.as_slice(),
            |s, filter| {
                let published = date_text(s.published_on);
                matches_filter(filter, &[&s.title, &s.publisher, &published, &s.reference])
            },
            |a, b, column| {
                match column {
                    n if n == COLUMNS.len() => {
                        marking_order(a.marking.as_ref(), b.marking.as_ref())
                    }
                    1 => a.publisher.cmp(&b.publisher),
                    2 => a.published_on.cmp(&b.published_on),
                    3 => a.reference.cmp(&b.reference),
                    4 => citations(a).cmp(&citations(b)),
                    _ => std::cmp::Ordering::Equal,
                }
                .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
            },
        );
        self.list.shown_ui(ui, ws.sources.len(), "sources");

        if let Some(source) = self
            .list
            .selected
            .as_ref()
            .and_then(|id| ws.sources.get(id.as_str()))
        {
            details_pane(ui, "source_details", |ui| details_ui(ui, cx, source));
        }
        main_pane(ui, |ui| {
            if self.list.rows().is_empty() {
                ui.weak(if ws.sources.is_empty() {
                    "This workspace has no sources yet."
                } else {
                    "No source matches the filter."
                });
                return;
            }
            let sources = ws.sources.as_slice();
            let columns = with_marking_column(
                &[
                    (
                        COLUMNS[0],
                        Column::initial(420.0).at_least(120.0).clip(true),
                    ),
                    (COLUMNS[1], Column::initial(200.0).clip(true)),
                    (COLUMNS[2], Column::initial(95.0).clip(true)),
                    (COLUMNS[3], Column::initial(160.0).clip(true)),
                    (COLUMNS[4], Column::remainder().at_least(70.0).clip(true)),
                ],
                cx.derived.marked.sources,
            );
            let spec = TableSpec {
                id: "sources_table",
                columns: &columns,
                rows: self.list.rows().len(),
                selected: self.list.selected_row(sources, |s| &s.id),
            };
            let mut sort = self.list.sort;
            let rows = self.list.rows();
            let response = record_table(ui, &spec, &mut sort, |ui, row, column| {
                let Some(source) = rows.get(row).and_then(|&i| sources.get(i)) else {
                    return;
                };
                if column == COLUMNS.len() {
                    return marking_cell(ui, source.marking.as_ref());
                }
                match column {
                    0 => cell(ui, &source.title),
                    1 => cell(ui, &source.publisher),
                    2 => cell(ui, date_text(source.published_on)),
                    3 => cell(ui, &source.reference),
                    _ => cell(ui, count(citations(source), "record", "records")),
                }
            });
            self.list.sort = sort;
            if let Some(row) = response.clicked_row {
                self.list.select_row(row, sources, |s| &s.id);
            }
        });
    }

    pub fn reveal(&mut self, id: &SourceId) {
        self.list.selected = Some(id.clone());
        self.list.filter.clear();
    }
}

fn details_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>, source: &Source) {
    let ws = cx.ws;
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(&source.title).strong().size(17.0));
        marking_badge(ui, source.marking.as_ref());
    });
    record_actions(ui, cx.commands, cx.ws, RecordId::Source(source.id.clone()));
    ui.add_space(4.0);
    details_grid(
        ui,
        "source_fields",
        &[
            ("Publisher", source.publisher.clone()),
            ("Published", date_text(source.published_on)),
            ("Reference", source.reference.clone()),
        ],
    );
    if !source.excerpt.is_empty() {
        section(ui, "Excerpt");
        ui.label(egui::RichText::new(&source.excerpt).italics());
    }
    section(ui, "Cited by");
    let cited = cx
        .derived
        .cited_by
        .get(&source.id)
        .map_or(&[][..], Vec::as_slice);
    if cited.is_empty() {
        ui.weak("Nothing cites this source.");
    }
    for record in cited {
        if ui.link(record_title(ws, record)).clicked() {
            cx.commands.push(Command::Reveal(record.clone()));
        }
    }
}
