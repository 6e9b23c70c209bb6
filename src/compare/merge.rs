//! Three-way merge of workspaces by record id and field: what only one side
//! changed is taken from it; what both changed alike is taken once; what
//! both changed differently keeps our value and is recorded as a
//! [`Conflict`] in the merged workspace, so that nothing is lost.
//!
//! Lists inside a record (parties, regions, milestones, sources …) merge
//! as sets: an item either side added is kept, an item either side removed
//! goes, and order is ours with their additions after.

use serde_json::{Map, Value};

use super::{fields, records_of};
use crate::model::{Conflict, Edit, Marking, Record, RecordKind, WORKSPACE_KIND, Workspace};

/// The merged workspace (conflicts recorded in it, those already in
/// either side kept) and how many conflicts this merge added.
pub struct Merged {
    pub workspace: Workspace,
    pub new_conflicts: usize,
}

pub fn merge(base: &Workspace, ours: &Workspace, theirs: &Workspace) -> Merged {
    let mut merged = ours.clone();
    let mut conflicts = Vec::new();

    merged.title = pick(
        &base.title,
        &ours.title,
        &theirs.title,
        "title",
        &mut conflicts,
    );
    merged.description = pick(
        &base.description,
        &ours.description,
        &theirs.description,
        "description",
        &mut conflicts,
    );
    merged.marking = pick::<Marking>(
        &base.marking,
        &ours.marking,
        &theirs.marking,
        "marking",
        &mut conflicts,
    );

    for kind in RecordKind::ALL {
        let (b, o, t) = (
            records_of(base, kind),
            records_of(ours, kind),
            records_of(theirs, kind),
        );
        let find = |list: &[Record], id: &crate::model::RecordId| {
            list.binary_search_by(|r| r.id().cmp(id))
                .ok()
                .map(|i| list[i].clone())
        };
        let mut ids: Vec<_> = b.iter().chain(&o).chain(&t).map(Record::id).collect();
        ids.sort();
        ids.dedup();
        for id in ids {
            let (rb, ro, rt) = (find(&b, &id), find(&o, &id), find(&t, &id));
            let result = merge_record(rb.as_ref(), ro.as_ref(), rt.as_ref(), &mut conflicts);
            // Through `Edit`, the one place records are put and removed;
            // neither can fail here (the record to remove is ours).
            let edit = match (result, ro) {
                (Some(record), Some(mine)) if record == mine => continue,
                (Some(record), _) => Edit::put(record),
                (None, Some(_)) => Edit::Delete(id),
                (None, None) => continue,
            };
            let _ = edit.apply(&mut merged);
        }
    }
    restore_referred(&mut merged, base, ours, theirs, &mut conflicts);
    // Both sides' history, in time order: one entry per line in the file,
    // so that nothing either side recorded is lost.
    for entry in &theirs.history {
        if !merged.history.contains(entry) {
            merged.history.push(entry.clone());
        }
    }
    merged.history.sort_by(|a, b| a.at.cmp(&b.at));
    let new_conflicts = conflicts.len();
    for conflict in theirs.conflicts.iter().cloned().chain(conflicts) {
        if !merged.conflicts.contains(&conflict) {
            merged.conflicts.push(conflict);
        }
    }
    merged.sort_records();
    Merged {
        workspace: merged,
        new_conflicts,
    }
}

/// A workspace property: one side's change, or ours and a conflict.
fn pick<T: Clone + PartialEq + serde::Serialize>(
    base: &T,
    ours: &T,
    theirs: &T,
    field: &str,
    conflicts: &mut Vec<Conflict>,
) -> T {
    if ours == theirs || theirs == base {
        ours.clone()
    } else if ours == base {
        theirs.clone()
    } else {
        conflicts.push(Conflict {
            kind: WORKSPACE_KIND.to_owned(),
            id: String::new(),
            field: field.to_owned(),
            base: Some(json(base)),
            ours: Some(json(ours)),
            theirs: Some(json(theirs)),
        });
        ours.clone()
    }
}

