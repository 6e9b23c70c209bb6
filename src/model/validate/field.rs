//! What a problem with a record is about (`Field`) and what it is
//! (`ProblemKind`), as types: forms decide what to show by matching these,
//! never by the wording of a message.

/// A field of a record that a problem can be about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Name,
    Phrases,
    Title,
    PublishedOn,
    Parties,
    Signed,
    InForce,
    Expires,
    StatusHistory,
    Milestone { index: usize, part: MilestonePart },
    Date,
    ReportedOn,
    ReportedAt,
    Participants,
    Instruments,
    Metric,
    Regions,
    Start,
    End,
    Value,
    Supersedes,
    Sources,
}

/// A field of one of an instrument's milestones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MilestonePart {
    Title,
    Due,
    DoneOn,
}

impl Field {
    /// The name the file format and `coopdesk check` use: `in_force`,
    /// `milestones[0].title`.
    pub fn key(self) -> String {
        match self {
            Self::Milestone { index, part } => format!("milestones[{index}].{}", part.key()),
            plain => plain.names().0.to_owned(),
        }
    }

    /// The name a reader sees beside a problem: `In force`,
    /// `Milestone 1 title`.
    pub fn label(self) -> String {
        match self {
            Self::Milestone { index, part } => {
                format!("Milestone {} {}", index + 1, part.key().replace('_', " "))
            }
            plain => plain.names().1.to_owned(),
        }
    }

    /// (key, label) of a field that is not a milestone's.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Self::Id => ("id", "Id"),
            Self::Name => ("name", "Name"),
            Self::Phrases => ("phrases", "Phrases"),
            Self::Title => ("title", "Title"),
            Self::PublishedOn => ("published_on", "Published on"),
            Self::Parties => ("parties", "Parties"),
            Self::Signed => ("signed", "Signed"),
            Self::InForce => ("in_force", "In force"),
            Self::Expires => ("expires", "Expires"),
            Self::StatusHistory => ("status_history", "Status history"),
            Self::Date => ("date", "Date"),
            Self::ReportedOn => ("reported_on", "Reported on"),
            Self::ReportedAt => ("reported_at", "Reported at"),
            Self::Participants => ("participants", "Participants"),
            Self::Instruments => ("instruments", "Instruments"),
            Self::Metric => ("metric", "Metric"),
            Self::Regions => ("regions", "Regions"),
            Self::Start => ("start", "Start"),
            Self::End => ("end", "End"),
            Self::Value => ("value", "Value"),
            Self::Supersedes => ("supersedes", "Supersedes"),
            Self::Sources => ("sources", "Sources"),
            // Named by `key` and `label` themselves.
            Self::Milestone { .. } => ("milestones", "Milestones"),
        }
    }
}

impl MilestonePart {
    fn key(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Due => "due",
            Self::DoneOn => "done_on",
        }
    }
}

/// What is wrong with a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A text that must be filled in is blank.
    Empty,
    /// A value that must be given (a date) is not.
    Required,
    /// Anything else, as a phrase that follows the field's name:
    /// `is before the start 2024-05-01`.
    Invalid(String),
}

impl ProblemKind {
    /// Whether the field was simply not filled in yet, which a form that
    /// has just opened does not hold against the user.
    pub fn is_missing(&self) -> bool {
        matches!(self, Self::Empty | Self::Required)
    }

    /// The phrase that follows the field's name: `is empty`.
    pub fn message(&self) -> &str {
        match self {
            Self::Empty => "is empty",
            Self::Required => "is required",
            Self::Invalid(message) => message,
        }
    }
}

/// A problem with one field of one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: Field,
    pub kind: ProblemKind,
}

impl FieldProblem {
    pub fn new(field: Field, kind: ProblemKind) -> Self {
        Self { field, kind }
    }

    pub fn invalid(field: Field, message: impl Into<String>) -> Self {
        Self::new(field, ProblemKind::Invalid(message.into()))
    }
}

/// `Title is empty`, `Milestone 1 done on is set, but …`.
impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.field.label(), self.kind.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_labels_read_as_before() {
        assert_eq!(Field::InForce.key(), "in_force");
        assert_eq!(Field::InForce.label(), "In force");
        let done_on = Field::Milestone {
            index: 0,
            part: MilestonePart::DoneOn,
        };
        assert_eq!(done_on.key(), "milestones[0].done_on");
        assert_eq!(done_on.label(), "Milestone 1 done on");
        assert_eq!(
            FieldProblem::new(Field::Title, ProblemKind::Empty).to_string(),
            "Title is empty"
        );
    }
}
