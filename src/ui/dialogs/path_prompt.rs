//! The in-app path field: where no system file dialog is available, the
//! user types the path (with a suggestion filled in).

use std::path::PathBuf;

use crate::ui::FileAction;

/// The in-app path field.
pub struct PathPrompt {
    pub action: FileAction,
    pub text: String,
    /// Why the prompt is shown, or what was wrong with the last path.
    pub note: Option<String>,
    /// The field takes the keyboard focus once, when the prompt opens.
    focus_given: bool,
}

pub enum PromptOutcome {
    Cancel,
    Submit(PathBuf),
}

impl PathPrompt {
    pub fn new(action: FileAction, suggestion: Option<PathBuf>, note: Option<String>) -> Self {
        let text = suggestion.map_or_else(String::new, |p| p.display().to_string());
        Self {
            action,
            text,
            note,
            focus_given: false,
        }
    }

    pub fn show(&mut self, ctx: &egui::Context) -> Option<PromptOutcome> {
        let mut outcome = None;
        let modal = egui::Modal::new(egui::Id::unique("path_prompt")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(self.action.title());
            if let Some(note) = &self.note {
                ui.label(note);
            }
            ui.add_space(4.0);
            let field = crate::ui::widgets::text_field(
                ui,
                &mut self.text,
                self.action.hint(),
                f32::INFINITY,
            );
            if !self.focus_given {
                field.request_focus();
                self.focus_given = true;
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let has_text = !self.text.trim().is_empty();
                let submit = ui.add_enabled(has_text, egui::Button::new(self.action.button()));
                if (submit.clicked() || entered) && has_text {
                    outcome = Some(PromptOutcome::Submit(PathBuf::from(self.text.trim())));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(PromptOutcome::Cancel);
                }
            });
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(PromptOutcome::Cancel);
        }
        outcome
    }
}
