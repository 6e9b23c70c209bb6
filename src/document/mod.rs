//! `Document`: the open workspace, where it lives, and its undo history.
//!
//! Every change goes through [`Document::apply`], which keeps the inverse
//! edit for undo, bumps the revision (which invalidates derived data) and
//! tracks whether the workspace differs from what was last saved.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{Edit, EditError, FieldEdit, HistoryEntry, Record, RecordId, Workspace};
use crate::store::{self, LoadError};

/// Where the open workspace came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The sample embedded in the binary: saving asks for a path.
    Sample,
    /// Made with File → New: saving asks for a path.
    New,
    File(PathBuf),
}

#[derive(Clone, Debug)]
struct Step {
    /// The edit that goes back (for undo) or forward again (for redo).
    edit: Edit,
    /// The state id to return to when `edit` is applied.
    state: u64,
    /// What the step did, as the user reads it: "new figure …".
    description: String,
}

/// The open workspace with its undo/redo history.
#[derive(Clone, Debug)]
pub struct Document {
    /// Shared with background saves and autosaves, which then need no
    /// copy; an edit while one runs copies it once (`Arc::make_mut`).
    workspace: Arc<Workspace>,
    origin: Origin,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Bumped on every change, undo and redo included; caches key on it.
    revision: u64,
    /// Identifies the current content: returns to an earlier value on undo,
    /// so undoing back to the saved state makes the document clean again.
    state: u64,
    next_state: u64,
    saved_state: Option<u64>,
    /// Another coopdesk has the file: saving goes to another file.
    read_only: bool,
    /// The passphrase of an encrypted workspace, held while it is open
    /// because every save and autosave needs it; never written anywhere.
    key: Option<store::Key>,
    /// Who makes changes, and the clock: each change is then recorded in
    /// the workspace's history (as part of its undo step).
    recorder: Option<Recorder>,
}

/// Who is making changes, for the change history.
#[derive(Clone)]
pub struct Recorder {
    /// The operating-system user.
    pub user: String,
    /// The display name chosen in the app; may be empty.
    pub name: String,
    /// The time now, in UTC as the history writes it.
    pub clock: Arc<dyn Fn() -> String + Send + Sync>,
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder")
            .field("user", &self.user)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Changes of more records than this (imports) are recorded by their
/// summary alone.
const RECORDED_RECORDS: usize = 20;

impl Recorder {
    /// The user this process runs as, and the system clock (or the time
    /// `SOURCE_DATE_EPOCH` gives, the reproducible-builds convention, so
    /// that a scripted run writes the same bytes every time).
    pub fn system(name: &str) -> Self {
        Self {
            user: login_name(),
            name: name.trim().to_owned(),
            clock: Arc::new(|| {
                let fixed = std::env::var("SOURCE_DATE_EPOCH")
                    .ok()
                    .and_then(|s| s.trim().parse::<i64>().ok())
                    .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0));
                fixed
                    .unwrap_or_else(chrono::Utc::now)
                    .format("%Y-%m-%dT%H:%M:%SZ")
                    .to_string()
            }),
        }
    }

    /// The history entry of a change described as `what`, which turned the
    /// `touched` records (as they were before) into what `after` holds.
    /// Values are named as `after` names them (a copy of the workspace as
    /// it was would cost a whole copy per change).
    pub fn entry(
        &self,
        what: &str,
        touched: Option<&[(RecordId, Option<Record>)]>,
        after: &Workspace,
    ) -> HistoryEntry {
        let mut records = Vec::new();
        let mut fields = Vec::new();
        for (id, old) in touched.unwrap_or_default() {
            records.push(id.to_string());
            let new = after.record(id);
            for change in crate::compare::record_changes(after, old.as_ref(), after, new.as_ref()) {
                fields.push(FieldEdit {
                    record: id.to_string(),
                    field: change.name,
                    old: change.old,
                    new: change.new,
                });
            }
        }
        HistoryEntry {
            at: (self.clock)(),
            user: self.user.clone(),
            name: self.name.clone(),
            what: what.to_owned(),
            records,
            fields,
        }
    }
}

/// The login name of the user running coopdesk (never the machine's name).
pub fn login_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown user".to_owned())
}

impl Document {
    pub fn new(workspace: Workspace, origin: Origin) -> Self {
        Self {
            workspace: Arc::new(workspace),
            origin,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            state: 0,
            next_state: 1,
            // Nothing to lose yet: the content is what was opened or created.
            saved_state: Some(0),
            read_only: false,
            key: None,
            recorder: None,
        }
    }

