//! The brief: one document a briefer can put in front of a reader — status
//! of the instruments, upcoming milestones, recent events, key figures with
//! their sources, charts and the reconciliation problems — marked with the
//! highest marking of everything it includes.
//!
//! [`Brief::build`] decides the content once, as a list of [`Block`]s; the
//! HTML and PDF writers only lay it out, so both say the same thing.

mod html;
mod pdf;

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};

pub use html::to_html;
pub use pdf::to_pdf;

use super::ExportError;
use super::chart::{Chart, ChartKind, ChartView};
use crate::analysis::{Analysis, YearMonth};
use crate::model::metric_ids::{APPREHENDED_BORDER, PREVENTED_BORDER};
use crate::model::{Citation, Marking, SourceId, Status, Workspace};
use crate::text::{count, group_thousands, period_label, regions_label};

/// Events within this many days before the brief's date are "recent".
const RECENT_DAYS: u64 = 90;
/// At least this many events are shown, going further back when needed.
const MIN_EVENTS: usize = 10;
/// Problems beyond this many are counted, not listed (`coopdesk check`
/// lists them all).
const MAX_PROBLEMS: usize = 60;
/// The charts cover this many months up to the brief's date.
const CHART_MONTHS: u32 = 12;

/// Chosen by the file name's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BriefFormat {
    Html,
    Pdf,
}

