//! "Delete?": names the record and every record that refers to it, since
//! deleting removes those references too.

use crate::model::{Edit, RecordId, Workspace, delete_with_references, references_to};
use crate::ui::widgets::record_title;

/// A delete waiting for confirmation.
pub struct DeleteConfirm {
    title: String,
    /// Records that refer to the one being deleted, as the user knows them.
    referrers: Vec<String>,
    edit: Edit,
}

impl DeleteConfirm {
    /// `None` when there is no such record.
    pub fn new(ws: &Workspace, record: &RecordId) -> Option<Self> {
        let edit = delete_with_references(ws, record)?;
        Some(Self {
            title: record_title(ws, record),
            referrers: references_to(ws, record)
                .iter()
                .map(|r| record_title(ws, r))
                .collect(),
            edit,
        })
    }

    /// `Some(edit)` once confirmed, `Some(None)` once cancelled.
    pub fn show(&self, ctx: &egui::Context) -> Option<Option<Edit>> {
        let mut decision = None;
        let modal = egui::Modal::new(egui::Id::unique("confirm_delete")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("Delete?");
            ui.label(&self.title);
            if self.referrers.is_empty() {
                ui.label("Nothing else refers to it.");
            } else {
                ui.label(format!(
                    "{} other record(s) refer to it. Deleting it also removes those references (and the figures of a deleted metric):",
                    self.referrers.len()
                ));
                crate::ui::widgets::dialog_scroll(200.0).show(ui, |ui| {
                    for referrer in &self.referrers {
                        ui.label(format!("• {referrer}"));
                    }
                });
            }
            ui.weak("You can undo this with Ctrl+Z.");
            ui.horizontal(|ui| {
                if ui.button("Delete").clicked() {
                    decision = Some(Some(self.edit.clone()));
                }
                if ui.button("Cancel").clicked() {
                    decision = Some(None);
                }
            });
        });
        if decision.is_none() && modal.should_close() {
            decision = Some(None);
        }
        decision
    }
}
