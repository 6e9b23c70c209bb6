//! Checking the proposals against the workspace (new, already present,
//! problems they bring) and making the one edit that adds them.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::PasteBriefing;
use super::row::{Row, Status};
use crate::analysis::Analysis;
use crate::model::{
    Citation, Edit, Event, EventId, EventKind, MetricId, Observation, Record, Workspace, unique_id,
};
use crate::store::{FiguresCsv, ImportPlan, plan_import};
use crate::text::count;

impl PasteBriefing {
    /// A row's figure as the user edited it, or why it cannot be one.
    pub(super) fn observation(row: &Row, reported_on: NaiveDate) -> Result<Observation, String> {
        let start = row.start.parse()?.ok_or("the period has no start")?;
        let end = row.end.parse()?.ok_or("the period has no end")?;
        if end < start {
            return Err("the period ends before it starts".to_owned());
        }
        let mut o = row.proposal.to_observation(reported_on);
        o.metric = row.metric.clone();
        o.regions = row.regions.clone();
        o.regions.sort();
        o.start = start;
        o.end = end;
        o.value = row.value;
        o.qualifier = row.qualifier;
        o.sources = vec![Citation {
            source: Default::default(),
            quote: row.proposal.quote.clone(),
        }];
        Ok(o)
    }

    /// Plans the figures through the CSV import (new or already present,
    /// new source) and the reconciliation checks; returns the plan for the
    /// ticked rows.
    pub(super) fn plan(&mut self, ws: &Workspace) -> Option<ImportPlan> {
        let reported_on = self.reported_on?;
        let title = self.title(reported_on);
        let figures: Vec<Option<Observation>> = self
            .rows
            .iter()
            .map(|r| Self::observation(r, reported_on).ok())
            .collect();
        let ticked: Vec<bool> = self.rows.iter().map(|r| r.ticked).collect();
        // Every row is planned (to say whether each is new), the ticked
        // ones are added to the checked workspace.
        let mut csv = Vec::new();
        let mut lines = Vec::new();
        {
            let mut writer = FiguresCsv::new(&mut csv).ok()?;
            for (index, o) in figures.iter().enumerate() {
                if let Some(o) = o {
                    writer.write(o, &title).ok()?;
                    lines.push(index);
                }
            }
            writer.finish().ok()?;
        }
        let plan = plan_import(ws, &csv, |_, _| true).ok()?;
        // Line 1 is the header; quotes are on one line.
        let row_of = |line: usize| lines.get(line.checked_sub(2)?).copied();
        for row in &mut self.rows {
            row.status = match Self::observation(row, reported_on) {
                Err(why) => Status::Invalid(why),
                Ok(_) => Status::New,
            };
        }
        for &line in &plan.already_present {
            if let Some(i) = row_of(line) {
                self.rows[i].status = Status::AlreadyPresent;
            }
        }
        for rejected in &plan.rejected {
            if let Some(i) = row_of(rejected.line) {
                self.rows[i].status = Status::Invalid(rejected.reason.clone());
            }
        }
        let mut plan = plan;
        plan.to_add
            .retain(|(line, _)| row_of(*line).is_some_and(|i| ticked[i]));
        // Reconciliation: problems the ticked figures bring that the
        // workspace does not have. Metrics reconcile each on its own, so
        // only the figures of the metrics proposed are derived (on a large
        // workspace, all of them would take a noticeable time per change).
        let metrics: BTreeSet<MetricId> =
            plan.to_add.iter().map(|(_, o)| o.metric.clone()).collect();
        if self
            .problems_before
            .as_ref()
            .is_none_or(|(m, _)| *m != metrics)
        {
            let before = Analysis::compute(&only_metrics(ws, &metrics))
                .problems
                .iter()
                .map(ToString::to_string)
                .collect();
            self.problems_before = Some((metrics.clone(), before));
        }
        let before = self
            .problems_before
            .as_ref()
            .map(|(_, b)| b.clone())
            .unwrap_or_default();
        let mut checked = only_metrics(ws, &metrics);
        let _ = plan.edit().apply(&mut checked);
        for problem in Analysis::compute(&checked).problems {
            if before.contains(&problem.to_string()) {
                continue;
            }
            for (line, o) in &plan.to_add {
                if problem.observations.contains(&o.id)
                    && let Some(i) = row_of(*line)
                {
                    let text = format!("{}: {}", problem.kind.label(), problem.message);
                    match &mut self.rows[i].status {
                        Status::Problems(list) => list.push(text),
                        status => *status = Status::Problems(vec![text]),
                    }
                }
            }
        }
        self.planned = Some(figures);
        Some(plan)
    }

    /// The one edit: source, briefing event and the ticked new figures.
    pub(super) fn edit(&mut self, ws: &Workspace) -> Option<(Edit, String)> {
        let reported_on = self.reported_on?;
        let title = self.title(reported_on);
        let mut plan = self.plan(ws)?;
        if plan.to_add.is_empty() {
            return None;
        }
        let source_id = plan.new_sources.first().map(|s| s.id.clone()).or_else(|| {
            plan.to_add
                .first()?
                .1
                .sources
                .first()
                .map(|c| c.source.clone())
        })?;
        for source in &mut plan.new_sources {
            source.published_on = Some(reported_on);
            source.excerpt = self.text.clone();
        }
        let event_id = EventId::new(unique_id("ev", &title, |id| ws.events.contains(id)));
        for (_, o) in &mut plan.to_add {
            o.reported_at = Some(event_id.clone());
        }
        let event = Event {
            id: event_id,
            kind: EventKind::Briefing,
            title: title.clone(),
            date: Some(reported_on),
            reported_on: Some(reported_on),
            instruments: self
                .mentioned
                .iter()
                .filter(|(_, _, on)| *on)
                .map(|(id, _, _)| id.clone())
                .collect(),
            sources: vec![Citation {
                source: source_id,
                quote: String::new(),
            }],
            ..Event::default()
        };
        let figures = count(plan.to_add.len(), "figure", "figures");
        let Edit::PutAll(mut records) = plan.edit() else {
            return None;
        };
        records.push(Record::Event(event));
        Some((Edit::PutAll(records), format!("{figures} from {title}")))
    }
}

/// The part of `ws` that the reconciliation of `metrics` reads: those
/// metrics and their figures.
fn only_metrics(ws: &Workspace, metrics: &BTreeSet<MetricId>) -> Workspace {
    Workspace {
        metrics: ws
            .metrics
            .iter()
            .filter(|m| metrics.contains(&m.id))
            .cloned()
            .collect(),
        observations: ws
            .observations
            .iter()
            .filter(|o| metrics.contains(&o.metric))
            .cloned()
            .collect(),
        ..Workspace::default()
    }
}
