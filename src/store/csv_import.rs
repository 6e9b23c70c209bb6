//! Observations from CSV: the import plan (what would be added, skipped,
//! created and rejected, row by row) and the export in the same format.
//!
//! Columns, in any order, case-insensitive: `metric`, `regions` (`;`-separated),
//! `start`, `end` (YYYY-MM-DD, inclusive), `value` (a whole count; `48,596`,
//! `48.596`, `48 596` accepted), `reported_on`, `source` (a source title),
//! `qualifier` (`exact`, `at_least`, `approximate`), `note`, `quote`
//! (the sentence the figure comes from, which `coopdesk extract` writes:
//! kept as the citation's quote when the row names a source), and what
//! makes export then import lossless: `id`, `supersedes` (the id of the
//! figure it revises, in the workspace or the file), `reported_at` (an
//! event id), `marking` (`RESTRICTED // REL TUR`) and `more_sources` (the
//! citations after the first, as a RON list of `(source: ID, quote: ..)`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::model::{
    Citation, Edit, EventId, Marking, Metric, MetricId, Observation, ObservationId, Qualifier,
    Record, Source, SourceId, Workspace, parse_date, unique_id,
};
use crate::text::{count, parse_count};

/// The columns, in the order export writes them.
pub const COLUMNS: [&str; 15] = [
    "metric",
    "regions",
    "start",
    "end",
    "value",
    "reported_on",
    "source",
    "qualifier",
    "note",
    "quote",
    "id",
    "supersedes",
    "reported_at",
    "marking",
    "more_sources",
];
const REQUIRED: [&str; 4] = ["metric", "start", "end", "value"];

/// Why a whole file cannot be imported.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CsvError {
    #[error("line {line}: the file is not valid UTF-8 text; save it as UTF-8 CSV")]
    NotUtf8 { line: usize },
    #[error("the file is empty; it needs a header row with {}", REQUIRED.join(", "))]
    Empty,
    #[error("the header has no {missing} column; the columns are {}", COLUMNS.join(", "))]
    MissingColumn { missing: &'static str },
    #[error("the header names the column {column} twice")]
    DuplicateColumn { column: String },
    #[error("line {line}: {message}")]
    Malformed { line: usize, message: String },
}

/// A row that cannot be imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedRow {
    pub line: usize,
    pub column: &'static str,
    pub reason: String,
}

impl std::fmt::Display for RejectedRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, {}: {}", self.line, self.column, self.reason)
    }
}

/// What importing a file would do. Nothing changes until `edit` is applied.
#[derive(Clone, Debug, Default)]
pub struct ImportPlan {
    /// Data rows read (the header not counted).
    pub rows: usize,
    /// New figures, with the line each comes from.
    pub to_add: Vec<(usize, Observation)>,
    /// Lines whose figure is already in the workspace (or earlier in the
    /// file): same metric, regions, period and value.
    pub already_present: Vec<usize>,
    pub new_metrics: Vec<Metric>,
    pub new_sources: Vec<Source>,
    pub rejected: Vec<RejectedRow>,
    /// Rows imported without a link they name (an event, a source or an
    /// original figure this workspace does not have): the figure itself is
    /// sound, so it is kept.
    pub links_left_out: Vec<RejectedRow>,
    /// Header columns coopdesk does not know, left out.
    pub ignored_columns: Vec<String>,
}

impl ImportPlan {
    /// One edit adding the new metrics, sources and figures (the good rows
    /// only; the caller decides whether rejected rows stop the import).
    pub fn edit(&self) -> Edit {
        let metrics = self.new_metrics.iter().cloned().map(Record::Metric);
        let sources = self.new_sources.iter().cloned().map(Record::Source);
        let figures = self
            .to_add
            .iter()
            .map(|(_, o)| Record::Observation(o.clone()));
        Edit::PutAll(metrics.chain(sources).chain(figures).collect())
    }

    pub fn summary(&self) -> String {
        let mut parts = vec![format!(
            "{} to add, {} already present, {} rejected",
            self.to_add.len(),
            self.already_present.len(),
            self.rejected.len()
        )];
        if !self.links_left_out.is_empty() {
            parts.push(count(
                self.links_left_out.len(),
                "link left out",
                "links left out",
            ));
        }
        if !self.new_metrics.is_empty() {
            let ids: Vec<&str> = self.new_metrics.iter().map(|m| m.id.as_str()).collect();
            parts.push(format!("new metrics: {}", ids.join(", ")));
        }
        if !self.new_sources.is_empty() {
            const LISTED: usize = 3;
            let titles: Vec<&str> = self
                .new_sources
                .iter()
                .take(LISTED)
                .map(|s| s.title.as_str())
                .collect();
            let more = match self.new_sources.len().saturating_sub(LISTED) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            parts.push(format!("new sources: {}{more}", titles.join("; ")));
        }
        parts.join("; ")
    }
}

