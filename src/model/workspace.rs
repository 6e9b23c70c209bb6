//! The workspace: every record of one cooperation file, kept in id order.

use std::borrow::Borrow;

use serde::{Deserialize, Serialize};

use super::conflict::Conflict;
use super::history::HistoryEntry;
use super::ids::{EventId, InstrumentId, MetricId, ObservationId, PartyId, SourceId};
use super::marking::Marking;
use super::records::{Event, Instrument, Metric, Milestone, Observation, Party, Source};

/// Everything coopdesk knows about one bilateral relationship.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    pub title: String,
    /// The handling marking of the workspace as a whole; records may carry a
    /// higher one of their own.
    pub marking: Marking,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub parties: RecordMap<Party>,
    #[serde(default)]
    pub sources: RecordMap<Source>,
    #[serde(default)]
    pub metrics: RecordMap<Metric>,
    #[serde(default)]
    pub instruments: RecordMap<Instrument>,
    #[serde(default)]
    pub events: RecordMap<Event>,
    #[serde(default)]
    pub observations: RecordMap<Observation>,
    /// Merge conflicts not yet resolved (format 4), one per line in the
    /// file; `coopdesk check` reports each as an error.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// Every change made through coopdesk, oldest first (format 4), one
    /// per line in the file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryEntry>,
}

impl Workspace {
    /// Puts every record list in id order, the order in which files are
    /// written. Duplicates stay (side by side) for `validate` to report.
    pub fn sort_records(&mut self) {
        // Every field named: a list added to `Workspace` does not compile
        // here until it is kept in id order too.
        let Self {
            title: _,
            marking: _,
            description: _,
            parties,
            sources,
            metrics,
            instruments,
            events,
            observations,
            conflicts: _,
            history: _,
        } = self;
        parties.sort();
        sources.sort();
        metrics.sort();
        instruments.sort();
        events.sort();
        observations.sort();
    }

    /// The highest marking of the workspace and every record in it: what a
    /// screen or export showing all of it must carry.
    pub fn highest_marking(&self) -> Marking {
        // Every field named: a list added to `Workspace` does not compile
        // here until its markings count (or it is said to have none).
        let Self {
            title: _,
            marking,
            description: _,
            parties: _,
            sources,
            metrics: _,
            instruments,
            events,
            observations,
            conflicts: _,
            history: _,
        } = self;
        let records = instruments
            .iter()
            .map(|r| &r.marking)
            .chain(events.iter().map(|r| &r.marking))
            .chain(observations.iter().map(|r| &r.marking))
            .chain(sources.iter().map(|r| &r.marking))
            .flatten();
        records.fold(marking.clone(), |acc, m| acc.combine(m))
    }

    pub fn party_name<'a>(&'a self, id: &'a PartyId) -> &'a str {
        self.parties
            .get(id.as_str())
            .map_or(id.as_str(), |p| &p.name)
    }

    pub fn source_title<'a>(&'a self, id: &'a SourceId) -> &'a str {
        self.sources
            .get(id.as_str())
            .map_or(id.as_str(), |s| &s.title)
    }

    pub fn metric_name<'a>(&'a self, id: &'a MetricId) -> &'a str {
        self.metrics
            .get(id.as_str())
            .map_or(id.as_str(), |m| &m.name)
    }

    /// Every milestone not yet done, in the one order the Overview and the
    /// brief list them: dated first, soonest due first; then undated; ties
    /// by instrument title, then in the instrument's own order.
    pub fn open_milestones(&self) -> Vec<OpenMilestone<'_>> {
        let mut open: Vec<OpenMilestone<'_>> = self
            .instruments
            .iter()
            .flat_map(|instrument| {
                instrument
                    .milestones
                    .iter()
                    .enumerate()
                    .filter(|(_, milestone)| !milestone.done)
                    .map(move |(index, milestone)| OpenMilestone {
                        instrument,
                        index,
                        milestone,
                    })
            })
            .collect();
        open.sort_by_key(|open| {
            let due = open.milestone.due;
            (
                due.is_none(),
                due,
                open.instrument.title.as_str(),
                open.index,
            )
        });
        open
    }
}

