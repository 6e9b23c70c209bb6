//! `Workspace::validate`: every way the data itself is wrong, all at once.
//!
//! Figures that do not reconcile are not invalid data; `analysis` reports
//! those as warnings.

use std::borrow::Borrow;
use std::collections::HashSet;

use chrono::NaiveDate;

use super::edit::RecordId;
use super::records::{Citation, Event, Instrument, Observation};
use super::workspace::{Keyed, RecordMap, Workspace};

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

struct Collector<'a> {
    ws: &'a Workspace,
    errors: Vec<ValidationError>,
}

impl Collector<'_> {
    fn push(&mut self, record: &RecordId, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(ValidationError {
            record: Some(record.clone()),
            field: field.into(),
            message: message.into(),
        });
    }

    fn non_empty(&mut self, record: &RecordId, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(record, field, "is empty");
        }
    }

    fn ids<T: Keyed>(&mut self, records: &RecordMap<T>, to_record_id: impl Fn(&T::Id) -> RecordId) {
        let mut seen = HashSet::new();
        for record in records {
            let id: &str = record.id().borrow();
            let record_id = to_record_id(record.id());
            if id.trim().is_empty() {
                self.push(&record_id, "id", "is empty");
            } else if id.trim() != id || id.chars().any(char::is_control) {
                self.push(
                    &record_id,
                    "id",
                    "has leading or trailing spaces or control characters",
                );
            }
            if !seen.insert(id) {
                self.push(
                    &record_id,
                    "id",
                    "is used by another record of the same kind",
                );
            }
        }
    }

    fn citations(&mut self, record: &RecordId, citations: &[Citation]) {
        for citation in citations {
            if !self.ws.sources.contains(citation.source.as_str()) {
                self.push(
                    record,
                    "sources",
                    format!("cites source {}, which does not exist", citation.source),
                );
            }
        }
    }

    fn date_order(
        &mut self,
        record: &RecordId,
        (earlier_name, earlier): (&str, Option<NaiveDate>),
        (later_name, later): (&str, Option<NaiveDate>),
    ) {
        if let (Some(earlier), Some(later)) = (earlier, later)
            && later < earlier
        {
            self.push(
                record,
                later_name,
                format!("{later} is before {earlier_name} {earlier}"),
            );
        }
    }

    fn instrument(&mut self, instrument: &Instrument) {
        let id = RecordId::Instrument(instrument.id.clone());
        self.non_empty(&id, "title", &instrument.title);
        let mut seen = HashSet::new();
        for party in &instrument.parties {
            if !self.ws.parties.contains(party.as_str()) {
                self.push(
                    &id,
                    "parties",
                    format!("names party {party}, which does not exist"),
                );
            }
            if !seen.insert(party) {
                self.push(&id, "parties", format!("names party {party} twice"));
            }
        }
        let dates = &instrument.dates;
        self.date_order(&id, ("signed", dates.signed), ("in_force", dates.in_force));
        self.date_order(&id, ("signed", dates.signed), ("expires", dates.expires));
        self.date_order(
            &id,
            ("in_force", dates.in_force),
            ("expires", dates.expires),
        );
        for (index, milestone) in instrument.milestones.iter().enumerate() {
            self.non_empty(&id, &format!("milestones[{index}].title"), &milestone.title);
        }
        self.citations(&id, &instrument.sources);
    }

    fn event(&mut self, event: &Event) {
        let id = RecordId::Event(event.id.clone());
        self.non_empty(&id, "title", &event.title);
        for party in &event.participants {
            if !self.ws.parties.contains(party.as_str()) {
                self.push(
                    &id,
                    "participants",
                    format!("names party {party}, which does not exist"),
                );
            }
        }
        for instrument in &event.instruments {
            if !self.ws.instruments.contains(instrument.as_str()) {
                self.push(
                    &id,
                    "instruments",
                    format!("links instrument {instrument}, which does not exist"),
                );
            }
        }
        self.date_order(
            &id,
            ("date", event.date),
            ("reported_on", event.reported_on),
        );
        self.citations(&id, &event.sources);
    }

    fn observation(&mut self, observation: &Observation) {
        let id = RecordId::Observation(observation.id.clone());
        if !self.ws.metrics.contains(observation.metric.as_str()) {
            self.push(
                &id,
                "metric",
                format!("is {}, which does not exist", observation.metric),
            );
        }
        if observation.end < observation.start {
            self.push(
                &id,
                "end",
                format!(
                    "{} is before the start {}",
                    observation.end, observation.start
                ),
            );
        }
        self.date_order(
            &id,
            ("end", Some(observation.end)),
            ("reported_on", observation.reported_on),
        );
        let mut seen = HashSet::new();
        for region in &observation.regions {
            if region.trim().is_empty() {
                self.push(&id, "regions", "has an empty region name");
            } else if !seen.insert(region.as_str()) {
                self.push(&id, "regions", format!("names region {region:?} twice"));
            }
        }
        if let Some(replaced) = &observation.supersedes {
            if replaced == &observation.id {
                self.push(&id, "supersedes", "names the observation itself");
            } else if !self.ws.observations.contains(replaced.as_str()) {
                self.push(
                    &id,
                    "supersedes",
                    format!("names observation {replaced}, which does not exist"),
                );
            }
        }
        self.citations(&id, &observation.sources);
    }
}

impl Workspace {
    /// Every problem with the data, in a stable order; empty when valid.
    pub fn validate(&self) -> Vec<ValidationError> {
        let mut c = Collector {
            ws: self,
            errors: Vec::new(),
        };
        if self.title.trim().is_empty() {
            c.errors.push(ValidationError {
                record: None,
                field: "title".into(),
                message: "is empty".into(),
            });
        }
        c.ids(&self.parties, |id| RecordId::Party(id.clone()));
        c.ids(&self.sources, |id| RecordId::Source(id.clone()));
        c.ids(&self.metrics, |id| RecordId::Metric(id.clone()));
        c.ids(&self.instruments, |id| RecordId::Instrument(id.clone()));
        c.ids(&self.events, |id| RecordId::Event(id.clone()));
        c.ids(&self.observations, |id| RecordId::Observation(id.clone()));
        for party in &self.parties {
            c.non_empty(&RecordId::Party(party.id.clone()), "name", &party.name);
        }
        for source in &self.sources {
            c.non_empty(&RecordId::Source(source.id.clone()), "title", &source.title);
        }
        for metric in &self.metrics {
            c.non_empty(&RecordId::Metric(metric.id.clone()), "name", &metric.name);
        }
        for instrument in &self.instruments {
            c.instrument(instrument);
        }
        for event in &self.events {
            c.event(event);
        }
        for observation in &self.observations {
            c.observation(observation);
        }
        c.errors
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
}
