//! The record types of a workspace.
//!
//! Every optional field has a serde default so that a hand-written file may
//! leave it out; every struct denies unknown fields so that a typo is an error
//! rather than silently lost data.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{EventId, InstrumentId, MetricId, ObservationId, PartyId, SourceId};
use super::marking::Marking;

/// A state, organisation or armed group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub id: PartyId,
    pub name: String,
    /// Short code shown in tables, e.g. `TUR`.
    #[serde(default)]
    pub code: String,
    pub kind: PartyKind,
    #[serde(default)]
    pub note: String,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum PartyKind {
    #[default]
    State,
    Organisation,
    ArmedGroup,
    Other,
}

impl PartyKind {
    pub const ALL: [Self; 4] = [
        Self::State,
        Self::Organisation,
        Self::ArmedGroup,
        Self::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::State => "State",
            Self::Organisation => "Organisation",
            Self::ArmedGroup => "Armed group",
            Self::Other => "Other",
        }
    }
}

/// A reference to a source, with the sentence the fact was taken from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub source: SourceId,
    #[serde(default)]
    pub quote: String,
}

/// One tracked cooperation item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub id: InstrumentId,
    pub title: String,
    pub kind: InstrumentKind,
    pub status: Status,
    #[serde(default)]
    pub parties: Vec<PartyId>,
    #[serde(default)]
    pub areas: Vec<CooperationArea>,
    #[serde(default)]
    pub dates: KeyDates,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Every status change recorded in coopdesk, oldest first.
    #[serde(default)]
    pub status_history: Vec<StatusChange>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub sources: Vec<Citation>,
    /// `None`: the workspace marking applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<Marking>,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum InstrumentKind {
    #[default]
    Agreement,
    Mou,
    Protocol,
    JointBody,
    SupportOffer,
    Designation,
    Restriction,
    Other,
}

impl InstrumentKind {
    pub const ALL: [Self; 8] = [
        Self::Agreement,
        Self::Mou,
        Self::Protocol,
        Self::JointBody,
        Self::SupportOffer,
        Self::Designation,
        Self::Restriction,
        Self::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Agreement => "Agreement",
            Self::Mou => "MoU",
            Self::Protocol => "Protocol",
            Self::JointBody => "Joint body",
            Self::SupportOffer => "Support offer",
            Self::Designation => "Designation",
            Self::Restriction => "Restriction",
            Self::Other => "Other",
        }
    }
}

/// Lifecycle status. Offers use `Offered`/`Accepted`/`Declined`; everything
/// else moves through the treaty-like states.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Status {
    #[default]
    Proposed,
    UnderNegotiation,
    Concluded,
    InForce,
    Suspended,
    Expired,
    Terminated,
    Offered,
    Accepted,
    Declined,
}

impl Status {
    pub const ALL: [Self; 10] = [
        Self::Proposed,
        Self::UnderNegotiation,
        Self::Concluded,
        Self::InForce,
        Self::Suspended,
        Self::Expired,
        Self::Terminated,
        Self::Offered,
        Self::Accepted,
        Self::Declined,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Proposed => "Proposed",
            Self::UnderNegotiation => "Under negotiation",
            Self::Concluded => "Concluded / signed",
            Self::InForce => "In force",
            Self::Suspended => "Suspended",
            Self::Expired => "Expired",
            Self::Terminated => "Terminated",
            Self::Offered => "Offered",
            Self::Accepted => "Accepted",
            Self::Declined => "Declined",
        }
    }

    /// Still open: something may yet happen to it.
    pub fn is_active(self) -> bool {
        !matches!(self, Self::Expired | Self::Terminated | Self::Declined)
    }
}

/// A change of an instrument's status, and when it happened.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub status: Status,
    #[serde(default, with = "super::dates::optional")]
    pub on: Option<NaiveDate>,
}

/// Areas of cooperation. `Other` keeps a free label so that a new area needs
/// no new build.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CooperationArea {
    CounterTerrorism,
    BorderSecurity,
    Security,
    MilitaryTraining,
    MilitaryHealth,
    DefenceIndustry,
    Intelligence,
    Other(String),
}

impl CooperationArea {
    pub const NAMED: [Self; 7] = [
        Self::CounterTerrorism,
        Self::BorderSecurity,
        Self::Security,
        Self::MilitaryTraining,
        Self::MilitaryHealth,
        Self::DefenceIndustry,
        Self::Intelligence,
    ];

    pub fn label(&self) -> &str {
        match self {
            Self::CounterTerrorism => "Counter-terrorism",
            Self::BorderSecurity => "Border security",
            Self::Security => "Security",
            Self::MilitaryTraining => "Military training",
            Self::MilitaryHealth => "Military health",
            Self::DefenceIndustry => "Defence industry",
            Self::Intelligence => "Intelligence",
            Self::Other(label) => label,
        }
    }
}

