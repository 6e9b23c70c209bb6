//! Dialogs. Each is its own type whose `show` returns `None` while it stays
//! open and the user's choice once it closes. At most one is open: the app
//! holds an `Option<Modal>`, and [`Modal::show`] turns a choice into the
//! commands that carry it out, so a dialog never changes the document.

pub mod delete;
pub mod file_in_use;
pub mod find;
pub mod guide;
pub mod import_preview;
pub mod palette;
pub mod path_prompt;
pub mod properties;
pub mod recovery;
pub mod shortcuts;
pub mod unsaved;

use crate::analysis::SearchIndex;
use crate::model::{Edit, Workspace};
use crate::text::count;
use crate::ui::background::Revision;
use crate::ui::forms::{FormOutcome, FormWindow};
use crate::ui::{Change, Command, Tab};

use delete::DeleteConfirm;
use file_in_use::FileInUse;
use find::{FindOutcome, FindWindow};
use import_preview::{ImportPreview, PreviewOutcome};
use palette::{Palette, PaletteOutcome};
use path_prompt::{PathPrompt, PromptOutcome};
use properties::{PropertiesDialog, PropertiesOutcome};
use recovery::{RecoveryChoice, RecoveryPrompt};
use unsaved::{UnsavedChoice, UnsavedPrompt};

/// The open dialog.
pub enum Modal {
    PathPrompt(PathPrompt),
    Form(FormWindow),
    ImportPreview(ImportPreview),
    Delete(DeleteConfirm),
    Unsaved(UnsavedPrompt),
    Palette(Palette),
    Find(FindWindow),
    Recovery(Box<RecoveryPrompt>),
    FileInUse(FileInUse),
    Properties(PropertiesDialog),
}

/// What the dialogs draw from.
pub struct ModalContext<'a> {
    pub ws: &'a Workspace,
    pub revision: Revision,
    /// The search index for `revision`, `None` while it is being built.
    pub search: Option<&'a SearchIndex>,
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
                FormOutcome::Save(record) => {
                    let id = record.id();
                    vec![Command::Apply(Box::new(Change {
                        edit: Edit::Put(record),
                        description: None,
                        notice: None,
                        then: vec![Command::Reveal(id)],
                    }))]
                }
            },
            Modal::ImportPreview(preview) => match preview.show(ctx)? {
                PreviewOutcome::Cancel => Vec::new(),
                PreviewOutcome::Import => {
                    let figures = count(preview.plan.to_add.len(), "figure", "figures");
                    let file = preview.path.display();
                    vec![Command::Apply(Box::new(Change {
                        edit: preview.plan.edit(),
                        description: Some(format!("import of {figures} from {file}")),
                        notice: Some(format!("Imported {figures} from {file}.")),
                        then: vec![Command::ShowTab(Tab::Statistics)],
                    }))]
                }
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
        };
        Some(commands)
    }
}