/// The identity of a figure for spotting duplicates.
type FigureKey = (
    MetricId,
    BTreeSet<String>,
    chrono::NaiveDate,
    chrono::NaiveDate,
    u64,
);

fn key_of(o: &Observation) -> FigureKey {
    (
        o.metric.clone(),
        o.regions.iter().cloned().collect(),
        o.start,
        o.end,
        o.value,
    )
}

/// Reads a CSV of observations against `ws` and says what importing it
/// would do. `progress` is called with the number of rows read so far and
/// the fraction of the file read, and returns false to stop (then the plan
/// covers the rows read).
pub fn plan_import(
    ws: &Workspace,
    bytes: &[u8],
    mut progress: impl FnMut(usize, f32) -> bool,
) -> Result<ImportPlan, CsvError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(err) = std::str::from_utf8(bytes) {
        let line = 1 + bytes[..err.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        return Err(CsvError::NotUtf8 { line });
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(bytes);
    let headers = reader.headers().map_err(|err| malformed(&err))?.clone();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(CsvError::Empty);
    }
    let mut columns: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut plan = ImportPlan::default();
    for (index, header) in headers.iter().enumerate() {
        let name = header.trim().to_lowercase();
        match COLUMNS.iter().find(|c| **c == name) {
            Some(column) => {
                if columns.insert(column, index).is_some() {
                    return Err(CsvError::DuplicateColumn { column: name });
                }
            }
            None if name.is_empty() => {}
            None => plan.ignored_columns.push(header.trim().to_owned()),
        }
    }
    for required in REQUIRED {
        if !columns.contains_key(required) {
            return Err(CsvError::MissingColumn { missing: required });
        }
    }

    let mut state = Planner {
        ws,
        seen: ws.observations.iter().map(key_of).collect(),
        taken_ids: HashSet::new(),
        file_ids: HashMap::new(),
        sources_by_title: ws
            .sources
            .iter()
            .map(|s| (s.title.trim().to_lowercase(), s.id.clone()))
            .collect(),
        new_source_ids: HashSet::new(),
        plan,
    };
    let mut lines = LineCounter::new(bytes);
    for record in reader.records() {
        let record = record.map_err(|err| malformed(&err))?;
        // The csv crate's own line numbers are off by one after CRLF line
        // ends, so lines are counted from the byte offset.
        let offset = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let line = lines.line_at(offset);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        state.plan.rows += 1;
        state.row(
            line,
            &Row {
                record: &record,
                columns: &columns,
            },
        );
        let fraction = offset as f32 / bytes.len().max(1) as f32;
        if state.plan.rows.is_multiple_of(1000) && !progress(state.plan.rows, fraction) {
            break;
        }
    }
    state.link_revisions();
    Ok(state.plan)
}

fn malformed(err: &csv::Error) -> CsvError {
    let line = err
        .position()
        .map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
    CsvError::Malformed {
        line,
        message: match err.kind() {
            csv::ErrorKind::Utf8 { .. } => "not valid UTF-8 text".to_owned(),
            _ => err.to_string(),
        },
    }
}

mod rows;
use rows::{LineCounter, Row};

struct Planner<'a> {
    ws: &'a Workspace,
    seen: HashSet<FigureKey>,
    taken_ids: HashSet<String>,
    /// The file's own ids (the `id` column): the id each figure got here,
    /// which differs when the workspace already uses it.
    file_ids: HashMap<String, ObservationId>,
    /// Existing and planned sources by lower-cased title.
    sources_by_title: std::collections::HashMap<String, SourceId>,
    new_source_ids: HashSet<String>,
    plan: ImportPlan,
}

