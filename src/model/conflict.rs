//! A merge conflict kept in the workspace until someone resolves it: the
//! same field changed differently in two copies, a record deleted in one
//! and changed in the other, or two different records added under one id.
//! The merged workspace holds "our" value meanwhile; the conflict keeps
//! all three so that nothing either side typed is lost.

use serde::{Deserialize, Serialize};

use super::edit::RecordId;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// `party`, `source`, `metric`, `instrument`, `event`, `observation`,
    /// or `workspace` for the workspace's own title, description, marking.
    pub kind: String,
    /// The record's id; empty for the workspace.
    #[serde(default)]
    pub id: String,
    /// The field's name in the file; empty: the whole record.
    #[serde(default)]
    pub field: String,
    /// Each side's value as JSON (a field's value, or the whole record's
    /// fields); `None` where that side does not have the record.
    pub base: Option<String>,
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

/// `kind` of a conflict about the workspace's own fields.
pub const WORKSPACE_KIND: &str = "workspace";

impl Conflict {
    /// The record it is about; `None` for the workspace's own fields (or a
    /// kind this build does not know).
    pub fn record(&self) -> Option<RecordId> {
        RecordId::from_parts(&self.kind, &self.id)
    }

    /// Whether it is about the whole record rather than one field.
    pub fn is_whole_record(&self) -> bool {
        self.field.is_empty()
    }
}
