//! Autosave: while there are unsaved changes, a recovery copy is written
//! in the background, at most every `interval` and when the window loses
//! focus. What a crash left behind is offered by the recovery dialog.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::model::Workspace;
use crate::store;
use crate::ui::background::Revision;

/// Writes the recovery file in the background, at most every `interval`
/// and when the window loses focus, while the document is dirty.
pub struct Autosave {
    pub interval: Duration,
    last: Instant,
    /// The (generation, revision) and file of the last recovery written.
    written: Option<(Revision, PathBuf)>,
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
        key: Revision,
        dirty: bool,
        path: Option<PathBuf>,
        workspace: &Arc<Workspace>,
        encryption: Option<&store::Key>,
    ) -> Option<String> {
        let mut failure = None;
        if let Some(result) = self.running.as_ref().and_then(|rx| rx.try_recv().ok()) {
            self.running = None;
            failure = Self::failure(result);
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
            // An encrypted workspace's recovery copy is encrypted too.
            let encryption = encryption.cloned();
            std::thread::spawn(move || {
                let result = store::write_recovery(&target, &workspace, encryption.as_ref());
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

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Blocks until a recovery write under way has finished, at most
    /// `timeout` (tests and headless runs); returns its failure, if any.
    pub fn wait(&mut self, timeout: Duration) -> Option<String> {
        let result = self.running.as_ref()?.recv_timeout(timeout).ok()?;
        self.running = None;
        Self::failure(result)
    }

    fn failure((path, result): (PathBuf, std::io::Result<()>)) -> Option<String> {
        let err = result.err()?;
        Some(format!("Autosave to {} failed: {err}", path.display()))
    }
}
