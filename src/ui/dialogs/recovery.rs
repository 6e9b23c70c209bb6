//! The offer to restore unsaved changes that a crash left behind. Reading
//! the recovery file and comparing it with what is open grows with the
//! workspace, so [`RecoveryPrompt::check`] runs in the background.

use std::path::{Path, PathBuf};

use crate::model::{Changes, Edit, Workspace, edit_between};
use crate::store::{self, Recovered};

/// Recovered work waiting for the user's decision.
pub struct RecoveryPrompt {
    recovered: Recovered,
    edit: Edit,
    changes: Changes,
    name: String,
}

pub enum RecoveryChoice {
    Restore(Edit),
    Discard,
}

/// What a check for a recovery file found.
pub enum RecoveryCheck {
    /// No recovery file, or one holding what is already open (removed).
    Nothing,
    /// A recovery file that cannot be read: left in place, and said so.
    Unreadable(String),
    Offer(Box<RecoveryPrompt>),
}

impl RecoveryPrompt {
    /// Reads the recovery file at `path` and compares it with `current`,
    /// the workspace `name` shows, decrypting it with `key` (the open
    /// workspace's) when encrypted. Slow on a large workspace: run it in
    /// the background.
    pub fn check(
        path: &Path,
        current: &Workspace,
        name: String,
        key: Option<&store::Key>,
    ) -> RecoveryCheck {
        match store::read_recovery(path, key) {
            None => RecoveryCheck::Nothing,
            Some(Err(err))
                if matches!(err, store::LoadError::Locked { .. }) || err.is_wrong_passphrase() =>
            {
                RecoveryCheck::Unreadable(format!(
                    "Unsaved changes were kept encrypted after a crash, but the open workspace's passphrase does not open them ({err}). The file was left in place: decrypt it with `coopdesk decrypt {} OUT.ron` and its passphrase, then open OUT.ron.",
                    path.display()
                ))
            }
            Some(Err(err)) => RecoveryCheck::Unreadable(format!(
                "Unsaved changes were kept after a crash, but cannot be read ({err}); the file was left in place."
            )),
            Some(Ok(recovered)) => {
                let (edit, changes) = edit_between(current, &recovered.workspace);
                if changes == Changes::default() {
                    // Nothing differs from what is open: nothing to offer.
                    store::remove_recovery(path);
                    return RecoveryCheck::Nothing;
                }
                RecoveryCheck::Offer(Box::new(Self {
                    recovered,
                    edit,
                    changes,
                    name,
                }))
            }
        }
    }

    pub fn path(&self) -> PathBuf {
        self.recovered.path.clone()
    }

    pub fn show(&self, ctx: &egui::Context) -> Option<RecoveryChoice> {
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("Recover unsaved changes?");
            let when = self.recovered.written.map_or_else(
                || "an earlier session".to_owned(),
                |t| chrono::DateTime::<chrono::Local>::from(t).format("%-d %b %Y, %H:%M").to_string(),
            );
            ui.label(format!(
                "coopdesk closed with unsaved changes to {}. They were kept at {when}: {} compared with what is open.",
                self.name, self.changes
            ));
            ui.weak("Restoring is one step that Ctrl+Z undoes; the changes stay unsaved until you save.");
            ui.horizontal(|ui| {
                if ui.button("Restore changes").clicked() {
                    choice = Some(RecoveryChoice::Restore(self.edit.clone()));
                }
                if ui.button("Discard them").clicked() {
                    choice = Some(RecoveryChoice::Discard);
                }
            });
        });
        choice
    }
}