impl BriefFormat {
    pub fn from_path(path: &std::path::Path) -> Result<Self, ExportError> {
        match crate::export::extension(path).as_deref() {
            Some("html" | "htm") => Ok(Self::Html),
            Some("pdf") => Ok(Self::Pdf),
            _ => Err(ExportError::UnknownFormat {
                path: path.display().to_string(),
                expected: ".html or .pdf",
            }),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct BriefOptions {
    /// The date the brief speaks of; default: the latest date in the
    /// workspace (never the clock, so the same file gives the same brief).
    pub as_of: Option<NaiveDate>,
    /// "Released at …: N records withheld", shown first, when the brief is
    /// made for a release level.
    pub release_note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Brief {
    pub title: String,
    pub subtitle: String,
    pub marking: Marking,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// Smaller, muted text: what a table leaves out, how figures were made.
    Note(String),
    Table(Table),
    Chart(Box<Chart>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Column titles with their share of the width.
    pub columns: Vec<(&'static str, u8)>,
    pub rows: Vec<Vec<String>>,
}

impl Brief {
    pub fn build(ws: &Workspace, analysis: &Analysis, options: &BriefOptions) -> Self {
        let as_of = options.as_of.or_else(|| latest_date(ws));
        let mut content = Content::new(ws);
        content
            .blocks
            .extend(options.release_note.clone().map(Block::Note));
        content.summary();
        content.instruments();
        if let Some(date) = as_of {
            content.milestones(date);
            content.events(date);
        }
        content.figures(analysis, as_of);
        content.problems(analysis);
        content.sources();
        let subtitle = match (options.as_of, as_of) {
            (Some(date), _) => format!("Brief as of {}", long_date(date)),
            (None, Some(date)) => format!(
                "Brief as of {}, the latest date recorded in the workspace",
                long_date(date)
            ),
            (None, None) => "Brief of an empty workspace".to_owned(),
        };
        Self {
            title: ws.title.clone(),
            subtitle,
            marking: content.marking,
            blocks: content.blocks,
        }
    }

    pub fn render(&self, format: BriefFormat) -> Result<Vec<u8>, ExportError> {
        match format {
            BriefFormat::Html => to_html(self).map(String::into_bytes),
            BriefFormat::Pdf => to_pdf(self),
        }
    }

    /// Every chart in the brief, in order.
    pub fn charts(&self) -> impl Iterator<Item = &Chart> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Chart(chart) => Some(chart.as_ref()),
            _ => None,
        })
    }
}

/// The latest date anywhere in the workspace.
pub fn latest_date(ws: &Workspace) -> Option<NaiveDate> {
    let instruments = ws.instruments.iter().flat_map(|i| {
        [i.dates.signed, i.dates.in_force]
            .into_iter()
            .chain(i.status_history.iter().map(|c| c.on))
            .chain(i.milestones.iter().map(|m| m.done_on))
    });
    let events = ws.events.iter().flat_map(|e| [e.date, e.reported_on]);
    let figures = ws
        .observations
        .iter()
        .flat_map(|o| [Some(o.end), o.reported_on]);
    let sources = ws.sources.iter().map(|s| s.published_on);
    instruments
        .chain(events)
        .chain(figures)
        .chain(sources)
        .flatten()
        .max()
}

/// The blocks being built, with the marking and sources of what they include.
struct Content<'a> {
    ws: &'a Workspace,
    blocks: Vec<Block>,
    marking: Marking,
    cited: BTreeSet<&'a SourceId>,
}

impl<'a> Content<'a> {
    fn new(ws: &'a Workspace) -> Self {
        Self {
            ws,
            blocks: Vec::new(),
            marking: ws.marking.clone(),
            cited: BTreeSet::new(),
        }
    }

    fn include(&mut self, marking: Option<&Marking>, sources: &'a [Citation]) {
        if let Some(marking) = marking {
            self.marking = self.marking.combine(marking);
        }
        self.cited.extend(sources.iter().map(|c| &c.source));
    }

    fn heading(&mut self, text: &str) {
        self.blocks.push(Block::Heading(text.to_owned()));
    }

    fn summary(&mut self) {
        let ws = self.ws;
        if !ws.description.trim().is_empty() {
            self.blocks.push(Block::Paragraph(ws.description.clone()));
        }
        self.blocks.push(Block::Paragraph(format!(
            "The workspace holds {}, {}, {} and {}.",
            count(ws.instruments.len(), "instrument", "instruments"),
            count(ws.events.len(), "event", "events"),
            count(ws.observations.len(), "reported figure", "reported figures"),
            count(ws.sources.len(), "source", "sources"),
        )));
    }

    fn instruments(&mut self) {
        let ws = self.ws;
        self.heading("Instruments by status");
        if ws.instruments.is_empty() {
            self.blocks
                .push(Block::Note("No instruments recorded.".to_owned()));
            return;
        }
        let counts: Vec<Vec<String>> = Status::ALL
            .iter()
            .map(|status| {
                let n = ws
                    .instruments
                    .iter()
                    .filter(|i| i.status == *status)
                    .count();
                (status, n)
            })
            .filter(|(_, n)| *n > 0)
            .map(|(status, n)| vec![status.label().to_owned(), group_thousands(n as u64)])
            .collect();
        self.blocks.push(Block::Table(Table {
            columns: vec![("Status", 3), ("Instruments", 1)],
            rows: counts,
        }));
        let mut rows = Vec::with_capacity(ws.instruments.len());
        for status in Status::ALL {
            for instrument in ws.instruments.iter().filter(|i| i.status == status) {
                self.include(instrument.marking.as_ref(), &instrument.sources);
                let parties: Vec<&str> = instrument
                    .parties
                    .iter()
                    .map(|p| ws.party_name(p))
                    .collect();
                let dates = &instrument.dates;
                let mut when = Vec::new();
                for (label, date) in [
                    ("signed", dates.signed),
                    ("in force", dates.in_force),
                    ("expires", dates.expires),
                ] {
                    if let Some(date) = date {
                        when.push(format!("{label} {}", short_date(date)));
                    }
                }
                rows.push(vec![
                    instrument.title.clone(),
                    instrument.kind.label().to_owned(),
                    status.label().to_owned(),
                    parties.join(", "),
                    when.join("; "),
                ]);
            }
        }
        self.blocks.push(Block::Table(Table {
            columns: vec![
                ("Instrument", 6),
                ("Kind", 2),
                ("Status", 2),
                ("Parties", 3),
                ("Key dates", 3),
            ],
            rows,
        }));
    }

    fn milestones(&mut self, as_of: NaiveDate) {
        let ws = self.ws;
        self.heading("Upcoming and overdue milestones");
        let open = ws.open_milestones();
        if open.is_empty() {
            self.blocks
                .push(Block::Note("No open milestones.".to_owned()));
            return;
        }
        let rows = open
            .into_iter()
            .map(|open| {
                let milestone = open.milestone;
                let due = match milestone.due {
                    Some(date) if milestone.is_overdue(as_of) => {
                        format!("{} (overdue)", short_date(date))
                    }
                    Some(date) => short_date(date),
                    None => "no date".to_owned(),
                };
                vec![
                    due,
                    milestone.title.clone(),
                    open.instrument.title.clone(),
                    milestone.note.clone(),
                ]
            })
            .collect();
        self.blocks.push(Block::Table(Table {
            columns: vec![("Due", 2), ("Milestone", 4), ("Instrument", 4), ("Note", 4)],
            rows,
        }));
    }

    fn events(&mut self, as_of: NaiveDate) {
        let ws = self.ws;
        self.heading("Recent events");
        let since = as_of.checked_sub_days(Days::new(RECENT_DAYS));
        let mut dated: Vec<_> = ws
            .events
            .iter()
            .filter_map(|e| e.sort_date().map(|d| (d, e)))
            .filter(|(d, _)| *d <= as_of)
            .collect();
        dated.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.title.cmp(&b.1.title)));
        let recent = dated
            .iter()
            .take_while(|(d, _)| since.is_none_or(|since| *d > since))
            .count()
            .max(MIN_EVENTS)
            .min(dated.len());
        if recent == 0 {
            self.blocks.push(Block::Note(
                "No dated events on or before this date.".to_owned(),
            ));
            return;
        }
        let mut rows = Vec::with_capacity(recent);
        for (date, event) in &dated[..recent] {
            self.include(event.marking.as_ref(), &event.sources);
            let instruments: Vec<&str> = event
                .instruments
                .iter()
                .map(|id| {
                    ws.instruments
                        .get(id.as_str())
                        .map_or(id.as_str(), |i| &i.title)
                })
                .collect();
            let mut what = event.summary.clone();
            if !instruments.is_empty() {
                what.push_str(&format!(" (on: {})", instruments.join("; ")));
            }
            rows.push(vec![
                short_date(*date),
                event.title.clone(),
                event.kind.label().to_owned(),
                what.trim().to_owned(),
            ]);
        }
        self.blocks.push(Block::Note(format!(
            "Events of the {RECENT_DAYS} days to {} (at least the {MIN_EVENTS} latest), newest first.",
            short_date(as_of)
        )));
        self.blocks.push(Block::Table(Table {
            columns: vec![("Date", 2), ("Event", 4), ("Kind", 2), ("Summary", 7)],
            rows,
        }));
    }

