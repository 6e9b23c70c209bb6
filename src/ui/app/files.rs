//! Files: choosing one (system dialog or path field), starting the job that
//! reads or writes it off the UI thread, and taking the job's outcome; the
//! lock on the open file; where its recovery copy goes.

use std::path::{Path, PathBuf};

use crate::document::{Document, Origin};
use crate::store;
use crate::text::count;
use std::sync::Arc;

use crate::ui::app::file_dialog::{DialogOutcome, FileAction, NativeDialog};
use crate::ui::app::jobs::{Job, JobOutcome};
use crate::ui::dialogs::Modal;
use crate::ui::dialogs::file_in_use::FileInUse;
use crate::ui::dialogs::import_preview::ImportPreview;
use crate::ui::dialogs::path_prompt::PathPrompt;
use crate::ui::{App, Command};

impl App {
    /// Save: to the document's file, or asks for one.
    pub(super) fn save(&mut self, ctx: &egui::Context) {
        if self.doc.is_read_only() {
            self.show_info("This workspace is open read-only: save a copy under another name.");
            self.choose_file(FileAction::SaveAs, ctx);
            return;
        }
        match self.doc.path() {
            Some(path) => {
                let path = path.to_owned();
                self.start_save(path, ctx);
            }
            None => self.choose_file(FileAction::SaveAs, ctx),
        }
    }

    /// Says so and returns `true` while a file job runs: one at a time.
    pub(super) fn refuse_while_busy(&mut self) -> bool {
        if let Some(job) = &self.job {
            let text = format!("Please wait: {}", job.label);
            self.show_info(text);
            true
        } else {
            false
        }
    }

    pub(super) fn choose_file(&mut self, action: FileAction, ctx: &egui::Context) {
        if self.refuse_while_busy()
            || self.native_dialog.is_some()
            || matches!(self.modal, Some(Modal::PathPrompt(_)))
        {
            return;
        }
        let suggestion = self.suggested_path(action);
        if self.use_native_dialogs {
            self.native_dialog = Some(NativeDialog::spawn(action, suggestion, ctx));
        } else {
            self.open_modal(Modal::PathPrompt(PathPrompt::new(action, suggestion, None)));
        }
    }

    /// Where files go when only a name is given: beside the open file, else
    /// beside the last one, else the default folder, else the current one.
    fn working_folder(&self) -> PathBuf {
        self.doc
            .path()
            .and_then(Path::parent)
            .map(ToOwned::to_owned)
            .or_else(|| {
                self.view
                    .last_file
                    .as_deref()
                    .and_then(Path::parent)
                    .map(ToOwned::to_owned)
            })
            .or_else(|| self.default_folder.clone())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default()
    }

    fn suggested_path(&self, action: FileAction) -> Option<PathBuf> {
        match action {
            FileAction::Open | FileAction::CompareWith | FileAction::MergeWith => self
                .view
                .last_file
                .clone()
                .or_else(|| self.doc.path().map(ToOwned::to_owned)),
            FileAction::SaveAs => self.doc.path().map(ToOwned::to_owned).or_else(|| {
                let folder = self
                    .view
                    .last_file
                    .as_ref()
                    .and_then(|p| p.parent().map(ToOwned::to_owned))
                    .or_else(|| self.default_folder.clone())
                    .or_else(|| std::env::current_dir().ok())?;
                Some(folder.join(default_file_name(&self.doc.workspace().title)))
            }),
            FileAction::ImportCsv | FileAction::OpenBriefingText => None,
            FileAction::ExportCsv
            | FileAction::ExportSeriesCsv
            | FileAction::ExportChart(_)
            | FileAction::ExportTimeline
            | FileAction::ExportBrief => {
                let folder = self
                    .doc
                    .path()
                    .and_then(|p| p.parent().map(ToOwned::to_owned))
                    .or_else(|| self.default_folder.clone())
                    .or_else(|| std::env::current_dir().ok())?;
                let ws = self.doc.workspace();
                let stem = default_file_name(&ws.title);
                let stem = stem.strip_suffix(".ron").unwrap_or(&stem);
                Some(folder.join(match action {
                    FileAction::ExportChart(kind) => format!(
                        "{stem}-{}.png",
                        self.view.statistics.chart_file_stem(ws, kind)
                    ),
                    FileAction::ExportTimeline => format!("{stem}-timeline.png"),
                    FileAction::ExportBrief => format!("{stem}-brief.pdf"),
                    _ => format!("{stem}.csv"),
                }))
            }
        }
    }

