//! Older file formats, read as they were written and brought up to date.
//!
//! Each older `format_version` has its own types for what changed since
//! (everything else is read with today's types) and a function that turns
//! it into today's workspace. Format 0, coopdesk's first drafts, called an
//! observation's value `count`; formats 0 and 1 had no metric `phrases`
//! (format 2), so a file that says it is older and has them is refused
//! rather than read as something it cannot be.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::model::{
    Citation, Event, Instrument, Marking, Metric, MetricId, Observation, ObservationId, Party,
    Qualifier, RecordMap, Source, Workspace,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "WorkspaceFile")]
pub(super) struct FileV1 {
    #[allow(dead_code)] // checked before parsing; kept so the field is allowed
    pub format_version: u32,
    pub workspace: WorkspaceV1,
}

/// Format 1: today's workspace but for the metrics' phrases.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Workspace")]
pub(super) struct WorkspaceV1 {
    title: String,
    marking: Marking,
    #[serde(default)]
    description: String,
    #[serde(default)]
    parties: RecordMap<Party>,
    #[serde(default)]
    sources: RecordMap<Source>,
    #[serde(default)]
    metrics: Vec<MetricV1>,
    #[serde(default)]
    instruments: RecordMap<Instrument>,
    #[serde(default)]
    events: RecordMap<Event>,
    #[serde(default)]
    observations: RecordMap<Observation>,
}

/// A metric of formats 0 and 1: no `phrases`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Metric")]
struct MetricV1 {
    id: MetricId,
    name: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    description: String,
}

impl From<MetricV1> for Metric {
    fn from(m: MetricV1) -> Self {
        Metric {
            id: m.id,
            name: m.name,
            unit: m.unit,
            description: m.description,
            phrases: Vec::new(),
        }
    }
}

fn metrics(list: Vec<MetricV1>) -> RecordMap<Metric> {
    list.into_iter().map(Metric::from).collect()
}

/// Format 1 → today's workspace.
pub(super) fn from_v1(file: FileV1) -> Workspace {
    let w = file.workspace;
    Workspace {
        title: w.title,
        marking: w.marking,
        description: w.description,
        parties: w.parties,
        sources: w.sources,
        metrics: metrics(w.metrics),
        instruments: w.instruments,
        events: w.events,
        observations: w.observations,
        conflicts: Vec::new(),
        history: Vec::new(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "WorkspaceFile")]
pub(super) struct FileV0 {
    #[allow(dead_code)] // checked before parsing; kept so the field is allowed
    pub format_version: u32,
    pub workspace: WorkspaceV0,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Workspace")]
pub(super) struct WorkspaceV0 {
    title: String,
    marking: Marking,
    #[serde(default)]
    description: String,
    #[serde(default)]
    parties: RecordMap<Party>,
    #[serde(default)]
    sources: RecordMap<Source>,
    #[serde(default)]
    metrics: Vec<MetricV1>,
    #[serde(default)]
    instruments: RecordMap<Instrument>,
    #[serde(default)]
    events: RecordMap<Event>,
    #[serde(default)]
    observations: Vec<ObservationV0>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Observation")]
struct ObservationV0 {
    id: ObservationId,
    metric: MetricId,
    #[serde(default)]
    regions: Vec<String>,
    #[serde(with = "crate::model::dates")]
    start: NaiveDate,
    #[serde(with = "crate::model::dates")]
    end: NaiveDate,
    /// Renamed `value` in format 1.
    count: u64,
    #[serde(default)]
    qualifier: Qualifier,
    #[serde(default, with = "crate::model::dates::optional")]
    reported_on: Option<NaiveDate>,
    #[serde(default)]
    sources: Vec<Citation>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    supersedes: Option<ObservationId>,
    #[serde(default)]
    marking: Option<Marking>,
}

/// Format 0 → today's workspace.
pub(super) fn from_v0(file: FileV0) -> Workspace {
    let w = file.workspace;
    Workspace {
        title: w.title,
        marking: w.marking,
        description: w.description,
        parties: w.parties,
        sources: w.sources,
        metrics: metrics(w.metrics),
        instruments: w.instruments,
        events: w.events,
        observations: w
            .observations
            .into_iter()
            .map(|o| Observation {
                id: o.id,
                metric: o.metric,
                regions: o.regions,
                start: o.start,
                end: o.end,
                value: o.count,
                qualifier: o.qualifier,
                reported_on: o.reported_on,
                reported_at: None,
                sources: o.sources,
                note: o.note,
                supersedes: o.supersedes,
                marking: o.marking,
            })
            .collect(),
        conflicts: Vec::new(),
        history: Vec::new(),
    }
}
