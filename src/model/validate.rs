//! `Workspace::validate`: every way the data itself is wrong, all at once.
//!
//! Figures that do not reconcile are not invalid data; `analysis` reports
//! those as warnings.

mod field;

use std::borrow::Borrow;
use std::collections::HashSet;

use chrono::NaiveDate;

use super::edit::{Record, RecordId};
use super::ids::PartyId;
use super::records::{Citation, Event, Instrument, Metric, Observation, Party, Source};
use super::workspace::{Keyed, RecordMap, Workspace};
pub use field::{Field, FieldProblem, MilestonePart, ProblemKind};

/// One thing wrong with a workspace: which record, which field, what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// `None` for the workspace's own fields.
    pub record: Option<RecordId>,
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.record {
            Some(record) => write!(f, "{record}, {}: {}", self.field, self.message),
            None => write!(f, "workspace {}: {}", self.field, self.message),
        }
    }
}

/// Collects the problems of one record.
struct Checker<'a> {
    ws: &'a Workspace,
    problems: Vec<FieldProblem>,
}

impl Checker<'_> {
    fn push(&mut self, field: Field, message: impl Into<String>) {
        self.problems.push(FieldProblem::invalid(field, message));
    }

    fn non_empty(&mut self, field: Field, value: &str) {
        if value.trim().is_empty() {
            self.problems
                .push(FieldProblem::new(field, ProblemKind::Empty));
        }
    }

    fn citations(&mut self, citations: &[Citation]) {
        for citation in citations {
            if !self.ws.sources.contains(citation.source.as_str()) {
                self.push(
                    Field::Sources,
                    format!("cites source {}, which does not exist", citation.source),
                );
            }
        }
    }

    fn parties(&mut self, field: Field, parties: &[PartyId]) {
        let mut seen = HashSet::new();
        for party in parties {
            if !self.ws.parties.contains(party.as_str()) {
                self.push(field, format!("names party {party}, which does not exist"));
            }
            if !seen.insert(party) {
                self.push(field, format!("names party {party} twice"));
            }
        }
    }

    fn date_order(
        &mut self,
        (earlier_field, earlier): (Field, Option<NaiveDate>),
        (later_field, later): (Field, Option<NaiveDate>),
    ) {
        if let (Some(earlier), Some(later)) = (earlier, later)
            && later < earlier
        {
            self.push(
                later_field,
                format!("{later} is before {} {earlier}", earlier_field.key()),
            );
        }
    }

    fn party(&mut self, party: &Party) {
        self.non_empty(Field::Name, &party.name);
    }

    fn source(&mut self, source: &Source) {
        self.non_empty(Field::Title, &source.title);
    }

    fn metric(&mut self, metric: &Metric) {
        self.non_empty(Field::Name, &metric.name);
        if metric.id.as_str().chars().any(char::is_whitespace) {
            self.push(
                Field::Id,
                "contains spaces; metric ids are single words like neutralised",
            );
        }
        self.phrases(metric);
    }

    /// A phrase must be something a text can contain, named once, and not
    /// also name another metric (the extractor could not tell them apart).
    fn phrases(&mut self, metric: &Metric) {
        let mut seen = HashSet::new();
        for phrase in &metric.phrases {
            let words = crate::text::fold_words(phrase);
            if words.chars().filter(|c| c.is_alphabetic()).count() < 3 {
                self.push(
                    Field::Phrases,
                    format!("{phrase:?} is too short to find: give a word of 3 letters or more"),
                );
                continue;
            }
            if !seen.insert(words.clone()) {
                self.push(Field::Phrases, format!("names {phrase:?} twice"));
                continue;
            }
            let other = self.ws.metrics.iter().find(|m| {
                m.id != metric.id
                    && m.phrases
                        .iter()
                        .any(|p| crate::text::fold_words(p) == words)
            });
            if let Some(other) = other {
                self.push(
                    Field::Phrases,
                    format!("{phrase:?} is also a phrase of metric {}", other.id),
                );
            }
        }
    }

    fn instrument(&mut self, instrument: &Instrument) {
        self.non_empty(Field::Title, &instrument.title);
        self.parties(Field::Parties, &instrument.parties);
        let dates = &instrument.dates;
        self.date_order(
            (Field::Signed, dates.signed),
            (Field::InForce, dates.in_force),
        );
        self.date_order(
            (Field::Signed, dates.signed),
            (Field::Expires, dates.expires),
        );
        self.date_order(
            (Field::InForce, dates.in_force),
            (Field::Expires, dates.expires),
        );
        for (index, milestone) in instrument.milestones.iter().enumerate() {
            let part = |part| Field::Milestone { index, part };
            self.non_empty(part(MilestonePart::Title), &milestone.title);
            if milestone.done_on.is_some() && !milestone.done {
                self.push(
                    part(MilestonePart::DoneOn),
                    "is set, but the milestone is not marked done",
                );
            }
        }
        self.citations(&instrument.sources);
    }

    fn event(&mut self, event: &Event) {
        self.non_empty(Field::Title, &event.title);
        self.parties(Field::Participants, &event.participants);
        for instrument in &event.instruments {
            if !self.ws.instruments.contains(instrument.as_str()) {
                self.push(
                    Field::Instruments,
                    format!("links instrument {instrument}, which does not exist"),
                );
            }
        }
        self.date_order(
            (Field::Date, event.date),
            (Field::ReportedOn, event.reported_on),
        );
        self.citations(&event.sources);
    }

    fn observation(&mut self, observation: &Observation) {
        if !self.ws.metrics.contains(observation.metric.as_str()) {
            self.push(
                Field::Metric,
                format!("is {}, which does not exist", observation.metric),
            );
        }
        if observation.end < observation.start {
            self.push(
                Field::End,
                format!(
                    "{} is before the start {}",
                    observation.end, observation.start
                ),
            );
        }
        self.date_order(
            (Field::End, Some(observation.end)),
            (Field::ReportedOn, observation.reported_on),
        );
        let mut seen = HashSet::new();
        for region in &observation.regions {
            if region.trim().is_empty() {
                self.push(Field::Regions, "has an empty region name");
            } else if !seen.insert(region.as_str()) {
                self.push(Field::Regions, format!("names region {region:?} twice"));
            }
        }
        if let Some(replaced) = &observation.supersedes {
            if replaced == &observation.id {
                self.push(Field::Supersedes, "names the observation itself");
            } else if !self.ws.observations.contains(replaced.as_str()) {
                self.push(
                    Field::Supersedes,
                    format!("names observation {replaced}, which does not exist"),
                );
            }
        }
        if let Some(event) = &observation.reported_at
            && !self.ws.events.contains(event.as_str())
        {
            self.push(
                Field::ReportedAt,
                format!("names event {event}, which does not exist"),
            );
        }
        self.citations(&observation.sources);
    }
}