/// A milestone not yet done, with the instrument it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenMilestone<'a> {
    pub instrument: &'a Instrument,
    /// Where it is in the instrument's milestones (how the UI names it).
    pub index: usize,
    pub milestone: &'a Milestone,
}

/// A record that has a stable id.
pub trait Keyed {
    type Id: Ord + Clone + std::borrow::Borrow<str> + std::fmt::Display;
    fn id(&self) -> &Self::Id;
}

macro_rules! keyed {
    ($record:ty, $id:ty) => {
        impl Keyed for $record {
            type Id = $id;
            fn id(&self) -> &$id {
                &self.id
            }
        }
    };
}

keyed!(Party, PartyId);
keyed!(Source, SourceId);
keyed!(Metric, MetricId);
keyed!(Instrument, InstrumentId);
keyed!(Event, EventId);
keyed!(Observation, ObservationId);

/// Records of one kind, in id order. Saved as a plain list (a RON map would
/// let a duplicate key silently replace the first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordMap<T>(Vec<T>);

impl<T> Default for RecordMap<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T: Keyed> RecordMap<T> {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    fn position(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|r| r.id().borrow().cmp(id))
    }

    pub fn get(&self, id: &str) -> Option<&T> {
        self.position(id).ok().and_then(|i| self.0.get(i))
    }

    pub fn contains(&self, id: &str) -> bool {
        self.position(id).is_ok()
    }

    /// Inserts or replaces by id, keeping id order; returns the record replaced.
    pub fn put(&mut self, record: T) -> Option<T> {
        match self.position(record.id().borrow()) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i], record)),
            Err(i) => {
                self.0.insert(i, record);
                None
            }
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<T> {
        self.position(id).ok().map(|i| self.0.remove(i))
    }

    /// Inserts or replaces many records in one pass (a merge, not one
    /// shifting insert per record: an import of 100,000 figures stays fast).
    /// Returns the records replaced and the ids that were new. Records
    /// sharing an id are all kept, in the order given: each replaces the
    /// next record with that id, if there is one left. A file may hold
    /// duplicate ids (`validate` reports them), and undoing a `DeleteAll`,
    /// which removes every record with the id, must put all of them back.
    pub fn put_many(&mut self, mut records: Vec<T>) -> (Vec<T>, Vec<T::Id>) {
        // Stable: records sharing an id stay in the order given.
        records.sort_by(|a, b| a.id().cmp(b.id()));
        let old = std::mem::take(&mut self.0);
        let mut merged = Vec::with_capacity(old.len() + records.len());
        let mut replaced = Vec::new();
        let mut inserted = Vec::new();
        let mut old = old.into_iter().peekable();
        for record in records {
            while let Some(existing) = old.next_if(|e| e.id() < record.id()) {
                merged.push(existing);
            }
            match old.next_if(|e| e.id() == record.id()) {
                Some(existing) => replaced.push(existing),
                // Listed once, however many records with the id are new.
                None if inserted.last() == Some(record.id()) => {}
                None => inserted.push(record.id().clone()),
            }
            merged.push(record);
        }
        merged.extend(old);
        self.0 = merged;
        (replaced, inserted)
    }

    /// Removes every record whose id is in `ids`, in one pass.
    pub fn remove_many(&mut self, ids: &std::collections::HashSet<&str>) -> Vec<T> {
        let (removed, kept): (Vec<T>, Vec<T>) = std::mem::take(&mut self.0)
            .into_iter()
            .partition(|r| ids.contains(r.id().borrow()));
        self.0 = kept;
        removed
    }

    fn sort(&mut self) {
        self.0.sort_by(|a, b| a.id().cmp(b.id()));
    }
}

