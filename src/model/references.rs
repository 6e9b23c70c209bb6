//! Who refers to whom: what deleting a record would break, the one edit that
//! deletes it together with every reference to it, and fresh ids.

use super::edit::{Edit, Record, RecordId};
use super::workspace::Workspace;

/// Every record that refers to `target`, in kind and id order.
pub fn references_to(ws: &Workspace, target: &RecordId) -> Vec<RecordId> {
    let mut found = Vec::new();
    match target {
        RecordId::Party(id) => {
            for r in &ws.instruments {
                if r.parties.contains(id) {
                    found.push(RecordId::Instrument(r.id.clone()));
                }
            }
            for r in &ws.events {
                if r.participants.contains(id) {
                    found.push(RecordId::Event(r.id.clone()));
                }
            }
        }
        RecordId::Source(id) => {
            let cites = |citations: &[super::Citation]| citations.iter().any(|c| &c.source == id);
            for r in &ws.instruments {
                if cites(&r.sources) {
                    found.push(RecordId::Instrument(r.id.clone()));
                }
            }
            for r in &ws.events {
                if cites(&r.sources) {
                    found.push(RecordId::Event(r.id.clone()));
                }
            }
            for r in &ws.observations {
                if cites(&r.sources) {
                    found.push(RecordId::Observation(r.id.clone()));
                }
            }
        }
        RecordId::Metric(id) => {
            for r in &ws.observations {
                if &r.metric == id {
                    found.push(RecordId::Observation(r.id.clone()));
                }
            }
        }
        RecordId::Instrument(id) => {
            for r in &ws.events {
                if r.instruments.contains(id) {
                    found.push(RecordId::Event(r.id.clone()));
                }
            }
        }
        RecordId::Observation(id) => {
            for r in &ws.observations {
                if r.supersedes.as_ref() == Some(id) {
                    found.push(RecordId::Observation(r.id.clone()));
                }
            }
        }
        RecordId::Event(id) => {
            for r in &ws.observations {
                if r.reported_at.as_ref() == Some(id) {
                    found.push(RecordId::Observation(r.id.clone()));
                }
            }
        }
    }
    found
}

/// Every record `record` refers to (parties, sources, its metric, events,
/// instruments, the figure it revises).
pub fn referred_to_by(record: &Record) -> Vec<RecordId> {
    let sources = |citations: &[super::Citation]| -> Vec<RecordId> {
        citations
            .iter()
            .map(|c| RecordId::Source(c.source.clone()))
            .collect()
    };
    match record {
        Record::Party(_) | Record::Source(_) | Record::Metric(_) => Vec::new(),
        Record::Instrument(r) => {
            let mut ids: Vec<RecordId> = r.parties.iter().cloned().map(RecordId::Party).collect();
            ids.extend(sources(&r.sources));
            ids
        }
        Record::Event(r) => {
            let mut ids: Vec<RecordId> = r
                .participants
                .iter()
                .cloned()
                .map(RecordId::Party)
                .collect();
            ids.extend(r.instruments.iter().cloned().map(RecordId::Instrument));
            ids.extend(sources(&r.sources));
            ids
        }
        Record::Observation(r) => {
            let mut ids = vec![RecordId::Metric(r.metric.clone())];
            ids.extend(sources(&r.sources));
            ids.extend(r.reported_at.iter().cloned().map(RecordId::Event));
            ids.extend(r.supersedes.iter().cloned().map(RecordId::Observation));
            ids
        }
    }
}

/// `record` from another copy with every record it needs that `ws` lacks
/// and `other` has (and what those need), needed ones first: taken
/// together, they leave no reference pointing nowhere.
pub fn with_what_it_needs(ws: &Workspace, other: &Workspace, record: Record) -> Vec<Record> {
    let mut taken = vec![record];
    let mut index = 0;
    while index < taken.len() {
        for id in referred_to_by(&taken[index]) {
            if ws.record(&id).is_none()
                && !taken.iter().any(|r| r.id() == id)
                && let Some(needed) = other.record(&id)
            {
                taken.push(needed);
            }
        }
        index += 1;
    }
    taken.reverse();
    taken
}

