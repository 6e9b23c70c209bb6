//! The Events tab: meetings, visits, briefings… in date order.

use egui_extras::Column;
use serde::{Deserialize, Serialize};

use crate::model::{Event, EventId, EventKind, RecordId, RecordKind, Workspace};
use crate::ui::command::Command;
use crate::ui::tabs::TabContext;
use crate::ui::widgets::table::{
    ListState, Sort, TableSpec, filter_hash, matches_filter, record_table,
};
use crate::ui::widgets::{
    cell, citations_ui, date_text, details_grid, details_pane, labelled_combo, main_pane,
    marking_badge, marking_cell, marking_order, new_record_button, record_actions, section,
    text_field, with_marking_column,
};

#[derive(Serialize, Deserialize)]
#[serde(default)]
pub struct EventsTab {
    pub list: ListState<EventId>,
    kind: Option<EventKind>,
}

impl Default for EventsTab {
    /// Newest first: desk officers look at the latest events.
    fn default() -> Self {
        let mut list = ListState::default();
        list.sort = Sort {
            column: 0,
            ascending: false,
        };
        Self { list, kind: None }
    }
}

const COLUMNS: [&str; 5] = ["Date", "Kind", "Title", "Participants", "Location"];

impl EventsTab {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
        self.filter_ui(ui, cx.commands);
        ui.separator();
        let ws = cx.ws;
        let kind = self.kind;
        self.list.refresh(
            cx.key,
            filter_hash(&kind),
            ws.events.as_slice(),
            |e, filter| {
                // What the table shows: date, kind, title, participants
                // (codes, and the names they stand for), location.
                kind.is_none_or(|k| e.kind == k)
                    && matches_filter(
                        filter,
                        &[
                            &when(e),
                            e.kind.label(),
                            &e.title,
                            &participants(ws, e),
                            &participant_names(ws, e),
                            &e.location,
                        ],
                    )
            },
            |a, b, column| {
                let chronological = a
                    .sort_date()
                    .is_none()
                    .cmp(&b.sort_date().is_none())
                    .then(a.sort_date().cmp(&b.sort_date()));
                match column {
                    n if n == COLUMNS.len() => {
                        marking_order(a.marking.as_ref(), b.marking.as_ref())
                    }
                    1 => a.kind.cmp(&b.kind),
                    2 => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
                    3 => participants(ws, a).cmp(&participants(ws, b)),
                    4 => a.location.cmp(&b.location),
                    _ => std::cmp::Ordering::Equal,
                }
                .then(chronological)
                .then_with(|| a.id.cmp(&b.id))
            },
        );
        self.list.shown_ui(ui, ws.events.len(), "events");

        if let Some(event) = self
            .list
            .selected
            .as_ref()
            .and_then(|id| ws.events.get(id.as_str()))
        {
            details_pane(ui, "event_details", |ui| details_ui(ui, cx, event));
        }

        main_pane(ui, |ui| {
            if self.list.rows().is_empty() {
                ui.weak(if ws.events.is_empty() {
                    "This workspace has no events yet."
                } else {
                    "No event matches the filter."
                });
                return;
            }
            let events = ws.events.as_slice();
            let columns = with_marking_column(
                &[
                    (COLUMNS[0], Column::initial(150.0).clip(true)),
                    (COLUMNS[1], Column::initial(90.0).clip(true)),
                    (
                        COLUMNS[2],
                        Column::initial(380.0).at_least(120.0).clip(true),
                    ),
                    (COLUMNS[3], Column::initial(120.0).clip(true)),
                    (COLUMNS[4], Column::remainder().at_least(80.0).clip(true)),
                ],
                cx.derived.marked.events,
            );
            let spec = TableSpec {
                id: "events_table",
                columns: &columns,
                rows: self.list.rows().len(),
                selected: self.list.selected_row(events, |e| &e.id),
            };
            let mut sort = self.list.sort;
            let rows = self.list.rows();
            let response = record_table(ui, &spec, &mut sort, |ui, row, column| {
                let Some(event) = rows.get(row).and_then(|&i| events.get(i)) else {
                    return;
                };
                if column == COLUMNS.len() {
                    return marking_cell(ui, event.marking.as_ref());
                }
                match column {
                    0 => cell(ui, when(event)),
                    1 => cell(ui, event.kind.label()),
                    2 => cell(ui, &event.title),
                    3 => cell(ui, participants(ws, event)),
                    _ => cell(ui, &event.location),
                }
            });
            self.list.sort = sort;
            if let Some(row) = response.clicked_row {
                self.list.select_row(row, events, |e| &e.id);
            }
        });
    }

    fn filter_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            text_field(ui, &mut self.list.filter, "Filter events", 260.0);
            let kind = self.kind.map_or("Any", EventKind::label);
            labelled_combo(ui, "Kind", kind, 120.0, |ui| {
                ui.selectable_value(&mut self.kind, None, "Any");
                for kind in EventKind::ALL {
                    ui.selectable_value(&mut self.kind, Some(kind), kind.label());
                }
            });
            let filtering = !self.list.filter.is_empty() || self.kind.is_some();
            if ui
                .add_enabled(filtering, egui::Button::new("Clear filters"))
                .clicked()
            {
                self.list.filter.clear();
                self.kind = None;
            }
            new_record_button(ui, commands, RecordKind::Event);
        });
    }

    pub fn reveal(&mut self, id: &EventId) {
        self.list.selected = Some(id.clone());
        self.list.filter.clear();
        self.kind = None;
    }
}

