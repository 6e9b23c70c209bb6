//! Record forms. A form edits a draft copy; Save turns it into one `Edit`
//! (one undoable step), and is possible only when the draft has no problems,
//! which are shown beside their fields as the user types.

mod event;
// Also the paste dialog's date fields: one date widget everywhere.
pub(crate) mod fields;
mod instrument;
mod observation;
mod simple;

use egui::{FocusDirection, Key, KeyboardShortcut, Modifiers, RichText};

use super::command::record_noun;
use crate::model::{FieldProblem, Record, RecordId, RecordKind, Workspace};
use fields::Problems;
pub use observation::FigureDefaults;

/// Saves the form from any field (Enter alone belongs to the fields).
pub const SAVE_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter);

/// One kind of record's form.
trait RecordForm {
    /// Draws the fields inside a two-column grid.
    fn fields_ui(&mut self, ui: &mut egui::Ui, ws: &Workspace, problems: &Problems<'_>);
    /// The record as typed, and everything wrong with it.
    fn build(&self, ws: &Workspace) -> (Record, Vec<FieldProblem>);
    /// Records made inside the form (a new source for a figure), saved in
    /// the same step as the record.
    fn records_saved_with(&self) -> Vec<Record> {
        Vec::new()
    }
}

/// An open form.
pub struct FormWindow {
    form: Box<dyn RecordForm>,
    kind: RecordKind,
    is_new: bool,
    /// The record as the form opened, while nothing has been changed: until
    /// then a new form does not mark its empty required fields in red (the
    /// line above Save still says what is missing).
    untouched: Option<Record>,
    /// The record and problems as the form opened: what Escape compares
    /// with before it throws the user's typing away.
    opened: Box<(Record, Vec<FieldProblem>)>,
    /// Focus goes to the first field when the form opens.
    focus_first_field: bool,
    /// Escape or a click outside came while the form held changes.
    asking_to_discard: bool,
}

/// What the user did with the form this frame.
pub enum FormOutcome {
    Open,
    Cancel,
    Save {
        /// The form's record first, then any made with it.
        records: Vec<Record>,
        /// "Save and add another": a new form of the same kind follows.
        another: bool,
    },
}

impl FormWindow {
    /// A form for a new record of `kind`; a figure starts from `defaults`.
    pub fn create(kind: RecordKind, ws: &Workspace, defaults: &FigureDefaults) -> Self {
        let form: Box<dyn RecordForm> = match kind {
            RecordKind::Party => Box::new(simple::PartyForm::new(None)),
            RecordKind::Source => Box::new(simple::SourceForm::new(None)),
            RecordKind::Metric => Box::new(simple::MetricForm::new(None)),
            RecordKind::Instrument => Box::new(instrument::InstrumentForm::new(None)),
            RecordKind::Event => Box::new(event::EventForm::new(None)),
            RecordKind::Observation => Box::new(observation::ObservationForm::create(ws, defaults)),
        };
        Self::open(form, kind, true, ws)
    }

    fn open(form: Box<dyn RecordForm>, kind: RecordKind, is_new: bool, ws: &Workspace) -> Self {
        let opened = form.build(ws);
        Self {
            form,
            kind,
            is_new,
            untouched: is_new.then(|| opened.0.clone()),
            opened: Box::new(opened),
            focus_first_field: true,
            asking_to_discard: false,
        }
    }

    /// A form for an existing record; `None` if it does not exist.
    pub fn edit(id: &RecordId, ws: &Workspace) -> Option<Self> {
        let form: Box<dyn RecordForm> = match id {
            RecordId::Party(id) => Box::new(simple::PartyForm::new(
                ws.parties.get(id.as_str()).cloned()?.into(),
            )),
            RecordId::Source(id) => Box::new(simple::SourceForm::new(
                ws.sources.get(id.as_str()).cloned()?.into(),
            )),
            RecordId::Metric(id) => Box::new(simple::MetricForm::new(
                ws.metrics.get(id.as_str()).cloned()?.into(),
            )),
            RecordId::Instrument(id) => Box::new(instrument::InstrumentForm::new(
                ws.instruments.get(id.as_str()).cloned()?.into(),
            )),
            RecordId::Event(id) => Box::new(event::EventForm::new(
                ws.events.get(id.as_str()).cloned()?.into(),
            )),
            RecordId::Observation(id) => Box::new(observation::ObservationForm::new(
                ws.observations.get(id.as_str()).cloned()?.into(),
                ws,
            )),
        };
        Some(Self::open(form, id.kind(), false, ws))
    }

    /// `New figure`, `Edit instrument`: named as the rest of the UI names
    /// record kinds.
    pub fn title(&self) -> String {
        let verb = if self.is_new { "New" } else { "Edit" };
        format!("{verb} {}", record_noun(self.kind))
    }

