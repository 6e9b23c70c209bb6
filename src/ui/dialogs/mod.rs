//! Dialogs. Each is its own type whose `show` returns `None` while it stays
//! open and the user's choice once it closes. At most one is open: the app
//! holds an `Option<Modal>`, and [`Modal::show`] turns a choice into the
//! commands that carry it out, so a dialog never changes the document.

pub mod compare;
pub mod conflicts;
pub mod delete;
pub mod export_level;
pub mod file_in_use;
pub mod find;
pub mod guide;
pub mod history;
pub mod import_preview;
pub mod palette;
pub mod passphrase;
pub mod paste_briefing;
pub mod path_prompt;
pub mod properties;
pub mod recovery;
pub mod shortcuts;
pub mod unsaved;

use crate::analysis::SearchIndex;
use crate::model::{Edit, Record, Workspace};
use crate::text::count;
use crate::ui::background::Revision;
use crate::ui::command::Passphrase;
use crate::ui::forms::{FormOutcome, FormWindow};
use crate::ui::{Change, Command, Tab};

use compare::CompareDialog;
use conflicts::{ConflictsDialog, ConflictsOutcome};
use delete::DeleteConfirm;
use export_level::{ExportLevelDialog, ExportLevelOutcome};
use file_in_use::FileInUse;
use find::{FindOutcome, FindWindow};
use history::{HistoryDialog, HistoryOutcome};
use import_preview::{ImportPreview, PreviewOutcome};
use palette::{Palette, PaletteOutcome};
use passphrase::{
    EncryptDialog, EncryptOutcome, RemoveEncryptionConfirm, UnlockOutcome, UnlockPrompt,
};
use paste_briefing::{PasteBriefing, PasteOutcome};
use path_prompt::{PathPrompt, PromptOutcome};
use properties::{PropertiesDialog, PropertiesOutcome};
use recovery::{RecoveryChoice, RecoveryPrompt};
use unsaved::{UnsavedChoice, UnsavedPrompt};

/// The open dialog.
pub enum Modal {
    PathPrompt(PathPrompt),
    Form(FormWindow),
    ImportPreview(ImportPreview),
    PasteBriefing(Box<PasteBriefing>),
    Delete(DeleteConfirm),
    Unsaved(UnsavedPrompt),
    Palette(Palette),
    Find(FindWindow),
    Recovery(Box<RecoveryPrompt>),
    FileInUse(FileInUse),
    Properties(PropertiesDialog),
    Conflicts(ConflictsDialog),
    Compare(Box<CompareDialog>),
    History(HistoryDialog),
    ExportLevel(ExportLevelDialog),
    Unlock(UnlockPrompt),
    Encrypt(EncryptDialog),
    RemoveEncryption(RemoveEncryptionConfirm),
}

/// What the dialogs draw from.
pub struct ModalContext<'a> {
    pub ws: &'a Workspace,
    pub revision: Revision,
    /// The search index for `revision`, `None` while it is being built.
    pub search: Option<&'a SearchIndex>,
    /// The user's name in the change history.
    pub display_name: &'a str,
}

impl Modal {
    /// Whether it holds work the user typed or chose (a form's draft, a
    /// planned import, an answer the app waits for), which opening another
    /// dialog must not throw away. Find and the palette can simply go.
    pub fn holds_work(&self) -> bool {
        !matches!(self, Modal::Palette(_) | Modal::Find(_))
    }