/// The date column: the event's date, or when it was reported if undated.
fn when(event: &Event) -> String {
    match (event.date, event.reported_on) {
        (Some(date), _) => date_text(Some(date)),
        (None, Some(reported)) => format!("reported {}", date_text(Some(reported))),
        (None, None) => "date unknown".to_owned(),
    }
}

/// The participants' full names, which the codes in the table stand for.
fn participant_names(ws: &Workspace, event: &Event) -> String {
    let names: Vec<&str> = event
        .participants
        .iter()
        .map(|p| ws.party_name(p))
        .collect();
    names.join(", ")
}

fn participants(ws: &Workspace, event: &Event) -> String {
    event
        .participants
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

fn details_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>, event: &Event) {
    let ws = cx.ws;
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(&event.title).strong().size(17.0));
        marking_badge(ui, event.marking.as_ref());
    });
    record_actions(ui, cx.commands, cx.ws, RecordId::Event(event.id.clone()));
    ui.add_space(4.0);
    let date = match event.date {
        Some(date) => date.format("%A %-d %B %Y").to_string(),
        None => "not stated in the source".to_owned(),
    };
    let parties: Vec<&str> = event
        .participants
        .iter()
        .map(|p| ws.party_name(p))
        .collect();
    let mut rows = vec![
        ("Kind", event.kind.label().to_owned()),
        ("Date", date),
        ("Reported", date_text(event.reported_on)),
        ("Parties", parties.join(", ")),
    ];
    if !event.location.is_empty() {
        rows.push(("Location", event.location.clone()));
    }
    if !event.people.is_empty() {
        rows.push(("People", event.people.join("\n")));
    }
    details_grid(ui, "event_fields", &rows);
    if !event.summary.is_empty() {
        section(ui, "Summary");
        ui.label(&event.summary);
    }
    if !event.instruments.is_empty() {
        section(ui, "Instruments discussed");
        for id in &event.instruments {
            let title = ws
                .instruments
                .get(id.as_str())
                .map_or(id.as_str(), |i| i.title.as_str());
            if ui.link(title).clicked() {
                cx.commands
                    .push(Command::Reveal(RecordId::Instrument(id.clone())));
            }
        }
    }
    reported_figures_ui(ui, cx, event);
    section(ui, "Sources");
    citations_ui(ui, ws, &event.sources);
}

/// The figures reported at this event (their "reported at" link), each
/// opening the figure.
fn reported_figures_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>, event: &Event) {
    // A briefing gives a handful of figures; a list longer than this is
    // summarised rather than drawn every frame.
    const LISTED: usize = 50;
    let figures: Vec<_> = cx
        .ws
        .observations
        .iter()
        .filter(|o| o.reported_at.as_ref() == Some(&event.id))
        .collect();
    if figures.is_empty() {
        return;
    }
    section(ui, &format!("Figures reported ({})", figures.len()));
    for o in figures.iter().take(LISTED) {
        if ui.link(cx.ws.figure_label(o)).clicked() {
            cx.commands
                .push(Command::Reveal(RecordId::Observation(o.id.clone())));
        }
    }
    if figures.len() > LISTED {
        ui.weak(format!("and {} more", figures.len() - LISTED));
    }
}