    /// The embedded sample workspace.
    pub fn sample() -> Result<Self, LoadError> {
        Ok(Self::new(store::sample()?, Origin::Sample))
    }

    /// An empty workspace.
    pub fn empty() -> Self {
        let workspace = Workspace {
            title: "Untitled workspace".to_owned(),
            ..Workspace::default()
        };
        Self::new(workspace, Origin::New)
    }

    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// The workspace for a background job, without copying it.
    pub fn shared_workspace(&self) -> Arc<Workspace> {
        Arc::clone(&self.workspace)
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(path) => Some(path),
            Origin::Sample | Origin::New => None,
        }
    }

    /// A short name for the window title: the file name, or what it is.
    pub fn display_name(&self) -> String {
        match &self.origin {
            Origin::Sample => "Sample workspace".to_owned(),
            Origin::New => "Untitled".to_owned(),
            Origin::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        }
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
    }

    /// The key every file of this workspace is written with, when it is
    /// encrypted.
    pub fn key(&self) -> Option<&store::Key> {
        self.key.as_ref()
    }

    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Encrypts (or, with `None`, stops encrypting) what is written from
    /// now on: a property of the file, not an undoable edit.
    pub fn set_key(&mut self, key: Option<store::Key>) {
        self.key = key;
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The workspace differs from what is on disk (or was never saved).
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.state)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What Undo would take back, e.g. "new figure 25 neutralised, …".
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|entry| entry.description.as_str())
    }

    /// What Redo would make again.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|entry| entry.description.as_str())
    }

    /// Applies an edit as one undoable step, described by the edit itself.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let description = edit.describe(&self.workspace);
        self.apply_as(edit, description)
    }

    /// Applies an edit as one undoable step that Undo names `description`
    /// (e.g. "import of 3 figures from a.csv"). An edit that touches
    /// nothing leaves the history and the revision as they were.
    pub fn apply_as(&mut self, edit: Edit, description: String) -> Result<(), EditError> {
        if edit.is_empty() {
            return Ok(());
        }
        let inverse = match &self.recorder {
            // An entry put in the history directly ("Mark as reviewed") is
            // its own record.
            None | Some(_) if matches!(edit, Edit::PushHistory(_)) => {
                edit.apply(Arc::make_mut(&mut self.workspace))?
            }
            None => edit.apply(Arc::make_mut(&mut self.workspace))?,
            Some(recorder) => {
                let touched: Option<Vec<(RecordId, Option<Record>)>> =
                    edit.touched(RECORDED_RECORDS).map(|ids| {
                        ids.into_iter()
                            .map(|id| {
                                let old = self.workspace.record(&id);
                                (id, old)
                            })
                            .collect()
                    });
                let inverse = edit.apply(Arc::make_mut(&mut self.workspace))?;
                let entry = recorder.entry(&description, touched.as_deref(), &self.workspace);
                let pop =
                    Edit::PushHistory(Box::new(entry)).apply(Arc::make_mut(&mut self.workspace))?;
                // Undo takes the entry off, then the change back.
                Edit::Batch(vec![pop, inverse])
            }
        };
        self.undo.push(Step {
            edit: inverse,
            state: self.state,
            description,
        });
        self.redo.clear();
        self.state = self.next_state;
        self.next_state += 1;
        self.revision += 1;
        Ok(())
    }

    /// Records every change from now on in the workspace's history, as
    /// made by `recorder`'s user (`None`: no more).
    pub fn set_recorder(&mut self, recorder: Option<Recorder>) {
        self.recorder = recorder;
    }

    pub fn recorder(&self) -> Option<&Recorder> {
        self.recorder.as_ref()
    }

    /// Undoes the last step; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        Self::step(
            Arc::make_mut(&mut self.workspace),
            &mut self.undo,
            &mut self.redo,
            &mut self.state,
        )
        .then(|| self.revision += 1)
        .is_some()
    }

    /// Redoes the last undone step; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        Self::step(
            Arc::make_mut(&mut self.workspace),
            &mut self.redo,
            &mut self.undo,
            &mut self.state,
        )
        .then(|| self.revision += 1)
        .is_some()
    }

    fn step(
        workspace: &mut Workspace,
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
        state: &mut u64,
    ) -> bool {
        let Some(entry) = from.pop() else {
            return false;
        };
        match entry.edit.clone().apply(workspace) {
            Ok(inverse) => {
                to.push(Step {
                    edit: inverse,
                    state: *state,
                    description: entry.description.clone(),
                });
                *state = entry.state;
                true
            }
            Err(_) => {
                // History entries are inverses of edits that succeeded, so
                // this cannot happen; keep the entry rather than lose it.
                from.push(entry);
                false
            }
        }
    }

    /// Identifies the current content, for [`Document::mark_saved`].
    pub fn state(&self) -> u64 {
        self.state
    }

    /// Records that `path` now holds the content identified by `state`
    /// (after a save done on another thread, during which the user may
    /// have made further changes: those stay unsaved).
    pub fn mark_saved(&mut self, path: &Path, state: u64) {
        if self.path() != Some(path) {
            // A new file of one's own is not read-only.
            self.read_only = false;
        }
        self.origin = Origin::File(path.to_owned());
        self.saved_state = Some(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Party, PartyId, Record};

    fn add_party(id: &str) -> Edit {
        Edit::put(Record::Party(Party {
            id: PartyId::new(id),
            name: id.to_owned(),
            ..Party::default()
        }))
    }

    #[test]
    fn undo_and_redo_walk_the_history_and_track_dirtiness() {
        let mut doc = Document::empty();
        let original = doc.workspace().clone();
        assert!(!doc.is_dirty());

        doc.apply(add_party("a")).unwrap();
        doc.apply(add_party("b")).unwrap();
        let edited = doc.workspace().clone();
        assert!(doc.is_dirty());
        assert_eq!(doc.revision(), 2);

        assert!(doc.undo());
        assert!(doc.undo());
        assert!(!doc.undo());
        assert_eq!(doc.workspace(), &original);
        assert!(!doc.is_dirty(), "back at the saved state");

        assert!(doc.redo());
        assert!(doc.redo());
        assert!(!doc.redo());
        assert_eq!(doc.workspace(), &edited);
        assert!(doc.is_dirty());
        assert_eq!(doc.revision(), 6);
    }

    #[test]
    fn an_edit_that_touches_nothing_is_no_step_to_undo() {
        // Found by the monkey: an import whose rows were all rejected was
        // an Undo step named "no records added or changed".
        let mut doc = Document::empty();
        doc.apply(add_party("a")).unwrap();
        doc.undo();
        doc.apply(Edit::Batch(vec![
            Edit::PutAll(Vec::new()),
            Edit::DeleteAll(Vec::new()),
        ]))
        .unwrap();
        assert_eq!(doc.revision(), 2);
        assert!(!doc.can_undo());
        assert!(doc.can_redo(), "the redo history is kept");
        assert!(!doc.is_dirty());
    }

    #[test]
    fn a_new_edit_drops_the_redo_tail() {
        let mut doc = Document::empty();
        doc.apply(add_party("a")).unwrap();
        doc.undo();
        assert!(doc.can_redo());
        doc.apply(add_party("b")).unwrap();
        assert!(!doc.can_redo());
    }

    #[test]
    fn saving_marks_clean_and_undo_after_save_is_dirty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.ron");
        let mut doc = Document::empty();
        doc.apply(add_party("a")).unwrap();
        // As the UI saves: the workspace and its state go to a background
        // job, which marks the document saved when the file is written.
        let (workspace, state) = (doc.shared_workspace(), doc.state());
        store::save(&workspace, &path).unwrap();
        doc.mark_saved(&path, state);
        assert!(!doc.is_dirty());
        assert_eq!(doc.display_name(), "w.ron");
        doc.undo();
        assert!(doc.is_dirty());
        doc.redo();
        assert!(!doc.is_dirty());
    }

    #[test]
    fn an_edit_made_while_a_save_runs_keeps_the_document_dirty() {
        let path = Path::new("w.ron");
        let mut doc = Document::empty();
        doc.apply(add_party("a")).unwrap();
        // The state handed to the background save, then an edit before it ends.
        let saving = doc.state();
        doc.apply(add_party("b")).unwrap();
        doc.mark_saved(path, saving);
        assert!(doc.is_dirty(), "the file lacks the second edit");
        assert!(doc.undo());
        assert!(!doc.is_dirty(), "back at what the file holds");
    }

    #[test]
    fn a_failed_edit_changes_nothing() {
        let mut doc = Document::empty();
        let result = doc.apply(Edit::Delete(crate::model::RecordId::Party(PartyId::new(
            "x",
        ))));
        assert!(result.is_err());
        assert!(!doc.is_dirty());
        assert_eq!(doc.revision(), 0);
        assert!(!doc.can_undo());
    }
}
