//! Data the UI draws from, derived once per workspace revision.

use std::collections::HashMap;

use crate::analysis::Analysis;
use crate::document::Document;
use crate::model::{EventId, InstrumentId, Marking, RecordId, SourceId, ValidationError};

/// Everything expensive the tabs need, recomputed only after a change.
pub struct Derived {
    /// (document generation, revision) this was computed for.
    key: (u64, u64),
    pub analysis: Analysis,
    pub errors: Vec<ValidationError>,
    /// The highest marking of anything in the workspace: the banner's.
    pub marking: Marking,
    pub cited_by: HashMap<SourceId, Vec<RecordId>>,
    pub events_by_instrument: HashMap<InstrumentId, Vec<EventId>>,
}

impl Derived {
    pub fn compute(doc: &Document, generation: u64) -> Self {
        let ws = doc.workspace();
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
        Self {
            key: (generation, doc.revision()),
            analysis: Analysis::compute(ws),
            errors: ws.validate(),
            marking: ws.highest_marking(),
            cited_by,
            events_by_instrument,
        }
    }

    pub fn is_current(&self, doc: &Document, generation: u64) -> bool {
        self.key == (generation, doc.revision())
    }
}
