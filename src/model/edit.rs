//! `Edit`: the one way a workspace changes.
//!
//! `Edit::apply` changes the workspace and returns the edit that undoes it,
//! so undo history stores small inverse edits rather than copies of the
//! whole workspace.

use super::conflict::Conflict;
use super::history::HistoryEntry;
use super::ids::{EventId, InstrumentId, MetricId, ObservationId, PartyId, SourceId};
use super::marking::Marking;
use super::records::{Event, Instrument, Metric, Observation, Party, Source};
use super::workspace::Workspace;

/// Any one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    Party(Party),
    Source(Source),
    Metric(Metric),
    Instrument(Instrument),
    Event(Event),
    Observation(Observation),
}

/// The id of any one record.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordId {
    Party(PartyId),
    Source(SourceId),
    Metric(MetricId),
    Instrument(InstrumentId),
    Event(EventId),
    Observation(ObservationId),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    Party,
    Source,
    Metric,
    Instrument,
    Event,
    Observation,
}

impl RecordKind {
    pub const ALL: [RecordKind; 6] = [
        Self::Party,
        Self::Source,
        Self::Metric,
        Self::Instrument,
        Self::Event,
        Self::Observation,
    ];

    /// The kinds in the order the app's tabs, menus and comparisons list
    /// them.
    pub const IN_TAB_ORDER: [RecordKind; 6] = [
        Self::Instrument,
        Self::Event,
        Self::Observation,
        Self::Source,
        Self::Party,
        Self::Metric,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Party => "party",
            Self::Source => "source",
            Self::Metric => "metric",
            Self::Instrument => "instrument",
            Self::Event => "event",
            Self::Observation => "observation",
        }
    }
}

impl Record {
    pub fn id(&self) -> RecordId {
        match self {
            Self::Party(r) => RecordId::Party(r.id.clone()),
            Self::Source(r) => RecordId::Source(r.id.clone()),
            Self::Metric(r) => RecordId::Metric(r.id.clone()),
            Self::Instrument(r) => RecordId::Instrument(r.id.clone()),
            Self::Event(r) => RecordId::Event(r.id.clone()),
            Self::Observation(r) => RecordId::Observation(r.id.clone()),
        }
    }
}

impl RecordId {
    pub fn kind(&self) -> RecordKind {
        match self {
            Self::Party(_) => RecordKind::Party,
            Self::Source(_) => RecordKind::Source,
            Self::Metric(_) => RecordKind::Metric,
            Self::Instrument(_) => RecordKind::Instrument,
            Self::Event(_) => RecordKind::Event,
            Self::Observation(_) => RecordKind::Observation,
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Party(id) => id.as_str(),
            Self::Source(id) => id.as_str(),
            Self::Metric(id) => id.as_str(),
            Self::Instrument(id) => id.as_str(),
            Self::Event(id) => id.as_str(),
            Self::Observation(id) => id.as_str(),
        }
    }
}

impl RecordId {
    /// The record of `kind` (as [`RecordKind::label`] names it) with `id`.
    pub fn from_parts(kind: &str, id: &str) -> Option<RecordId> {
        let kind = RecordKind::ALL.into_iter().find(|k| k.label() == kind)?;
        let id = id.to_owned();
        Some(match kind {
            RecordKind::Party => RecordId::Party(PartyId::new(id)),
            RecordKind::Source => RecordId::Source(SourceId::new(id)),
            RecordKind::Metric => RecordId::Metric(MetricId::new(id)),
            RecordKind::Instrument => RecordId::Instrument(InstrumentId::new(id)),
            RecordKind::Event => RecordId::Event(EventId::new(id)),
            RecordKind::Observation => RecordId::Observation(ObservationId::new(id)),
        })
    }

    /// Reads what `Display` writes: `observation 2024-04-25-neutralised-week`.
    pub fn parse(text: &str) -> Option<RecordId> {
        let (kind, id) = text.split_once(' ')?;
        Self::from_parts(kind, id)
    }
}

impl std::fmt::Display for RecordId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.kind().label(), self.as_str())
    }
}

