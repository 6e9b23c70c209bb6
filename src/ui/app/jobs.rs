//! File work off the UI thread: loading and saving a large workspace takes
//! seconds, and the window must keep repainting meanwhile.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use crate::analysis::Analysis;
use crate::export::ExportError;
use crate::export::chart::{self, Chart, ChartSize, OutputFormat};
use crate::export::{Brief, BriefFormat, BriefOptions};
use crate::model::Workspace;
use crate::store::{self, CsvError, ImportPlan, LoadError, Progress as _, SaveError};
use crate::ui::derived::Derived;

/// Why an import or export job failed; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Csv { path: PathBuf, source: CsvError },
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error("cannot write the CSV: {0}")]
    CsvWrite(#[from] csv::Error),
    #[error(transparent)]
    Write(#[from] std::io::Error),
}

/// What a finished job hands back.
pub enum JobOutcome {
    Opened {
        path: PathBuf,
        /// The passphrase it was opened with, kept for its saves.
        key: Option<store::Key>,
        /// The workspace with what the tabs derive from it, computed here
        /// too: on a large workspace that takes seconds as well.
        result: Result<(Workspace, Box<Derived>), LoadError>,
    },
    Saved {
        path: PathBuf,
        /// The document state that was written.
        state: u64,
        result: Result<(), SaveError>,
    },
    Planned {
        path: PathBuf,
        result: Result<ImportPlan, JobError>,
    },
    /// A briefing's text, for the paste dialog.
    BriefingText { result: Result<String, JobError> },
    /// Another copy of a workspace, read to compare with.
    ReadOtherCopy {
        path: PathBuf,
        /// To merge (not only compare).
        merge: bool,
        result: Result<Workspace, LoadError>,
    },
    Exported {
        path: PathBuf,
        /// What was written, e.g. "10 figures".
        result: Result<String, JobError>,
    },
}

/// The part of the open bar that reading the file fills.
const READ_SHARE: f32 = 0.6;

/// Hands a stage's progress to the status bar as a part (`span`) of the
/// whole bar, repainting it as it moves.
#[derive(Clone)]
struct ReadProgress {
    fraction: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    ctx: egui::Context,
    span: (f32, f32),
}

impl store::Progress for ReadProgress {
    fn report(&self, fraction: f32) {
        let (from, to) = self.span;
        let overall = from + (to - from) * fraction.clamp(0.0, 1.0);
        self.fraction.store(overall.to_bits(), Ordering::Relaxed);
        self.ctx.request_repaint();
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// A running job.
pub struct Job {
    /// Shown in the status bar while it runs, e.g. "Opening w.ron…".
    pub label: String,
    rx: Receiver<JobOutcome>,
    /// The outcome, once `wait` has received it.
    finished: Option<JobOutcome>,
    /// Rows read so far, for jobs that count them.
    progress: Arc<AtomicUsize>,
    /// The fraction done, as `f32` bits.
    fraction: Arc<AtomicU32>,
    /// Set to ask the job to stop; its result is then dropped.
    cancel: Arc<AtomicBool>,
    pub cancellable: bool,
}

impl Job {
    /// Reads a workspace, reporting progress and stopping on Cancel.
    /// `today` decides which milestones the derived data counts overdue;
    /// `key` decrypts an encrypted file (without it, one is `Locked`).
    pub fn open(
        path: PathBuf,
        key: Option<store::Key>,
        today: chrono::NaiveDate,
        ctx: &egui::Context,
    ) -> Self {
        let label = format!("Opening {}…", path.display());
        let fraction = Arc::new(AtomicU32::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        // Reading fills the bar to 60%, deriving the series and checks the
        // rest (on a million figures they take about as long).
        let progress = ReadProgress {
            fraction: fraction.clone(),
            cancel: cancel.clone(),
            ctx: ctx.clone(),
            span: (0.0, READ_SHARE),
        };
        let mut job = Self::spawn(label, ctx, move || {
            // A key is kept for the saves only if the file is encrypted.
            let key = key.filter(|_| store::file_is_encrypted(&path));
            let result = store::open_keyed(&path, key.as_ref(), &progress).and_then(|workspace| {
                let deriving = ReadProgress {
                    span: (READ_SHARE, 1.0),
                    ..progress.clone()
                };
                let derived = Derived::of_with_progress(&workspace, today, &|f| deriving.report(f));
                if progress.cancelled() {
                    Err(LoadError::Cancelled { path: path.clone() })
                } else {
                    Ok((workspace, Box::new(derived)))
                }
            });
            JobOutcome::Opened { path, key, result }
        });
        job.fraction = fraction;
        job.cancel = cancel;
        job.cancellable = true;
        job
    }

    /// Saves the workspace, encrypted with `key` when given.
    pub fn save(
        workspace: Arc<Workspace>,
        path: PathBuf,
        state: u64,
        key: Option<store::Key>,
        ctx: &egui::Context,
    ) -> Self {
        let label = format!("Saving {}…", path.display());
        Self::spawn(label, ctx, move || JobOutcome::Saved {
            result: store::save_keyed(&workspace, &path, key.as_ref()),
            path,
            state,
        })
    }

    /// Reads another copy of a workspace (never opened for editing: no lock,
    /// and nothing beside it is cleared).
    pub fn read_other_copy(
        path: PathBuf,
        merge: bool,
        key: Option<store::Key>,
        ctx: &egui::Context,
    ) -> Self {
        let label = format!("Reading {}…", path.display());
        Self::spawn(label, ctx, move || {
            let result = store::load_keyed(&path, key.as_ref(), &store::Quiet);
            JobOutcome::ReadOtherCopy {
                path,
                merge,
                result,
            }
        })
    }

    /// Reads a briefing's text file (UTF-8; a byte-order mark is dropped).
    pub fn read_briefing_text(path: PathBuf, ctx: &egui::Context) -> Self {
        let label = format!("Reading {}…", path.display());
        Self::spawn(label, ctx, move || {
            let result = std::fs::read(&path)
                .and_then(|bytes| {
                    String::from_utf8(bytes).map_err(|_| {
                        std::io::Error::new(
                            std::io::ErrorKind::InvalidData,
                            "not UTF-8 text (is it a binary file?); save the briefing as plain UTF-8 text",
                        )
                    })
                })
                .map(|text| text.trim_start_matches('\u{feff}').to_owned())
                .map_err(|source| JobError::Read { path, source });
            JobOutcome::BriefingText { result }
        })
    }

    /// Reads a CSV and plans its import against `workspace`.
    pub fn plan_import(workspace: Arc<Workspace>, path: PathBuf, ctx: &egui::Context) -> Self {
        let label = format!("Reading {}…", path.display());
        let progress = Arc::new(AtomicUsize::new(0));
        let fraction = Arc::new(AtomicU32::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (job_progress, job_fraction, job_cancel, repaint) = (
            progress.clone(),
            fraction.clone(),
            cancel.clone(),
            ctx.clone(),
        );
        let mut job = Self::spawn(label, ctx, move || {
            let result = std::fs::read(&path)
                .map_err(|source| JobError::Read {
                    path: path.clone(),
                    source,
                })
                .and_then(|bytes| {
                    store::plan_import(&workspace, &bytes, |rows, done| {
                        job_progress.store(rows, Ordering::Relaxed);
                        job_fraction.store(done.to_bits(), Ordering::Relaxed);
                        repaint.request_repaint();
                        !job_cancel.load(Ordering::Relaxed)
                    })
                    .map_err(|source| JobError::Csv {
                        path: path.clone(),
                        source,
                    })
                });
            JobOutcome::Planned { path, result }
        });
        job.progress = progress;
        job.fraction = fraction;
        job.cancel = cancel;
        job.cancellable = true;
        job
    }

    /// Writes every observation as CSV.
    pub fn export_csv(workspace: Arc<Workspace>, path: PathBuf, ctx: &egui::Context) -> Self {
        let label = format!("Exporting {}…", path.display());
        Self::spawn(label, ctx, move || {
            let mut text = Vec::new();
            let result = store::write_observations_csv(&workspace, &mut text)
                .map_err(JobError::from)
                .and_then(|()| Ok(store::write_atomically(&path, &text)?))
                .map(|()| crate::text::count(workspace.observations.len(), "figure", "figures"));
            JobOutcome::Exported { path, result }
        })
    }

    /// Writes text made on the UI thread (small: a chart's series).
    pub fn write_text(text: String, what: String, path: PathBuf, ctx: &egui::Context) -> Self {
        let label = format!("Exporting {}…", path.display());
        Self::spawn(label, ctx, move || JobOutcome::Exported {
            result: store::write_atomically(&path, text.as_bytes())
                .map(|()| what)
                .map_err(JobError::from),
            path,
        })
    }

    /// Draws a chart as PNG or SVG (by the path's extension) and writes it.
    pub fn export_chart(chart: Chart, path: PathBuf, ctx: &egui::Context) -> Self {
        let label = format!("Exporting {}…", path.display());
        Self::spawn(label, ctx, move || {
            let result = OutputFormat::from_path(&path)
                .and_then(|format| match format {
                    OutputFormat::Png => chart::to_png(&chart, ChartSize::default()),
                    OutputFormat::Svg => {
                        chart::to_svg(&chart, ChartSize::default()).map(String::into_bytes)
                    }
                })
                .map_err(JobError::from)
                .and_then(|bytes| Ok(store::write_atomically(&path, &bytes)?))
                .map(|()| format!("the chart \"{}\" ({})", chart.title, chart.marking));
            JobOutcome::Exported { path, result }
        })
    }

    /// Draws the timeline as PNG or SVG (by the path's extension) and
    /// writes it.
    pub fn export_timeline(
        timeline: crate::analysis::Timeline,
        path: PathBuf,
        ctx: &egui::Context,
    ) -> Self {
        use crate::export::timeline::{WIDTH, to_png, to_svg};
        let label = format!("Exporting {}…", path.display());
        Self::spawn(label, ctx, move || {
            let result = OutputFormat::from_path(&path)
                .and_then(|format| match format {
                    OutputFormat::Png => to_png(&timeline, WIDTH),
                    OutputFormat::Svg => to_svg(&timeline, WIDTH).map(String::into_bytes),
                })
                .map_err(JobError::from)
                .and_then(|bytes| Ok(store::write_atomically(&path, &bytes)?))
                .map(|()| format!("the timeline ({}, {})", timeline.period(), timeline.marking));
            JobOutcome::Exported { path, result }
        })
    }

    /// Builds the brief of the workspace and writes it as HTML or PDF (by
    /// the path's extension).
    /// `release_note`: "Released at …: N records withheld", shown first.
    pub fn export_brief(
        workspace: Arc<Workspace>,
        release_note: Option<String>,
        path: PathBuf,
        ctx: &egui::Context,
    ) -> Self {
        let label = format!("Writing the brief {}…", path.display());
        Self::spawn(label, ctx, move || {
            let result = BriefFormat::from_path(&path)
                .and_then(|format| {
                    let analysis = Analysis::compute(&workspace);
                    let options = BriefOptions {
                        as_of: None,
                        release_note,
                    };
                    let brief = Brief::build(&workspace, &analysis, &options);
                    let marking = brief.marking.to_string();
                    brief.render(format).map(|bytes| (bytes, marking))
                })
                .map_err(JobError::from)
                .and_then(|(bytes, marking)| {
                    store::write_atomically(&path, &bytes)?;
                    Ok(format!("the brief ({marking})"))
                });
            JobOutcome::Exported { path, result }
        })
    }

    /// How much of the work is done, 0 to 1.
    pub fn fraction_done(&self) -> f32 {
        f32::from_bits(self.fraction.load(Ordering::Relaxed))
    }

    pub fn rows_read(&self) -> usize {
        self.progress.load(Ordering::Relaxed)
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
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
        Self {
            label,
            rx,
            finished: None,
            progress: Arc::new(AtomicUsize::new(0)),
            fraction: Arc::new(AtomicU32::new(0)),
            cancel: Arc::new(AtomicBool::new(false)),
            cancellable: false,
        }
    }

    /// The outcome once the job has finished.
    pub fn poll(&mut self) -> Option<JobOutcome> {
        self.finished.take().or_else(|| self.rx.try_recv().ok())
    }

    /// Blocks until the job has finished, at most `timeout` (tests and
    /// headless runs); `poll` then hands over the outcome.
    pub fn wait(&mut self, timeout: Duration) {
        if self.finished.is_none() {
            self.finished = self.rx.recv_timeout(timeout).ok();
        }
    }
}
