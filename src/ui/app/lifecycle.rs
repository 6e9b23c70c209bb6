//! Replacing or closing the workspace without losing unsaved changes: the
//! unsaved-changes question, a save that must finish before the action
//! goes on, and a close that waits for the file job under way. One state
//! enum holds where the app is on that path.

use crate::document::Document;
use crate::ui::App;
use crate::ui::dialogs::Modal;
use crate::ui::dialogs::unsaved::UnsavedPrompt;

/// An action that would drop unsaved changes, waiting for the user's word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuardedAction {
    New,
    Open,
    Quit,
}

impl GuardedAction {
    pub fn verb(self) -> &'static str {
        match self {
            GuardedAction::New => "starting a new workspace",
            GuardedAction::Open => "opening another workspace",
            GuardedAction::Quit => "quitting",
        }
    }
}

/// Where the app is on the way to replacing or closing the workspace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lifecycle {
    #[default]
    Editing,
    /// "Save" was chosen in the unsaved-changes dialog: the action goes on
    /// once the save succeeds, and is dropped if it fails or is cancelled.
    SavingBefore(GuardedAction),
    /// Close once the file job under way has finished: quitting mid-save
    /// would lose it.
    ClosingAfterJob,
    /// The user agreed to close: the next close request passes.
    Closing,
}

impl App {
    /// Runs an action that replaces or closes the workspace, asking first
    /// when that would lose unsaved changes.
    pub(super) fn guarded(&mut self, action: GuardedAction, ctx: &egui::Context) {
        if self.doc.is_dirty() {
            let name = self.doc.display_name();
            self.open_modal(Modal::Unsaved(UnsavedPrompt { action, name }));
        } else {
            self.perform(action, ctx);
        }
    }

    /// "Save" in the unsaved-changes dialog: the action waits for the save.
    pub(super) fn save_before(&mut self, action: GuardedAction) {
        self.lifecycle = Lifecycle::SavingBefore(action);
    }

    /// "Discard changes": the user chose to lose them, recovery copy too.
    pub(super) fn discard_before(&mut self, action: GuardedAction, ctx: &egui::Context) {
        self.autosave.clear(self.recovery_file());
        self.perform(action, ctx);
    }

    pub(super) fn perform(&mut self, action: GuardedAction, ctx: &egui::Context) {
        match action {
            GuardedAction::New => {
                if !self.refuse_while_busy() {
                    self.replace_document(Document::empty());
                }
            }
            GuardedAction::Open => self.choose_file(crate::ui::FileAction::Open, ctx),
            GuardedAction::Quit => {
                if self.job.is_some() {
                    self.lifecycle = Lifecycle::ClosingAfterJob;
                    self.show_info("Finishing the current file operation before closing…");
                } else {
                    self.lifecycle = Lifecycle::Closing;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// A save finished: an action waiting for it goes on, or is dropped.
    pub(super) fn after_save(&mut self, saved: bool, ctx: &egui::Context) {
        if let Lifecycle::SavingBefore(action) = self.lifecycle {
            self.lifecycle = Lifecycle::Editing;
            if saved {
                self.perform(action, ctx);
            }
        }
    }

    /// The file choice for a save was cancelled: nothing waits for it now.
    pub(super) fn file_choice_cancelled(&mut self) {
        if matches!(self.lifecycle, Lifecycle::SavingBefore(_)) {
            self.lifecycle = Lifecycle::Editing;
        }
    }

    /// A file job finished: a close waiting for it goes on.
    pub(super) fn after_job(&mut self, ctx: &egui::Context) {
        if self.lifecycle == Lifecycle::ClosingAfterJob {
            self.lifecycle = Lifecycle::Closing;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// The window's close button: asks about unsaved changes, and lets a
    /// save finish first.
    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.lifecycle == Lifecycle::Closing {
            return;
        }
        if self.doc.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.guarded(GuardedAction::Quit, ctx);
            return;
        }
        if self.job.is_some() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.lifecycle = Lifecycle::ClosingAfterJob;
            self.show_info("Finishing the current file operation before closing…");
        }
    }
}
