//! `Command`: every user action, with its label, tooltip and shortcut.
//!
//! Menus, buttons and keys only *send* commands; the app runs them in one
//! place after drawing (as rerun's `UICommand`). The shortcut list in Help is
//! built from this enum, so it cannot drift from what the keys do. Dialogs
//! answer with commands too, so everything that changes the document or
//! the files is done in `App::run`.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::export::ChartKind;
use crate::model::{Edit, Marking, RecordId, RecordKind};
use crate::ui::{FileAction, GuardedAction, Tab};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    New,
    Open,
    Save,
    SaveAs,
    Quit,
    ImportFigures,
    PasteBriefing,
    /// Choose a text file holding a briefing, for the paste dialog.
    OpenBriefingText,
    /// The paste dialog with a briefing's text read from a file.
    PasteBriefingText(String),
    ExportFigures,
    ExportSeries,
    /// Save a Statistics chart as PNG or SVG, as it is shown.
    ExportChart(ChartKind),
    /// Put a Statistics chart on the clipboard as an image.
    CopyChart(ChartKind),
    /// Save the Timeline tab as PNG or SVG, as it is shown.
    ExportTimeline,
    /// Put the Timeline tab on the clipboard as an image.
    CopyTimeline,
    ExportBrief,
    /// Edit the workspace's title, description and marking.
    WorkspaceProperties,
    /// List the merge conflicts left, to keep ours or take theirs for each;
    /// `before_save`: Save asked first.
    ResolveConflicts {
        before_save: bool,
    },
    /// Save although merge conflicts are left (the file keeps them).
    SaveKeepingConflicts,
    /// Choose another copy of the workspace to compare with and take from.
    CompareWith,
    /// The change history: who changed what, and when.
    ShowHistory,
    /// The user's name in the change history (kept between runs).
    SetDisplayName(String),
    /// Record that the user has reviewed the workspace as it is now.
    MarkReviewed,
    /// Choose another copy of the workspace to merge into this one.
    MergeWith,
    /// Merge `theirs`, read from `path`, into the workspace.
    Merge {
        path: PathBuf,
        theirs: std::sync::Arc<crate::model::Workspace>,
    },
    /// Show how `theirs`, read from `path`, differs from the workspace.
    Compare {
        path: PathBuf,
        theirs: std::sync::Arc<crate::model::Workspace>,
    },
    Undo,
    Redo,
    Find,
    CommandPalette,
    NewRecord(RecordKind),
    ShowTab(Tab),
    ToggleTheme,
    /// Autosave unsaved changes every so many seconds.
    SetAutosaveInterval(u64),
    ShowShortcuts,
    /// The user guide, built in.
    ShowGuide,
    /// Shows a record in its tab (from a link in another record).
    Reveal(RecordId),
    EditRecord(RecordId),
    DeleteRecord(RecordId),

    // What dialogs answer. They are commands too, so that everything that
    // changes the document or the files runs in `App::run`, in order.
    /// Makes a change to the workspace: the one way an edit reaches it.
    Apply(Box<Change>),
    /// A file was chosen for `action`, in the system dialog or the path field.
    FileChosen(FileAction, PathBuf),
    /// The file choice was cancelled (an action waiting for a save is dropped).
    CancelFileChoice,
    /// "Save" in the unsaved-changes dialog: save, then carry on.
    SaveBefore(GuardedAction),
    /// "Discard changes" in the unsaved-changes dialog.
    DiscardBefore(GuardedAction),
    /// The user declined the recovered changes kept in this file.
    DiscardRecovery(PathBuf),
    /// Another coopdesk has the file: read-only (`true`) or take over.
    SetReadOnly(bool),
    /// Choose a passphrase; the workspace is then saved encrypted.
    EncryptWorkspace,
    /// Save the workspace without encryption, after asking.
    RemoveEncryption,
    /// The encryption dialogs' answer: encrypt with this passphrase (or,
    /// with `None`, no longer), and save at once.
    SetEncryption(Option<Passphrase>),
    /// The passphrase typed for the encrypted file at `path`, to open it
    /// for `action` (Open, Compare, Merge).
    Unlock {
        path: PathBuf,
        action: FileAction,
        passphrase: Passphrase,
    },
    /// Carry on with an export at the release level chosen for it (`None`:
    /// everything).
    ExportAt(Option<Marking>, ExportStep),
}