/// One change to a workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Adds a record, or replaces the record with the same id.
    Put(Box<Record>),
    /// Removes a record.
    Delete(RecordId),
    /// Adds or replaces many records in one pass (imports).
    PutAll(Vec<Record>),
    /// Removes many records in one pass; all must exist.
    DeleteAll(Vec<RecordId>),
    SetTitle(String),
    SetDescription(String),
    SetMarking(Marking),
    /// Replaces the workspace's unresolved merge conflicts (resolving one).
    SetConflicts(Vec<Conflict>),
    /// Adds an entry to the change history (with every change made).
    PushHistory(Box<HistoryEntry>),
    /// Takes the last entry off the change history (undoing a change).
    PopHistory,
    /// Several edits as one undoable step (a form's Save, an import).
    Batch(Vec<Edit>),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no {0} to delete")]
    Missing(RecordId),
}

impl Edit {
    pub fn put(record: Record) -> Self {
        Self::Put(Box::new(record))
    }

    /// Whether the edit touches nothing at all (an import whose rows were
    /// all rejected, a batch of such): such an edit is no step to undo.
    pub fn is_empty(&self) -> bool {
        match self {
            Edit::PutAll(records) => records.is_empty(),
            Edit::DeleteAll(ids) => ids.is_empty(),
            Edit::Batch(edits) => edits.iter().all(Edit::is_empty),
            Edit::Put(_)
            | Edit::Delete(_)
            | Edit::SetTitle(_)
            | Edit::SetDescription(_)
            | Edit::SetMarking(_)
            | Edit::SetConflicts(_)
            | Edit::PushHistory(_)
            | Edit::PopHistory => false,
        }
    }

    /// The records the edit puts or deletes, in order, at most `limit` of
    /// them (`None` when there are more: an import).
    pub fn touched(&self, limit: usize) -> Option<Vec<RecordId>> {
        let mut ids = Vec::new();
        self.collect_touched(&mut ids, limit).then_some(ids)
    }

    fn collect_touched(&self, ids: &mut Vec<RecordId>, limit: usize) -> bool {
        let mut add = |id: RecordId| {
            if !ids.contains(&id) {
                ids.push(id);
            }
            ids.len() <= limit
        };
        match self {
            Edit::Put(record) => add(record.id()),
            Edit::Delete(id) => add(id.clone()),
            Edit::PutAll(records) => records.len() <= limit && records.iter().all(|r| add(r.id())),
            Edit::DeleteAll(found) => {
                found.len() <= limit && found.iter().all(|id| add(id.clone()))
            }
            Edit::Batch(edits) => edits.iter().all(|e| e.collect_touched(ids, limit)),
            Edit::SetTitle(_)
            | Edit::SetDescription(_)
            | Edit::SetMarking(_)
            | Edit::SetConflicts(_)
            | Edit::PushHistory(_)
            | Edit::PopHistory => true,
        }
    }

