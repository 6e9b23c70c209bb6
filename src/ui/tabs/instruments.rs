//! The Instruments tab: a filterable, sortable table and a details pane.

use chrono::NaiveDate;
use egui_extras::Column;
use serde::{Deserialize, Serialize};

use crate::model::{
    Instrument, InstrumentId, InstrumentKind, RecordId, RecordKind, Status, Workspace,
};
use crate::ui::command::Command;
use crate::ui::tabs::TabContext;
use crate::ui::widgets::table::{ListState, TableSpec, filter_hash, matches_filter, record_table};
use crate::ui::widgets::{
    cell, citations_ui, date_text, details_grid, details_pane, labelled_combo, main_pane,
    marking_badge, marking_cell, marking_order, new_record_button, record_actions, section,
    text_field, with_marking_column,
};

#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InstrumentsTab {
    pub list: ListState<InstrumentId>,
    kind: Option<InstrumentKind>,
    status: Option<Status>,
    /// Only instruments with a milestone past its due date.
    overdue_only: bool,
}

const COLUMNS: [&str; 6] = ["Title", "Kind", "Status", "Parties", "Signed", "Areas"];

impl InstrumentsTab {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
        self.filter_ui(ui, cx.commands);
        ui.separator();
        let ws = cx.ws;
        self.refresh_rows(ws, cx.key, cx.today);
        self.list.shown_ui(ui, ws.instruments.len(), "instruments");

        if let Some(instrument) = self
            .list
            .selected
            .as_ref()
            .and_then(|id| ws.instruments.get(id.as_str()))
        {
            details_pane(ui, "instrument_details", |ui| {
                details_ui(ui, cx, instrument)
            });
        }

        main_pane(ui, |ui| {
            if self.list.rows().is_empty() {
                ui.weak(if ws.instruments.is_empty() {
                    "This workspace has no instruments yet."
                } else {
                    "No instrument matches the filter."
                });
                return;
            }
            let instruments = ws.instruments.as_slice();
            let selected_row = self.list.selected_row(instruments, |r| &r.id);
            let columns = with_marking_column(
                &[
                    // The title takes the free width: titles often share long
                    // prefixes ("Memorandum of Understanding on …"); the full
                    // title shows on hover when it is cut.
                    (COLUMNS[0], Column::remainder().at_least(160.0).clip(true)),
                    (COLUMNS[1], Column::initial(100.0).clip(true)),
                    (COLUMNS[2], Column::initial(130.0).clip(true)),
                    (COLUMNS[3], Column::initial(90.0).clip(true)),
                    (COLUMNS[4], Column::initial(95.0).clip(true)),
                    (COLUMNS[5], Column::initial(170.0).clip(true)),
                ],
                cx.derived.marked.instruments,
            );
            let spec = TableSpec {
                id: "instruments_table",
                columns: &columns,
                rows: self.list.rows().len(),
                selected: selected_row,
            };
            let mut sort = self.list.sort;
            let rows = self.list.rows();
            let response = record_table(ui, &spec, &mut sort, |ui, row, column| {
                let Some(instrument) = rows.get(row).and_then(|&i| instruments.get(i)) else {
                    return;
                };
                if column == COLUMNS.len() {
                    return marking_cell(ui, instrument.marking.as_ref());
                }
                match column {
                    0 => cell(ui, &instrument.title),
                    1 => cell(ui, instrument.kind.label()),
                    2 => cell(ui, instrument.status.label()),
                    3 => cell(ui, party_codes(ws, instrument)),
                    4 => cell(ui, date_text(instrument.dates.signed)),
                    _ => cell(ui, areas_text(instrument)),
                }
            });
            self.list.sort = sort;
            if let Some(row) = response.clicked_row {
                self.list.select_row(row, instruments, |r| &r.id);
            }
        });
    }

    fn filter_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            text_field(ui, &mut self.list.filter, "Filter instruments", 260.0);
            let kind = self.kind.map_or("Any", InstrumentKind::label);
            labelled_combo(ui, "Kind", kind, 120.0, |ui| {
                ui.selectable_value(&mut self.kind, None, "Any");
                for kind in InstrumentKind::ALL {
                    ui.selectable_value(&mut self.kind, Some(kind), kind.label());
                }
            });
            let status = self.status.map_or("Any", Status::label);
            labelled_combo(ui, "Status", status, 140.0, |ui| {
                ui.selectable_value(&mut self.status, None, "Any");
                for status in Status::ALL {
                    ui.selectable_value(&mut self.status, Some(status), status.label());
                }
            });
            ui.checkbox(&mut self.overdue_only, "Has overdue milestones");
            let filtering = !self.list.filter.is_empty()
                || self.kind.is_some()
                || self.status.is_some()
                || self.overdue_only;
            if ui
                .add_enabled(filtering, egui::Button::new("Clear filters"))
                .clicked()
            {
                self.list.filter.clear();
                self.kind = None;
                self.status = None;
                self.overdue_only = false;
            }
            new_record_button(ui, commands, RecordKind::Instrument);
        });
    }

    fn refresh_rows(&mut self, ws: &Workspace, key: (u64, u64), today: NaiveDate) {
        let (kind, status, overdue_only) = (self.kind, self.status, self.overdue_only);
        self.list.refresh(
            key,
            filter_hash(&(kind, status, overdue_only, today)),
            ws.instruments.as_slice(),
            |r, filter| {
                kind.is_none_or(|k| r.kind == k)
                    && status.is_none_or(|s| r.status == s)
                    && (!overdue_only || r.milestones.iter().any(|m| m.is_overdue(today)))
                    && matches_filter(
                        filter,
                        &[
                            &r.title,
                            r.kind.label(),
                            r.status.label(),
                            &party_codes(ws, r),
                            &party_names(ws, r),
                            &date_text(r.dates.signed),
                            &areas_text(r),
                        ],
                    )
            },
            |a, b, column| {
                match column {
                    n if n == COLUMNS.len() => {
                        marking_order(a.marking.as_ref(), b.marking.as_ref())
                    }
                    1 => a.kind.cmp(&b.kind),
                    2 => a.status.cmp(&b.status),
                    3 => party_codes(ws, a).cmp(&party_codes(ws, b)),
                    4 => a.dates.signed.cmp(&b.dates.signed),
                    5 => areas_text(a).cmp(&areas_text(b)),
                    _ => std::cmp::Ordering::Equal,
                }
                .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
            },
        );
    }

    /// Selects an instrument and clears filters that would hide it.
    pub fn reveal(&mut self, id: &InstrumentId) {
        self.list.selected = Some(id.clone());
        self.list.filter.clear();
        self.kind = None;
        self.status = None;
    }
}

