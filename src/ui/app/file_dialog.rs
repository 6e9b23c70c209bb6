//! Choosing a file: the system dialog on a background thread, or the
//! in-app path field (`dialogs::path_prompt`) where no system dialog is
//! available (no desktop portal, as under Xvfb or on a bare air-gapped
//! install), so Open and Save As always work.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::export::ChartKind;

/// What the chosen path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    Open,
    /// Another copy of the workspace, to compare with and take from.
    CompareWith,
    /// Another copy of the workspace, to merge into this one.
    MergeWith,
    /// A briefing's text, for the paste dialog.
    OpenBriefingText,
    SaveAs,
    ImportCsv,
    ExportCsv,
    ExportSeriesCsv,
    ExportChart(ChartKind),
    ExportTimeline,
    ExportBrief,
}

impl FileAction {
    pub fn title(self) -> &'static str {
        match self {
            FileAction::Open => "Open workspace",
            FileAction::CompareWith => "Compare with another copy",
            FileAction::MergeWith => "Merge another copy into this workspace",
            FileAction::OpenBriefingText => "Open a briefing's text",
            FileAction::SaveAs => "Save workspace as",
            FileAction::ImportCsv => "Import figures from CSV",
            FileAction::ExportCsv => "Export figures as CSV",
            FileAction::ExportSeriesCsv => "Export the chart's series as CSV",
            FileAction::ExportChart(_) => "Export the chart as PNG or SVG",
            FileAction::ExportTimeline => "Export the timeline as PNG or SVG",
            FileAction::ExportBrief => "Export the brief as HTML or PDF",
        }
    }

    pub fn button(self) -> &'static str {
        match self {
            FileAction::Open => "Open",
            FileAction::CompareWith => "Compare",
            FileAction::MergeWith => "Merge",
            FileAction::OpenBriefingText => "Read text",
            FileAction::SaveAs => "Save",
            FileAction::ImportCsv => "Read file",
            FileAction::ExportCsv
            | FileAction::ExportSeriesCsv
            | FileAction::ExportChart(_)
            | FileAction::ExportTimeline
            | FileAction::ExportBrief => "Export",
        }
    }

    fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            FileAction::Open
            | FileAction::CompareWith
            | FileAction::MergeWith
            | FileAction::SaveAs => ("coopdesk workspace", &["ron", "age"]),
            FileAction::ImportCsv | FileAction::ExportCsv | FileAction::ExportSeriesCsv => {
                ("CSV", &["csv"])
            }
            FileAction::ExportChart(_) | FileAction::ExportTimeline => {
                ("PNG or SVG image", &["png", "svg"])
            }
            FileAction::ExportBrief => ("HTML or PDF document", &["pdf", "html"]),
            FileAction::OpenBriefingText => ("Text", &["txt"]),
        }
    }

    /// The placeholder of the in-app path field.
    pub fn hint(self) -> &'static str {
        match self {
            FileAction::Open
            | FileAction::CompareWith
            | FileAction::MergeWith
            | FileAction::SaveAs => "Path to a .ron workspace file",
            FileAction::ImportCsv | FileAction::ExportCsv | FileAction::ExportSeriesCsv => {
                "Path to a .csv file"
            }
            FileAction::ExportChart(_) | FileAction::ExportTimeline => {
                "Path to a .png or .svg file"
            }
            FileAction::ExportBrief => "Path to a .pdf or .html file",
            FileAction::OpenBriefingText => "Path to a .txt file",
        }
    }
}

/// A system dialog, possibly still open.
pub struct NativeDialog {
    pub action: FileAction,
    started: Instant,
    rx: Receiver<Option<PathBuf>>,
}

/// What became of a system dialog.
pub enum DialogOutcome {
    Chosen(PathBuf),
    Cancelled,
    /// It returned at once without showing: no dialog service is running.
    Unavailable,
}

/// A dialog that "answers" faster than this never showed.
const INSTANT_ANSWER: Duration = Duration::from_millis(400);

impl NativeDialog {
    pub fn spawn(action: FileAction, suggestion: Option<PathBuf>, ctx: &egui::Context) -> Self {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let (filter, extensions) = action.filter();
            let mut dialog = rfd::FileDialog::new()
                .set_title(action.title())
                .add_filter(filter, extensions);
            if let Some(suggestion) = suggestion {
                if let Some(folder) = suggestion.parent().filter(|p| p.is_dir()) {
                    dialog = dialog.set_directory(folder);
                }
                if let Some(name) = suggestion.file_name() {
                    dialog = dialog.set_file_name(name.to_string_lossy());
                }
            }
            let chosen = match action {
                FileAction::Open
                | FileAction::CompareWith
                | FileAction::MergeWith
                | FileAction::OpenBriefingText
                | FileAction::ImportCsv => dialog.pick_file(),
                FileAction::SaveAs
                | FileAction::ExportCsv
                | FileAction::ExportSeriesCsv
                | FileAction::ExportChart(_)
                | FileAction::ExportTimeline
                | FileAction::ExportBrief => dialog.save_file(),
            };
            // The app may have closed meanwhile; then nobody needs the answer.
            let _ = tx.send(chosen);
            ctx.request_repaint();
        });
        Self {
            action,
            started: Instant::now(),
            rx,
        }
    }

    pub fn poll(&self) -> Option<DialogOutcome> {
        let answer = self.rx.try_recv().ok()?;
        Some(match answer {
            Some(path) => DialogOutcome::Chosen(path),
            None if self.started.elapsed() < INSTANT_ANSWER => DialogOutcome::Unavailable,
            None => DialogOutcome::Cancelled,
        })
    }
}

/// Whether to try the system dialog at all. On Linux it needs a desktop
/// portal on the session bus, or zenity.
pub fn native_dialogs_available() -> bool {
    if std::env::var_os("COOPDESK_NO_NATIVE_DIALOG").is_some() {
        return false;
    }
    if cfg!(target_os = "linux") {
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() || on_path("zenity")
    } else {
        true
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}
