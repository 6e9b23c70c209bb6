//! Workspace → Properties…: the workspace's title, description and marking
//! (level and caveats), edited as a draft; Save makes one undoable change.

use crate::model::{Classification, Edit, Marking, Workspace};
use crate::ui::widgets::text_field;

pub struct PropertiesDialog {
    title: String,
    description: String,
    classification: Classification,
    caveats: String,
    /// What the workspace held when the dialog opened.
    original: (String, String, Marking),
}

pub enum PropertiesOutcome {
    Cancel,
    /// The edits to make (only what changed), possibly none.
    Save(Vec<Edit>),
}

impl PropertiesDialog {
    pub fn new(ws: &Workspace) -> Self {
        Self {
            title: ws.title.clone(),
            description: ws.description.clone(),
            classification: ws.marking.classification,
            caveats: ws.marking.caveats.join(", "),
            original: (ws.title.clone(), ws.description.clone(), ws.marking.clone()),
        }
    }

    fn marking(&self) -> Marking {
        Marking {
            classification: self.classification,
            caveats: self
                .caveats
                .split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    /// The edits Save would make.
    fn edits(&self) -> Vec<Edit> {
        let (title, description, marking) = &self.original;
        let mut edits = Vec::new();
        if self.title.trim() != title {
            edits.push(Edit::SetTitle(self.title.trim().to_owned()));
        }
        if &self.description != description {
            edits.push(Edit::SetDescription(self.description.clone()));
        }
        if &self.marking() != marking {
            edits.push(Edit::SetMarking(self.marking()));
        }
        edits
    }

    pub fn show(&mut self, ctx: &egui::Context) -> Option<PropertiesOutcome> {
        let mut outcome = None;
        let modal = egui::Modal::new(egui::Id::unique("workspace_properties")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("Workspace properties");
            egui::Grid::new("properties_grid")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    ui.label("Title");
                    text_field(ui, &mut self.title, "Workspace title", 400.0);
                    ui.end_row();
                    ui.label("Description");
                    ui.add(
                        egui::TextEdit::multiline(&mut self.description)
                            .hint_text("What this workspace covers, and from which sources")
                            .desired_rows(4)
                            .desired_width(400.0),
                    )
                    .accessible_name("Workspace description");
                    ui.end_row();
                    ui.label("Marking");
                    ui.horizontal(|ui| {
                        egui::ComboBox::from_id_salt("workspace_marking")
                            .selected_text(self.classification.label())
                            .width(180.0)
                            .show_ui(ui, |ui| {
                                for level in Classification::ALL {
                                    ui.selectable_value(
                                        &mut self.classification,
                                        level,
                                        level.label(),
                                    );
                                }
                            })
                            .response
                            .accessible_name("Workspace marking");
                    });
                    ui.end_row();
                    ui.label("Caveats");
                    text_field(ui, &mut self.caveats, "Caveats, separated by commas", 400.0);
                    ui.end_row();
                });
            ui.weak("The marking is shown in the banners and on every export; a record's own higher marking still wins there.");
            let problem = self.title.trim().is_empty().then_some("The title is empty.");
            ui.add_space(6.0);
            // Always one line, so the buttons do not move as the user types.
            match problem {
                Some(problem) => ui.colored_label(ui.visuals().error_fg_color, problem),
                None => ui.label(" "),
            };
            ui.horizontal(|ui| {
                let save = ui.add_enabled(problem.is_none(), egui::Button::new("Save"));
                if save.clicked() {
                    outcome = Some(PropertiesOutcome::Save(self.edits()));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(PropertiesOutcome::Cancel);
                }
            });
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(PropertiesOutcome::Cancel);
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_changed_is_saved() {
        let ws = crate::store::sample().expect("the sample loads");
        let mut dialog = PropertiesDialog::new(&ws);
        assert!(dialog.edits().is_empty());
        dialog.title = "  Türkiye–Iraq desk  ".to_owned();
        dialog.caveats = "REL TUR, , NOFORN".to_owned();
        let edits = dialog.edits();
        assert_eq!(
            edits,
            vec![
                Edit::SetTitle("Türkiye–Iraq desk".to_owned()),
                Edit::SetMarking(Marking {
                    classification: ws.marking.classification,
                    caveats: vec!["REL TUR".to_owned(), "NOFORN".to_owned()],
                }),
            ]
        );
    }
}