    /// Applies the edit and returns its inverse. A failing batch is rolled
    /// back, so an error leaves the workspace as it was.
    pub fn apply(self, ws: &mut Workspace) -> Result<Edit, EditError> {
        match self {
            Edit::Put(record) => {
                let id = record.id();
                let replaced = put_record(ws, *record);
                Ok(match replaced {
                    Some(old) => Edit::put(old),
                    None => Edit::Delete(id),
                })
            }
            Edit::Delete(id) => match delete_record(ws, &id) {
                Some(old) => Ok(Edit::put(old)),
                None => Err(EditError::Missing(id)),
            },
            Edit::PutAll(records) => Ok(put_all(ws, records)),
            Edit::DeleteAll(ids) => delete_all(ws, &ids),
            Edit::SetTitle(title) => Ok(Edit::SetTitle(std::mem::replace(&mut ws.title, title))),
            Edit::SetDescription(text) => Ok(Edit::SetDescription(std::mem::replace(
                &mut ws.description,
                text,
            ))),
            Edit::SetMarking(marking) => Ok(Edit::SetMarking(std::mem::replace(
                &mut ws.marking,
                marking,
            ))),
            Edit::SetConflicts(conflicts) => Ok(Edit::SetConflicts(std::mem::replace(
                &mut ws.conflicts,
                conflicts,
            ))),
            Edit::PushHistory(entry) => {
                ws.history.push(*entry);
                Ok(Edit::PopHistory)
            }
            Edit::PopHistory => Ok(match ws.history.pop() {
                Some(entry) => Edit::PushHistory(Box::new(entry)),
                None => Edit::Batch(Vec::new()),
            }),
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(ws) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(err) => {
                            // Roll back what this batch already did.
                            for inverse in inverses.into_iter().rev() {
                                // An inverse of an edit that just succeeded always applies.
                                let _ = inverse.apply(ws);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }
}

/// Splits records by kind, so that each kind's map is merged once.
#[derive(Default)]
struct ByKind {
    parties: Vec<Party>,
    sources: Vec<Source>,
    metrics: Vec<Metric>,
    instruments: Vec<Instrument>,
    events: Vec<Event>,
    observations: Vec<Observation>,
}

fn put_all(ws: &mut Workspace, records: Vec<Record>) -> Edit {
    let mut by_kind = ByKind::default();
    for record in records {
        match record {
            Record::Party(r) => by_kind.parties.push(r),
            Record::Source(r) => by_kind.sources.push(r),
            Record::Metric(r) => by_kind.metrics.push(r),
            Record::Instrument(r) => by_kind.instruments.push(r),
            Record::Event(r) => by_kind.events.push(r),
            Record::Observation(r) => by_kind.observations.push(r),
        }
    }
    let mut restore: Vec<Record> = Vec::new();
    let mut remove: Vec<RecordId> = Vec::new();
    macro_rules! merge {
        ($field:ident, $record:ident) => {
            let (replaced, inserted) = ws.$field.put_many(by_kind.$field);
            restore.extend(replaced.into_iter().map(Record::$record));
            remove.extend(inserted.into_iter().map(RecordId::$record));
        };
    }
    merge!(parties, Party);
    merge!(sources, Source);
    merge!(metrics, Metric);
    merge!(instruments, Instrument);
    merge!(events, Event);
    merge!(observations, Observation);
    Edit::Batch(vec![Edit::DeleteAll(remove), Edit::PutAll(restore)])
}

fn delete_all(ws: &mut Workspace, ids: &[RecordId]) -> Result<Edit, EditError> {
    // Check first, so that a missing id changes nothing.
    if let Some(missing) = ids.iter().find(|id| !ws.contains_record(id)) {
        return Err(EditError::Missing(missing.clone()));
    }
    let of_kind = |kind: RecordKind| -> std::collections::HashSet<&str> {
        ids.iter()
            .filter(|id| id.kind() == kind)
            .map(RecordId::as_str)
            .collect()
    };
    let mut removed: Vec<Record> = Vec::with_capacity(ids.len());
    macro_rules! remove {
        ($field:ident, $kind:ident) => {
            let gone = ws.$field.remove_many(&of_kind(RecordKind::$kind));
            removed.extend(gone.into_iter().map(Record::$kind));
        };
    }
    remove!(parties, Party);
    remove!(sources, Source);
    remove!(metrics, Metric);
    remove!(instruments, Instrument);
    remove!(events, Event);
    remove!(observations, Observation);
    Ok(Edit::PutAll(removed))
}

impl Workspace {
    /// Whether the record `id` names exists.
    pub fn contains_record(&self, id: &RecordId) -> bool {
        match id {
            RecordId::Party(id) => self.parties.contains(id.as_str()),
            RecordId::Source(id) => self.sources.contains(id.as_str()),
            RecordId::Metric(id) => self.metrics.contains(id.as_str()),
            RecordId::Instrument(id) => self.instruments.contains(id.as_str()),
            RecordId::Event(id) => self.events.contains(id.as_str()),
            RecordId::Observation(id) => self.observations.contains(id.as_str()),
        }
    }
}

fn put_record(ws: &mut Workspace, record: Record) -> Option<Record> {
    match record {
        Record::Party(r) => ws.parties.put(r).map(Record::Party),
        Record::Source(r) => ws.sources.put(r).map(Record::Source),
        Record::Metric(r) => ws.metrics.put(r).map(Record::Metric),
        Record::Instrument(r) => ws.instruments.put(r).map(Record::Instrument),
        Record::Event(r) => ws.events.put(r).map(Record::Event),
        Record::Observation(r) => ws.observations.put(r).map(Record::Observation),
    }
}

fn delete_record(ws: &mut Workspace, id: &RecordId) -> Option<Record> {
    match id {
        RecordId::Party(id) => ws.parties.remove(id.as_str()).map(Record::Party),
        RecordId::Source(id) => ws.sources.remove(id.as_str()).map(Record::Source),
        RecordId::Metric(id) => ws.metrics.remove(id.as_str()).map(Record::Metric),
        RecordId::Instrument(id) => ws.instruments.remove(id.as_str()).map(Record::Instrument),
        RecordId::Event(id) => ws.events.remove(id.as_str()).map(Record::Event),
        RecordId::Observation(id) => ws.observations.remove(id.as_str()).map(Record::Observation),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Classification;

    fn party(id: &str, name: &str) -> Record {
        Record::Party(Party {
            id: PartyId::new(id),
            name: name.into(),
            ..Party::default()
        })
    }

    #[test]
    fn put_then_inverse_restores_the_workspace() {
        let mut ws = Workspace::default();
        ws.parties.put(Party {
            id: PartyId::new("irq"),
            name: "Iraq".into(),
            ..Party::default()
        });
        let original = ws.clone();

        let undo_add = Edit::put(party("tur", "Türkiye")).apply(&mut ws).unwrap();
        let undo_rename = Edit::put(party("irq", "Republic of Iraq"))
            .apply(&mut ws)
            .unwrap();
        assert_eq!(ws.parties.len(), 2);
        assert_eq!(ws.party_name(&PartyId::new("irq")), "Republic of Iraq");

        undo_rename.apply(&mut ws).unwrap();
        undo_add.apply(&mut ws).unwrap();
        assert_eq!(ws, original);
    }

    #[test]
    fn deleting_a_missing_record_is_an_error_that_changes_nothing() {
        let mut ws = Workspace::default();
        let err = Edit::Delete(RecordId::Party(PartyId::new("nope")))
            .apply(&mut ws)
            .unwrap_err();
        assert_eq!(err.to_string(), "there is no party nope to delete");
    }

    #[test]
    fn a_failing_batch_is_rolled_back() {
        let mut ws = Workspace::default();
        let original = ws.clone();
        let batch = Edit::Batch(vec![
            Edit::put(party("tur", "Türkiye")),
            Edit::SetMarking(Marking::new(Classification::Secret)),
            Edit::Delete(RecordId::Party(PartyId::new("nope"))),
        ]);
        assert!(batch.apply(&mut ws).is_err());
        assert_eq!(ws, original);
    }

    #[test]
    fn put_all_and_delete_all_are_undone_exactly() {
        let mut ws = Workspace::default();
        ws.parties.put(Party {
            id: PartyId::new("irq"),
            name: "Iraq".into(),
            ..Party::default()
        });
        let original = ws.clone();
        let undo = Edit::PutAll(vec![
            party("tur", "Türkiye"),
            party("irq", "Republic of Iraq"),
            party("deu", "Germany"),
        ])
        .apply(&mut ws)
        .unwrap();
        assert_eq!(ws.parties.len(), 3);
        assert_eq!(ws.party_name(&PartyId::new("irq")), "Republic of Iraq");
        undo.apply(&mut ws).unwrap();
        assert_eq!(ws, original);

        let missing = Edit::DeleteAll(vec![
            RecordId::Party(PartyId::new("irq")),
            RecordId::Party(PartyId::new("nope")),
        ]);
        assert!(missing.apply(&mut ws).is_err());
        assert_eq!(ws, original, "a failed DeleteAll removes nothing");
    }

    #[test]
    fn a_batch_inverse_undoes_in_reverse_order() {
        let mut ws = Workspace::default();
        let original = ws.clone();
        let batch = Edit::Batch(vec![
            Edit::put(party("tur", "Türkiye")),
            Edit::put(party("tur", "Turkey")),
            Edit::SetTitle("Türkiye–Iraq".into()),
        ]);
        let inverse = batch.apply(&mut ws).unwrap();
        assert_eq!(ws.party_name(&PartyId::new("tur")), "Turkey");
        inverse.apply(&mut ws).unwrap();
        assert_eq!(ws, original);
    }

    #[test]
    fn delete_all_of_a_duplicated_id_is_undone_exactly() {
        // Found by the monkey: a file may hold two records with one id
        // (`validate` reports it); deleting that id removed both, and the
        // undo put back only the last of them.
        let source = |title: &str| Source {
            id: SourceId::new("s"),
            title: title.into(),
            ..Source::default()
        };
        let mut ws = Workspace {
            sources: [source("Source"), source("Again")].into_iter().collect(),
            ..Workspace::default()
        };
        let original = ws.clone();
        let undo = Edit::DeleteAll(vec![RecordId::Source(SourceId::new("s"))])
            .apply(&mut ws)
            .unwrap();
        let redo = undo.apply(&mut ws).unwrap();
        assert_eq!(ws, original);
        redo.apply(&mut ws).unwrap();
        assert!(ws.sources.is_empty());
    }
}