    /// Draws the dialog. `Some(commands)` once it has closed: what the
    /// user chose, to run after drawing (possibly nothing).
    pub fn show(&mut self, ctx: &egui::Context, cx: &ModalContext<'_>) -> Option<Vec<Command>> {
        let commands = match self {
            Modal::PathPrompt(prompt) => match prompt.show(ctx)? {
                PromptOutcome::Cancel => vec![Command::CancelFileChoice],
                PromptOutcome::Submit(path) => vec![Command::FileChosen(prompt.action, path)],
            },
            Modal::Form(form) => match form.show(ctx, cx.ws) {
                FormOutcome::Open => return None,
                FormOutcome::Cancel => Vec::new(),
                FormOutcome::Save { records, another } => {
                    let Some(id) = records.first().map(Record::id) else {
                        return Some(Vec::new());
                    };
                    let kind = id.kind();
                    let mut then = vec![Command::Reveal(id)];
                    if another {
                        then.push(Command::NewRecord(kind));
                    }
                    vec![Command::Apply(Box::new(form_change(cx.ws, records, then)))]
                }
            },
            Modal::ImportPreview(preview) => match preview.show(ctx)? {
                PreviewOutcome::Cancel => Vec::new(),
                PreviewOutcome::Import => {
                    let figures = count(preview.plan.to_add.len(), "figure", "figures");
                    let file = preview.path.display();
                    vec![Command::Apply(Box::new(Change {
                        edit: preview.plan.edit(),
                        // No file name: Undo and the history name no paths.
                        description: Some(format!("import of {figures} from a CSV file")),
                        notice: Some(format!("Imported {figures} from {file}.")),
                        then: vec![Command::ShowTab(Tab::Statistics)],
                    }))]
                }
            },
            Modal::PasteBriefing(dialog) => match dialog.show(ctx, cx.ws)? {
                PasteOutcome::Cancel => Vec::new(),
                PasteOutcome::OpenFile => vec![Command::OpenBriefingText],
                PasteOutcome::Confirm(edit, what) => vec![Command::Apply(Box::new(Change {
                    edit,
                    description: Some(format!("adding {what}")),
                    notice: Some(format!("Added {what}.")),
                    then: vec![Command::ShowTab(Tab::Statistics)],
                }))],
            },
            Modal::Delete(confirm) => match confirm.show(ctx)? {
                Some(edit) => vec![Command::Apply(Box::new(Change::from(edit)))],
                None => Vec::new(),
            },
            Modal::Unsaved(prompt) => match prompt.show(ctx)? {
                UnsavedChoice::Save => vec![Command::SaveBefore(prompt.action)],
                UnsavedChoice::Discard => vec![Command::DiscardBefore(prompt.action)],
                UnsavedChoice::Cancel => Vec::new(),
            },
            Modal::Palette(palette) => match palette.show(ctx)? {
                PaletteOutcome::Close => Vec::new(),
                PaletteOutcome::Run(command) => vec![command],
            },
            Modal::Find(find) => match find.show(ctx, cx.search, cx.revision)? {
                FindOutcome::Close => Vec::new(),
                FindOutcome::Show(record) => vec![Command::Reveal(record)],
            },
            Modal::Recovery(prompt) => match prompt.show(ctx)? {
                RecoveryChoice::Restore(edit) => vec![Command::Apply(Box::new(Change {
                    edit,
                    description: Some("restoring the changes kept after a crash".to_owned()),
                    notice: Some("Unsaved changes restored. Save to keep them.".to_owned()),
                    then: Vec::new(),
                }))],
                RecoveryChoice::Discard => vec![Command::DiscardRecovery(prompt.path())],
            },
            Modal::FileInUse(prompt) => vec![Command::SetReadOnly(!prompt.show(ctx)?)],
            Modal::Unlock(prompt) => match prompt.show(ctx)? {
                UnlockOutcome::Cancel => Vec::new(),
                UnlockOutcome::Unlock(secret) => vec![Command::Unlock {
                    path: prompt.path.clone(),
                    action: prompt.action,
                    passphrase: Passphrase::new(secret),
                }],
            },
            Modal::Encrypt(dialog) => match dialog.show(ctx)? {
                EncryptOutcome::Cancel => Vec::new(),
                EncryptOutcome::Encrypt(secret) => {
                    vec![Command::SetEncryption(Some(Passphrase::new(secret)))]
                }
            },
            Modal::RemoveEncryption(confirm) => match confirm.show(ctx)? {
                true => vec![Command::SetEncryption(None)],
                false => Vec::new(),
            },
            Modal::Properties(dialog) => match dialog.show(ctx)? {
                PropertiesOutcome::Cancel => Vec::new(),
                PropertiesOutcome::Save(edits) if edits.is_empty() => Vec::new(),
                PropertiesOutcome::Save(edits) => vec![Command::Apply(Box::new(Change {
                    edit: Edit::Batch(edits),
                    description: Some("the workspace's properties".to_owned()),
                    notice: None,
                    then: Vec::new(),
                }))],
            },
            Modal::Compare(dialog) => dialog.show(ctx, cx.ws, cx.revision)?,
            Modal::ExportLevel(dialog) => match dialog.show(ctx, cx.ws)? {
                ExportLevelOutcome::Cancel => Vec::new(),
                ExportLevelOutcome::Export(level, step) => vec![Command::ExportAt(level, step)],
            },
            Modal::History(dialog) => match dialog.show(ctx, cx.ws, cx.display_name)? {
                HistoryOutcome::Close => Vec::new(),
                HistoryOutcome::SetName(name) => {
                    vec![Command::SetDisplayName(name), Command::ShowHistory]
                }
                HistoryOutcome::MarkReviewed => vec![Command::MarkReviewed, Command::ShowHistory],
            },
            Modal::Conflicts(dialog) => match dialog.show(ctx, cx.ws)? {
                ConflictsOutcome::Close => Vec::new(),
                ConflictsOutcome::SaveAnyway => vec![Command::SaveKeepingConflicts],
                ConflictsOutcome::EditRecord(record) => vec![Command::EditRecord(record)],
                ConflictsOutcome::Resolve(index, side) => {
                    let Some(edit) = crate::compare::resolve(cx.ws, index, side) else {
                        return Some(Vec::new());
                    };
                    let what = cx
                        .ws
                        .conflicts
                        .get(index)
                        .map(|c| crate::compare::subject(cx.ws, c))
                        .unwrap_or_default();
                    let choice = match side {
                        crate::compare::Side::Ours => "kept ours",
                        crate::compare::Side::Theirs => "took theirs",
                    };
                    // The list stays open while conflicts are left.
                    let left = cx.ws.conflicts.len() > 1;
                    vec![Command::Apply(Box::new(Change {
                        edit,
                        description: Some(format!("resolved {what} ({choice})")),
                        notice: None,
                        then: if left {
                            vec![Command::ResolveConflicts {
                                before_save: dialog.before_save,
                            }]
                        } else {
                            Vec::new()
                        },
                    }))]
                }
            },
        };
        Some(commands)
    }
}

/// A form's Save as one undoable step: its record, and the records made
/// inside the form (put first, so that what the record cites exists),
/// described by the record ("new figure …, with new source “…”").
fn form_change(ws: &Workspace, mut records: Vec<Record>, then: Vec<Command>) -> Change {
    let record = records.remove(0);
    let mut description = Edit::put(record.clone()).describe(ws);
    for made in &records {
        description.push_str(&format!(", with new {}", ws.label_of(made)));
    }
    let mut edits: Vec<Edit> = records.into_iter().map(Edit::put).collect();
    edits.push(Edit::put(record));
    let edit = match edits.len() {
        1 => edits.remove(0),
        _ => Edit::Batch(edits),
    };
    Change {
        edit,
        description: Some(description),
        notice: None,
        then,
    }
}