impl Planner<'_> {
    fn leave_out_link(&mut self, line: usize, column: &'static str, reason: String) {
        self.plan.links_left_out.push(RejectedRow {
            line,
            column,
            reason,
        });
    }

    fn reject(&mut self, line: usize, column: &'static str, reason: impl Into<String>) {
        self.plan.rejected.push(RejectedRow {
            line,
            column,
            reason: reason.into(),
        });
    }

    fn row(&mut self, line: usize, row: &Row<'_>) {
        let field = |name: &str| row.get(name);
        let rejected_before = self.plan.rejected.len();
        let metric = field("metric");
        if metric.is_empty() {
            self.reject(line, "metric", "is empty");
        } else if metric.chars().any(|c| c.is_whitespace() || c.is_control()) {
            self.reject(
                line,
                "metric",
                format!("{metric:?} is not a metric id (ids are single words like neutralised)"),
            );
        }
        let mut date = |column: &'static str, required: bool| match field(column) {
            "" if required => {
                self.reject(line, column, "is empty");
                None
            }
            "" => None,
            text => match parse_date(text) {
                Ok(date) => Some(date),
                Err(reason) => {
                    self.reject(line, column, reason);
                    None
                }
            },
        };
        let start = date("start", true);
        let end = date("end", true);
        let reported_on = date("reported_on", false);
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            self.reject(line, "end", format!("{end} is before the start {start}"));
        }
        if let (Some(end), Some(reported)) = (end, reported_on)
            && reported < end
        {
            self.reject(
                line,
                "reported_on",
                format!("{reported} is before the end of the period {end}"),
            );
        }
        let value = match parse_count(field("value")) {
            Ok(value) => Some(value),
            Err(reason) => {
                self.reject(line, "value", reason);
                None
            }
        };
        let qualifier = match field("qualifier").to_lowercase().as_str() {
            "" | "exact" => Some(Qualifier::Exact),
            "at_least" | "at least" | ">=" | "≥" => Some(Qualifier::AtLeast),
            "approximate" | "about" | "~" => Some(Qualifier::Approximate),
            other => {
                self.reject(
                    line,
                    "qualifier",
                    format!("{other:?} is not one of exact, at_least, approximate"),
                );
                None
            }
        };
        let marking = match field("marking") {
            "" => None,
            text => match text.parse::<Marking>() {
                Ok(marking) => Some(marking),
                Err(reason) => {
                    self.reject(line, "marking", reason);
                    None
                }
            },
        };
        let reported_at = match field("reported_at") {
            "" => None,
            event if self.ws.events.contains(event) => Some(EventId::new(event)),
            event => {
                self.leave_out_link(
                    line,
                    "reported_at",
                    format!("names event {event:?}, which is not in this workspace"),
                );
                None
            }
        };
        let more_sources = self.more_sources(line, field("more_sources"));
        let file_id = field("id");
        if file_id.chars().any(char::is_control) {
            self.reject(line, "id", format!("{file_id:?} holds control characters"));
        } else if self.file_ids.contains_key(file_id) {
            self.reject(line, "id", format!("{file_id:?} is used by an earlier row"));
        }
        let (Some(start), Some(end), Some(value), Some(qualifier)) = (start, end, value, qualifier)
        else {
            return;
        };
        if self.plan.rejected.len() > rejected_before {
            return;
        }
        let mut regions: Vec<String> = field("regions")
            .split(';')
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect();
        regions.sort();
        regions.dedup();
        let metric = self.metric_id(metric);
        let mut observation = Observation {
            id: ObservationId::default(),
            metric: metric.clone(),
            regions,
            start,
            end,
            value,
            qualifier,
            reported_on,
            reported_at,
            sources: Vec::new(),
            note: field("note").to_owned(),
            // Resolved once every row is read: it may name a later row.
            supersedes: match field("supersedes") {
                "" => None,
                id => Some(ObservationId::new(id)),
            },
            marking,
        };
        let key = key_of(&observation);
        // A row with an id is one record of an exported workspace: rows
        // alike in metric, period and value are still different records
        // (two sources giving the same figure), so only the workspace's
        // figures make it "already present".
        let duplicate = if file_id.is_empty() {
            !self.seen.insert(key)
        } else {
            self.seen.contains(&key)
        };
        if duplicate {
            self.plan.already_present.push(line);
            return;
        }
        self.ensure_metric(&metric);
        let source = field("source");
        if !source.is_empty() {
            observation.sources.push(Citation {
                source: self.ensure_source(source),
                quote: field("quote").to_owned(),
            });
        }
        observation.sources.extend(more_sources);
        let ws = self.ws;
        let free = |id: &str, taken: &HashSet<String>| {
            !id.is_empty() && !ws.observations.contains(id) && !taken.contains(id)
        };
        let id = if free(file_id, &self.taken_ids) {
            file_id.to_owned()
        } else {
            let base = format!("{end} {metric} {}", observation.regions.join(" "));
            unique_id("", &base, |id| !free(id, &self.taken_ids))
        };
        self.taken_ids.insert(id.clone());
        observation.id = ObservationId::new(id);
        if !file_id.is_empty() {
            self.file_ids
                .insert(file_id.to_owned(), observation.id.clone());
        }
        self.plan.to_add.push((line, observation));
    }

    /// The `more_sources` column: citations of existing sources, by id.
    fn more_sources(&mut self, line: usize, text: &str) -> Vec<Citation> {
        if text.is_empty() {
            return Vec::new();
        }
        let citations: Vec<Citation> = match ron::from_str(text) {
            Ok(citations) => citations,
            Err(err) => {
                self.reject(
                    line,
                    "more_sources",
                    format!(
                        "is not a list like [(source: \"src-id\", quote: \"...\")]: {}",
                        err.code
                    ),
                );
                return Vec::new();
            }
        };
        let (known, missing): (Vec<Citation>, Vec<Citation>) = citations
            .into_iter()
            .partition(|c| self.ws.sources.contains(c.source.as_str()));
        for citation in missing {
            self.leave_out_link(
                line,
                "more_sources",
                format!(
                    "names source {:?}, which is not in this workspace",
                    citation.source.as_str()
                ),
            );
        }
        known
    }

    /// Points each revision at the id its original got here; a revision of
    /// a figure neither the workspace nor the file has is kept as a figure
    /// of its own.
    fn link_revisions(&mut self) {
        let ws = self.ws;
        for (line, o) in &mut self.plan.to_add {
            let Some(named) = o.supersedes.take() else {
                continue;
            };
            let resolved = self.file_ids.get(named.as_str()).cloned().or_else(|| {
                ws.observations
                    .contains(named.as_str())
                    .then_some(named.clone())
            });
            let reason = match resolved {
                Some(id) if id != o.id => {
                    o.supersedes = Some(id);
                    continue;
                }
                Some(_) => "names the figure itself".to_owned(),
                None => format!(
                    "names figure {:?}, which is neither in this workspace nor in the file",
                    named.as_str()
                ),
            };
            self.plan.links_left_out.push(RejectedRow {
                line: *line,
                column: "supersedes",
                reason,
            });
        }
        self.plan.links_left_out.sort_by_key(|r| r.line);
    }

    /// The metric `text` names: an existing (or planned) metric whose id
    /// matches ignoring case, else `text` lower-cased as a new id.
    fn metric_id(&self, text: &str) -> MetricId {
        let wanted = text.to_lowercase();
        self.ws
            .metrics
            .iter()
            .map(|m| &m.id)
            .chain(self.plan.new_metrics.iter().map(|m| &m.id))
            .find(|id| id.as_str().to_lowercase() == wanted)
            .cloned()
            .unwrap_or_else(|| MetricId::new(wanted))
    }

    fn ensure_metric(&mut self, metric: &MetricId) {
        if self.ws.metrics.contains(metric.as_str())
            || self.plan.new_metrics.iter().any(|m| &m.id == metric)
        {
            return;
        }
        let mut name = metric.as_str().replace('_', " ");
        if let Some(first) = name.get(..1) {
            name = first.to_uppercase() + name.get(1..).unwrap_or("");
        }
        self.plan.new_metrics.push(Metric {
            id: metric.clone(),
            name,
            unit: String::new(),
            description: "Created by a CSV import.".to_owned(),
            phrases: Vec::new(),
        });
    }

    /// The id of the source titled `title` (ignoring case), created if new.
    fn ensure_source(&mut self, title: &str) -> SourceId {
        let key = title.trim().to_lowercase();
        if let Some(id) = self.sources_by_title.get(&key) {
            return id.clone();
        }
        let ws = self.ws;
        let planned = &self.new_source_ids;
        let id = unique_id("src", title, |id| {
            ws.sources.contains(id) || planned.contains(id)
        });
        self.new_source_ids.insert(id.clone());
        let id = SourceId::new(id);
        self.sources_by_title.insert(key, id.clone());
        self.plan.new_sources.push(Source {
            id: id.clone(),
            title: title.to_owned(),
            ..Source::default()
        });
        id
    }
}

mod export;
pub use export::{FiguresCsv, write_observations_csv};

#[cfg(test)]
mod tests;