impl<T: Keyed> FromIterator<T> for RecordMap<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut map = Self(iter.into_iter().collect());
        map.sort();
        map
    }
}

impl<'a, T> IntoIterator for &'a RecordMap<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(id: &str) -> Party {
        Party {
            id: PartyId::new(id),
            name: id.to_uppercase(),
            ..Party::default()
        }
    }

    #[test]
    fn open_milestones_are_dated_soonest_first_then_undated_ties_by_instrument_title() {
        let date = |day| chrono::NaiveDate::from_ymd_opt(2024, 5, day);
        let milestone = |title: &str, due, done| Milestone {
            title: title.to_owned(),
            due,
            done,
            ..Milestone::default()
        };
        let mut ws = Workspace::default();
        // Id order (a, b) is the opposite of title order (Zeta, Alpha).
        ws.instruments.put(Instrument {
            id: InstrumentId::new("a"),
            title: "Zeta".into(),
            milestones: vec![
                milestone("z undated", None, false),
                milestone("z done", date(1), true),
                milestone("z 10 May", date(10), false),
            ],
            ..Instrument::default()
        });
        ws.instruments.put(Instrument {
            id: InstrumentId::new("b"),
            title: "Alpha".into(),
            milestones: vec![
                milestone("a 10 May", date(10), false),
                milestone("a undated", None, false),
                milestone("a 2 May", date(2), false),
            ],
            ..Instrument::default()
        });
        let order: Vec<(&str, usize)> = ws
            .open_milestones()
            .iter()
            .map(|open| (open.milestone.title.as_str(), open.index))
            .collect();
        assert_eq!(
            order,
            [
                ("a 2 May", 2),
                ("a 10 May", 0),
                ("z 10 May", 2),
                ("a undated", 1),
                ("z undated", 0),
            ]
        );
    }

    #[test]
    fn put_keeps_id_order_and_returns_the_replaced_record() {
        let mut map = RecordMap::default();
        assert!(map.put(party("irq")).is_none());
        assert!(map.put(party("deu")).is_none());
        assert!(map.put(party("tur")).is_none());
        let ids: Vec<_> = map.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["deu", "irq", "tur"]);

        let mut renamed = party("irq");
        renamed.name = "Iraq".into();
        let old = map.put(renamed).expect("irq was present");
        assert_eq!(old.name, "IRQ");
        assert_eq!(map.get("irq").map(|p| p.name.as_str()), Some("Iraq"));
        assert_eq!(map.len(), 3);
    }

    #[test]
    fn put_many_merges_in_id_order_and_reports_what_it_replaced() {
        let mut map: RecordMap<Party> = [party("b"), party("d")].into_iter().collect();
        let mut renamed = party("d");
        renamed.name = "Dee".into();
        let (replaced, inserted) = map.put_many(vec![
            party("e"),
            renamed,
            party("a"),
            party("c"),
            party("a"),
        ]);
        let ids: Vec<_> = map.iter().map(|p| p.id.as_str()).collect();
        // Both "a" are kept (a duplicate for `validate` to report).
        assert_eq!(ids, ["a", "a", "b", "c", "d", "e"]);
        assert_eq!(map.get("d").map(|p| p.name.as_str()), Some("Dee"));
        assert_eq!(
            replaced.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["D"]
        );
        assert_eq!(
            inserted.iter().map(PartyId::as_str).collect::<Vec<_>>(),
            ["a", "c", "e"]
        );

        let removed = map.remove_many(&["a", "e", "zz"].into_iter().collect());
        assert_eq!(removed.len(), 3);
        assert_eq!(map.len(), 3);
    }

    #[test]
    fn remove_returns_the_record_and_forgets_it() {
        let mut map: RecordMap<Party> = [party("a"), party("b")].into_iter().collect();
        assert_eq!(map.remove("a").map(|p| p.id.0), Some("a".to_string()));
        assert!(map.remove("a").is_none());
        assert!(!map.contains("a"));
        assert!(map.contains("b"));
    }
}