/// One edit that deletes `target` and removes every reference to it: the
/// reference is dropped from lists, a revision's `supersedes` is cleared,
/// and the figures of a deleted metric are deleted with it (a figure cannot
/// exist without its metric). `None` when `target` does not exist.
pub fn delete_with_references(ws: &Workspace, target: &RecordId) -> Option<Edit> {
    if !ws.contains_record(target) {
        return None;
    }
    let mut changed = Vec::new();
    let mut deleted = Vec::new();
    for referrer in references_to(ws, target) {
        match (&referrer, target) {
            (RecordId::Observation(_), RecordId::Metric(_)) => deleted.push(referrer),
            _ => changed.extend(without_reference(ws, &referrer, target)),
        }
    }
    deleted.push(target.clone());
    Some(Edit::Batch(vec![
        Edit::PutAll(changed),
        Edit::DeleteAll(deleted),
    ]))
}

/// A copy of `referrer` with its references to `target` removed.
fn without_reference(ws: &Workspace, referrer: &RecordId, target: &RecordId) -> Option<Record> {
    match referrer {
        RecordId::Instrument(id) => {
            let mut r = ws.instruments.get(id.as_str())?.clone();
            match target {
                RecordId::Party(p) => r.parties.retain(|x| x != p),
                RecordId::Source(s) => r.sources.retain(|c| &c.source != s),
                _ => {}
            }
            Some(Record::Instrument(r))
        }
        RecordId::Event(id) => {
            let mut r = ws.events.get(id.as_str())?.clone();
            match target {
                RecordId::Party(p) => r.participants.retain(|x| x != p),
                RecordId::Source(s) => r.sources.retain(|c| &c.source != s),
                RecordId::Instrument(i) => r.instruments.retain(|x| x != i),
                _ => {}
            }
            Some(Record::Event(r))
        }
        RecordId::Observation(id) => {
            let mut r = ws.observations.get(id.as_str())?.clone();
            match target {
                RecordId::Source(s) => r.sources.retain(|c| &c.source != s),
                RecordId::Observation(o) if r.supersedes.as_ref() == Some(o) => r.supersedes = None,
                RecordId::Event(e) if r.reported_at.as_ref() == Some(e) => r.reported_at = None,
                _ => {}
            }
            Some(Record::Observation(r))
        }
        RecordId::Party(_) | RecordId::Source(_) | RecordId::Metric(_) => None,
    }
}

/// How two workspaces differ, counted in records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
}

impl std::fmt::Display for Changes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} added, {} changed, {} removed",
            crate::text::count(self.added, "record", "records"),
            self.changed,
            self.removed
        )
    }
}

/// One edit that turns `from` into `to` (what restoring a recovery file
/// does, as a single undoable step), and how many records it touches.
pub fn edit_between(from: &Workspace, to: &Workspace) -> (Edit, Changes) {
    // Every field of `to` is named: a field added to `Workspace` does not
    // compile here until restoring a recovery file carries it over.
    let Workspace {
        title,
        marking,
        description,
        parties,
        sources,
        metrics,
        instruments,
        events,
        observations,
        conflicts,
        history,
    } = to;
    let mut changes = Changes::default();
    let mut put = Vec::new();
    let mut delete = Vec::new();
    macro_rules! compare {
        ($field:ident, $kind:ident) => {
            for record in $field {
                match from.$field.get(record.id.as_str()) {
                    Some(old) if old == record => {}
                    Some(_) => {
                        changes.changed += 1;
                        put.push(Record::$kind(record.clone()));
                    }
                    None => {
                        changes.added += 1;
                        put.push(Record::$kind(record.clone()));
                    }
                }
            }
            for record in &from.$field {
                if !$field.contains(record.id.as_str()) {
                    changes.removed += 1;
                    delete.push(RecordId::$kind(record.id.clone()));
                }
            }
        };
    }
    compare!(parties, Party);
    compare!(sources, Source);
    compare!(metrics, Metric);
    compare!(instruments, Instrument);
    compare!(events, Event);
    compare!(observations, Observation);
    let mut edits: Vec<Edit> = [Edit::DeleteAll(delete), Edit::PutAll(put)]
        .into_iter()
        .filter(|e| !e.is_empty())
        .collect();
    if from.title != *title || from.description != *description || from.marking != *marking {
        changes.changed += 1;
        edits.extend([
            Edit::SetTitle(title.clone()),
            Edit::SetDescription(description.clone()),
            Edit::SetMarking(marking.clone()),
        ]);
    }
    if from.conflicts != *conflicts {
        edits.push(Edit::SetConflicts(conflicts.clone()));
    }
    // History only grows: what `to` has beyond `from` (a recovery file
    // holds the entries of the changes it recovers).
    if let Some(newer) = history.get(from.history.len()..)
        && history.starts_with(&from.history)
    {
        edits.extend(
            newer
                .iter()
                .cloned()
                .map(|e| Edit::PushHistory(Box::new(e))),
        );
    }
    (Edit::Batch(edits), changes)
}