    pub fn show(&mut self, ctx: &egui::Context, ws: &Workspace) -> FormOutcome {
        let (record, problems) = self.form.build(ws);
        if self
            .untouched
            .as_ref()
            .is_some_and(|first| first != &record)
        {
            self.untouched = None;
        }
        let beside_fields: Vec<FieldProblem> = problems
            .iter()
            .filter(|p| self.untouched.is_none() || !p.kind.is_missing())
            .cloned()
            .collect();
        let mut outcome = FormOutcome::Open;
        let title = self.title();
        let changed = (&record, &problems) != (&self.opened.0, &self.opened.1);
        // Taken before the fields see it, so that no text field gets it.
        let save_pressed = !self.asking_to_discard
            && ctx.input_mut(|i| i.consume_shortcut(&SAVE_SHORTCUT))
            && problems.is_empty();
        let saved_with = self.form.records_saved_with();
        let save = |another| FormOutcome::Save {
            records: std::iter::once(record.clone())
                .chain(saved_with.iter().cloned())
                .collect(),
            another,
        };
        let modal = egui::Modal::new(egui::Id::unique("record_form")).show(ctx, |ui| {
            ui.set_width(660.0);
            ui.heading(&title);
            ui.add_space(4.0);
            let max_height = (ui.ctx().content_rect().height() - 200.0).max(200.0);
            if self.focus_first_field {
                ui.memory_mut(|m| {
                    if let Some(focused) = m.focused() {
                        m.surrender_focus(focused);
                    }
                    m.move_focus(FocusDirection::Next);
                });
            }
            // A fixed height, so that the dialog does not jump about as
            // problems come and go.
            egui::ScrollArea::vertical()
                .max_height(max_height)
                .min_scrolled_height(max_height)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    egui::Grid::new("form_fields")
                        .num_columns(2)
                        .spacing([12.0, 8.0])
                        .show(ui, |ui| {
                            self.form.fields_ui(ui, ws, &Problems(&beside_fields));
                        });
                });
            // Until a field has it (the frame the form opens, another
            // dialog may still hold the keyboard).
            if self.focus_first_field && ui.memory(|m| m.focused().is_some()) {
                self.focus_first_field = false;
            }
            ui.separator();
            match problems.first() {
                Some(first) => {
                    let more = match problems.len() {
                        1 => String::new(),
                        n => format!(" (and {} more)", n - 1),
                    };
                    ui.label(
                        RichText::new(format!("Cannot save yet: {first}{more}"))
                            .color(ui.visuals().error_fg_color),
                    );
                }
                None => {
                    ui.weak(format!(
                        "Ready to save ({}). Saving is one step that Ctrl+Z undoes.",
                        ctx.format_shortcut(&SAVE_SHORTCUT)
                    ));
                }
            }
            ui.horizontal(|ui| {
                let ready = problems.is_empty();
                let shortcut = ctx.format_shortcut(&SAVE_SHORTCUT);
                if ui
                    .add_enabled(ready, egui::Button::new("Save"))
                    .on_hover_text(shortcut)
                    .clicked()
                    || save_pressed
                {
                    outcome = save(false);
                }
                if self.is_new
                    && ui
                        .add_enabled(ready, egui::Button::new("Save and add another"))
                        .on_hover_text(format!(
                            "Saves this {} and opens a new one",
                            record_noun(self.kind)
                        ))
                        .clicked()
                {
                    outcome = save(true);
                }
                if ui.button("Cancel").clicked() {
                    outcome = FormOutcome::Cancel;
                }
            });
        });
        if matches!(outcome, FormOutcome::Open) && modal.should_close() {
            if changed {
                self.asking_to_discard = true;
            } else {
                outcome = FormOutcome::Cancel;
            }
        }
        if self.asking_to_discard {
            match discard_changes_ui(ctx, record_noun(self.kind)) {
                Some(true) => outcome = FormOutcome::Cancel,
                Some(false) => self.asking_to_discard = false,
                None => {}
            }
        }
        outcome
    }
}

/// "Discard your changes?" over a form that Escape (or a click outside)
/// would close. `Some(true)`: discard; `Some(false)`: keep editing.
fn discard_changes_ui(ctx: &egui::Context, noun: &str) -> Option<bool> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("discard_form_changes")).show(ctx, |ui| {
        ui.set_width(360.0);
        ui.heading("Discard your changes?");
        ui.label(format!("What you typed in this {noun} has not been saved."));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Keep editing").clicked() {
                answer = Some(false);
            }
            if ui.button("Discard changes").clicked() {
                answer = Some(true);
            }
        });
    });
    // Escape again keeps the form: losing typing takes a deliberate click.
    if answer.is_none() && modal.should_close() {
        answer = Some(false);
    }
    answer
}
