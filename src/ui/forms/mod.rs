//! Record forms. A form edits a draft copy; Save turns it into one `Edit`
//! (one undoable step), and is possible only when the draft has no problems,
//! which are shown beside their fields as the user types.

mod event;
mod fields;
mod instrument;
mod observation;
mod simple;

use egui::RichText;

use super::command::record_noun;
use crate::model::{FieldProblem, Record, RecordId, RecordKind, Workspace};
use fields::Problems;

/// One kind of record's form.
trait RecordForm {
    /// Draws the fields inside a two-column grid.
    fn fields_ui(&mut self, ui: &mut egui::Ui, ws: &Workspace, problems: &Problems<'_>);
    /// The record as typed, and everything wrong with it.
    fn build(&self, ws: &Workspace) -> (Record, Vec<FieldProblem>);
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
}

/// What the user did with the form this frame.
pub enum FormOutcome {
    Open,
    Cancel,
    Save(Box<Record>),
}

impl FormWindow {
    /// A form for a new record of `kind`.
    pub fn create(kind: RecordKind, ws: &Workspace) -> Self {
        let form: Box<dyn RecordForm> = match kind {
            RecordKind::Party => Box::new(simple::PartyForm::new(None)),
            RecordKind::Source => Box::new(simple::SourceForm::new(None)),
            RecordKind::Metric => Box::new(simple::MetricForm::new(None)),
            RecordKind::Instrument => Box::new(instrument::InstrumentForm::new(None)),
            RecordKind::Event => Box::new(event::EventForm::new(None)),
            RecordKind::Observation => Box::new(observation::ObservationForm::new(None, ws)),
        };
        let untouched = Some(form.build(ws).0);
        Self {
            form,
            kind,
            is_new: true,
            untouched,
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
        Some(Self {
            form,
            kind: id.kind(),
            is_new: false,
            untouched: None,
        })
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
        let modal = egui::Modal::new(egui::Id::unique("record_form")).show(ctx, |ui| {
            ui.set_width(660.0);
            ui.heading(&title);
            ui.add_space(4.0);
            let max_height = (ui.ctx().content_rect().height() - 200.0).max(200.0);
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
                    ui.weak("Ready to save. Saving is one step that Ctrl+Z undoes.");
                }
            }
            ui.horizontal(|ui| {
                let save = ui.add_enabled(problems.is_empty(), egui::Button::new("Save"));
                if save.clicked() {
                    outcome = FormOutcome::Save(Box::new(record.clone()));
                }
                if ui.button("Cancel").clicked() {
                    outcome = FormOutcome::Cancel;
                }
            });
        });
        if matches!(outcome, FormOutcome::Open) && modal.should_close() {
            outcome = FormOutcome::Cancel;
        }
        outcome
    }
}