/// A new id built from `text` (lower case, words joined by `-`), made
/// unique with a numeric suffix where `taken` says it is used.
pub fn unique_id(prefix: &str, text: &str, taken: impl Fn(&str) -> bool) -> String {
    let slug: String = crate::text::fold(text)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let slug: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).take(8).collect();
    let base = match (prefix.is_empty(), slug.is_empty()) {
        (true, true) => "record".to_owned(),
        (true, false) => slug.join("-"),
        (false, true) => prefix.to_owned(),
        (false, false) => format!("{prefix}-{}", slug.join("-")),
    };
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceId;

    #[test]
    fn deleting_a_cited_source_removes_every_citation_and_undo_restores_them() {
        let mut ws = crate::store::sample().unwrap();
        let original = ws.clone();
        let source = RecordId::Source(SourceId::new("src-mnd-briefing-2024-04-25"));
        let referrers = references_to(&ws, &source);
        assert_eq!(referrers.len(), 24);

        let edit = delete_with_references(&ws, &source).unwrap();
        let undo = edit.apply(&mut ws).unwrap();
        assert!(ws.sources.is_empty());
        assert_eq!(ws.validate(), [], "no dangling citation is left");

        undo.apply(&mut ws).unwrap();
        assert_eq!(ws, original);
    }

    #[test]
    fn deleting_a_metric_deletes_its_figures() {
        let mut ws = crate::store::sample().unwrap();
        let metric = RecordId::Metric(crate::model::MetricId::new("neutralised"));
        let edit = delete_with_references(&ws, &metric).unwrap();
        edit.apply(&mut ws).unwrap();
        assert!(
            ws.observations
                .iter()
                .all(|o| o.metric.as_str() != "neutralised")
        );
        assert_eq!(ws.validate(), []);
    }

    #[test]
    fn the_edit_between_two_workspaces_turns_one_into_the_other() {
        let from = crate::store::sample().unwrap();
        let mut to = from.clone();
        to.title = "Changed".into();
        to.parties.remove("aus");
        let mut iraq = to.parties.get("irq").unwrap().clone();
        iraq.note = "edited".into();
        to.parties.put(iraq);
        to.parties.put(crate::model::Party {
            id: crate::model::PartyId::new("new"),
            name: "New".into(),
            ..Default::default()
        });
        let (edit, changes) = edit_between(&from, &to);
        assert_eq!(changes.to_string(), "1 record added, 2 changed, 1 removed");
        let mut ws = from.clone();
        edit.apply(&mut ws).unwrap();
        assert_eq!(ws, to);
    }

    #[test]
    fn unique_ids_are_readable_and_never_collide() {
        let taken = ["mou-energy".to_owned(), "mou-energy-2".to_owned()];
        let is_taken = |id: &str| taken.iter().any(|t| t == id);
        assert_eq!(unique_id("mou", "Energy", is_taken), "mou-energy-3");
        assert_eq!(
            unique_id("", "Türkiye–Iraq MoU", is_taken),
            "turkiye-iraq-mou"
        );
        assert_eq!(unique_id("party", "", is_taken), "party");
    }
}
