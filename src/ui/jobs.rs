//! File work off the UI thread: loading and saving a large workspace takes
//! seconds, and the window must keep repainting meanwhile.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use crate::model::Workspace;
use crate::store::{self, LoadError, SaveError};

/// What a finished job hands back.
pub enum JobOutcome {
    Opened {
        path: PathBuf,
        result: Result<Workspace, LoadError>,
    },
    Saved {
        path: PathBuf,
        /// The document state that was written.
        state: u64,
        result: Result<(), SaveError>,
    },
}

/// A running job.
pub struct Job {
    /// Shown in the status bar while it runs, e.g. "Opening w.ron…".
    pub label: String,
    rx: Receiver<JobOutcome>,
}

impl Job {
    pub fn open(path: PathBuf, ctx: &egui::Context) -> Self {
        let label = format!("Opening {}…", path.display());
        Self::spawn(label, ctx, move || JobOutcome::Opened {
            result: store::load(&path),
            path,
        })
    }

    pub fn save(workspace: Workspace, path: PathBuf, state: u64, ctx: &egui::Context) -> Self {
        let label = format!("Saving {}…", path.display());
        Self::spawn(label, ctx, move || JobOutcome::Saved {
            result: store::save(&workspace, &path),
            path,
            state,
        })
    }

    fn spawn(
        label: String,
        ctx: &egui::Context,
        work: impl FnOnce() -> JobOutcome + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // The receiver is gone only if the app closed; nothing to tell then.
            let _ = tx.send(work());
            ctx.request_repaint();
        });
        Self { label, rx }
    }

    /// The outcome once the job has finished.
    pub fn poll(&self) -> Option<JobOutcome> {
        self.rx.try_recv().ok()
    }
}
