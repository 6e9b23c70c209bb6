//! The domain: what a workspace holds, its invariants, and the `Edit`s that
//! change it.
//!
//! Plain data only (no egui, no files, no clocks) so that every other layer,
//! the tests and the CLI can build and inspect workspaces freely. Records live
//! in `Vec`s kept sorted by id: the saved file then has a stable order that
//! diffs cleanly, and an undo puts a record back exactly where it was.

mod conflict;
pub(crate) mod dates;
mod describe;
mod edit;
mod history;
mod ids;
mod marking;
pub mod metric_ids;
mod records;
mod references;
mod release;
mod validate;
mod workspace;

pub use conflict::{Conflict, WORKSPACE_KIND};
pub use dates::parse_date;
pub use describe::kind_noun;
pub use edit::{Edit, EditError, Record, RecordId, RecordKind};
pub use history::{FieldEdit, HistoryEntry, REVIEWED};
pub use ids::{EventId, InstrumentId, MetricId, ObservationId, PartyId, SourceId};
pub use marking::{Classification, Marking};
pub use records::{
    Citation, CooperationArea, Event, EventKind, Instrument, InstrumentKind, KeyDates, Metric,
    Milestone, Observation, Party, PartyKind, Qualifier, Source, Status, StatusChange,
};
pub use references::{
    Changes, delete_with_references, edit_between, references_to, referred_to_by, unique_id,
    with_what_it_needs,
};
pub use release::{Release, ReleaseError, for_release};
pub use validate::{
    Field, FieldProblem, MilestonePart, ProblemKind, ValidationError, id_problem, record_problems,
};
pub use workspace::{Keyed, OpenMilestone, RecordMap, Workspace};
