//! The figure (observation) form.

use std::collections::BTreeSet;

use super::RecordForm;
use super::fields::{self, DateInput, Problems, row};
use crate::model::{
    Field, FieldProblem, Observation, ObservationId, Qualifier, Record, Workspace, record_problems,
    unique_id,
};
use crate::text::parse_count;

pub struct ObservationForm {
    draft: Observation,
    is_new: bool,
    start: DateInput,
    end: DateInput,
    reported_on: DateInput,
    value: String,
    new_region: String,
    /// Every region any figure names, gathered once when the form opens.
    known_regions: Vec<String>,
    caveats: String,
}

impl ObservationForm {
    pub fn new(existing: Option<Observation>, ws: &Workspace) -> Self {
        let draft = existing.clone().unwrap_or_else(|| Observation {
            metric: ws
                .metrics
                .iter()
                .next()
                .map(|m| m.id.clone())
                .unwrap_or_default(),
            ..Observation::default()
        });
        let known: BTreeSet<&String> = ws
            .observations
            .iter()
            .flat_map(|o| o.regions.iter())
            .collect();
        let is_new = existing.is_none();
        Self {
            is_new,
            start: DateInput::new((!is_new).then_some(draft.start)),
            end: DateInput::new((!is_new).then_some(draft.end)),
            reported_on: DateInput::new(draft.reported_on),
            value: if is_new {
                String::new()
            } else {
                draft.value.to_string()
            },
            new_region: String::new(),
            known_regions: known.into_iter().cloned().collect(),
            caveats: fields::caveats_text(&draft.marking),
            draft,
        }
    }
}

impl RecordForm for ObservationForm {
    fn fields_ui(&mut self, ui: &mut egui::Ui, ws: &Workspace, problems: &Problems<'_>) {
        row(ui, "Metric", |ui| {
            let name = ws.metric_name(&self.draft.metric).to_owned();
            egui::ComboBox::from_id_salt("Metric")
                .selected_text(name)
                .width(300.0)
                .show_ui(ui, |ui| {
                    for metric in &ws.metrics {
                        ui.selectable_value(
                            &mut self.draft.metric,
                            metric.id.clone(),
                            &metric.name,
                        );
                    }
                })
                .response
                .accessible_name("Metric");
            problems.show(ui, Field::Metric);
        });
        row(ui, "Regions", |ui| {
            let mut options: Vec<(String, String)> = self
                .known_regions
                .iter()
                .map(|r| (r.clone(), r.clone()))
                .collect();
            for region in &self.draft.regions {
                if !self.known_regions.contains(region) {
                    options.push((region.clone(), region.clone()));
                }
            }
            fields::multi_select(ui, "Regions", &mut self.draft.regions, &options);
            ui.horizontal(|ui| {
                super::super::widgets::text_field(
                    ui,
                    &mut self.new_region,
                    "Another region",
                    200.0,
                );
                let name = self.new_region.trim().to_owned();
                if ui
                    .add_enabled(!name.is_empty(), egui::Button::new("Add region"))
                    .clicked()
                {
                    if !self.draft.regions.contains(&name) {
                        self.draft.regions.push(name);
                    }
                    self.new_region.clear();
                }
            });
            ui.weak("None ticked: the figure is not broken down by region.");
            problems.show(ui, Field::Regions);
        });
        row(ui, "From", |ui| {
            fields::date(ui, &mut self.start, "From");
            problems.show(ui, Field::Start);
        });
        row(ui, "To", |ui| {
            fields::date(ui, &mut self.end, "To");
            problems.show(ui, Field::End);
        });
        row(ui, "Value", |ui| {
            ui.horizontal(|ui| {
                super::super::widgets::text_field(ui, &mut self.value, "Value", 120.0);
                fields::choice(
                    ui,
                    "Qualifier",
                    &mut self.draft.qualifier,
                    &Qualifier::ALL,
                    qualifier_label,
                );
            });
            problems.show(ui, Field::Value);
        });
        row(ui, "Reported on", |ui| {
            fields::date(ui, &mut self.reported_on, "Reported on");
            problems.show(ui, Field::ReportedOn);
        });
        row(ui, "Sources", |ui| {
            fields::citations(ui, ws, &mut self.draft.sources);
            problems.show(ui, Field::Sources);
        });
        row(ui, "Note", |ui| {
            fields::multi_line(ui, &mut self.draft.note, "Note")
        });
        row(ui, "Revises", |ui| {
            let current = self
                .draft
                .supersedes
                .as_ref()
                .map_or("Nothing (an original figure)".to_owned(), |id| {
                    id.to_string()
                });
            let metric = self.draft.metric.clone();
            let own = self.draft.id.clone();
            egui::ComboBox::from_id_salt("Revises")
                .selected_text(current)
                .width(300.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(
                        &mut self.draft.supersedes,
                        None,
                        "Nothing (an original figure)",
                    );
                    for o in ws
                        .observations
                        .iter()
                        .filter(|o| o.metric == metric && o.id != own)
                    {
                        let label = format!("{} — {}", o.id, crate::text::group_thousands(o.value));
                        ui.selectable_value(&mut self.draft.supersedes, Some(o.id.clone()), label);
                    }
                })
                .response
                .accessible_name("Revises");
            problems.show(ui, Field::Supersedes);
        });
        row(ui, "Marking", |ui| {
            fields::marking(ui, &mut self.draft.marking, &mut self.caveats)
        });
    }

    fn build(&self, ws: &Workspace) -> (Record, Vec<FieldProblem>) {
        let mut problems = Vec::new();
        let mut observation = self.draft.clone();
        let start = fields::read_date(&self.start, Field::Start, true, &mut problems);
        let end = fields::read_date(&self.end, Field::End, true, &mut problems);
        observation.start = start.unwrap_or(observation.start);
        observation.end = end.unwrap_or(observation.end);
        observation.reported_on =
            fields::read_date(&self.reported_on, Field::ReportedOn, false, &mut problems);
        match parse_count(&self.value) {
            Ok(value) => observation.value = value,
            Err(message) => problems.push(FieldProblem::invalid(Field::Value, message)),
        }
        observation.regions.sort();
        fields::apply_caveats(&mut observation.marking, &self.caveats, ws);
        if self.is_new {
            let base = format!(
                "{} {} {}",
                observation.end,
                observation.metric,
                observation.regions.join(" ")
            );
            observation.id =
                ObservationId::new(unique_id("", &base, |id| ws.observations.contains(id)));
        }
        let record = Record::Observation(observation);
        // Start and end problems are already reported when they did not parse.
        let parsed = start.is_some() && end.is_some();
        problems.extend(
            record_problems(ws, &record)
                .into_iter()
                .filter(|p| parsed || !matches!(p.field, Field::End | Field::ReportedOn)),
        );
        (record, problems)
    }
}

fn qualifier_label(qualifier: Qualifier) -> &'static str {
    match qualifier {
        Qualifier::Exact => "exactly",
        Qualifier::AtLeast => "at least",
        Qualifier::Approximate => "about",
    }
}
