//! Choosing a file: the system dialog on a background thread, or an in-app
//! path field where no system dialog is available (no desktop portal, as
//! under Xvfb or on a bare air-gapped install), so Open and Save As always
//! work.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::export::ChartKind;

/// What the chosen path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    Open,
    SaveAs,
    ImportCsv,
    ExportCsv,
    ExportSeriesCsv,
    ExportChart(ChartKind),
    ExportBrief,
}

impl FileAction {
    fn title(self) -> &'static str {
        match self {
            FileAction::Open => "Open workspace",
            FileAction::SaveAs => "Save workspace as",
            FileAction::ImportCsv => "Import observations from CSV",
            FileAction::ExportCsv => "Export observations as CSV",
            FileAction::ExportSeriesCsv => "Export the chart's series as CSV",
            FileAction::ExportChart(_) => "Export the chart as PNG or SVG",
            FileAction::ExportBrief => "Export the brief as HTML or PDF",
        }
    }

    fn button(self) -> &'static str {
        match self {
            FileAction::Open => "Open",
            FileAction::SaveAs => "Save",
            FileAction::ImportCsv => "Read file",
            FileAction::ExportCsv
            | FileAction::ExportSeriesCsv
            | FileAction::ExportChart(_)
            | FileAction::ExportBrief => "Export",
        }
    }

    fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            FileAction::Open | FileAction::SaveAs => ("coopdesk workspace", &["ron"]),
            FileAction::ImportCsv | FileAction::ExportCsv | FileAction::ExportSeriesCsv => {
                ("CSV", &["csv"])
            }
            FileAction::ExportChart(_) => ("PNG or SVG image", &["png", "svg"]),
            FileAction::ExportBrief => ("HTML or PDF document", &["pdf", "html"]),
        }
    }

    /// The placeholder of the in-app path field.
    fn hint(self) -> &'static str {
        match self {
            FileAction::Open | FileAction::SaveAs => "Path to a .ron workspace file",
            FileAction::ImportCsv | FileAction::ExportCsv | FileAction::ExportSeriesCsv => {
                "Path to a .csv file"
            }
            FileAction::ExportChart(_) => "Path to a .png or .svg file",
            FileAction::ExportBrief => "Path to a .pdf or .html file",
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
                FileAction::Open | FileAction::ImportCsv => dialog.pick_file(),
                FileAction::SaveAs
                | FileAction::ExportCsv
                | FileAction::ExportSeriesCsv
                | FileAction::ExportChart(_)
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
    Open,
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

    pub fn ui(&mut self, ctx: &egui::Context) -> PromptOutcome {
        let mut outcome = PromptOutcome::Open;
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
                    outcome = PromptOutcome::Submit(PathBuf::from(self.text.trim()));
                }
                if ui.button("Cancel").clicked() {
                    outcome = PromptOutcome::Cancel;
                }
            });
        });
        if matches!(outcome, PromptOutcome::Open) && modal.should_close() {
            outcome = PromptOutcome::Cancel;
        }
        outcome
    }
}
