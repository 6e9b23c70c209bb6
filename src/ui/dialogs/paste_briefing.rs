//! File > Paste briefing text: the figures a briefing states, proposed by
//! the briefing reader (`extract`), checked against the workspace with the
//! CSV import's planning (new, already present) and the reconciliation
//! checks, and added as one undoable edit with the briefing as a source and
//! a briefing event. Nothing changes until Confirm.

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveDate;
use egui::RichText;

use crate::analysis::Analysis;
use crate::extract::{self, Vocabulary};
use crate::model::{
    Citation, Edit, Event, EventId, EventKind, InstrumentId, MetricId, Observation, Record,
    Workspace, unique_id,
};
use crate::store::{FiguresCsv, ImportPlan, plan_import};
use crate::text::{count, fold};

mod row;
use row::{DateInput, Row, Status, show_row};

/// Longest text read here: a briefing is a few pages, and reading happens
/// on the UI thread (`coopdesk extract` reads longer texts).
const MAX_TEXT: usize = 1_000_000;

/// Longest source title made from the text's first sentence.
const TITLE_CHARS: usize = 60;

/// What the text said when it was last read.
struct Reading {
    text_len: usize,
    text_hash: u64,
    reported_on: NaiveDate,
}

pub struct PasteBriefing {
    pub text: String,
    date: DateInput,
    /// The date the text states, when it states one.
    stated: Option<NaiveDate>,
    read: Option<Reading>,
    rows: Vec<Row>,
    why_none: Option<String>,
    /// Instruments whose titles the text mentions, ticked to link them.
    mentioned: Vec<(InstrumentId, String, bool)>,
    /// The figures last planned, to plan again only after a change.
    planned: Option<Vec<Option<Observation>>>,
    /// The workspace's own reconciliation problems for a set of metrics,
    /// taken once (the workspace does not change while the dialog is open).
    problems_before: Option<(BTreeSet<MetricId>, HashSet<String>)>,
    message: Option<String>,
}

pub enum PasteOutcome {
    Cancel,
    Confirm(Edit, String),
    /// Read the briefing from a text file instead.
    OpenFile,
}

impl Default for PasteBriefing {
    fn default() -> Self {
        Self::new()
    }
}

impl PasteBriefing {
    /// The dialog with `text` already in it (read from a file).
    pub fn with_text(text: String) -> Self {
        Self {
            text,
            ..Self::new()
        }
    }

    pub fn new() -> Self {
        Self {
            text: String::new(),
            date: DateInput::default(),
            stated: None,
            read: None,
            rows: Vec::new(),
            why_none: None,
            mentioned: Vec::new(),
            planned: None,
            problems_before: None,
            message: None,
        }
    }

