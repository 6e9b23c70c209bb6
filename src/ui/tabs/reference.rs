//! The Parties & metrics tab: the reference data other records point to,
//! two short lists; clicking a row shows the record whole in a details
//! pane, with Edit… and Delete…, as on the other tabs.

use egui::RichText;
use serde::{Deserialize, Serialize};

use crate::model::{Metric, Party, RecordId, RecordKind};
use crate::text::{count, regions_label};
use crate::ui::command::Command;
use crate::ui::tabs::TabContext;
use crate::ui::widgets::{details_pane, main_pane, record_actions, section};

#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ReferenceTab {
    /// The party or metric shown in the details pane.
    #[serde(skip)] // ids may not exist in the next workspace opened
    selected: Option<RecordId>,
}

impl ReferenceTab {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
        let ws = cx.ws;
        match &self.selected {
            Some(RecordId::Party(id)) => {
                if let Some(party) = ws.parties.get(id.as_str()) {
                    details_pane(ui, "party_details", |ui| party_details_ui(ui, cx, party));
                }
            }
            Some(RecordId::Metric(id)) => {
                if let Some(metric) = ws.metrics.get(id.as_str()) {
                    details_pane(ui, "metric_details", |ui| metric_details_ui(ui, cx, metric));
                }
            }
            _ => {}
        }
        main_pane(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    self.parties_ui(ui, cx);
                    ui.add_space(12.0);
                    self.metrics_ui(ui, cx);
                });
        });
    }

    /// Shows a party or metric in the details pane.
    pub fn reveal(&mut self, record: &RecordId) {
        if matches!(record, RecordId::Party(_) | RecordId::Metric(_)) {
            self.selected = Some(record.clone());
        }
    }

    /// A row's first cell: selects the record when clicked.
    fn select_ui(&mut self, ui: &mut egui::Ui, id: RecordId, text: impl Into<egui::WidgetText>) {
        let selected = self.selected.as_ref() == Some(&id);
        if ui.selectable_label(selected, text).clicked() {
            self.selected = (!selected).then_some(id);
        }
    }

    fn parties_ui(&mut self, ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
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
                for title in ["Name", "Code", "Kind", "Note"] {
                    ui.label(RichText::new(title).strong());
                }
                ui.end_row();
                for party in &ws.parties {
                    self.select_ui(ui, RecordId::Party(party.id.clone()), &party.name);
                    ui.label(&party.code);
                    ui.label(party.kind.label());
                    // Cut to one line; the details pane shows it whole.
                    ui.add_sized(
                        [360.0, ui.spacing().interact_size.y],
                        egui::Label::new(&party.note).truncate(),
                    );
                    ui.end_row();
                }
            });
        ui.weak("Click a name to see the party whole, with Edit… and Delete….");
    }

    fn metrics_ui(&mut self, ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
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
                for title in ["Name", "Id", "Unit", "Regions"] {
                    ui.label(RichText::new(title).strong());
                }
                ui.end_row();
                for metric in &ws.metrics {
                    self.select_ui(ui, RecordId::Metric(metric.id.clone()), &metric.name);
                    ui.monospace(metric.id.as_str());
                    ui.label(&metric.unit);
                    ui.label(regions_count(cx, metric));
                    ui.end_row();
                }
            });
    }
}

fn regions_count(cx: &TabContext<'_>, metric: &Metric) -> String {
    let regions = cx
        .derived
        .analysis
        .regions
        .get(&metric.id)
        .map_or(0, |r| r.len());
    if regions == 0 {
        "not by region".to_owned()
    } else {
        count(regions, "region", "regions")
    }
}

/// A labelled value in a details pane; empty values say so.
fn field_ui(ui: &mut egui::Ui, label: &str, value: &str) {
    ui.label(RichText::new(label).weak());
    if value.is_empty() {
        ui.weak("—");
    } else {
        ui.add(egui::Label::new(value).wrap());
    }
    ui.add_space(4.0);
}

fn party_details_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>, party: &Party) {
    ui.heading(&party.name);
    record_actions(ui, cx.commands, cx.ws, RecordId::Party(party.id.clone()));
    ui.add_space(6.0);
    field_ui(ui, "Code", &party.code);
    field_ui(ui, "Kind", party.kind.label());
    field_ui(ui, "Note", &party.note);
}

fn metric_details_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>, metric: &Metric) {
    ui.heading(&metric.name);
    record_actions(ui, cx.commands, cx.ws, RecordId::Metric(metric.id.clone()));
    ui.add_space(6.0);
    field_ui(ui, "Id", metric.id.as_str());
    field_ui(ui, "Unit", &metric.unit);
    field_ui(ui, "Description", &metric.description);
    let regions = cx
        .derived
        .analysis
        .regions
        .get(&metric.id)
        .map(regions_label)
        .unwrap_or_default();
    field_ui(ui, "Regions reported", &regions);
}
