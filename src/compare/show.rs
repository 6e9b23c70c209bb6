//! A field's name and value as a person reads them: names for party ids,
//! titles for sources and events, labels for kinds and statuses, `25,000`
//! for counts, `(none)` for what is not set.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::model::{
    CooperationArea, EventId, EventKind, InstrumentId, InstrumentKind, Marking, MetricId,
    ObservationId, PartyId, PartyKind, Qualifier, RecordId, SourceId, Status, Workspace,
};
use crate::text::group_thousands;

/// `reported_on` → `Reported on`; the form's name where it differs.
pub fn field_name(key: &str) -> String {
    let name = match key {
        "supersedes" => "Revises",
        "id" => "Id",
        "dates" => "Key dates",
        "people" => "People present",
        other => {
            let spaced = other.replace('_', " ");
            let mut chars = spaced.chars();
            return match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            };
        }
    };
    name.to_owned()
}

/// The value of field `key` as `ws` names it.
pub fn value(ws: &Workspace, key: &str, value: &Value) -> String {
    let shown = match key {
        "value" => value.as_u64().map(group_thousands),
        "metric" => typed::<MetricId>(value).map(|id| ws.metric_name(&id).to_owned()),
        "kind" => typed::<InstrumentKind>(value)
            .map(|k| k.label().to_owned())
            .or_else(|| typed::<EventKind>(value).map(|k| k.label().to_owned()))
            .or_else(|| typed::<PartyKind>(value).map(|k| k.label().to_owned())),
        "status" => typed::<Status>(value).map(|s| s.label().to_owned()),
        // Left out of the file when exact.
        "qualifier" if value.is_null() => Some(Qualifier::Exact.label().to_owned()),
        "qualifier" => typed::<Qualifier>(value).map(|q| q.label().to_owned()),
        "marking" => Some(match typed::<Option<Marking>>(value) {
            Some(Some(marking)) => marking.to_string(),
            _ => "the workspace's".to_owned(),
        }),
        "areas" => typed::<Vec<CooperationArea>>(value)
            .map(|areas| list(areas.iter().map(|a| a.label().to_owned()))),
        "parties" | "participants" => typed::<Vec<PartyId>>(value)
            .map(|ids| list(ids.iter().map(|id| ws.party_name(id).to_owned()))),
        "instruments" => typed::<Vec<InstrumentId>>(value).map(|ids| {
            list(
                ids.iter()
                    .map(|id| ws.record_label(&RecordId::Instrument(id.clone()))),
            )
        }),
        "regions" => {
            typed::<Vec<String>>(value).map(|regions| crate::text::regions_label(&regions))
        }
        "reported_at" => typed::<Option<EventId>>(value).map(|id| match id {
            Some(id) => ws.record_label(&RecordId::Event(id)),
            None => NONE.to_owned(),
        }),
        "supersedes" => typed::<Option<ObservationId>>(value).map(|id| match id {
            Some(id) => ws.record_label(&RecordId::Observation(id)),
            None => NONE.to_owned(),
        }),
        "sources" => value.as_array().map(|citations| {
            list(citations.iter().map(|c| {
                let title = typed::<SourceId>(&c["source"])
                    .map(|id| ws.source_title(&id).to_owned())
                    .unwrap_or_default();
                match c["quote"].as_str() {
                    Some(quote) if !quote.is_empty() => format!("{title}: \u{201c}{quote}\u{201d}"),
                    _ => title,
                }
            }))
        }),
        _ => None,
    };
    shown.unwrap_or_else(|| plain(value))
}

const NONE: &str = "(none)";

fn typed<T: DeserializeOwned>(value: &Value) -> Option<T> {
    serde_json::from_value(value.clone()).ok()
}

fn list(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        NONE.to_owned()
    } else {
        items.join("; ")
    }
}

/// Any other value: text as it is, lists and groups of fields spelled out.
fn plain(value: &Value) -> String {
    match value {
        Value::Null => NONE.to_owned(),
        Value::Bool(true) => "yes".to_owned(),
        Value::Bool(false) => "no".to_owned(),
        Value::Number(n) => n.as_u64().map_or_else(|| n.to_string(), group_thousands),
        Value::String(s) if s.is_empty() => "(empty)".to_owned(),
        Value::String(s) => s.clone(),
        Value::Array(items) => list(items.iter().map(plain)),
        Value::Object(fields) => fields
            .iter()
            .filter(|(_, v)| !matches!(v, Value::Null) && v.as_str() != Some(""))
            .map(|(k, v)| format!("{}: {}", field_name(k).to_lowercase(), plain(v)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}