fn party_codes(ws: &Workspace, instrument: &Instrument) -> String {
    instrument
        .parties
        .iter()
        .map(|p| {
            ws.parties
                .get(p.as_str())
                .filter(|p| !p.code.is_empty())
                .map_or(p.as_str(), |p| p.code.as_str())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn party_names(ws: &Workspace, instrument: &Instrument) -> String {
    instrument
        .parties
        .iter()
        .map(|p| ws.party_name(p))
        .collect::<Vec<_>>()
        .join(", ")
}

fn areas_text(instrument: &Instrument) -> String {
    instrument
        .areas
        .iter()
        .map(|a| a.label())
        .collect::<Vec<_>>()
        .join(", ")
}

fn details_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>, instrument: &Instrument) {
    let ws = cx.ws;
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(&instrument.title).strong().size(17.0));
        marking_badge(ui, instrument.marking.as_ref());
    });
    record_actions(
        ui,
        cx.commands,
        cx.ws,
        RecordId::Instrument(instrument.id.clone()),
    );
    ui.add_space(4.0);
    let dates = &instrument.dates;
    let mut rows = vec![
        ("Kind", instrument.kind.label().to_owned()),
        ("Status", instrument.status.label().to_owned()),
        ("Parties", party_names(ws, instrument)),
        ("Signed", date_text(dates.signed)),
        ("In force", date_text(dates.in_force)),
        ("Expires", date_text(dates.expires)),
    ];
    if !dates.note.is_empty() {
        rows.push(("About the dates", dates.note.clone()));
    }
    rows.push(("Areas", areas_text(instrument)));
    details_grid(ui, "instrument_fields", &rows);

    if !instrument.status_history.is_empty() {
        section(ui, "Status history");
        for change in &instrument.status_history {
            let when = change
                .on
                .map_or_else(|| "date not known".to_owned(), |on| date_text(Some(on)));
            ui.label(format!("{} — {when}", change.status.label()));
        }
    }
    if !instrument.summary.is_empty() {
        section(ui, "Summary");
        ui.label(&instrument.summary);
    }
    if !instrument.milestones.is_empty() {
        section(ui, "Milestones");
        for milestone in &instrument.milestones {
            let state = match (milestone.done, milestone.done_on) {
                (true, Some(on)) => format!("done {}", date_text(Some(on))),
                (true, None) => "done (date not known)".to_owned(),
                (false, Some(_)) | (false, None) => match milestone.due {
                    Some(due) => format!("due {}", date_text(Some(due))),
                    None => "open, no due date".to_owned(),
                },
            };
            ui.label(format!("• {} — {state}", milestone.title));
            if !milestone.note.is_empty() {
                ui.weak(format!("   {}", milestone.note));
            }
        }
    }
    let events = cx.derived.events_by_instrument.get(&instrument.id);
    if let Some(events) = events.filter(|e| !e.is_empty()) {
        section(ui, "Mentioned at");
        for id in events {
            if let Some(event) = ws.events.get(id.as_str()) {
                let text = format!("{}  {}", date_text(event.sort_date()), event.title);
                if ui.link(text).clicked() {
                    cx.commands
                        .push(Command::Reveal(RecordId::Event(id.clone())));
                }
            }
        }
    }
    section(ui, "Sources");
    citations_ui(ui, ws, &instrument.sources);
}
