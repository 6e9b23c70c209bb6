//! The import preview: what a CSV would add, skip, create and reject, shown
//! before anything changes. Confirming is one undoable edit.

use std::path::PathBuf;

use egui::RichText;

use crate::store::ImportPlan;
use crate::text::{count, group_thousands, period_label};

/// Rows to add listed at most (the rest are counted).
const LISTED_ROWS: usize = 200;

pub struct ImportPreview {
    pub path: PathBuf,
    pub plan: ImportPlan,
    /// The user agreed to leave out the rejected rows.
    skip_rejected: bool,
}

pub enum PreviewOutcome {
    Cancel,
    Import,
}

impl ImportPreview {
    pub fn new(path: PathBuf, plan: ImportPlan) -> Self {
        Self {
            path,
            plan,
            skip_rejected: false,
        }
    }

    fn has_changes(&self) -> bool {
        !self.plan.to_add.is_empty()
            || !self.plan.new_metrics.is_empty()
            || !self.plan.new_sources.is_empty()
    }

    pub fn show(&mut self, ctx: &egui::Context) -> Option<PreviewOutcome> {
        let mut outcome = None;
        let modal = egui::Modal::new(egui::Id::unique("import_preview")).show(ctx, |ui| {
            ui.set_width(760.0);
            let name = self.path.file_name().map_or_else(
                || self.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            ui.heading(format!("Import figures from {name}"));
            let plan = &self.plan;
            ui.label(format!(
                "{} read: {} to add, {} already present (skipped), {} rejected.",
                count(plan.rows, "row", "rows"),
                plan.to_add.len(),
                plan.already_present.len(),
                plan.rejected.len()
            ));
            if !plan.new_metrics.is_empty() {
                let ids: Vec<&str> = plan.new_metrics.iter().map(|m| m.id.as_str()).collect();
                ui.label(format!("New metrics: {}", ids.join(", ")));
            }
            if !plan.new_sources.is_empty() {
                const SHOWN: usize = 4;
                let titles: Vec<&str> = plan
                    .new_sources
                    .iter()
                    .take(SHOWN)
                    .map(|s| s.title.as_str())
                    .collect();
                let more = plan.new_sources.len().saturating_sub(SHOWN);
                let more = if more > 0 {
                    format!("; and {more} more")
                } else {
                    String::new()
                };
                ui.label(format!("New sources: {}{more}", titles.join("; ")));
            }
            if !plan.ignored_columns.is_empty() {
                ui.weak(format!(
                    "Unknown columns left out: {}",
                    plan.ignored_columns.join(", ")
                ));
            }
            let max_height = (ui.ctx().content_rect().height() - 320.0).max(160.0);
            crate::ui::widgets::dialog_scroll(max_height).show(ui, |ui| {
                if !plan.rejected.is_empty() {
                    ui.label(RichText::new("Rejected rows").strong());
                    egui::Grid::new("rejected_rows")
                        .striped(true)
                        .show(ui, |ui| {
                            for row in &plan.rejected {
                                ui.label(format!("line {}", row.line));
                                ui.label(row.column);
                                ui.colored_label(ui.visuals().error_fg_color, &row.reason);
                                ui.end_row();
                            }
                        });
                    ui.add_space(6.0);
                }
                if !plan.links_left_out.is_empty() {
                    ui.label(
                        RichText::new("Imported without a link (not in this workspace)").strong(),
                    );
                    egui::Grid::new("links_left_out")
                        .striped(true)
                        .show(ui, |ui| {
                            for row in &plan.links_left_out {
                                ui.label(format!("line {}", row.line));
                                ui.label(row.column);
                                ui.colored_label(ui.visuals().warn_fg_color, &row.reason);
                                ui.end_row();
                            }
                        });
                    ui.add_space(6.0);
                }
                if !plan.to_add.is_empty() {
                    ui.label(RichText::new("Figures to add").strong());
                    egui::Grid::new("rows_to_add").striped(true).show(ui, |ui| {
                        for (line, o) in plan.to_add.iter().take(LISTED_ROWS) {
                            ui.label(format!("line {line}"));
                            ui.label(o.metric.as_str());
                            ui.label(crate::text::regions_label(&o.regions));
                            ui.label(period_label(o.start, o.end));
                            ui.label(format!(
                                "{}{}",
                                o.qualifier.prefix(),
                                group_thousands(o.value)
                            ));
                            ui.end_row();
                        }
                    });
                    if plan.to_add.len() > LISTED_ROWS {
                        ui.weak(format!("… and {} more.", plan.to_add.len() - LISTED_ROWS));
                    }
                }
            });
            ui.separator();
            let rejected = self.plan.rejected.len();
            if rejected > 0 {
                ui.checkbox(
                    &mut self.skip_rejected,
                    format!(
                        "Import the good rows and leave out the rejected ones ({})",
                        count(rejected, "row", "rows")
                    ),
                );
            }
            ui.horizontal(|ui| {
                let allowed = self.has_changes() && (rejected == 0 || self.skip_rejected);
                let button = ui.add_enabled(allowed, egui::Button::new("Import"));
                if button.clicked() {
                    outcome = Some(PreviewOutcome::Import);
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(PreviewOutcome::Cancel);
                }
                if !self.has_changes() {
                    ui.weak("Nothing new to import.");
                } else {
                    ui.weak("Importing is one step that Ctrl+Z undoes.");
                }
            });
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(PreviewOutcome::Cancel);
        }
        outcome
    }
}
