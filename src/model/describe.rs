//! Readable names for records and edits, in the words the UI uses (a
//! figure, not an observation): what Undo says it undid, and how a figure
//! is named wherever a person reads about it.

use super::edit::{Edit, Record, RecordId, RecordKind};
use super::records::Observation;
use super::workspace::Workspace;
use crate::text::{group_thousands, period_label, regions_label};

/// "figure", "instrument"… as a person calls a record kind.
pub fn kind_noun(kind: RecordKind, plural: bool) -> &'static str {
    match (kind, plural) {
        (RecordKind::Observation, false) => "figure",
        (RecordKind::Observation, true) => "figures",
        (RecordKind::Party, false) => "party",
        (RecordKind::Party, true) => "parties",
        (RecordKind::Source, false) => "source",
        (RecordKind::Source, true) => "sources",
        (RecordKind::Metric, false) => "metric",
        (RecordKind::Metric, true) => "metrics",
        (RecordKind::Instrument, false) => "instrument",
        (RecordKind::Instrument, true) => "instruments",
        (RecordKind::Event, false) => "event",
        (RecordKind::Event, true) => "events",
    }
}

impl Workspace {
    /// A figure as a person reads it: "25 neutralised, northern Iraq,
    /// 26 Apr – 2 May 2024" (regions left out when it covers them all).
    pub fn figure_label(&self, o: &Observation) -> String {
        let mut label = format!(
            "{}{} {}",
            o.qualifier.prefix(),
            group_thousands(o.value),
            self.metric_name(&o.metric).to_lowercase()
        );
        if !o.regions.is_empty() {
            label.push_str(", ");
            label.push_str(&regions_label(&o.regions));
        }
        label.push_str(", ");
        label.push_str(&period_label(o.start, o.end));
        label
    }

    /// A record as a person reads it, kind first: "figure 25 neutralised,
    /// 19–25 Apr 2024", "instrument “MoU on …”". The id when it is gone.
    pub fn record_label(&self, id: &RecordId) -> String {
        match self.record(id) {
            Some(record) => self.label_of(&record),
            None => format!("{} {}", kind_noun(id.kind(), false), id.as_str()),
        }
    }

    /// `record` as [`Workspace::record_label`] names it (it need not be in
    /// the workspace yet; a figure's metric name comes from here).
    pub fn label_of(&self, record: &Record) -> String {
        match record {
            Record::Observation(o) => format!("figure {}", self.figure_label(o)),
            Record::Instrument(r) => format!("instrument “{}”", r.title),
            Record::Event(r) => format!("event “{}”", r.title),
            Record::Source(r) => format!("source “{}”", r.title),
            Record::Party(r) => format!("party {}", r.name),
            Record::Metric(r) => format!("metric {}", r.name),
        }
    }

    /// A copy of the record with this id, if there is one.
    pub fn record(&self, id: &RecordId) -> Option<Record> {
        let key = id.as_str();
        match id {
            RecordId::Party(_) => self.parties.get(key).cloned().map(Record::Party),
            RecordId::Source(_) => self.sources.get(key).cloned().map(Record::Source),
            RecordId::Metric(_) => self.metrics.get(key).cloned().map(Record::Metric),
            RecordId::Instrument(_) => self.instruments.get(key).cloned().map(Record::Instrument),
            RecordId::Event(_) => self.events.get(key).cloned().map(Record::Event),
            RecordId::Observation(_) => {
                self.observations.get(key).cloned().map(Record::Observation)
            }
        }
    }
}

