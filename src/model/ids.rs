//! Typed record ids: stable strings, unique within their kind, kept across
//! edits so that two workspaces can later be merged.

use serde::{Deserialize, Serialize};

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

define_id!(
    /// A state, organisation or armed group.
    PartyId
);
define_id!(
    /// An agreement, MoU, protocol, joint body, offer, designation or restriction.
    InstrumentId
);
define_id!(
    /// A dated meeting, visit, briefing, statement, operation or surrender.
    EventId
);
define_id!(
    /// What is counted, e.g. `neutralised`.
    MetricId
);
define_id!(
    /// One reported figure.
    ObservationId
);
define_id!(
    /// Where a fact comes from.
    SourceId
);