    fn figures(&mut self, analysis: &Analysis, as_of: Option<NaiveDate>) {
        let ws = self.ws;
        self.heading("Key figures");
        let mut rows = Vec::new();
        for metric in ws.metrics.iter() {
            let Some(latest) = analysis.latest.get(&metric.id) else {
                continue;
            };
            for observation in latest
                .iter()
                .filter_map(|id| ws.observations.get(id.as_str()))
            {
                self.include(observation.marking.as_ref(), &observation.sources);
                let sources: Vec<&str> = observation
                    .sources
                    .iter()
                    .map(|c| ws.source_title(&c.source))
                    .collect();
                rows.push(vec![
                    metric.name.clone(),
                    format!(
                        "{}{}",
                        observation.qualifier.prefix(),
                        group_thousands(observation.value)
                    ),
                    period_label(observation.start, observation.end),
                    regions_label(&observation.regions),
                    observation.reported_on.map(short_date).unwrap_or_default(),
                    sources.join("; "),
                ]);
            }
        }
        if rows.is_empty() {
            self.blocks
                .push(Block::Note("No figures recorded.".to_owned()));
        } else {
            self.blocks.push(Block::Note(
                "The latest figure reported for each metric, with its period, reporting date and source."
                    .to_owned(),
            ));
            self.blocks.push(Block::Table(Table {
                columns: vec![
                    ("Metric", 4),
                    ("Figure", 2),
                    ("Period", 3),
                    ("Regions", 3),
                    ("Reported", 2),
                    ("Source", 5),
                ],
                rows,
            }));
        }
        self.charts(analysis, as_of);
    }

