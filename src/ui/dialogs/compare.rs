//! "Compare with another copy": what another officer's copy of the
//! workspace adds, removes and changes, named as the app names records and
//! fields, with each record's difference taken over as one undoable step.
//! Without a common base there is no telling who changed what, so nothing
//! is taken unless the user chooses it.

use std::path::PathBuf;
use std::sync::Arc;

use crate::compare::{Change as Difference, Difference as Differences, diff};
use crate::model::{Edit, RecordId, Workspace, delete_with_references, with_what_it_needs};
use crate::ui::background::Revision;
use crate::ui::{Change, Command};

pub struct CompareDialog {
    path: PathBuf,
    theirs: Arc<Workspace>,
    /// The differences, for the revision they were computed at.
    differences: Option<(Revision, Differences)>,
}

impl CompareDialog {
    pub fn new(path: PathBuf, theirs: Arc<Workspace>) -> Self {
        Self {
            path,
            theirs,
            differences: None,
        }
    }

    /// `Some(commands)` once closed: a take (the dialog comes back after
    /// it) or nothing.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        ws: &Workspace,
        revision: Revision,
    ) -> Option<Vec<Command>> {
        if self
            .differences
            .as_ref()
            .is_none_or(|(at, _)| *at != revision)
        {
            self.differences = Some((revision, diff(ws, &self.theirs)));
        }
        let (_, differences) = self.differences.as_ref()?;
        let file = self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut taken: Option<(Edit, String)> = None;
        let mut opened: Option<RecordId> = None;
        let mut closed = false;
        let modal = egui::Modal::new(egui::Id::unique("compare_copies")).show(ctx, |ui| {
            ui.set_width(760.0);
            ui.heading(format!("Compared with {file}"));
            ui.label(format!(
                "{}: what {file} holds that this workspace does not. Take a record to copy it here (one step that Ctrl+Z undoes); nothing changes otherwise.",
                differences.summary()
            ));
            crate::ui::widgets::dialog_scroll(460.0).show(ui, |ui| {
                for entry in &differences.entries {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        let (what, button) = match &entry.change {
                            Difference::Added => ("Only in the other copy", "Take"),
                            Difference::Removed => ("Only here", "Delete here"),
                            Difference::Changed(_) => ("Changed", "Take theirs"),
                        };
                        ui.horizontal(|ui| {
                            ui.weak(what);
                            // A record this workspace has opens in its tab.
                            match entry.record.as_ref().filter(|id| ws.record(id).is_some()) {
                                Some(id) => {
                                    if ui.link(egui::RichText::new(&entry.label).strong()).clicked() {
                                        opened = Some(id.clone());
                                    }
                                }
                                None => {
                                    ui.strong(&entry.label);
                                }
                            }
                        });
                        if let Difference::Changed(fields) = &entry.change {
                            egui::Grid::new(("compare", &entry.label))
                                .num_columns(3)
                                .spacing([12.0, 2.0])
                                .show(ui, |ui| {
                                    ui.weak("");
                                    ui.weak("here");
                                    ui.weak("theirs");
                                    ui.end_row();
                                    for field in fields {
                                        ui.label(&field.name);
                                        ui.add(egui::Label::new(&field.old).wrap());
                                        ui.add(egui::Label::new(&field.new).wrap());
                                        ui.end_row();
                                    }
                                });
                        }
                        if ui.button(button).clicked()
                            && let Some(edit) = take(ws, &self.theirs, entry.record.as_ref())
                        {
                            taken = Some((edit, entry.label.clone()));
                        }
                    });
                }
            });
            if ui.button("Close").clicked() {
                closed = true;
            }
        });
        if let Some((edit, label)) = taken {
            return Some(vec![Command::Apply(Box::new(Change {
                edit,
                // The history records no file names.
                description: Some(format!("{label}, as in another copy")),
                notice: None,
                then: vec![Command::Compare {
                    path: self.path.clone(),
                    theirs: self.theirs.clone(),
                }],
            }))]);
        }
        if let Some(id) = opened {
            return Some(vec![Command::Reveal(id)]);
        }
        (closed || modal.should_close()).then(Vec::new)
    }
}

/// The edit that makes `record` here as it is in `theirs` (the workspace's
/// own properties when `None`).
fn take(ws: &Workspace, theirs: &Workspace, record: Option<&RecordId>) -> Option<Edit> {
    let Some(id) = record else {
        return Some(Edit::Batch(vec![
            Edit::SetTitle(theirs.title.clone()),
            Edit::SetDescription(theirs.description.clone()),
            Edit::SetMarking(theirs.marking.clone()),
        ]));
    };
    match theirs.record(id) {
        // With what it refers to that is not here yet (its parties,
        // sources, briefing …): nothing taken points nowhere.
        Some(record) => Some(Edit::PutAll(with_what_it_needs(ws, theirs, record))),
        // They do not have it: delete it here, with the references to it.
        None => delete_with_references(ws, id),
    }
}
