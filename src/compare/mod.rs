//! Comparing two workspaces record by record and field by field, for
//! `coopdesk diff`, git's diff driver and the app's File → Compare with….
//!
//! Records are matched by id (every record has a stable one). A record's
//! fields are taken from its serde form, so a field added to a record is
//! compared without code here; what a person reads (names for party ids,
//! titles for sources, labels for kinds and statuses) is in [`show`].

mod merge;
mod resolve;
mod show;

pub use merge::{Merged, NoSharedBase, merge, merge_by_history};
pub use resolve::{Side, resolve, shown_values, subject};
pub use show::field_name;

use serde_json::{Map, Value};

use crate::model::{Record, RecordId, RecordKind, Workspace};

/// What differs between two workspaces, in a stable order: workspace
/// properties first, then records by kind (as tabs list them) and id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Difference {
    pub entries: Vec<Entry>,
}

/// One record (or the workspace's own properties) that differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// `None`: the workspace's title, description or marking.
    pub record: Option<RecordId>,
    /// The record as a person names it: "figure 25 neutralised, 26 Apr –
    /// 2 May 2024" (from the newer side when it has the record).
    pub label: String,
    pub change: Change,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
    /// The fields that differ, in the record's own field order.
    Changed(Vec<FieldChange>),
}

/// One field that differs, as a person reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    /// The field's name in the file (`reported_on`).
    pub key: String,
    /// Its name in the app (`Reported on`).
    pub name: String,
    pub old: String,
    pub new: String,
}

impl Difference {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// "3 added, 1 removed, 2 changed"; "no differences".
    pub fn summary(&self) -> String {
        let count = |f: fn(&Change) -> bool| self.entries.iter().filter(|e| f(&e.change)).count();
        let parts: Vec<String> = [
            (count(|c| matches!(c, Change::Added)), "added"),
            (count(|c| matches!(c, Change::Removed)), "removed"),
            (count(|c| matches!(c, Change::Changed(_))), "changed"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{} {what}", crate::text::group_thousands(n as u64)))
        .collect();
        if parts.is_empty() {
            "no differences".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

/// What changed from `old` to `new`.
pub fn diff(old: &Workspace, new: &Workspace) -> Difference {
    let mut entries = Vec::new();
    let properties = workspace_fields(old, new);
    if !properties.is_empty() {
        entries.push(Entry {
            record: None,
            label: "the workspace's properties".to_owned(),
            change: Change::Changed(properties),
        });
    }
    for kind in RecordKind::IN_TAB_ORDER {
        let before = records_of(old, kind);
        let after = records_of(new, kind);
        let (mut i, mut j) = (0, 0);
        // Both lists are in id order (as files are written and read).
        while i < before.len() || j < after.len() {
            let order = match (before.get(i), after.get(j)) {
                (Some(a), Some(b)) => a.id().cmp(&b.id()),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, _) => std::cmp::Ordering::Greater,
            };
            match order {
                std::cmp::Ordering::Less => {
                    entries.push(Entry {
                        record: Some(before[i].id()),
                        label: old.label_of(&before[i]),
                        change: Change::Removed,
                    });
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    entries.push(Entry {
                        record: Some(after[j].id()),
                        label: new.label_of(&after[j]),
                        change: Change::Added,
                    });
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    if before[i] != after[j] {
                        let fields = record_fields(old, &before[i], new, &after[j]);
                        if !fields.is_empty() {
                            entries.push(Entry {
                                record: Some(after[j].id()),
                                label: new.label_of(&after[j]),
                                change: Change::Changed(fields),
                            });
                        }
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
    }
    Difference { entries }
}

/// Every record of `kind`, in id order.
pub fn records_of(ws: &Workspace, kind: RecordKind) -> Vec<Record> {
    let mut records: Vec<Record> = match kind {
        RecordKind::Party => ws.parties.iter().cloned().map(Record::Party).collect(),
        RecordKind::Source => ws.sources.iter().cloned().map(Record::Source).collect(),
        RecordKind::Metric => ws.metrics.iter().cloned().map(Record::Metric).collect(),
        RecordKind::Instrument => ws
            .instruments
            .iter()
            .cloned()
            .map(Record::Instrument)
            .collect(),
        RecordKind::Event => ws.events.iter().cloned().map(Record::Event).collect(),
        RecordKind::Observation => ws
            .observations
            .iter()
            .cloned()
            .map(Record::Observation)
            .collect(),
    };
    // A file may hold records out of order; the walk above needs order.
    records.sort_by_key(Record::id);
    records
}

/// A record's fields by their names in the file, in declaration order.
pub fn fields(record: &Record) -> Map<String, Value> {
    let value = match record {
        Record::Party(r) => serde_json::to_value(r),
        Record::Source(r) => serde_json::to_value(r),
        Record::Metric(r) => serde_json::to_value(r),
        Record::Instrument(r) => serde_json::to_value(r),
        Record::Event(r) => serde_json::to_value(r),
        Record::Observation(r) => serde_json::to_value(r),
    };
    match value {
        Ok(Value::Object(map)) => map,
        // Records are plain structs of strings, numbers, dates and lists:
        // they always serialize as an object.
        _ => Map::new(),
    }
}

/// The fields that differ between two versions of one record (`None`:
/// the record is not there), named and shown as [`diff`] does.
pub fn record_changes(
    old_ws: &Workspace,
    old: Option<&Record>,
    new_ws: &Workspace,
    new: Option<&Record>,
) -> Vec<FieldChange> {
    match (old, new) {
        (Some(old), Some(new)) if old != new => record_fields(old_ws, old, new_ws, new),
        _ => Vec::new(),
    }
}

fn record_fields(
    old_ws: &Workspace,
    old: &Record,
    new_ws: &Workspace,
    new: &Record,
) -> Vec<FieldChange> {
    let before = fields(old);
    let after = fields(new);
    let mut keys: Vec<&String> = after.keys().collect();
    keys.extend(before.keys().filter(|k| !after.contains_key(*k)));
    keys.into_iter()
        .filter(|key| before.get(*key) != after.get(*key))
        .map(|key| FieldChange {
            key: key.clone(),
            name: show::field_name(key),
            old: show::value(old_ws, key, before.get(key).unwrap_or(&Value::Null)),
            new: show::value(new_ws, key, after.get(key).unwrap_or(&Value::Null)),
        })
        .collect()
}

fn workspace_fields(old: &Workspace, new: &Workspace) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let mut compare = |key: &str, name: &str, a: String, b: String| {
        if a != b {
            changes.push(FieldChange {
                key: key.to_owned(),
                name: name.to_owned(),
                old: a,
                new: b,
            });
        }
    };
    compare("title", "Title", old.title.clone(), new.title.clone());
    compare(
        "description",
        "Description",
        old.description.clone(),
        new.description.clone(),
    );
    compare(
        "marking",
        "Marking",
        old.marking.to_string(),
        new.marking.to_string(),
    );
    changes
}

#[cfg(test)]
mod tests;