    pub(super) fn file_chosen(&mut self, action: FileAction, path: PathBuf, ctx: &egui::Context) {
        if self.refuse_while_busy() {
            return;
        }
        // A bare name typed in the path field means the folder the field
        // suggested (the workspace's), not wherever coopdesk was started.
        let path = if path.is_relative() {
            self.working_folder().join(path)
        } else {
            path
        };
        let workspace = self.doc.shared_workspace();
        let job = match action {
            FileAction::Open => Job::open(path, None, self.today(), ctx),
            FileAction::CompareWith => Job::read_other_copy(path, false, None, ctx),
            FileAction::MergeWith => Job::read_other_copy(path, true, None, ctx),
            FileAction::OpenBriefingText => Job::read_briefing_text(path, ctx),
            FileAction::SaveAs => {
                let path = with_default_extension(path, "ron");
                let key = self.doc.key().cloned();
                Job::save(workspace, path, self.doc.state(), key, ctx)
            }
            FileAction::ImportCsv => Job::plan_import(workspace, path, ctx),
            FileAction::ExportCsv
            | FileAction::ExportSeriesCsv
            | FileAction::ExportChart(_)
            | FileAction::ExportTimeline
            | FileAction::ExportBrief => match self.export_job(action, path, ctx) {
                Some(job) => job,
                None => return,
            },
        };
        self.job = Some(job);
    }

    fn start_save(&mut self, path: PathBuf, ctx: &egui::Context) {
        if self.refuse_while_busy() {
            return;
        }
        let workspace = self.doc.shared_workspace();
        let key = self.doc.key().cloned();
        self.job = Some(Job::save(workspace, path, self.doc.state(), key, ctx));
    }

    /// Takes the answer of a system file dialog and the outcome of a job.
    pub(super) fn poll_files(&mut self, ctx: &egui::Context) {
        if let Some(outcome) = self.native_dialog.as_ref().and_then(NativeDialog::poll) {
            let action = self
                .native_dialog
                .take()
                .map_or(FileAction::Open, |d| d.action);
            match outcome {
                DialogOutcome::Chosen(path) => self.file_chosen(action, path, ctx),
                DialogOutcome::Cancelled => self.file_choice_cancelled(),
                DialogOutcome::Unavailable => {
                    let note = "No system file dialog is available here; type the path instead.";
                    let suggestion = self.suggested_path(action);
                    self.open_modal(Modal::PathPrompt(PathPrompt::new(
                        action,
                        suggestion,
                        Some(note.to_owned()),
                    )));
                }
            }
        }
        let Some(outcome) = self.job.as_mut().and_then(Job::poll) else {
            return;
        };
        let cancelled = self.job.as_ref().is_some_and(Job::is_cancelled);
        self.job = None;
        self.job_finished(outcome, cancelled, ctx);
        self.after_job(ctx);
    }

