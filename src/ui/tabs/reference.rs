//! The Parties & metrics tab: the reference data other records point to.

use egui::RichText;

use crate::model::{RecordId, RecordKind};
use crate::text::count;
use crate::ui::command::Command;
use crate::ui::tabs::TabContext;
use crate::ui::widgets::section;

/// Stateless: the lists are short and drawn straight from the workspace.
#[derive(Default)]
pub struct ReferenceTab;

impl ReferenceTab {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                parties_ui(ui, cx);
                ui.add_space(12.0);
                metrics_ui(ui, cx);
            });
    }
}

/// Edit and delete buttons for one row.
fn row_buttons(ui: &mut egui::Ui, cx: &mut TabContext<'_>, id: RecordId, name: &str) {
    if ui
        .small_button("Edit…")
        .on_hover_text(format!("Edit {name}"))
        .clicked()
    {
        cx.commands.push(Command::EditRecord(id.clone()));
    }
    if ui
        .small_button("Delete…")
        .on_hover_text(format!("Delete {name}"))
        .clicked()
    {
        cx.commands.push(Command::DeleteRecord(id));
    }
}

fn parties_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
    ui.horizontal(|ui| {
        section(ui, "Parties");
        if ui.button("New party…").clicked() {
            cx.commands.push(Command::NewRecord(RecordKind::Party));
        }
    });
    let ws = cx.ws;
    if ws.parties.is_empty() {
        ui.weak("No parties yet.");
        return;
    }
    egui::Grid::new("parties_grid")
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for title in ["Name", "Code", "Kind", "Note", ""] {
                ui.label(RichText::new(title).strong());
            }
            ui.end_row();
            for party in &ws.parties {
                ui.label(&party.name);
                ui.label(&party.code);
                ui.label(party.kind.label());
                ui.add_sized(
                    [360.0, ui.spacing().interact_size.y],
                    egui::Label::new(&party.note).truncate(),
                )
                .on_hover_text(&party.note);
                ui.horizontal(|ui| {
                    row_buttons(ui, cx, RecordId::Party(party.id.clone()), &party.name)
                });
                ui.end_row();
            }
        });
}

fn metrics_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
    ui.horizontal(|ui| {
        section(ui, "Metrics");
        if ui.button("New metric…").clicked() {
            cx.commands.push(Command::NewRecord(RecordKind::Metric));
        }
    });
    let ws = cx.ws;
    if ws.metrics.is_empty() {
        ui.weak("No metrics yet.");
        return;
    }
    egui::Grid::new("metrics_grid")
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for title in ["Id", "Name", "Unit", "Regions", ""] {
                ui.label(RichText::new(title).strong());
            }
            ui.end_row();
            for metric in &ws.metrics {
                ui.monospace(metric.id.as_str());
                ui.label(&metric.name).on_hover_text(&metric.description);
                ui.label(&metric.unit);
                let regions = cx
                    .derived
                    .analysis
                    .regions
                    .get(&metric.id)
                    .map_or(0, |r| r.len());
                if regions == 0 {
                    ui.label("not by region");
                } else {
                    ui.label(count(regions, "region", "regions"));
                }
                ui.horizontal(|ui| {
                    row_buttons(ui, cx, RecordId::Metric(metric.id.clone()), &metric.name)
                });
                ui.end_row();
            }
        });
}
