//! File > Paste briefing text: the figures a briefing states, proposed by
//! the briefing reader (`extract`), checked against the workspace with the
//! CSV import's planning (new, already present) and the reconciliation
//! checks, and added as one undoable edit with the briefing as a source and
//! a briefing event. Nothing changes until Confirm.

use std::collections::{BTreeSet, HashSet};
use std::sync::{Arc, mpsc};

use chrono::NaiveDate;
use egui::RichText;

use crate::extract::{self, Progress, Vocabulary};
use crate::model::{Edit, InstrumentId, MetricId, Observation, Workspace};
use crate::text::count;

mod plan;
mod reading;
mod row;
use crate::ui::forms::fields::{DateInput, date};
use reading::{Background, Read, read};
use row::{Row, Status, show_row};

/// Texts longer than this are not shown in the text box (laying out
/// megabytes would freeze the window); they are still read.
const SHOWN_TEXT: usize = 200_000;

/// Texts longer than this are read off the UI thread, with a progress bar
/// and a way to stop; a briefing of a few pages is read at once.
const READ_AT_ONCE: usize = 100_000;

/// Longest source title made from the text's first sentence.
const TITLE_CHARS: usize = 60;

pub struct PasteBriefing {
    pub text: String,
    /// Counts the text's changes, so that a long text is not compared or
    /// hashed every frame.
    generation: u64,
    date: DateInput,
    /// The date the text states, when it states one.
    stated: Option<NaiveDate>,
    stated_generation: Option<u64>,
    /// The text and date the rows were read from (or are being read from).
    key: Option<(u64, String)>,
    reported_on: Option<NaiveDate>,
    background: Option<Background>,
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
            generation: 0,
            date: DateInput::default(),
            stated: None,
            stated_generation: None,
            key: None,
            reported_on: None,
            background: None,
            rows: Vec::new(),
            why_none: None,
            mentioned: Vec::new(),
            planned: None,
            problems_before: None,
            message: None,
        }
    }

    fn set_text(&mut self, text: String) {
        self.text = text;
        self.generation += 1;
    }

    /// Reads the text again when it or the date changed.
    fn refresh(&mut self, ws: &Workspace) {
        if self.stated_generation != Some(self.generation) {
            self.stated_generation = Some(self.generation);
            let stated = extract::stated_date(&self.text);
            if stated != self.stated {
                self.stated = stated;
                if stated.is_some() {
                    self.date = DateInput::new(stated);
                }
            }
        }
        self.receive(ws);
        let key = (self.generation, self.date.text.clone());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.key = Some(key);
        self.background = None;
        self.reported_on = None;
        self.rows.clear();
        self.why_none = None;
        self.mentioned.clear();
        self.planned = None;
        self.message = None;
        if self.text.trim().is_empty() {
            self.message = Some("Paste the text of a briefing above.".to_owned());
            return;
        }
        if self.text.contains('\0') {
            self.message =
                Some("This is not text (it holds binary data): nothing to read.".to_owned());
            return;
        }
        let reported_on = match self.date.parse() {
            Ok(Some(date)) => date,
            Ok(None) => {
                self.message = Some(
                    "The text states no date: give the date it was reported on to see its figures."
                        .to_owned(),
                );
                return;
            }
            Err(why) => {
                self.message = Some(format!("Reported on: {why}"));
                return;
            }
        };
        let vocabulary = Vocabulary::new(ws);
        let titles: Vec<(InstrumentId, String)> = ws
            .instruments
            .iter()
            .map(|i| (i.id.clone(), i.title.clone()))
            .collect();
        if self.text.len() <= READ_AT_ONCE {
            let read = read(
                &self.text,
                reported_on,
                &vocabulary,
                &titles,
                &Progress::default(),
            );
            self.take(read, reported_on, ws);
            return;
        }
        let (sender, result) = mpsc::channel();
        let progress = Arc::new(Progress::default());
        let text = self.text.clone();
        let reading = Arc::clone(&progress);
        let spawned = std::thread::Builder::new()
            .name("read briefing".to_owned())
            .spawn(move || {
                let read = read(&text, reported_on, &vocabulary, &titles, &reading);
                // The dialog may have closed meanwhile: nobody to tell.
                let _ = sender.send(read);
            });
        match spawned {
            Ok(_) => {
                self.background = Some(Background {
                    reported_on,
                    bytes: self.text.len(),
                    progress,
                    result,
                });
            }
            Err(error) => {
                self.message = Some(format!("Could not start reading the text: {error}"));
            }
        }
    }

    /// Takes the result of a background reading when it has come.
    fn receive(&mut self, ws: &Workspace) {
        let Some(background) = &self.background else {
            return;
        };
        match background.result.try_recv() {
            Ok(read) => {
                let reported_on = background.reported_on;
                self.background = None;
                self.take(read, reported_on, ws);
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => {
                self.background = None;
                self.message = Some("Reading the text stopped unexpectedly.".to_owned());
            }
        }
    }

    /// Shows what reading the text gave, checked against the workspace.
    fn take(&mut self, read: Read, reported_on: NaiveDate, ws: &Workspace) {
        let Read {
            extraction,
            mentioned,
        } = read;
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
        self.mentioned = mentioned;
        self.reported_on = Some(reported_on);
        self.plan(ws);
        // Figures already present are not proposed for adding.
        for row in &mut self.rows {
            if row.status == Status::AlreadyPresent {
                row.ticked = false;
            }
        }
    }

    /// Stops reading a long text; nothing is proposed until the text or
    /// the date changes.
    fn stop_reading(&mut self) {
        if self.background.take().is_some() {
            self.message = Some(
                "Reading stopped: nothing proposed. Change the text or the date to read it again."
                    .to_owned(),
            );
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

    pub fn show(&mut self, ctx: &egui::Context, ws: &Workspace) -> Option<PasteOutcome> {
        // A long paste is taken before the text box sees it: laid out in
        // the box it would freeze the window.
        let long_paste = ctx.input_mut(|input| {
            let mut taken = None;
            input.events.retain(|event| match event {
                egui::Event::Paste(text) if text.len() > SHOWN_TEXT => {
                    taken = Some(text.clone());
                    false
                }
                _ => true,
            });
            taken
        });
        if let Some(text) = long_paste {
            self.set_text(text);
        }
        self.refresh(ws);
        if self.background.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        if let Some(reported_on) = self.reported_on {
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
                if self.text.len() <= SHOWN_TEXT {
                    let edited = ui
                        .add(
                            egui::TextEdit::multiline(&mut self.text)
                                .hint_text("Paste the briefing's text here (Ctrl+V)")
                                .desired_rows(6)
                                .desired_width(f32::INFINITY),
                        )
                        .accessible_name("Briefing text")
                        .changed();
                    if edited {
                        self.generation += 1;
                    }
                } else {
                    ui.horizontal(|ui| {
                        ui.label(format!(
                            "A text of {:.1} MB: too long to show here, its figures are read below.",
                            self.text.len() as f64 / 1e6
                        ));
                        if ui.button("Clear text").clicked() {
                            self.set_text(String::new());
                        }
                    });
                }
                if ui
                    .button("Open .txt…")
                    .on_hover_text("Read the briefing from a plain text file")
                    .clicked()
                {
                    open_file = true;
                }
                ui.horizontal(|ui| {
                    ui.label("Reported on");
                    date(ui, &mut self.date, "Reported on");
                    if self.stated.is_some() {
                        ui.weak("(stated in the text)");
                    }
                });
                if let Some(message) = &self.message {
                    ui.label(message);
                }
                let mut stop = false;
                if let Some(background) = &self.background {
                    let read = background.progress.read() as f32;
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::ProgressBar::new(read / background.bytes.max(1) as f32)
                                .desired_width(400.0)
                                .text(format!(
                                    "Reading the text ({:.1} MB)",
                                    background.bytes as f64 / 1e6
                                )),
                        );
                        stop = ui.button("Stop reading").clicked();
                    });
                }
                if stop {
                    self.stop_reading();
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