/// The dates that matter for an instrument; `note` says what is known when a
/// date is not (e.g. "signing date not stated in the source").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyDates {
    #[serde(default, with = "super::dates::optional")]
    pub signed: Option<NaiveDate>,
    #[serde(default, with = "super::dates::optional")]
    pub in_force: Option<NaiveDate>,
    #[serde(default, with = "super::dates::optional")]
    pub expires: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

/// A step still to come (or done) for an instrument.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub title: String,
    #[serde(default, with = "super::dates::optional")]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub done: bool,
    /// When it was done, if known (a milestone can be done on an unknown date).
    #[serde(default, with = "super::dates::optional")]
    pub done_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

impl Milestone {
    /// Open and due before `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.done && self.due.is_some_and(|due| due < today)
    }

    /// Open and due from `today` to `days` days after it.
    pub fn is_due_within(&self, today: NaiveDate, days: u64) -> bool {
        let last = today
            .checked_add_days(chrono::Days::new(days))
            .unwrap_or(NaiveDate::MAX);
        !self.done && self.due.is_some_and(|due| today <= due && due <= last)
    }
}

/// A meeting, visit, briefing, statement, operation or surrender.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: EventId,
    pub kind: EventKind,
    pub title: String,
    /// `None` when the source does not say when it happened.
    #[serde(default, with = "super::dates::optional")]
    pub date: Option<NaiveDate>,
    /// When it was reported; orders undated events.
    #[serde(default, with = "super::dates::optional")]
    pub reported_on: Option<NaiveDate>,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub participants: Vec<PartyId>,
    /// Named people (party membership is in `participants`).
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub instruments: Vec<InstrumentId>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub sources: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<Marking>,
}

impl Event {
    /// The date to sort and show by: when it happened, else when reported.
    pub fn sort_date(&self) -> Option<NaiveDate> {
        self.date.or(self.reported_on)
    }
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum EventKind {
    #[default]
    Meeting,
    Visit,
    Briefing,
    Statement,
    Operation,
    Surrender,
    Other,
}

impl EventKind {
    pub const ALL: [Self; 7] = [
        Self::Meeting,
        Self::Visit,
        Self::Briefing,
        Self::Statement,
        Self::Operation,
        Self::Surrender,
        Self::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Meeting => "Meeting",
            Self::Visit => "Visit",
            Self::Briefing => "Briefing",
            Self::Statement => "Statement",
            Self::Operation => "Operation",
            Self::Surrender => "Surrender",
            Self::Other => "Other",
        }
    }
}

/// What is counted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: MetricId,
    pub name: String,
    /// What one unit is, e.g. "people".
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub description: String,
    /// Words that name this metric in briefing texts, for `extract`: each
    /// matches where a word begins, and its last word may run on (`yakala`
    /// finds `yakalandı`, `neutrali` finds `neutralised` and `neutralized`).
    /// The five standard metrics also have built-in phrases. Added in
    /// format 2; left out of the file when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phrases: Vec<String>,
}

/// How far a reported figure can be trusted as a number.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Qualifier {
    #[default]
    Exact,
    /// "over 2,000": the true value is at least this.
    AtLeast,
    /// "about 2,000".
    Approximate,
}

impl Qualifier {
    pub const ALL: [Self; 3] = [Self::Exact, Self::AtLeast, Self::Approximate];

    pub fn is_exact(&self) -> bool {
        *self == Self::Exact
    }

    /// The name the file and CSV use.
    pub fn key(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::AtLeast => "at_least",
            Self::Approximate => "approximate",
        }
    }

    /// How a form and a comparison name it: "exactly", "at least", "about".
    pub fn label(self) -> &'static str {
        match self {
            Self::Exact => "exactly",
            Self::AtLeast => "at least",
            Self::Approximate => "about",
        }
    }

    /// Prefix shown before a value: "≥ 2,000", "~ 2,000".
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Exact => "",
            Self::AtLeast => "≥ ",
            Self::Approximate => "~ ",
        }
    }

    /// The weaker of two qualifiers, for values derived from both.
    pub fn weakest(self, other: Qualifier) -> Qualifier {
        self.max(other)
    }
}

/// A reported value of a metric over the inclusive period `[start, end]` for a
/// set of regions (empty: not broken down by region).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    pub id: ObservationId,
    pub metric: MetricId,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(with = "super::dates")]
    pub start: NaiveDate,
    #[serde(with = "super::dates")]
    pub end: NaiveDate,
    pub value: u64,
    // Fields at their default are left out of the file: a million figures
    // read and write measurably faster without them.
    #[serde(default, skip_serializing_if = "Qualifier::is_exact")]
    pub qualifier: Qualifier,
    #[serde(default, with = "super::dates::optional")]
    pub reported_on: Option<NaiveDate>,
    /// The briefing (or other event) the figure was reported at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_at: Option<EventId>,
    #[serde(default)]
    pub sources: Vec<Citation>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// A revised figure names the one it replaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<ObservationId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<Marking>,
}

/// Where facts come from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: SourceId,
    pub title: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default, with = "super::dates::optional")]
    pub published_on: Option<NaiveDate>,
    /// A document reference (never a machine path).
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub excerpt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<Marking>,
}