impl Edit {
    /// What the edit does to `ws`, which it has not been applied to yet:
    /// "new figure 25 neutralised, 26 Apr – 2 May 2024", "changed instrument
    /// “…”", "deleted source “…”", "3 figures added".
    pub fn describe(&self, ws: &Workspace) -> String {
        match self {
            Edit::Put(record) => {
                let verb = if ws.record(&record.id()).is_some() {
                    "changed"
                } else {
                    "new"
                };
                format!("{verb} {}", ws.label_of(record))
            }
            Edit::Delete(id) => format!("deleted {}", ws.record_label(id)),
            Edit::PutAll(records) => {
                let kinds = records.iter().map(|r| r.id().kind());
                format!("{} added or changed", count_kinds(kinds))
            }
            Edit::DeleteAll(ids) => {
                format!("{} deleted", count_kinds(ids.iter().map(RecordId::kind)))
            }
            Edit::SetTitle(_) => "the workspace's title".to_owned(),
            Edit::SetDescription(_) => "the workspace's description".to_owned(),
            Edit::SetMarking(_) => "the workspace's marking".to_owned(),
            Edit::SetConflicts(_) => "the merge conflicts".to_owned(),
            Edit::PushHistory(entry) => entry.what.clone(),
            Edit::PopHistory => "the last change's history entry".to_owned(),
            Edit::Batch(edits) => match edits.as_slice() {
                [] => "nothing".to_owned(),
                [only] => only.describe(ws),
                // A delete that also removes the references to it.
                [first @ Edit::Delete(_), rest @ ..] => format!(
                    "{} (and its references in {})",
                    first.describe(ws),
                    count(rest.len(), "other record", "other records")
                ),
                [first, rest @ ..] => format!(
                    "{} and {}",
                    first.describe(ws),
                    count(rest.len(), "more change", "more changes")
                ),
            },
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        group_thousands(n as u64),
        if n == 1 { one } else { many }
    )
}

/// "3 figures, 1 metric and 1 source", kinds in a fixed order.
fn count_kinds(kinds: impl Iterator<Item = RecordKind>) -> String {
    let mut counts = std::collections::BTreeMap::<RecordKind, usize>::new();
    for kind in kinds {
        *counts.entry(kind).or_default() += 1;
    }
    let parts: Vec<String> = counts
        .into_iter()
        .map(|(kind, n)| format!("{} {}", group_thousands(n as u64), kind_noun(kind, n != 1)))
        .collect();
    match parts.as_slice() {
        [] => "no records".to_owned(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ObservationId;

    fn sample() -> Workspace {
        crate::store::sample().expect("the sample loads")
    }

    #[test]
    fn a_new_figure_is_described_by_value_metric_and_period() {
        let ws = sample();
        let mut figure = ws.observations.iter().next().cloned().expect("a figure");
        figure.id = ObservationId::new("new-figure");
        figure.value = 25;
        figure.regions.clear();
        figure.start = chrono::NaiveDate::from_ymd_opt(2024, 4, 26).expect("a date");
        figure.end = chrono::NaiveDate::from_ymd_opt(2024, 5, 2).expect("a date");
        let metric = ws.metric_name(&figure.metric).to_lowercase();
        let edit = Edit::put(Record::Observation(figure));
        assert_eq!(
            edit.describe(&ws),
            format!("new figure 25 {metric}, 26 Apr – 2 May 2024")
        );
    }

    #[test]
    fn changing_and_deleting_name_the_record_as_it_was() {
        let ws = sample();
        let instrument = ws
            .instruments
            .iter()
            .next()
            .cloned()
            .expect("an instrument");
        let title = instrument.title.clone();
        let id = RecordId::Instrument(instrument.id.clone());
        assert_eq!(
            Edit::put(Record::Instrument(instrument)).describe(&ws),
            format!("changed instrument “{title}”")
        );
        assert_eq!(
            Edit::Delete(id).describe(&ws),
            format!("deleted instrument “{title}”")
        );
    }

    #[test]
    fn bulk_edits_count_their_records_by_kind() {
        let ws = sample();
        let records: Vec<Record> = ws
            .observations
            .iter()
            .take(3)
            .cloned()
            .map(Record::Observation)
            .chain(ws.sources.iter().take(1).cloned().map(Record::Source))
            .collect();
        assert_eq!(
            Edit::PutAll(records).describe(&ws),
            "1 source and 3 figures added or changed"
        );
    }
}