    /// A monthly chart per metric (the border metrics together), over the
    /// last months up to the brief's date.
    fn charts(&mut self, analysis: &Analysis, as_of: Option<NaiveDate>) {
        let ws = self.ws;
        let view = ChartView {
            from: as_of
                .map(|d| months_before(YearMonth::of(d), CHART_MONTHS - 1).to_string())
                .unwrap_or_default(),
            to: as_of
                .map(|d| YearMonth::of(d).to_string())
                .unwrap_or_default(),
            ..ChartView::default()
        };
        let border =
            ws.metrics.contains(APPREHENDED_BORDER) && ws.metrics.contains(PREVENTED_BORDER);
        let mut charts = Vec::new();
        for metric in ws.metrics.iter() {
            let is_border =
                metric.id.as_str() == APPREHENDED_BORDER || metric.id.as_str() == PREVENTED_BORDER;
            if border && is_border {
                continue;
            }
            // A single month is better read in the key figures table.
            match Chart::build(ws, analysis, ChartKind::Monthly, &metric.id, &view) {
                Ok(chart) if chart.categories.len() > 1 => charts.push(chart),
                _ => {}
            }
        }
        if border {
            let metric = crate::model::MetricId::new(APPREHENDED_BORDER);
            match Chart::build(ws, analysis, ChartKind::Border, &metric, &view) {
                Ok(chart) if chart.categories.len() > 1 => charts.push(chart),
                _ => {}
            }
        }
        if charts.is_empty() {
            return;
        }
        self.heading("Monthly figures");
        let mut note =
            "Hatched bars are estimates: a longer reported period allocated pro rata by day."
                .to_owned();
        if charts.iter().any(Chart::has_partial) {
            note.push_str(
                " A narrow bar is a partial month: the figures reach only the days in its label.",
            );
        }
        note.push_str(" Each chart names its sources.");
        self.blocks.push(Block::Note(note));
        for chart in charts {
            self.marking = self.marking.combine(&chart.marking);
            self.blocks.push(Block::Chart(Box::new(chart)));
        }
    }

    fn problems(&mut self, analysis: &Analysis) {
        let ws = self.ws;
        self.heading("Figures that do not reconcile");
        if analysis.problems.is_empty() {
            self.blocks.push(Block::Note(
                "None: every regional split, running total and revision agrees.".to_owned(),
            ));
            return;
        }
        let rows = analysis
            .problems
            .iter()
            .take(MAX_PROBLEMS)
            .map(|p| {
                vec![
                    ws.metric_name(&p.metric).to_owned(),
                    p.kind.label().to_owned(),
                    p.message.clone(),
                ]
            })
            .collect();
        self.blocks.push(Block::Table(Table {
            columns: vec![("Metric", 3), ("Problem", 3), ("Details", 9)],
            rows,
        }));
        let more = analysis.problems.len().saturating_sub(MAX_PROBLEMS);
        if more > 0 {
            self.blocks.push(Block::Note(format!(
                "And {} more; `coopdesk check FILE` lists them all.",
                group_thousands(more as u64)
            )));
        }
    }

    fn sources(&mut self) {
        let ws = self.ws;
        self.heading("Sources");
        let mut rows = Vec::new();
        for id in std::mem::take(&mut self.cited) {
            let Some(source) = ws.sources.get(id.as_str()) else {
                rows.push(vec![
                    id.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
                continue;
            };
            if let Some(marking) = &source.marking {
                self.marking = self.marking.combine(marking);
            }
            rows.push(vec![
                source.title.clone(),
                source.publisher.clone(),
                source.published_on.map(short_date).unwrap_or_default(),
                source.reference.clone(),
            ]);
        }
        if rows.is_empty() {
            self.blocks
                .push(Block::Note("Nothing included cites a source.".to_owned()));
            return;
        }
        self.blocks.push(Block::Note(
            "Every source cited by the instruments, events and figures above; charts name theirs beneath them."
                .to_owned(),
        ));
        self.blocks.push(Block::Table(Table {
            columns: vec![
                ("Title", 6),
                ("Publisher", 3),
                ("Published", 2),
                ("Reference", 3),
            ],
            rows,
        }));
    }
}

fn months_before(mut month: YearMonth, count: u32) -> YearMonth {
    for _ in 0..count {
        month = if month.month == 1 {
            YearMonth::new(month.year - 1, 12).unwrap_or(month)
        } else {
            YearMonth::new(month.year, month.month - 1).unwrap_or(month)
        };
    }
    month
}

fn short_date(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests;
