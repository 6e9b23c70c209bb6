//! Reconciliation problems: reported figures that do not fit together.

use super::scope::RegionScope;
use crate::model::{MetricId, ObservationId};

/// What kind of disagreement a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemKind {
    /// Figures for regions do not add up to the figure for all of them.
    RegionsDoNotSum,
    /// A cumulative total is smaller than an earlier one from the same start.
    CumulativeDecreased,
    /// Figures inside a period add up to more than the period's total.
    PartsExceedTotal,
    /// A total is larger than figures that cover every one of its days.
    TotalExceedsParts,
    /// Two figures for exactly the same period differ.
    ConflictingFigures,
    /// Two periods overlap without one containing the other.
    OverlappingPeriods,
}

impl ProblemKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::RegionsDoNotSum => "regions do not sum to the total",
            Self::CumulativeDecreased => "cumulative total decreased",
            Self::PartsExceedTotal => "figures exceed their total",
            Self::TotalExceedsParts => "total exceeds its figures",
            Self::ConflictingFigures => "conflicting figures",
            Self::OverlappingPeriods => "overlapping periods",
        }
    }
}

/// One reconciliation problem, naming the observations involved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub metric: MetricId,
    pub scope: RegionScope,
    pub observations: Vec<ObservationId>,
    /// One short line, whatever the number of regions: it counts them
    /// rather than naming them.
    pub message: String,
    /// The parts behind the message, one per line (for a region sum, each
    /// region with its value): for `check --verbose` and the GUI's problem
    /// details, where a long list does not make the message unreadable.
    pub details: Vec<String>,
}

/// The problem in one line, as people read it: the figures are named by
/// their values and periods in the message, never by ids (`check
/// --verbose` lists them by their labels).
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, {}: {}: {}",
            self.metric,
            self.scope.label(),
            self.kind.label(),
            self.message,
        )
    }
}
