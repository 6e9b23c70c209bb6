//! "Change history": every change recorded in the workspace, newest first,
//! filtered by record, person and day; the name the user goes by in it;
//! and "Mark as reviewed", which the Overview counts changes from.

use chrono::NaiveDate;

use crate::model::{HistoryEntry, RecordId, Workspace};
use crate::text::{count, fold};
use crate::ui::widgets::text_field;

/// Changes listed at once (the filters find older ones).
const LISTED: usize = 200;

#[derive(Default)]
pub struct HistoryDialog {
    record: String,
    person: String,
    since: String,
    name: String,
    name_loaded: bool,
}

pub enum HistoryOutcome {
    Close,
    SetName(String),
    MarkReviewed,
}

impl HistoryDialog {
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        ws: &Workspace,
        display_name: &str,
    ) -> Option<HistoryOutcome> {
        if !self.name_loaded {
            self.name = display_name.to_owned();
            self.name_loaded = true;
        }
        let mut outcome = None;
        let since = NaiveDate::parse_from_str(self.since.trim(), "%Y-%m-%d").ok();
        let modal = egui::Modal::new(egui::Id::unique("change_history")).show(ctx, |ui| {
            ui.set_width(820.0);
            ui.heading("Change history");
            ui.horizontal(|ui| {
                ui.label("Your name in the history:");
                text_field(ui, &mut self.name, "Your name", 220.0);
                if ui
                    .add_enabled(
                        self.name.trim() != display_name,
                        egui::Button::new("Use this name"),
                    )
                    .clicked()
                {
                    outcome = Some(HistoryOutcome::SetName(self.name.trim().to_owned()));
                }
                if ui
                    .button("Mark as reviewed")
                    .on_hover_text("The Overview then counts the changes made after this")
                    .clicked()
                {
                    outcome = Some(HistoryOutcome::MarkReviewed);
                }
            });
            ui.horizontal(|ui| {
                text_field(ui, &mut self.record, "Record", 240.0);
                text_field(ui, &mut self.person, "Person", 160.0);
                text_field(ui, &mut self.since, "Since YYYY-MM-DD", 140.0);
                if !self.since.trim().is_empty() && since.is_none() {
                    ui.colored_label(ui.visuals().error_fg_color, "a day as YYYY-MM-DD");
                }
            });
            let shown: Vec<&HistoryEntry> = ws
                .history
                .iter()
                .rev()
                .filter(|e| self.matches(ws, e, since))
                .collect();
            ui.weak(format!(
                "{} of {}",
                shown.len(),
                count(ws.history.len(), "change", "changes")
            ));
            crate::ui::widgets::dialog_scroll(440.0).show(ui, |ui| {
                if ws.history.is_empty() {
                    ui.label("No changes are recorded yet: every change made from now on is.");
                }
                for entry in shown.iter().take(LISTED) {
                    entry_ui(ui, entry);
                }
                if shown.len() > LISTED {
                    ui.weak(format!(
                        "and {} older; narrow the filters to see them.",
                        shown.len() - LISTED
                    ));
                }
            });
            if ui.button("Close").clicked() {
                outcome = Some(HistoryOutcome::Close);
            }
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(HistoryOutcome::Close);
        }
        outcome
    }

    fn matches(&self, ws: &Workspace, entry: &HistoryEntry, since: Option<NaiveDate>) -> bool {
        let record = fold(self.record.trim());
        let person = fold(self.person.trim());
        let on_or_after =
            since.is_none_or(|d| entry.day() >= d.format("%Y-%m-%d").to_string().as_str());
        let by = person.is_empty() || fold(&entry.who()).contains(&person);
        let about = record.is_empty()
            || fold(&entry.what).contains(&record)
            || entry.records.iter().any(|r| {
                fold(r).contains(&record)
                    || RecordId::parse(r)
                        .is_some_and(|id| fold(&ws.record_label(&id)).contains(&record))
            });
        on_or_after && by && about
    }
}

/// One change: when, who, what, and the fields it set.
pub fn entry_ui(ui: &mut egui::Ui, entry: &HistoryEntry) {
    let when = entry
        .at
        .get(..16)
        .unwrap_or(&entry.at)
        .replacen('T', " ", 1);
    ui.horizontal_wrapped(|ui| {
        ui.weak(format!("{when} UTC"));
        ui.strong(entry.who());
        ui.label(&entry.what);
    });
    if !entry.fields.is_empty() {
        ui.indent(("history_fields", &entry.at, &entry.what), |ui| {
            for field in &entry.fields {
                ui.horizontal_wrapped(|ui| {
                    ui.weak(format!("{}:", field.field));
                    ui.label(&field.old);
                    ui.weak("became");
                    ui.label(&field.new);
                });
            }
        });
    }
}