/// An export, once its release level is known: a file to choose, or an
/// image for the clipboard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportStep {
    File(FileAction),
    CopyChart(ChartKind),
    CopyTimeline,
}

/// A passphrase a dialog hands to `App::run`: wiped on drop, never printed,
/// and equal only to itself (commands are compared in tests).
#[derive(Clone)]
pub struct Passphrase(pub std::sync::Arc<secrecy::SecretString>);

impl Passphrase {
    pub fn new(secret: secrecy::SecretString) -> Self {
        Self(std::sync::Arc::new(secret))
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

impl PartialEq for Passphrase {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Passphrase {}

/// An edit to make, and what follows once it is made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub edit: Edit,
    /// What Undo will call it; by default the edit describes itself.
    pub description: Option<String>,
    /// Shown once the change is made, e.g. "Imported 3 figures from a.csv.".
    pub notice: Option<String>,
    /// Run once the change is made, e.g. show the saved record.
    pub then: Vec<Command>,
}

impl From<Edit> for Change {
    fn from(edit: Edit) -> Self {
        Self {
            edit,
            description: None,
            notice: None,
            then: Vec::new(),
        }
    }
}

impl Command {
    /// Every command that stands alone (not `Reveal`), in menu order.
    pub fn all() -> Vec<Command> {
        let mut all = vec![
            Command::New,
            Command::Open,
            Command::Save,
            Command::SaveAs,
            Command::EncryptWorkspace,
            Command::RemoveEncryption,
            Command::Quit,
            Command::CompareWith,
            Command::MergeWith,
            Command::ImportFigures,
            Command::PasteBriefing,
            Command::ExportFigures,
            Command::ExportSeries,
            Command::ExportChart(ChartKind::Monthly),
            Command::CopyChart(ChartKind::Monthly),
            Command::ExportTimeline,
            Command::CopyTimeline,
            Command::ExportBrief,
            Command::WorkspaceProperties,
            Command::ResolveConflicts { before_save: false },
            Command::ShowHistory,
            Command::MarkReviewed,
            Command::Undo,
            Command::Redo,
            Command::Find,
            Command::CommandPalette,
        ];
        all.extend(RecordKind::IN_TAB_ORDER.map(Command::NewRecord));
        all.extend(Tab::ALL.iter().map(|tab| Command::ShowTab(*tab)));
        all.extend([
            Command::ToggleTheme,
            Command::ShowGuide,
            Command::ShowShortcuts,
        ]);
        all
    }

    pub fn label(&self) -> String {
        match self {
            Command::New => "New".to_owned(),
            Command::Open => "Open…".to_owned(),
            Command::Save => "Save".to_owned(),
            Command::SaveAs => "Save As…".to_owned(),
            Command::Quit => "Quit".to_owned(),
            Command::ImportFigures => "Import figures…".to_owned(),
            Command::PasteBriefing => "Paste briefing text…".to_owned(),
            Command::OpenBriefingText => "Open briefing text…".to_owned(),
            Command::PasteBriefingText(_) => "Paste briefing text…".to_owned(),
            Command::ExportFigures => "Export figures…".to_owned(),
            Command::ExportSeries => "Export series CSV…".to_owned(),
            Command::ExportChart(ChartKind::Monthly) => "Export chart…".to_owned(),
            Command::ExportChart(kind) => format!("Export {} chart…", kind.slug()),
            Command::CopyChart(ChartKind::Monthly) => "Copy chart".to_owned(),
            Command::CopyChart(kind) => format!("Copy {} chart", kind.slug()),
            Command::ExportTimeline => "Export timeline…".to_owned(),
            Command::CopyTimeline => "Copy timeline".to_owned(),
            Command::ExportBrief => "Export brief…".to_owned(),
            Command::WorkspaceProperties => "Properties…".to_owned(),
            Command::ResolveConflicts { .. } => "Resolve merge conflicts…".to_owned(),
            Command::SaveKeepingConflicts => "Save with the conflicts".to_owned(),
            Command::CompareWith => "Compare with another copy…".to_owned(),
            Command::MergeWith => "Merge workspace…".to_owned(),
            Command::Merge { path, .. } => format!("Merge {}", path.display()),
            Command::ShowHistory => "Change history…".to_owned(),
            Command::SetDisplayName(_) => "Your name in the history".to_owned(),
            Command::MarkReviewed => "Mark as reviewed".to_owned(),
            Command::Compare { path, .. } => format!("Compare with {}", path.display()),
            Command::Undo => "Undo".to_owned(),
            Command::Redo => "Redo".to_owned(),
            Command::Find => "Find…".to_owned(),
            Command::CommandPalette => "Command palette…".to_owned(),
            Command::NewRecord(kind) => format!("New {}…", record_noun(*kind)),
            Command::ShowTab(tab) => tab.label().to_owned(),
            Command::ToggleTheme => "Dark / light theme".to_owned(),
            Command::SetAutosaveInterval(secs) => {
                format!("Autosave every {}", interval_text(*secs))
            }
            Command::ShowShortcuts => "Keyboard shortcuts".to_owned(),
            Command::ShowGuide => "Guide".to_owned(),
            Command::Reveal(record) => format!("Show {record}"),
            Command::EditRecord(record) => format!("Edit {record}…"),
            Command::DeleteRecord(record) => format!("Delete {record}…"),
            Command::Apply(_) => "Make the change".to_owned(),
            Command::FileChosen(action, path) => {
                format!("{} {}", action.button(), path.display())
            }
            Command::CancelFileChoice => "Cancel".to_owned(),
            Command::SaveBefore(_) => "Save".to_owned(),
            Command::DiscardBefore(_) => "Discard changes".to_owned(),
            Command::DiscardRecovery(_) => "Discard recovered changes".to_owned(),
            Command::SetReadOnly(true) => "Open read-only".to_owned(),
            Command::SetReadOnly(false) => "Take over".to_owned(),
            Command::ExportAt(..) => "Export".to_owned(),
            Command::EncryptWorkspace => "Encrypt with passphrase…".to_owned(),
            Command::RemoveEncryption => "Remove encryption…".to_owned(),
            Command::SetEncryption(Some(_)) => "Encrypt and save".to_owned(),
            Command::SetEncryption(None) => "Remove encryption and save".to_owned(),
            Command::Unlock { path, .. } => format!("Unlock {}", path.display()),
        }
    }

    pub fn tooltip(&self) -> String {
        match self {
            Command::New => "Start an empty workspace".to_owned(),
            Command::Open => "Open a workspace file (.ron)".to_owned(),
            Command::Save => "Save the workspace to its file".to_owned(),
            Command::SaveAs => "Save the workspace to a new file".to_owned(),
            Command::Quit => "Close coopdesk".to_owned(),
            Command::ImportFigures => {
                "Add figures from a CSV file, after a preview".to_owned()
            }
            Command::PasteBriefing | Command::PasteBriefingText(_) => {
                "Read a briefing's text and propose its figures, to check before adding".to_owned()
            }
            Command::OpenBriefingText => {
                "Read a briefing from a plain text file into the paste dialog".to_owned()
            }
            Command::ExportFigures => {
                "Write every figure to a CSV file in the import format".to_owned()
            }
            Command::ExportSeries => {
                "Write the monthly figures the Statistics chart shows to a CSV file".to_owned()
            }
            Command::ExportChart(_) => {
                "Save this chart as it is shown, as PNG or SVG (by the file name), with its marking and sources"
                    .to_owned()
            }
            Command::CopyChart(_) => {
                "Put this chart on the clipboard as a 1600×900 image, with its marking and sources"
                    .to_owned()
            }
            Command::ExportTimeline => {
                "Save the timeline with its filters and months in view, as PNG or SVG (by the file name), with its marking and legend"
                    .to_owned()
            }
            Command::CopyTimeline => {
                "Put the timeline with its filters and months in view on the clipboard as an image, with its marking and legend"
                    .to_owned()
            }
            Command::ExportBrief => {
                "Write a brief of the whole workspace as HTML or PDF (by the file name)".to_owned()
            }
            Command::WorkspaceProperties => {
                "Edit the workspace's title, description and marking".to_owned()
            }
            Command::ResolveConflicts { .. } => {
                "For each field two merged copies changed differently, keep ours or take theirs"
                    .to_owned()
            }
            Command::SaveKeepingConflicts => {
                "Save now; the file keeps the unresolved conflicts".to_owned()
            }
            Command::ShowHistory => {
                "Who changed what, and when: every change made through coopdesk".to_owned()
            }
            Command::SetDisplayName(name) => format!("Record changes as made by {name}"),
            Command::MarkReviewed => {
                "Note that you have reviewed the workspace; the Overview counts changes made after"
                    .to_owned()
            }
            Command::MergeWith | Command::Merge { .. } => {
                "Bring in another officer's copy of this workspace: what only they changed is taken, what both changed is listed to resolve"
                    .to_owned()
            }
            Command::CompareWith | Command::Compare { .. } => {
                "See what another officer's copy adds, removes and changes, and take it record by record"
                    .to_owned()
            }
            Command::Undo => "Take back the last change".to_owned(),
            Command::Redo => "Make the last undone change again".to_owned(),
            Command::Find => "Search every record for words, ignoring case and accents".to_owned(),
            Command::CommandPalette => {
                "Find and run any command by typing part of its name".to_owned()
            }
            Command::NewRecord(kind) => format!("Add a new {} through a form", record_noun(*kind)),
            Command::ShowTab(tab) => format!("Show the {} tab", tab.label()),
            Command::ToggleTheme => "Switch between the dark and the light theme".to_owned(),
            Command::SetAutosaveInterval(secs) => format!(
                "While there are unsaved changes, keep a recovery copy every {}",
                interval_text(*secs)
            ),
            Command::ShowShortcuts => "List every keyboard shortcut".to_owned(),
            Command::ShowGuide => {
                "How to use coopdesk: tabs, forms, saving, markings, exports".to_owned()
            }
            Command::Reveal(record) => format!("Show {record} in its tab"),
            Command::EditRecord(record) => format!("Change {record} through a form"),
            Command::DeleteRecord(record) => format!("Delete {record}, after asking"),
            Command::Apply(_) => "Change the workspace as one undoable step".to_owned(),
            Command::FileChosen(action, _) => action.title().to_owned(),
            Command::CancelFileChoice => "Choose no file".to_owned(),
            Command::SaveBefore(action) => format!("Save the changes before {}", action.verb()),
            Command::DiscardBefore(action) => {
                format!("Drop the unsaved changes before {}", action.verb())
            }
            Command::DiscardRecovery(_) => "Delete the copy kept after a crash".to_owned(),
            Command::SetReadOnly(true) => {
                "Look without editing; Save asks for another file".to_owned()
            }
            Command::SetReadOnly(false) => "Edit here too; whichever saves last wins".to_owned(),
            Command::ExportAt(..) => "Export at the release level chosen".to_owned(),
            Command::EncryptWorkspace => {
                "Save the workspace encrypted with a passphrase (age), with its backups and recovery copies"
                    .to_owned()
            }
            Command::RemoveEncryption => {
                "Save the workspace without encryption, after asking".to_owned()
            }
            Command::SetEncryption(_) => "Change the file's encryption and save now".to_owned(),
            Command::Unlock { .. } => "Open the encrypted file with this passphrase".to_owned(),
        }
    }

    /// The main shortcut, shown in menus.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// Every shortcut, the main one first (Redo has two).
    pub fn shortcuts(&self) -> Vec<KeyboardShortcut> {
        let command = |key| vec![KeyboardShortcut::new(Modifiers::COMMAND, key)];
        let command_shift = |key| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key);
        match self {
            Command::New => command(Key::N),
            Command::Open => command(Key::O),
            Command::Save => command(Key::S),
            Command::SaveAs => vec![command_shift(Key::S)],
            Command::Quit => command(Key::Q),
            Command::Undo => command(Key::Z),
            Command::Redo => vec![
                command_shift(Key::Z),
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
            ],
            Command::Find => command(Key::F),
            Command::CommandPalette => command(Key::K),
            Command::ShowTab(tab) => command(tab.key()),
            Command::ShowShortcuts => vec![KeyboardShortcut::new(Modifiers::NONE, Key::F1)],
            Command::NewRecord(_)
            | Command::ImportFigures
            | Command::PasteBriefing
            | Command::OpenBriefingText
            | Command::PasteBriefingText(_)
            | Command::ExportFigures
            | Command::ExportSeries
            | Command::ExportChart(_)
            | Command::CopyChart(_)
            | Command::ExportTimeline
            | Command::CopyTimeline
            | Command::ExportBrief
            | Command::WorkspaceProperties
            | Command::ResolveConflicts { .. }
            | Command::SaveKeepingConflicts
            | Command::CompareWith
            | Command::Compare { .. }
            | Command::MergeWith
            | Command::Merge { .. }
            | Command::ShowHistory
            | Command::SetDisplayName(_)
            | Command::MarkReviewed
            | Command::ShowGuide
            | Command::ToggleTheme
            | Command::SetAutosaveInterval(_)
            | Command::Reveal(_)
            | Command::EditRecord(_)
            | Command::DeleteRecord(_)
            | Command::Apply(_)
            | Command::FileChosen(..)
            | Command::CancelFileChoice
            | Command::SaveBefore(_)
            | Command::DiscardBefore(_)
            | Command::DiscardRecovery(_)
            | Command::SetReadOnly(_)
            | Command::ExportAt(..)
            | Command::EncryptWorkspace
            | Command::RemoveEncryption
            | Command::SetEncryption(_)
            | Command::Unlock { .. } => Vec::new(),
        }
    }

    /// The commands whose shortcuts were pressed this frame. Shortcuts with
    /// more modifiers are tried first, so Ctrl+Shift+S is not taken as Ctrl+S.
    /// While the user types in a text field, its own undo keys win.
    pub fn from_keys(ctx: &egui::Context) -> Vec<Command> {
        let typing = ctx.egui_wants_keyboard_input();
        let mut commands: Vec<(Command, KeyboardShortcut)> = Command::all()
            .into_iter()
            .filter(|c| !(typing && matches!(c, Command::Undo | Command::Redo)))
            .flat_map(|c| c.shortcuts().into_iter().map(move |s| (c.clone(), s)))
            .collect();
        commands.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        ctx.input_mut(|input| {
            commands
                .into_iter()
                .filter(|(_, shortcut)| input.consume_shortcut(shortcut))
                .map(|(command, _)| command)
                .collect()
        })
    }

    /// A menu button that sends this command.
    pub fn menu_button(self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let mut button = egui::Button::new(self.label());
        if let Some(shortcut) = self.shortcut() {
            button = button.shortcut_text(ui.format_shortcut(&shortcut));
        }
        if ui.add(button).on_hover_text(self.tooltip()).clicked() {
            commands.push(self);
            ui.close();
        }
    }
}

/// The autosave intervals offered, in seconds.
pub const AUTOSAVE_CHOICES: [u64; 4] = [15, 30, 60, 300];

/// `30 seconds`, `5 minutes`.
fn interval_text(secs: u64) -> String {
    if secs >= 60 && secs.is_multiple_of(60) {
        crate::text::count((secs / 60) as usize, "minute", "minutes")
    } else {
        crate::text::count(secs as usize, "second", "seconds")
    }
}

/// "instrument", "figure"… as the UI names record kinds.
pub fn record_noun(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Observation => "figure",
        other => other.label(),
    }
}

fn modifier_count(modifiers: Modifiers) -> usize {
    [
        modifiers.alt,
        modifiers.ctrl,
        modifiers.shift,
        modifiers.command,
        modifiers.mac_cmd,
    ]
    .into_iter()
    .filter(|m| *m)
    .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = std::collections::HashMap::new();
        for command in Command::all() {
            for shortcut in command.shortcuts() {
                let key = (shortcut.modifiers, shortcut.logical_key);
                if let Some(other) = seen.insert(key, command.clone()) {
                    panic!("{command:?} and {other:?} share a shortcut");
                }
            }
        }
    }

    #[test]
    fn every_command_has_a_label_and_a_tooltip() {
        for command in Command::all() {
            assert!(!command.label().is_empty());
            assert!(!command.tooltip().is_empty());
        }
    }
}