    fn job_finished(&mut self, outcome: JobOutcome, cancelled: bool, ctx: &egui::Context) {
        match outcome {
            JobOutcome::Opened { path, key, result } => match result {
                Ok((workspace, derived)) => {
                    self.view.last_file = Some(path.clone());
                    let mut doc = Document::new(workspace, Origin::File(path.clone()));
                    doc.set_key(key);
                    self.replace_document_derived(doc, *derived);
                    self.lock_file(&path, ctx);
                    let errors = self.derived.latest().errors.len();
                    let conflicts = self.doc.workspace().conflicts.len();
                    if conflicts > 0 {
                        // A merged file: its conflicts are what to do first.
                        self.show_error(format!(
                            "{} holds {} from a merge: keep ours or take theirs for each.",
                            path.display(),
                            count(conflicts, "unresolved conflict", "unresolved conflicts")
                        ));
                        self.run(Command::ResolveConflicts { before_save: false }, ctx);
                    } else if errors > 0 {
                        self.show_error(format!(
                            "{} opened, but {errors} record(s) have invalid data: see Data checks on the Overview.",
                            path.display()
                        ));
                    }
                }
                // The workspace on screen stays as it was.
                Err(store::LoadError::Cancelled { .. }) => {
                    self.show_info("Opening cancelled; the workspace on screen is as it was.")
                }
                Err(err) if self.ask_passphrase(&err, FileAction::Open) => {}
                Err(err) => self.show_error(format!("Could not open the workspace. {err}")),
            },
            JobOutcome::ReadOtherCopy {
                path,
                merge,
                result,
            } => match result {
                Ok(theirs) => {
                    let theirs = Arc::new(theirs);
                    let command = if merge {
                        Command::Merge { path, theirs }
                    } else {
                        Command::Compare { path, theirs }
                    };
                    self.run(command, ctx);
                }
                Err(err)
                    if self.ask_passphrase(
                        &err,
                        if merge {
                            FileAction::MergeWith
                        } else {
                            FileAction::CompareWith
                        },
                    ) => {}
                Err(err) => self.show_error(format!("Could not compare. {err}")),
            },
            JobOutcome::BriefingText { result } => match result {
                Ok(text) => self.run(Command::PasteBriefingText(text), ctx),
                Err(err) => self.show_error(format!("Could not read the briefing: {err}")),
            },
            JobOutcome::Planned { path, result } => match result {
                Ok(_) if cancelled => self.show_info("Import cancelled; nothing changed."),
                Ok(plan) => self.open_modal(Modal::ImportPreview(ImportPreview::new(path, plan))),
                Err(err) => self.show_error(format!("Could not import: {err}")),
            },
            JobOutcome::Exported { path, result } => match result {
                Ok(what) => {
                    let notice = self.export_notice.take();
                    let notice = notice.map(|n| format!(" {n}.")).unwrap_or_default();
                    self.show_info(format!("Exported {what} to {}.{notice}", path.display()));
                }
                Err(err) => {
                    self.export_notice = None;
                    self.show_error(format!("{}: could not export: {err}", path.display()));
                }
            },
            JobOutcome::Saved {
                path,
                state,
                result,
            } => match result {
                Ok(()) => {
                    let new_file = self.doc.path() != Some(path.as_path());
                    self.doc.mark_saved(&path, state);
                    if new_file {
                        self.lock = None;
                        self.lock_file(&path, ctx);
                    }
                    if !self.doc.is_dirty() {
                        self.autosave.clear(self.recovery_file());
                    }
                    self.view.last_file = Some(path.clone());
                    self.show_info(format!("Saved {}", path.display()));
                    self.after_save(true, ctx);
                }
                Err(err) => {
                    self.show_error(format!("{err} Your changes are still open here."));
                    self.after_save(false, ctx);
                }
            },
        }
    }

    /// Locks `path` for this window, then checks for what a crash left.
    /// If another coopdesk has the file, asks first whether to open it
    /// read-only or take it over (the answer decides where its recovery
    /// copy is).
    fn lock_file(&mut self, path: &Path, ctx: &egui::Context) {
        match store::lock(path) {
            Ok(lock) => self.lock = Some(lock),
            Err(store::LockError::Held { holder, .. }) => {
                self.lock = None;
                self.doc.set_read_only(true);
                let name = self.doc.display_name();
                self.open_modal(Modal::FileInUse(FileInUse { holder, name }));
                return;
            }
            // A folder that cannot hold a lock file (read-only media) still
            // opens; there is no other editor to protect against there.
            Err(store::LockError::Io { .. }) => self.lock = None,
        }
        self.check_recovery(ctx);
    }

    /// Where this document's unsaved changes are autosaved. A read-only
    /// copy keeps its own out of the way of the editor that has the file.
    pub(super) fn recovery_file(&self) -> Option<PathBuf> {
        let file = self.doc.path().filter(|_| !self.doc.is_read_only());
        store::recovery_path(file, self.data_dir.as_deref())
    }
}

/// `Türkiye–Iraq cooperation` → `Türkiye-Iraq-cooperation.ron`.
fn default_file_name(title: &str) -> String {
    let name: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let name = name
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if name.is_empty() {
        "workspace.ron".to_owned()
    } else {
        format!("{name}.ron")
    }
}

/// The path as typed, or with `extension` when it has none.
pub(super) fn with_default_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(extension)
    } else {
        path
    }
}
