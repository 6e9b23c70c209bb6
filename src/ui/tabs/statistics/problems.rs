//! The problems found reconciling the metric's figures, each linking the
//! figures involved by what they say (value, metric, regions, period).

use crate::analysis::Analysis;
use crate::model::{MetricId, ObservationId, Workspace};
use crate::text::group_thousands;
use crate::ui::widgets::section;
use crate::ui::widgets::table::ListState;

/// Problems listed on the tab (each is a group of widgets every frame).
const MAX_PROBLEMS_SHOWN: usize = 50;
/// Figures linked from one problem (a region sum can name hundreds).
const MAX_FIGURE_LINKS: usize = 8;

pub(super) fn problems_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    analysis: &Analysis,
    metric: &MetricId,
    figures: &mut ListState<ObservationId>,
) {
    section(ui, "Problems reconciling these figures");
    let problems: Vec<_> = analysis
        .problems
        .iter()
        .filter(|p| &p.metric == metric)
        .collect();
    if problems.is_empty() {
        ui.colored_label(
            crate::ui::tabs::overview::OK_COLOR,
            "The reported figures for this metric reconcile.",
        );
        return;
    }
    let count = problems.len();
    for (index, problem) in problems.into_iter().take(MAX_PROBLEMS_SHOWN).enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.colored_label(ui.visuals().warn_fg_color, problem.kind.label());
            ui.label(&problem.message);
            if !problem.details.is_empty() {
                // The per-region list: under the message, folded, so that
                // 39 regions do not bury the message (`check --verbose`
                // prints the same lines).
                egui::CollapsingHeader::new(format!(
                    "Details ({})",
                    group_thousands(problem.details.len() as u64)
                ))
                .id_salt(("problem details", index))
                .show(ui, |ui| {
                    for line in &problem.details {
                        ui.label(line);
                    }
                });
            }
            ui.horizontal_wrapped(|ui| {
                ui.weak("Figures:");
                for id in problem.observations.iter().take(MAX_FIGURE_LINKS) {
                    let label = ws
                        .observations
                        .get(id.as_str())
                        .map_or_else(|| id.to_string(), |o| ws.figure_label(o));
                    if ui.link(label).clicked() {
                        figures.selected = Some(id.clone());
                        figures.filter.clear();
                    }
                }
                let more = problem.observations.len().saturating_sub(MAX_FIGURE_LINKS);
                if more > 0 {
                    ui.weak(format!("and {} more", group_thousands(more as u64)));
                }
            });
        });
    }
    if count > MAX_PROBLEMS_SHOWN {
        ui.weak(format!(
            "And {} more; `coopdesk check FILE` lists them all.",
            group_thousands((count - MAX_PROBLEMS_SHOWN) as u64)
        ));
    }
}
