//! The change history kept in the workspace: who changed what, and when,
//! one entry per change made through coopdesk (a form, an import, a merge,
//! a resolution), one per line in the file so that merges keep both
//! sides' entries. It never holds file paths or machine names: only the
//! user's login name and the display name they chose.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// When, in UTC: `2026-12-03T07:15:42Z`.
    pub at: String,
    /// The operating-system user who made it.
    pub user: String,
    /// Their display name, when they set one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// What was done, as Undo names it: "changed figure 56 neutralised, …",
    /// "import of 3 figures".
    pub what: String,
    /// The records it touched (`observation 2024-04-25-neutralised-week`);
    /// a change of many records (an import) lists none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<String>,
    /// Each field it changed, as people read the values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldEdit>,
}

/// One field a change set, old → new.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldEdit {
    pub record: String,
    pub field: String,
    pub old: String,
    pub new: String,
}

/// `what` of the entry "Mark as reviewed" adds.
pub const REVIEWED: &str = "marked the workspace as reviewed";

impl HistoryEntry {
    /// The day it was made, `YYYY-MM-DD` (the start of `at`).
    pub fn day(&self) -> &str {
        self.at.get(..10).unwrap_or(&self.at)
    }

    /// Who made it: "Ayşe Demir (ademir)", or the login alone.
    pub fn who(&self) -> String {
        if self.name.is_empty() {
            self.user.clone()
        } else {
            format!("{} ({})", self.name, self.user)
        }
    }

    /// Whether it touched the record whose id (or `kind id`) is `record`.
    pub fn touches(&self, record: &str) -> bool {
        self.records
            .iter()
            .any(|r| r == record || r.split_once(' ').is_some_and(|(_, id)| id == record))
    }
}
