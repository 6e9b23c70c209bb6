//! Autosave while there are unsaved changes, and the offer to restore what
//! a crash left behind.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::model::{Changes, Edit, Workspace, edit_between};
use crate::store::{self, Recovered};

/// Writes the recovery file in the background, at most every `interval`
/// and when the window loses focus, while the document is dirty.
pub struct Autosave {
    pub interval: Duration,
    last: Instant,
    /// The (generation, revision) and file of the last recovery written.
    written: Option<((u64, u64), PathBuf)>,
    running: Option<Receiver<(PathBuf, std::io::Result<()>)>>,
}

impl Autosave {
    pub fn new(interval: Duration) -> Self {
        Self {
            interval,
            last: Instant::now(),
            written: None,
            running: None,
        }
    }

    /// Starts a background write when one is due; returns a failure of the
    /// previous one, to be shown.
    pub fn tick(
        &mut self,
        ctx: &egui::Context,
        key: (u64, u64),
        dirty: bool,
        path: Option<PathBuf>,
        workspace: &Arc<Workspace>,
    ) -> Option<String> {
        let mut failure = None;
        if let Some(result) = self.running.as_ref().and_then(|rx| rx.try_recv().ok()) {
            self.running = None;
            if let (path, Err(err)) = result {
                failure = Some(format!("Autosave to {} failed: {err}", path.display()));
            }
        }
        let Some(path) = path else { return failure };
        if !dirty || self.running.is_some() || self.written.as_ref().is_some_and(|(k, _)| *k == key)
        {
            return failure;
        }
        let focus_lost = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(false)))
        });
        if focus_lost || self.last.elapsed() >= self.interval {
            let (tx, rx) = channel();
            let workspace = Arc::clone(workspace);
            let target = path.clone();
            std::thread::spawn(move || {
                let result = store::write_recovery(&target, &workspace);
                // The app may have closed; then nobody needs to know.
                let _ = tx.send((target, result));
            });
            self.running = Some(rx);
            self.written = Some((key, path));
            self.last = Instant::now();
        } else {
            ctx.request_repaint_after(self.interval.saturating_sub(self.last.elapsed()));
        }
        failure
    }

    /// The changes are safe on disk (or deliberately dropped): the recovery
    /// file goes.
    pub fn clear(&mut self, also: Option<PathBuf>) {
        if let Some((_, path)) = self.written.take() {
            store::remove_recovery(&path);
        }
        if let Some(path) = also {
            store::remove_recovery(&path);
        }
        self.last = Instant::now();
    }
}

/// Recovered work waiting for the user's decision.
pub struct RecoveryPrompt {
    recovered: Recovered,
    edit: Edit,
    changes: Changes,
    name: String,
}

pub enum RecoveryChoice {
    Undecided,
    Restore(Edit),
    Discard,
}

impl RecoveryPrompt {
    /// `None` when the recovered work is what is already open.
    pub fn new(recovered: Recovered, current: &Workspace, name: String) -> Option<Self> {
        let (edit, changes) = edit_between(current, &recovered.workspace);
        (changes != Changes::default()).then_some(Self {
            recovered,
            edit,
            changes,
            name,
        })
    }

    pub fn path(&self) -> PathBuf {
        self.recovered.path.clone()
    }

    pub fn show(&self, ctx: &egui::Context) -> RecoveryChoice {
        let mut choice = RecoveryChoice::Undecided;
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
                    choice = RecoveryChoice::Restore(self.edit.clone());
                }
                if ui.button("Discard them").clicked() {
                    choice = RecoveryChoice::Discard;
                }
            });
        });
        choice
    }
}
