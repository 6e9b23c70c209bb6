//! "Unsaved changes": asked before an action that would drop them.

use crate::ui::GuardedAction;

pub struct UnsavedPrompt {
    pub action: GuardedAction,
    /// The workspace's name, as the title bar shows it.
    pub name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    Save,
    Discard,
    Cancel,
}

impl UnsavedPrompt {
    pub fn show(&self, ctx: &egui::Context) -> Option<UnsavedChoice> {
        let mut choice = None;
        let modal = egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading("Unsaved changes");
            ui.label(format!(
                "{} has changes that are not saved. Save them before {}?",
                self.name,
                self.action.verb()
            ));
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some(UnsavedChoice::Save);
                }
                if ui.button("Discard changes").clicked() {
                    choice = Some(UnsavedChoice::Discard);
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(UnsavedChoice::Cancel);
                }
            });
        });
        if choice.is_none() && modal.should_close() {
            choice = Some(UnsavedChoice::Cancel);
        }
        choice
    }
}