/// Every problem with one record's own fields and references (not its id's
/// uniqueness, which depends on the other records). Forms show these beside
/// their fields as the user types.
pub fn record_problems(ws: &Workspace, record: &Record) -> Vec<FieldProblem> {
    let mut c = Checker {
        ws,
        problems: Vec::new(),
    };
    match record {
        Record::Party(party) => c.party(party),
        Record::Source(source) => c.source(source),
        Record::Metric(metric) => c.metric(metric),
        Record::Instrument(instrument) => c.instrument(instrument),
        Record::Event(event) => c.event(event),
        Record::Observation(observation) => c.observation(observation),
    }
    c.problems
}

/// What is wrong with a (non-empty) id as typed, if anything: ids are
/// written into files and CSVs and typed on the command line.
pub fn id_problem(id: &str) -> Option<&'static str> {
    (id.trim() != id || id.chars().any(char::is_control))
        .then_some("has leading or trailing spaces or control characters")
}

fn id_problems<T: Keyed>(
    records: &RecordMap<T>,
    to_record_id: impl Fn(&T::Id) -> RecordId,
    errors: &mut Vec<ValidationError>,
) {
    let mut seen = HashSet::new();
    for record in records {
        let id: &str = record.id().borrow();
        let mut push = |message: &str| {
            errors.push(ValidationError {
                record: Some(to_record_id(record.id())),
                field: Field::Id.key(),
                message: message.into(),
            });
        };
        if id.trim().is_empty() {
            push(ProblemKind::Empty.message());
        } else if let Some(problem) = id_problem(id) {
            push(problem);
        }
        if !seen.insert(id) {
            push("is used by another record of the same kind");
        }
    }
}

