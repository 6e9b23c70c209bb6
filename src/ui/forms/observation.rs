//! The figure (observation) form.

use std::collections::BTreeSet;

use super::RecordForm;
use super::fields::{self, DateInput, Problems, row};
use crate::model::{
    Citation, Event, EventKind, Field, FieldProblem, MetricId, Observation, ObservationId,
    ProblemKind, Qualifier, Record, RecordId, Source, Workspace, record_problems, unique_id,
};
use crate::text::parse_count;

pub struct ObservationForm {
    draft: Observation,
    is_new: bool,
    start: DateInput,
    end: DateInput,
    reported_on: DateInput,
    value: String,
    region_search: String,
    /// Every region any figure names, gathered once when the form opens.
    known_regions: BTreeSet<String>,
    new_source: fields::NewSource,
    /// Sources made in this form ("New source…"), saved with the figure.
    new_sources: Vec<Source>,
    caveats: String,
    event_filter: String,
    revises_filter: String,
}

/// What a new figure starts from, so that the figures of one briefing are
/// entered without retyping what they share.
#[derive(Clone, Debug, Default)]
pub struct FigureDefaults {
    /// The metric the Statistics tab shows.
    pub metric: Option<MetricId>,
    /// The last figure saved (or, before any, the last one reported): its
    /// sources, reporting date and briefing, and period.
    pub last: Option<Observation>,
}

impl ObservationForm {
    pub fn new(existing: Option<Observation>, ws: &Workspace) -> Self {
        Self::start(existing, ws, &FigureDefaults::default())
    }

    /// A new figure, starting from `defaults`.
    pub fn create(ws: &Workspace, defaults: &FigureDefaults) -> Self {
        Self::start(None, ws, defaults)
    }

    fn start(existing: Option<Observation>, ws: &Workspace, defaults: &FigureDefaults) -> Self {
        let is_new = existing.is_none();
        let last = defaults.last.as_ref();
        let draft = existing.clone().unwrap_or_else(|| {
            let metric = defaults
                .metric
                .clone()
                .filter(|m| ws.metrics.contains(m.as_str()))
                .or_else(|| last.map(|o| o.metric.clone()))
                .or_else(|| ws.metrics.iter().next().map(|m| m.id.clone()))
                .unwrap_or_default();
            let mut draft = Observation {
                metric,
                ..Observation::default()
            };
            if let Some(last) = last {
                // The quote was the last figure's own sentence.
                draft.sources = last
                    .sources
                    .iter()
                    .filter(|c| ws.sources.contains(c.source.as_str()))
                    .map(|c| Citation {
                        source: c.source.clone(),
                        quote: String::new(),
                    })
                    .collect();
                draft.reported_on = last.reported_on;
                draft.reported_at = last
                    .reported_at
                    .clone()
                    .filter(|e| ws.events.contains(e.as_str()));
            }
            draft
        });
        let period = match (&existing, last) {
            (Some(o), _) | (None, Some(o)) => (Some(o.start), Some(o.end)),
            (None, None) => (None, None),
        };
        let known: BTreeSet<String> = ws
            .observations
            .iter()
            .flat_map(|o| o.regions.iter())
            .cloned()
            .collect();
        Self {
            is_new,
            start: DateInput::new(period.0),
            end: DateInput::new(period.1),
            reported_on: DateInput::new(draft.reported_on),
            value: if is_new {
                String::new()
            } else {
                draft.value.to_string()
            },
            region_search: String::new(),
            known_regions: known,
            new_source: fields::NewSource::default(),
            new_sources: Vec::new(),
            caveats: fields::caveats_text(&draft.marking),
            event_filter: String::new(),
            revises_filter: String::new(),
            draft,
        }
    }

    /// The sources made in the form that the figure still cites.
    fn cited_new_sources(&self) -> impl Iterator<Item = &Source> {
        self.new_sources
            .iter()
            .filter(|s| self.draft.sources.iter().any(|c| c.source == s.id))
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
            fields::regions(
                ui,
                &mut self.draft.regions,
                &self.known_regions,
                &mut self.region_search,
            );
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
                    Qualifier::label,
                );
            });
            problems.show(ui, Field::Value);
        });
        row(ui, "Reported on", |ui| {
            fields::date(ui, &mut self.reported_on, "Reported on");
            problems.show(ui, Field::ReportedOn);
        });
        row(ui, "Reported at", |ui| {
            let current = self
                .draft
                .reported_at
                .as_ref()
                .map(|id| ws.record_label(&RecordId::Event(id.clone())))
                .unwrap_or_default();
            // Briefings first, newest first: where figures are reported.
            let mut events: Vec<&Event> = ws.events.iter().collect();
            events.sort_by_key(|e| {
                (
                    e.kind != EventKind::Briefing,
                    std::cmp::Reverse(e.sort_date()),
                )
            });
            let options = events.into_iter().map(|e| {
                let date = e.sort_date().map_or_else(String::new, |d| format!("{d}  "));
                (e.id.clone(), format!("{date}{}", e.title))
            });
            let changed = fields::pick_one(
                ui,
                "Reported at",
                &mut self.draft.reported_at,
                "No event",
                &current,
                &mut self.event_filter,
                options,
            );
            // The briefing's date is the figure's reporting date unless one
            // was typed.
            if changed
                && self.reported_on.text.trim().is_empty()
                && let Some(event) = self
                    .draft
                    .reported_at
                    .as_ref()
                    .and_then(|id| ws.events.get(id.as_str()))
            {
                self.reported_on = DateInput::new(event.sort_date());
            }
            problems.show(ui, Field::ReportedAt);
        });
        row(ui, "Sources", |ui| {
            fields::citations(ui, ws, &mut self.draft.sources, &self.new_sources);
            fields::new_source(
                ui,
                ws,
                &mut self.new_source,
                &mut self.new_sources,
                &mut self.draft.sources,
            );
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
                .map(|id| ws.record_label(&RecordId::Observation(id.clone())))
                .unwrap_or_default();
            let metric = &self.draft.metric;
            let own = &self.draft.id;
            let options = ws
                .observations
                .iter()
                .filter(|o| &o.metric == metric && &o.id != own)
                .map(|o| (o.id.clone(), ws.figure_label(o)));
            fields::pick_one(
                ui,
                "Revises",
                &mut self.draft.supersedes,
                "Nothing (an original figure)",
                &current,
                &mut self.revises_filter,
                options,
            );
            problems.show(ui, Field::Supersedes);
        });
        row(ui, "Marking", |ui| {
            fields::marking(ui, &mut self.draft.marking, &mut self.caveats)
        });
    }

    fn records_saved_with(&self) -> Vec<Record> {
        self.cited_new_sources()
            .cloned()
            .map(Record::Source)
            .collect()
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
            // Not typed yet: no red under the field of a form just opened.
            Err(_) if self.value.trim().is_empty() => {
                problems.push(FieldProblem::new(Field::Value, ProblemKind::Empty));
            }
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
        // Sources made in the form exist once saved with it.
        let mut checked = observation.clone();
        checked
            .sources
            .retain(|c| !self.new_sources.iter().any(|s| s.id == c.source));
        let record = Record::Observation(observation);
        // Start and end problems are already reported when they did not parse.
        let parsed = start.is_some() && end.is_some();
        problems.extend(
            record_problems(ws, &Record::Observation(checked))
                .into_iter()
                .filter(|p| parsed || !matches!(p.field, Field::End | Field::ReportedOn)),
        );
        (record, problems)
    }
}
