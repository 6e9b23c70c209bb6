//! Resolving a recorded merge conflict: keep ours (the value the merged
//! workspace already holds) or take theirs. Either is one `Edit` that also
//! removes the conflict, so resolving is one undoable step.

use serde_json::Value;

use super::{fields, show};
use crate::model::{Conflict, Edit, Workspace};

/// Which side a conflict is resolved to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// The edit that resolves `ws.conflicts[index]` to `side`; `None` when
/// there is no such conflict or their value cannot be applied (a record
/// kind or field this build does not know).
pub fn resolve(ws: &Workspace, index: usize, side: Side) -> Option<Edit> {
    let conflict = ws.conflicts.get(index)?;
    let mut rest = ws.conflicts.clone();
    rest.remove(index);
    let mut edits = Vec::new();
    if side == Side::Theirs {
        edits.push(take_theirs(ws, conflict)?);
    }
    edits.push(Edit::SetConflicts(rest));
    Some(Edit::Batch(edits))
}

fn take_theirs(ws: &Workspace, conflict: &Conflict) -> Option<Edit> {
    let theirs: Option<Value> = match &conflict.theirs {
        Some(text) => Some(serde_json::from_str(text).ok()?),
        None => None,
    };
    let Some(id) = conflict.record() else {
        // The workspace's own title, description or marking.
        let theirs = theirs?;
        return Some(match conflict.field.as_str() {
            "title" => Edit::SetTitle(serde_json::from_value(theirs).ok()?),
            "description" => Edit::SetDescription(serde_json::from_value(theirs).ok()?),
            "marking" => Edit::SetMarking(serde_json::from_value(theirs).ok()?),
            _ => return None,
        });
    };
    if conflict.is_whole_record() {
        return Some(match theirs {
            Some(Value::Object(fields)) => Edit::put(super::merge::record_from(id.kind(), fields)?),
            // They deleted it.
            _ => match ws.record(&id) {
                Some(_) => Edit::Delete(id),
                None => return Some(Edit::Batch(Vec::new())),
            },
        });
    }
    let mut record_fields = fields(&ws.record(&id)?);
    match theirs {
        Some(value) => {
            record_fields.insert(conflict.field.clone(), value);
        }
        None => {
            record_fields.remove(&conflict.field);
        }
    }
    Some(Edit::put(super::merge::record_from(
        id.kind(),
        record_fields,
    )?))
}

/// A conflict's three values as a person reads them (base, ours, theirs).
pub fn shown_values(ws: &Workspace, conflict: &Conflict) -> [String; 3] {
    let show = |value: &Option<String>| -> String {
        match value {
            None if conflict.is_whole_record() => "(deleted)".to_owned(),
            None => show::value(ws, &conflict.field, &Value::Null),
            Some(text) => match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(fields)) if conflict.is_whole_record() => {
                    match conflict
                        .record()
                        .and_then(|id| super::merge::record_from(id.kind(), fields))
                    {
                        Some(record) => ws.label_of(&record),
                        None => text.clone(),
                    }
                }
                Ok(value) => show::value(ws, &conflict.field, &value),
                Err(_) => text.clone(),
            },
        }
    };
    [
        show(&conflict.base),
        show(&conflict.ours),
        show(&conflict.theirs),
    ]
}

/// What a conflict is about: "figure 56 neutralised, … : Value", "the
/// workspace's title".
pub fn subject(ws: &Workspace, conflict: &Conflict) -> String {
    let field = show::field_name(&conflict.field);
    match conflict.record() {
        None => format!("the workspace's {}", field.to_lowercase()),
        Some(id) if conflict.is_whole_record() => {
            format!("{} (the whole record)", ws.record_label(&id))
        }
        Some(id) => format!("{}: {field}", ws.record_label(&id)),
    }
}
