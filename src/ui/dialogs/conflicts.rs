//! "Merge conflicts": each field two merged copies changed differently
//! (or a record one deleted and the other changed), with the base, our and
//! their values; Keep ours or Take theirs resolves it as one undoable step,
//! Edit opens the record's form. Before a save with conflicts left, it says
//! so and offers to save anyway.

use crate::compare::{Side, shown_values, subject};
use crate::model::{RecordId, Workspace};

/// The open list of conflicts.
#[derive(Default)]
pub struct ConflictsDialog {
    /// Opened by Save: the user chooses between saving with the conflicts
    /// kept and resolving them first.
    pub before_save: bool,
}

pub enum ConflictsOutcome {
    Close,
    Resolve(usize, Side),
    EditRecord(RecordId),
    SaveAnyway,
}

impl ConflictsDialog {
    pub fn show(&self, ctx: &egui::Context, ws: &Workspace) -> Option<ConflictsOutcome> {
        let mut outcome = None;
        let modal = egui::Modal::new(egui::Id::unique("merge_conflicts")).show(ctx, |ui| {
            ui.set_width(720.0);
            ui.heading("Merge conflicts");
            let n = ws.conflicts.len();
            if n == 0 {
                ui.label("No conflicts are left: every merged field is resolved.");
            } else {
                ui.label(format!(
                    "{} changed differently in the two merged copies. The workspace holds ours until you choose; each choice is one step that Ctrl+Z undoes.",
                    crate::text::count(n, "field was", "fields were")
                ));
            }
            if self.before_save && n > 0 {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Saving now keeps the conflicts in the file (coopdesk check reports them), so that they can be resolved later.",
                );
            }
            crate::ui::widgets::dialog_scroll(420.0).show(ui, |ui| {
                for (index, conflict) in ws.conflicts.iter().enumerate() {
                    let [base, ours, theirs] = shown_values(ws, conflict);
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.strong(subject(ws, conflict));
                        egui::Grid::new(("conflict", index))
                            .num_columns(2)
                            .spacing([12.0, 4.0])
                            .show(ui, |ui| {
                                for (side, value) in [("Base", base), ("Ours", ours), ("Theirs", theirs)] {
                                    ui.weak(side);
                                    ui.add(egui::Label::new(value).wrap());
                                    ui.end_row();
                                }
                            });
                        ui.horizontal(|ui| {
                            if ui
                                .button("Keep ours")
                                .on_hover_text("Keep the value the workspace holds now")
                                .clicked()
                            {
                                outcome = Some(ConflictsOutcome::Resolve(index, Side::Ours));
                            }
                            if ui
                                .button("Take theirs")
                                .on_hover_text("Use the other copy's value")
                                .clicked()
                            {
                                outcome = Some(ConflictsOutcome::Resolve(index, Side::Theirs));
                            }
                            if let Some(record) = conflict.record()
                                && ws.record(&record).is_some()
                                && ui
                                    .button("Edit record…")
                                    .on_hover_text("Type another value in the record's form, then Keep ours")
                                    .clicked()
                            {
                                outcome = Some(ConflictsOutcome::EditRecord(record));
                            }
                        });
                    });
                }
            });
            ui.horizontal(|ui| {
                if self.before_save && ui.button("Save with the conflicts").clicked() {
                    outcome = Some(ConflictsOutcome::SaveAnyway);
                }
                if ui.button("Close").clicked() {
                    outcome = Some(ConflictsOutcome::Close);
                }
            });
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(ConflictsOutcome::Close);
        }
        outcome
    }
}
