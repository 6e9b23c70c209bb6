//! "Release level": asked before every export (file or clipboard) of a
//! workspace that holds records marked above its own marking, so that a
//! brief for an audience cleared below some records leaves them out. When
//! every record is at the workspace's marking there is nothing to withhold,
//! and exports go straight on.

use crate::model::{Classification, Marking, Workspace, for_release};
use crate::ui::ExportStep;
use crate::ui::widgets::text_field;

pub struct ExportLevelDialog {
    step: ExportStep,
    /// `None`: everything in the workspace, marked with its highest marking.
    classification: Option<Classification>,
    caveats: String,
    /// The workspace's own marking: the lowest level anything is released at.
    floor: Marking,
    highest: Marking,
    /// What the export would carry at the chosen level, or why it cannot
    /// be made; recomputed when the choice changes.
    preview: Result<(Marking, usize), String>,
    /// The choice `preview` is for.
    previewed: Option<Option<Marking>>,
}

pub enum ExportLevelOutcome {
    Cancel,
    Export(Option<Marking>, ExportStep),
}

impl ExportLevelDialog {
    /// Starts from the level chosen last time, if any. `highest`: the
    /// highest marking in `ws` (the banner's).
    pub fn new(ws: &Workspace, highest: Marking, step: ExportStep, last: Option<&Marking>) -> Self {
        let floor = ws.marking.clone();
        Self {
            step,
            classification: last.map(|m| m.classification),
            caveats: last.unwrap_or(&floor).caveats.join(", "),
            highest,
            floor,
            preview: Err(String::new()),
            previewed: None,
        }
    }

    fn level(&self) -> Option<Marking> {
        let classification = self.classification?;
        Some(Marking {
            classification,
            caveats: self
                .caveats
                .split([',', '/'])
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }

    fn update_preview(&mut self, ws: &Workspace) {
        let level = self.level();
        if self.previewed.as_ref() == Some(&level) {
            return;
        }
        self.preview = match &level {
            None => Ok((self.highest.clone(), 0)),
            Some(level) => for_release(ws, level)
                .map(|r| (r.workspace.highest_marking(), r.withheld))
                .map_err(|e| {
                    let mut text = e.to_string();
                    if let Some(first) = text.get(..1) {
                        text.replace_range(..1, &first.to_uppercase());
                    }
                    text
                }),
        };
        self.previewed = Some(level);
    }

    pub fn show(&mut self, ctx: &egui::Context, ws: &Workspace) -> Option<ExportLevelOutcome> {
        self.update_preview(ws);
        let mut outcome = None;
        let modal = egui::Modal::new(egui::Id::unique("export_release_level")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(self.step.title());
            ui.label(format!(
                "This workspace is marked {}, and holds records marked up to {}. Choose what the audience may see: records above that level, or with a caveat it does not carry, are left out with everything derived from them.",
                self.floor, self.highest
            ));
            ui.add_space(6.0);
            egui::Grid::new("export_level_grid")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    ui.label("Release level");
                    let shown = self
                        .classification
                        .map_or("Everything (no release level)", Classification::label);
                    egui::ComboBox::from_id_salt("release_level")
                        .selected_text(shown)
                        .width(220.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(
                                &mut self.classification,
                                None,
                                "Everything (no release level)",
                            );
                            for level in Classification::ALL
                                .into_iter()
                                .filter(|c| *c >= self.floor.classification)
                            {
                                ui.selectable_value(
                                    &mut self.classification,
                                    Some(level),
                                    level.label(),
                                );
                            }
                        })
                        .response
                        .accessible_name("Release level");
                    ui.end_row();
                    ui.label("Caveats");
                    ui.add_enabled_ui(self.classification.is_some(), |ui| {
                        text_field(ui, &mut self.caveats, "e.g. REL TUR, SYNTHETIC", 320.0)
                            .on_hover_text("The caveats the audience may see, separated by commas");
                    });
                    ui.end_row();
                });
            ui.add_space(6.0);
            let ready = match &self.preview {
                Ok((marking, withheld)) => {
                    let records = crate::text::count(*withheld, "record", "records");
                    ui.label(format!("The export will be marked {marking}; {records} withheld."));
                    true
                }
                Err(why) => {
                    ui.colored_label(ui.visuals().error_fg_color, why);
                    false
                }
            };
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let go = ui.add_enabled(ready, egui::Button::new(self.step.button()));
                let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ready && (go.clicked() || enter) {
                    outcome = Some(ExportLevelOutcome::Export(self.level(), self.step.clone()));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(ExportLevelOutcome::Cancel);
                }
            });
        });
        if modal.should_close() && outcome.is_none() {
            outcome = Some(ExportLevelOutcome::Cancel);
        }
        outcome
    }
}

impl ExportStep {
    fn title(&self) -> &'static str {
        match self {
            ExportStep::File(action) => action.title(),
            ExportStep::CopyChart(_) => "Copy the chart",
            ExportStep::CopyTimeline => "Copy the timeline",
        }
    }

    fn button(&self) -> &'static str {
        match self {
            ExportStep::File(_) => "Choose file…",
            ExportStep::CopyChart(_) | ExportStep::CopyTimeline => "Copy",
        }
    }
}
