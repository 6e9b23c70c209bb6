//! Data the UI draws from, derived once per workspace revision.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::analysis::Analysis;
use crate::model::{
    EventId, InstrumentId, InstrumentKind, RecordId, SourceId, Status, ValidationError, Workspace,
};

/// How many open milestones and recent events the Overview lists.
pub const OVERVIEW_ROWS: usize = 8;
/// A milestone due this many days from today or sooner is "due soon".
pub const DUE_SOON_DAYS: u64 = 30;

/// Which record tables have a record with a marking of its own.
#[derive(Clone, Copy, Debug, Default)]
pub struct MarkedTables {
    pub instruments: bool,
    pub events: bool,
    pub sources: bool,
    pub figures: bool,
}

/// Everything expensive the tabs need, recomputed only after a change.
pub struct Derived {
    pub analysis: Analysis,
    pub errors: Vec<ValidationError>,
    pub cited_by: HashMap<SourceId, Vec<RecordId>>,
    pub events_by_instrument: HashMap<InstrumentId, Vec<EventId>>,
    pub instrument_counts: BTreeMap<(InstrumentKind, Status), usize>,
    /// Open milestones as (instrument, index in its milestones), soonest
    /// due first, undated last; at most [`OVERVIEW_ROWS`].
    pub open_milestones: Vec<(InstrumentId, usize)>,
    /// Which tables get a Marking column: some record has its own marking.
    pub marked: MarkedTables,
    /// Open milestones due before today.
    pub overdue_milestones: usize,
    /// Open milestones due within [`DUE_SOON_DAYS`] from today.
    pub due_soon_milestones: usize,
    /// The latest events, newest first; at most [`OVERVIEW_ROWS`].
    pub recent_events: Vec<EventId>,
}

impl Derived {
    /// Everything derived from `ws`, not yet tied to a document.
    pub fn of(ws: &Workspace, today: NaiveDate) -> Self {
        Self::of_with_progress(ws, today, &|_| {})
    }

    /// [`Derived::of`], saying how far it has got (0 to 1): on a million
    /// figures it takes seconds, and the open job shows it.
    pub fn of_with_progress(ws: &Workspace, today: NaiveDate, progress: &dyn Fn(f32)) -> Self {
        Self::derive(ws, today, progress, Analysis::compute)
    }

    /// [`Derived::of`] after a change to the workspace `previous` was
    /// derived from: the analysis re-derives only the metrics whose figures
    /// changed (an edit to one figure takes milliseconds on a large
    /// workspace; the rest is linear and cheap).
    pub fn after(ws: &Workspace, today: NaiveDate, previous: &Derived) -> Self {
        Self::derive(ws, today, &|_| {}, |ws| {
            previous.analysis.clone().update(ws)
        })
    }

    fn derive(
        ws: &Workspace,
        today: NaiveDate,
        progress: &dyn Fn(f32),
        analyse: impl FnOnce(&Workspace) -> Analysis,
    ) -> Self {
        let mut cited_by: HashMap<SourceId, Vec<RecordId>> = HashMap::new();
        let mut cite = |record: RecordId, citations: &[crate::model::Citation]| {
            for citation in citations {
                let entry = cited_by.entry(citation.source.clone()).or_default();
                if entry.last() != Some(&record) {
                    entry.push(record.clone());
                }
            }
        };
        for r in &ws.instruments {
            cite(RecordId::Instrument(r.id.clone()), &r.sources);
        }
        for r in &ws.events {
            cite(RecordId::Event(r.id.clone()), &r.sources);
        }
        for r in &ws.observations {
            cite(RecordId::Observation(r.id.clone()), &r.sources);
        }
        let mut events_by_instrument: HashMap<InstrumentId, Vec<EventId>> = HashMap::new();
        for event in &ws.events {
            for instrument in &event.instruments {
                events_by_instrument
                    .entry(instrument.clone())
                    .or_default()
                    .push(event.id.clone());
            }
        }
        let mut instrument_counts = BTreeMap::new();
        for instrument in &ws.instruments {
            *instrument_counts
                .entry((instrument.kind, instrument.status))
                .or_default() += 1;
        }
        progress(0.1);
        let analysis = analyse(ws);
        progress(0.7);
        let errors = ws.validate();
        progress(0.95);
        let milestones = ws.instruments.iter().flat_map(|i| &i.milestones);
        let (mut overdue, mut due_soon) = (0, 0);
        for milestone in milestones {
            overdue += usize::from(milestone.is_overdue(today));
            due_soon += usize::from(milestone.is_due_within(today, DUE_SOON_DAYS));
        }
        let marked = MarkedTables {
            instruments: ws.instruments.iter().any(|r| r.marking.is_some()),
            events: ws.events.iter().any(|r| r.marking.is_some()),
            sources: ws.sources.iter().any(|r| r.marking.is_some()),
            figures: ws.observations.iter().any(|r| r.marking.is_some()),
        };
        Self {
            marked,
            overdue_milestones: overdue,
            due_soon_milestones: due_soon,
            instrument_counts,
            open_milestones: ws
                .open_milestones()
                .into_iter()
                .take(OVERVIEW_ROWS)
                .map(|open| (open.instrument.id.clone(), open.index))
                .collect(),
            recent_events: recent_events(ws),
            analysis,
            errors,
            cited_by,
            events_by_instrument,
        }
    }
}

fn recent_events(ws: &Workspace) -> Vec<EventId> {
    let mut events: Vec<_> = ws.events.iter().collect();
    events.sort_by(|a, b| b.sort_date().cmp(&a.sort_date()).then(a.id.cmp(&b.id)));
    events
        .into_iter()
        .take(OVERVIEW_ROWS)
        .map(|e| e.id.clone())
        .collect()
}