    fn text_hash(text: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut hasher);
        hasher.finish()
    }

    /// Reads the text again when it or the date changed.
    fn refresh(&mut self, ws: &Workspace) {
        let hash = Self::text_hash(&self.text);
        let text_changed = self
            .read
            .as_ref()
            .is_none_or(|r| r.text_len != self.text.len() || r.text_hash != hash);
        if text_changed {
            let stated = extract::stated_date(&self.text);
            if stated != self.stated {
                self.stated = stated;
                if stated.is_some() {
                    self.date = DateInput::new(stated);
                }
            }
        }
        let date = self.date.parse().ok().flatten();
        let same_date = self.read.as_ref().map(|r| r.reported_on) == date;
        if !text_changed && same_date {
            return;
        }
        self.rows.clear();
        self.why_none = None;
        self.mentioned.clear();
        self.planned = None;
        self.message = None;
        if self.text.trim().is_empty() {
            self.read = None;
            self.message = Some("Paste the text of a briefing above.".to_owned());
            return;
        }
        if self.text.len() > MAX_TEXT {
            self.read = None;
            self.message = Some(format!(
                "This text is {:.1} MB; a briefing is a few pages. Paste one briefing at a time \
                 (up to 1 MB), or read long texts with `coopdesk extract`.",
                self.text.len() as f64 / 1e6
            ));
            return;
        }
        if self.text.contains('\0') {
            self.read = None;
            self.message =
                Some("This is not text (it holds binary data): nothing to read.".to_owned());
            return;
        }
        let Some(reported_on) = date else {
            self.read = None;
            self.message = Some(
                "The text states no date: give the date it was reported on to see its figures."
                    .to_owned(),
            );
            return;
        };
        let extraction = extract::extract(&self.text, reported_on, &Vocabulary::new(ws), None);
        self.why_none = extraction.why_none();
        self.rows = extraction
            .proposals
            .into_iter()
            .map(|p| Row {
                ticked: true,
                metric: p.metric.clone(),
                regions: p.regions.clone(),
                start: DateInput::new(Some(p.start)),
                end: DateInput::new(Some(p.end)),
                value: p.value,
                qualifier: p.qualifier,
                status: Status::New,
                proposal: p,
            })
            .collect();
        let folded = fold(&self.text);
        self.mentioned = ws
            .instruments
            .iter()
            .filter(|i| {
                let title = fold(i.title.trim());
                !title.is_empty() && folded.contains(&title)
            })
            .map(|i| (i.id.clone(), i.title.clone(), true))
            .collect();
        self.read = Some(Reading {
            text_len: self.text.len(),
            text_hash: hash,
            reported_on,
        });
        self.plan(ws);
        // Figures already present are not proposed for adding.
        for row in &mut self.rows {
            if row.status == Status::AlreadyPresent {
                row.ticked = false;
            }
        }
    }

    /// The briefing's source title: its stated date, or its first sentence.
    fn title(&self, reported_on: NaiveDate) -> String {
        if self.stated.is_some() {
            return format!("Weekly briefing, {}", reported_on.format("%-d %B %Y"));
        }
        let first = self
            .text
            .split(['.', '\n'])
            .map(str::trim)
            .find(|s| !s.is_empty())
            .unwrap_or("Briefing");
        let mut title: String = first.chars().take(TITLE_CHARS).collect();
        if first.chars().count() > TITLE_CHARS {
            title.push_str("...");
        }
        title
    }

    /// A row's figure as the user edited it, or why it cannot be one.
    fn observation(row: &Row, reported_on: NaiveDate) -> Result<Observation, String> {
        let start = row.start.parse()?.ok_or("the period has no start")?;
        let end = row.end.parse()?.ok_or("the period has no end")?;
        if end < start {
            return Err("the period ends before it starts".to_owned());
        }
        let mut o = row.proposal.to_observation(reported_on);
        o.metric = row.metric.clone();
        o.regions = row.regions.clone();
        o.regions.sort();
        o.start = start;
        o.end = end;
        o.value = row.value;
        o.qualifier = row.qualifier;
        o.sources = vec![Citation {
            source: Default::default(),
            quote: row.proposal.quote.clone(),
        }];
        Ok(o)
    }

    /// Plans the figures through the CSV import (new or already present,
    /// new source) and the reconciliation checks; returns the plan for the
    /// ticked rows.
    fn plan(&mut self, ws: &Workspace) -> Option<ImportPlan> {
        let reported_on = self.read.as_ref()?.reported_on;
        let title = self.title(reported_on);
        let figures: Vec<Option<Observation>> = self
            .rows
            .iter()
            .map(|r| Self::observation(r, reported_on).ok())
            .collect();
        let ticked: Vec<bool> = self.rows.iter().map(|r| r.ticked).collect();
        // Every row is planned (to say whether each is new), the ticked
        // ones are added to the checked workspace.
        let mut csv = Vec::new();
        let mut lines = Vec::new();
        {
            let mut writer = FiguresCsv::new(&mut csv).ok()?;
            for (index, o) in figures.iter().enumerate() {
                if let Some(o) = o {
                    writer.write(o, &title).ok()?;
                    lines.push(index);
                }
            }
            writer.finish().ok()?;
        }
        let plan = plan_import(ws, &csv, |_, _| true).ok()?;
        // Line 1 is the header; quotes are on one line.
        let row_of = |line: usize| lines.get(line.checked_sub(2)?).copied();
        for row in &mut self.rows {
            row.status = match Self::observation(row, reported_on) {
                Err(why) => Status::Invalid(why),
                Ok(_) => Status::New,
            };
        }
        for &line in &plan.already_present {
            if let Some(i) = row_of(line) {
                self.rows[i].status = Status::AlreadyPresent;
            }
        }
        for rejected in &plan.rejected {
            if let Some(i) = row_of(rejected.line) {
                self.rows[i].status = Status::Invalid(rejected.reason.clone());
            }
        }
        let mut plan = plan;
        plan.to_add
            .retain(|(line, _)| row_of(*line).is_some_and(|i| ticked[i]));
        // Reconciliation: problems the ticked figures bring that the
        // workspace does not have. Metrics reconcile each on its own, so
        // only the figures of the metrics proposed are derived (on a large
        // workspace, all of them would take a noticeable time per change).
        let metrics: BTreeSet<MetricId> =
            plan.to_add.iter().map(|(_, o)| o.metric.clone()).collect();
        if self
            .problems_before
            .as_ref()
            .is_none_or(|(m, _)| *m != metrics)
        {
            let before = Analysis::compute(&only_metrics(ws, &metrics))
                .problems
                .iter()
                .map(ToString::to_string)
                .collect();
            self.problems_before = Some((metrics.clone(), before));
        }
        let before = self
            .problems_before
            .as_ref()
            .map(|(_, b)| b.clone())
            .unwrap_or_default();
        let mut checked = only_metrics(ws, &metrics);
        let _ = plan.edit().apply(&mut checked);
        for problem in Analysis::compute(&checked).problems {
            if before.contains(&problem.to_string()) {
                continue;
            }
            for (line, o) in &plan.to_add {
                if problem.observations.contains(&o.id)
                    && let Some(i) = row_of(*line)
                {
                    let text = format!("{}: {}", problem.kind.label(), problem.message);
                    match &mut self.rows[i].status {
                        Status::Problems(list) => list.push(text),
                        status => *status = Status::Problems(vec![text]),
                    }
                }
            }
        }
        self.planned = Some(figures);
        Some(plan)
    }

    /// The one edit: source, briefing event and the ticked new figures.
    fn edit(&mut self, ws: &Workspace) -> Option<(Edit, String)> {
        let reported_on = self.read.as_ref()?.reported_on;
        let title = self.title(reported_on);
        let mut plan = self.plan(ws)?;
        if plan.to_add.is_empty() {
            return None;
        }
        let source_id = plan.new_sources.first().map(|s| s.id.clone()).or_else(|| {
            plan.to_add
                .first()?
                .1
                .sources
                .first()
                .map(|c| c.source.clone())
        })?;
        for source in &mut plan.new_sources {
            source.published_on = Some(reported_on);
            source.excerpt = self.text.clone();
        }
        let event_id = EventId::new(unique_id("ev", &title, |id| ws.events.contains(id)));
        for (_, o) in &mut plan.to_add {
            o.reported_at = Some(event_id.clone());
        }
        let event = Event {
            id: event_id,
            kind: EventKind::Briefing,
            title: title.clone(),
            date: Some(reported_on),
            reported_on: Some(reported_on),
            instruments: self
                .mentioned
                .iter()
                .filter(|(_, _, on)| *on)
                .map(|(id, _, _)| id.clone())
                .collect(),
            sources: vec![Citation {
                source: source_id,
                quote: String::new(),
            }],
            ..Event::default()
        };
        let figures = count(plan.to_add.len(), "figure", "figures");
        let Edit::PutAll(mut records) = plan.edit() else {
            return None;
        };
        records.push(Record::Event(event));
        Some((Edit::PutAll(records), format!("{figures} from {title}")))
    }

    pub fn show(&mut self, ctx: &egui::Context, ws: &Workspace) -> Option<PasteOutcome> {
        self.refresh(ws);
        if let Some(reported_on) = self.read.as_ref().map(|r| r.reported_on) {
            let now: Vec<Option<Observation>> = self
                .rows
                .iter()
                .map(|r| Self::observation(r, reported_on).ok())
                .collect();
            if self.planned.as_ref() != Some(&now) {
                self.plan(ws);
            }
        }
        let mut outcome = None;
        let mut open_file = false;
        let mut replan = false;
        let mut cancel = false;
        let modal = egui::Modal::new(egui::Id::unique("paste_briefing")).show(ctx, |ui| {
            ui.set_width(820.0);
            ui.heading("Paste briefing text");
            let max_height = (ui.ctx().content_rect().height() - 260.0).max(200.0);
            crate::ui::widgets::dialog_scroll(max_height).show(ui, |ui| {
                ui.add(
                    egui::TextEdit::multiline(&mut self.text)
                        .hint_text("Paste the briefing's text here (Ctrl+V)")
                        .desired_rows(6)
                        .desired_width(f32::INFINITY),
                )
                .accessible_name("Briefing text");
                if ui
                    .button("Open .txt…")
                    .on_hover_text("Read the briefing from a plain text file")
                    .clicked()
                {
                    open_file = true;
                }
                ui.horizontal(|ui| {
                    ui.label("Reported on");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.date.text)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(110.0),
                    )
                    .accessible_name("Reported on");
                    if self.stated.is_some() {
                        ui.weak("(stated in the text)");
                    }
                });
                if let Some(message) = &self.message {
                    ui.label(message);
                }
                if let Some(why) = &self.why_none {
                    ui.colored_label(ui.visuals().warn_fg_color, format!("No figures: {why}"));
                }
                if !self.mentioned.is_empty() {
                    ui.label(RichText::new("Mentioned in this briefing").strong());
                    for (_, title, on) in &mut self.mentioned {
                        ui.checkbox(on, title.as_str());
                    }
                }
                let metrics: Vec<(MetricId, String)> = ws
                    .metrics
                    .iter()
                    .map(|m| (m.id.clone(), m.name.clone()))
                    .collect();
                let regions: Vec<String> = Vocabulary::new(ws)
                    .region_names()
                    .map(str::to_owned)
                    .collect();
                for (index, row) in self.rows.iter_mut().enumerate() {
                    ui.separator();
                    replan |= show_row(ui, index, row, &self.text, &metrics, &regions);
                }
            });
            ui.separator();
            let ticked = self
                .rows
                .iter()
                .filter(|r| r.ticked && matches!(r.status, Status::New | Status::Problems(_)))
                .count();
            ui.horizontal(|ui| {
                let label = format!("Confirm ({})", count(ticked, "figure", "figures"));
                if ui
                    .add_enabled(ticked > 0, egui::Button::new(label))
                    .clicked()
                {
                    outcome = Some(());
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
        if replan {
            self.plan(ws);
        }
        if open_file {
            return Some(PasteOutcome::OpenFile);
        }
        if cancel || modal.should_close() {
            return Some(PasteOutcome::Cancel);
        }
        outcome?;
        match self.edit(ws) {
            Some((edit, what)) => Some(PasteOutcome::Confirm(edit, what)),
            None => Some(PasteOutcome::Cancel),
        }
    }
}

/// The part of `ws` that the reconciliation of `metrics` reads: those
/// metrics and their figures.
fn only_metrics(ws: &Workspace, metrics: &BTreeSet<MetricId>) -> Workspace {
    Workspace {
        metrics: ws
            .metrics
            .iter()
            .filter(|m| metrics.contains(&m.id))
            .cloned()
            .collect(),
        observations: ws
            .observations
            .iter()
            .filter(|o| metrics.contains(&o.metric))
            .cloned()
            .collect(),
        ..Workspace::default()
    }
}