impl Workspace {
    /// Every problem with the data, in a stable order; empty when valid.
    pub fn validate(&self) -> Vec<ValidationError> {
        let mut errors = Vec::new();
        if self.title.trim().is_empty() {
            errors.push(ValidationError {
                record: None,
                field: Field::Title.key(),
                message: ProblemKind::Empty.message().into(),
            });
        }
        id_problems(&self.parties, |id| RecordId::Party(id.clone()), &mut errors);
        id_problems(
            &self.sources,
            |id| RecordId::Source(id.clone()),
            &mut errors,
        );
        id_problems(
            &self.metrics,
            |id| RecordId::Metric(id.clone()),
            &mut errors,
        );
        id_problems(
            &self.instruments,
            |id| RecordId::Instrument(id.clone()),
            &mut errors,
        );
        id_problems(&self.events, |id| RecordId::Event(id.clone()), &mut errors);
        id_problems(
            &self.observations,
            |id| RecordId::Observation(id.clone()),
            &mut errors,
        );
        let mut check = |id: RecordId, run: &dyn Fn(&mut Checker<'_>)| {
            let mut checker = Checker {
                ws: self,
                problems: Vec::new(),
            };
            run(&mut checker);
            for problem in checker.problems {
                errors.push(ValidationError {
                    record: Some(id.clone()),
                    field: problem.field.key(),
                    message: problem.kind.message().to_owned(),
                });
            }
        };
        for r in &self.parties {
            check(RecordId::Party(r.id.clone()), &|c| c.party(r));
        }
        for r in &self.sources {
            check(RecordId::Source(r.id.clone()), &|c| c.source(r));
        }
        for r in &self.metrics {
            check(RecordId::Metric(r.id.clone()), &|c| c.metric(r));
        }
        for r in &self.instruments {
            check(RecordId::Instrument(r.id.clone()), &|c| c.instrument(r));
        }
        for r in &self.events {
            check(RecordId::Event(r.id.clone()), &|c| c.event(r));
        }
        for r in &self.observations {
            check(RecordId::Observation(r.id.clone()), &|c| c.observation(r));
        }
        for conflict in &self.conflicts {
            let side = |value: &Option<String>| value.as_deref().unwrap_or("(deleted)").to_owned();
            let what = if conflict.is_whole_record() {
                "record"
            } else {
                conflict.field.as_str()
            };
            errors.push(ValidationError {
                record: conflict.record(),
                field: what.to_owned(),
                message: format!(
                    "unresolved merge conflict: ours {}, theirs {} (base {}); the file holds ours until it is resolved",
                    side(&conflict.ours),
                    side(&conflict.theirs),
                    side(&conflict.base),
                ),
            });
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Metric, MetricId, ObservationId, Party, PartyId, SourceId};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn valid() -> Workspace {
        let mut ws = Workspace {
            title: "Test".into(),
            ..Workspace::default()
        };
        ws.parties.put(Party {
            id: PartyId::new("tur"),
            name: "Türkiye".into(),
            ..Party::default()
        });
        ws.metrics.put(Metric {
            id: MetricId::new("neutralised"),
            name: "Neutralised".into(),
            ..Metric::default()
        });
        ws
    }

    #[test]
    fn a_valid_workspace_has_no_errors() {
        assert_eq!(valid().validate(), []);
    }

    #[test]
    fn every_problem_is_reported_not_just_the_first() {
        let mut ws = valid();
        ws.title.clear();
        ws.observations.put(Observation {
            id: ObservationId::new("o1"),
            metric: MetricId::new("missing"),
            start: date(2024, 4, 25),
            end: date(2024, 4, 19),
            sources: vec![Citation {
                source: SourceId::new("nowhere"),
                quote: String::new(),
            }],
            ..Observation::default()
        });
        ws.instruments.put(Instrument {
            id: InstrumentId::new("i1"),
            title: " ".into(),
            parties: vec![
                PartyId::new("tur"),
                PartyId::new("tur"),
                PartyId::new("xxx"),
            ],
            ..Instrument::default()
        });
        let messages: Vec<String> = ws.validate().iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "workspace title: is empty",
                "instrument i1, title: is empty",
                "instrument i1, parties: names party tur twice",
                "instrument i1, parties: names party xxx, which does not exist",
                "observation o1, metric: is missing, which does not exist",
                "observation o1, end: 2024-04-19 is before the start 2024-04-25",
                "observation o1, sources: cites source nowhere, which does not exist",
            ]
        );
    }

    use crate::model::InstrumentId;

    #[test]
    fn metric_phrases_must_be_findable_once_and_belong_to_one_metric() {
        let mut ws = valid();
        ws.metrics.put(Metric {
            id: MetricId::new("surrendered"),
            name: "Surrendered".into(),
            phrases: vec!["teslim ol".into()],
            ..Metric::default()
        });
        let metric = Metric {
            id: MetricId::new("neutralised"),
            name: "Neutralised".into(),
            phrases: vec![
                "etkisiz hale getiril".into(),
                "a".into(),
                "Etkisiz  hâle getiril".into(),
                "Teslim ol".into(),
            ],
            ..Metric::default()
        };
        let problems = record_problems(&ws, &Record::Metric(metric));
        assert_eq!(
            problems,
            [
                FieldProblem::invalid(
                    Field::Phrases,
                    "\"a\" is too short to find: give a word of 3 letters or more"
                ),
                FieldProblem::invalid(Field::Phrases, "names \"Etkisiz  hâle getiril\" twice"),
                FieldProblem::invalid(
                    Field::Phrases,
                    "\"Teslim ol\" is also a phrase of metric surrendered"
                ),
            ]
        );
    }

    #[test]
    fn duplicate_ids_are_reported() {
        let mut ws = valid();
        let json_like = ws.parties.as_slice().to_vec();
        let mut doubled: Vec<Party> = json_like.clone();
        doubled.extend(json_like);
        ws.parties = doubled.into_iter().collect();
        let errors = ws.validate();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].to_string(),
            "party tur, id: is used by another record of the same kind"
        );
    }

    #[test]
    fn record_problems_are_typed_and_validate_names_them_as_before() {
        let mut ws = valid();
        let instrument = Instrument {
            id: InstrumentId::new("i1"),
            title: "A protocol".into(),
            dates: crate::model::KeyDates {
                signed: Some(date(2024, 4, 22)),
                in_force: Some(date(2024, 4, 1)),
                ..Default::default()
            },
            milestones: vec![crate::model::Milestone::default()],
            ..Instrument::default()
        };
        let problems = record_problems(&ws, &Record::Instrument(instrument.clone()));
        assert_eq!(
            problems,
            [
                FieldProblem::invalid(Field::InForce, "2024-04-01 is before signed 2024-04-22"),
                FieldProblem::new(
                    Field::Milestone {
                        index: 0,
                        part: MilestonePart::Title
                    },
                    ProblemKind::Empty
                ),
            ]
        );
        ws.instruments.put(instrument);
        let messages: Vec<String> = ws.validate().iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "instrument i1, in_force: 2024-04-01 is before signed 2024-04-22",
                "instrument i1, milestones[0].title: is empty",
            ]
        );
    }
}