/// One record's merge; `None`: it is not in the result.
fn merge_record(
    base: Option<&Record>,
    ours: Option<&Record>,
    theirs: Option<&Record>,
    conflicts: &mut Vec<Conflict>,
) -> Option<Record> {
    if ours == theirs || theirs == base {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    // Both changed it, differently.
    let any = ours.or(theirs).or(base)?;
    let id = any.id();
    let whole = |conflicts: &mut Vec<Conflict>| {
        conflicts.push(Conflict {
            kind: id.kind().label().to_owned(),
            id: id.as_str().to_owned(),
            field: String::new(),
            base: base.map(|r| json(&fields(r))),
            ours: ours.map(|r| json(&fields(r))),
            theirs: theirs.map(|r| json(&fields(r))),
        });
        ours.cloned()
    };
    let (Some(b), Some(o), Some(t)) = (base, ours, theirs) else {
        // Deleted on one side and changed on the other, or added on both
        // under one id.
        return whole(conflicts);
    };
    let (fb, fo, ft) = (fields(b), fields(o), fields(t));
    let mut keys: Vec<&String> = fo.keys().collect();
    for key in ft.keys().chain(fb.keys()) {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let mut result = Map::new();
    let mut field_conflicts = Vec::new();
    for key in keys {
        let (vb, vo, vt) = (fb.get(key), fo.get(key), ft.get(key));
        let value = if vo == vt || vt == vb {
            vo.cloned()
        } else if vo == vb {
            vt.cloned()
        } else if let Some(set) = merge_sets(vb, vo, vt) {
            Some(set)
        } else {
            field_conflicts.push(Conflict {
                kind: id.kind().label().to_owned(),
                id: id.as_str().to_owned(),
                field: key.clone(),
                base: vb.map(json),
                ours: vo.map(json),
                theirs: vt.map(json),
            });
            vo.cloned()
        };
        if let Some(value) = value {
            result.insert(key.clone(), value);
        }
    }
    match record_from(id.kind(), result) {
        Some(record) => {
            conflicts.extend(field_conflicts);
            Some(record)
        }
        // Fields that make no record together (cannot happen with
        // today's records, whose fields are independent): keep ours whole.
        None => whole(conflicts),
    }
}

/// Lists merged as sets; `None` when the values are not all lists.
fn merge_sets(base: Option<&Value>, ours: Option<&Value>, theirs: Option<&Value>) -> Option<Value> {
    fn list(v: Option<&Value>) -> Option<&[Value]> {
        match v {
            None | Some(Value::Null) => Some(&[]),
            Some(Value::Array(items)) => Some(items),
            Some(_) => None,
        }
    }
    let (b, o, t) = (list(base)?, list(ours)?, list(theirs)?);
    let removed = |item: &Value, side: &[Value]| b.contains(item) && !side.contains(item);
    let mut merged: Vec<Value> = o.iter().filter(|item| !removed(item, t)).cloned().collect();
    for item in t {
        if !merged.contains(item) && !removed(item, o) {
            merged.push(item.clone());
        }
    }
    Some(Value::Array(merged))
}

pub(super) fn record_from(kind: RecordKind, fields: Map<String, Value>) -> Option<Record> {
    let value = Value::Object(fields);
    Some(match kind {
        RecordKind::Party => Record::Party(serde_json::from_value(value).ok()?),
        RecordKind::Source => Record::Source(serde_json::from_value(value).ok()?),
        RecordKind::Metric => Record::Metric(serde_json::from_value(value).ok()?),
        RecordKind::Instrument => Record::Instrument(serde_json::from_value(value).ok()?),
        RecordKind::Event => Record::Event(serde_json::from_value(value).ok()?),
        RecordKind::Observation => Record::Observation(serde_json::from_value(value).ok()?),
    })
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Why two copies cannot be merged three-way from their histories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoSharedBase {
    /// Their histories have no entry in common.
    Unrelated,
    /// A change after the shared entries does not list the records it
    /// touched (an import of many figures).
    Unrecorded(String),
}

/// Merges `theirs` into `ours` when both come from one copy: the entries
/// their change histories share mark the common state, and the records
/// each side's later entries touched say who changed what. A record only
/// one side touched is taken from that side; a record both touched (or
/// that differs though neither recorded touching it) keeps ours and is
/// recorded as a whole-record conflict. Field by field needs the base
/// itself: `coopdesk merge BASE OURS THEIRS` and git do that.
pub fn merge_by_history(ours: &Workspace, theirs: &Workspace) -> Result<Merged, NoSharedBase> {
    let shared = ours
        .history
        .iter()
        .zip(&theirs.history)
        .take_while(|(a, b)| a == b)
        .count();
    if shared == 0 {
        return Err(NoSharedBase::Unrelated);
    }
    let touched = |side: &Workspace| -> Result<std::collections::BTreeSet<String>, NoSharedBase> {
        let mut records = std::collections::BTreeSet::new();
        for entry in &side.history[shared..] {
            if entry.records.is_empty()
                && !entry.what.starts_with("the workspace's")
                && entry.what != crate::model::REVIEWED
            {
                return Err(NoSharedBase::Unrecorded(entry.what.clone()));
            }
            records.extend(entry.records.iter().cloned());
        }
        Ok(records)
    };
    let (by_us, by_them) = (touched(ours)?, touched(theirs)?);
    // A stand-in for the common state, record by record: what the side
    // that did not touch a record holds is what it was.
    let mut base = ours.clone();
    let mut contested = Vec::new();
    for kind in RecordKind::ALL {
        let (o, t) = (records_of(ours, kind), records_of(theirs, kind));
        let mut ids: Vec<_> = o.iter().chain(&t).map(Record::id).collect();
        ids.sort();
        ids.dedup();
        for id in ids {
            let (mine, other) = (ours.record(&id), theirs.record(&id));
            if mine == other {
                continue;
            }
            let key = id.to_string();
            let was = match (by_us.contains(&key), by_them.contains(&key)) {
                (true, false) => other.clone(),
                (false, true) => mine.clone(),
                _ => {
                    contested.push((id.clone(), mine.clone(), other.clone()));
                    other.clone()
                }
            };
            let edit = match was {
                Some(record) => Edit::put(record),
                None if base.record(&id).is_some() => Edit::Delete(id.clone()),
                None => continue,
            };
            let _ = edit.apply(&mut base);
        }
    }
    // The workspace's own fields: theirs where only they changed them.
    let from = if changed_properties(ours, shared) {
        theirs
    } else {
        ours
    };
    base.title = from.title.clone();
    base.description = from.description.clone();
    base.marking = from.marking.clone();
    let mut merged = merge(&base, ours, theirs);
    // Ours, then their later entries: the merge is then one step on top of
    // our workspace (undoable in the app), its history included.
    merged.workspace.history = ours.history.clone();
    merged
        .workspace
        .history
        .extend(theirs.history[shared..].iter().cloned());
    for (id, mine, other) in contested {
        merged.workspace.conflicts.push(Conflict {
            kind: id.kind().label().to_owned(),
            id: id.as_str().to_owned(),
            field: String::new(),
            base: None,
            ours: mine.as_ref().map(|r| json(&fields(r))),
            theirs: other.as_ref().map(|r| json(&fields(r))),
        });
        merged.new_conflicts += 1;
    }
    Ok(merged)
}

/// Whether `side` changed the workspace's own fields after the shared
/// entries.
fn changed_properties(side: &Workspace, shared: usize) -> bool {
    side.history[shared..]
        .iter()
        .any(|e| e.what.starts_with("the workspace's"))
}

/// A record one side deleted while the other came to refer to it: merged
/// as such, the reference would point nowhere. The record is kept (ours,
/// else theirs, else as it was) and the deletion recorded as a conflict,
/// so that someone decides.
fn restore_referred(
    merged: &mut Workspace,
    base: &Workspace,
    ours: &Workspace,
    theirs: &Workspace,
    conflicts: &mut Vec<Conflict>,
) {
    loop {
        let mut missing: Vec<crate::model::RecordId> = Vec::new();
        for kind in RecordKind::ALL {
            for record in records_of(merged, kind) {
                for id in crate::model::referred_to_by(&record) {
                    if merged.record(&id).is_none() && !missing.contains(&id) {
                        missing.push(id);
                    }
                }
            }
        }
        let mut restored = false;
        for id in missing {
            let (b, o, t) = (base.record(&id), ours.record(&id), theirs.record(&id));
            let Some(keep) = o.clone().or_else(|| t.clone()).or_else(|| b.clone()) else {
                // Pointing nowhere on every side already: not the merge's doing.
                continue;
            };
            let _ = Edit::put(keep).apply(merged);
            restored = true;
            conflicts.push(Conflict {
                kind: id.kind().label().to_owned(),
                id: id.as_str().to_owned(),
                field: String::new(),
                base: b.as_ref().map(|r| json(&fields(r))),
                ours: o.as_ref().map(|r| json(&fields(r))),
                theirs: t.as_ref().map(|r| json(&fields(r))),
            });
        }
        if !restored {
            break;
        }
    }
}
