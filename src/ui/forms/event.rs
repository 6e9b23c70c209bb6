//! The event form.

use super::RecordForm;
use super::fields::{self, DateInput, Problems, row};
use crate::model::{
    Event, EventId, EventKind, Field, FieldProblem, Record, Workspace, record_problems, unique_id,
};

pub struct EventForm {
    draft: Event,
    is_new: bool,
    date: DateInput,
    reported_on: DateInput,
    people: String,
    caveats: String,
}

impl EventForm {
    pub fn new(existing: Option<Event>) -> Self {
        let draft = existing.clone().unwrap_or_default();
        Self {
            is_new: existing.is_none(),
            date: DateInput::new(draft.date),
            reported_on: DateInput::new(draft.reported_on),
            people: draft.people.join("\n"),
            caveats: fields::caveats_text(&draft.marking),
            draft,
        }
    }
}

impl RecordForm for EventForm {
    fn fields_ui(&mut self, ui: &mut egui::Ui, ws: &Workspace, problems: &Problems<'_>) {
        row(ui, "Title", |ui| {
            fields::single_line(ui, &mut self.draft.title, "Event title");
            problems.show(ui, Field::Title);
        });
        row(ui, "Kind", |ui| {
            fields::choice(
                ui,
                "Event kind",
                &mut self.draft.kind,
                &EventKind::ALL,
                EventKind::label,
            )
        });
        row(ui, "Date", |ui| {
            fields::date(ui, &mut self.date, "Date");
            ui.weak("Leave empty when the source does not say.");
            problems.show(ui, Field::Date);
        });
        row(ui, "Reported on", |ui| {
            fields::date(ui, &mut self.reported_on, "Reported on");
            problems.show(ui, Field::ReportedOn);
        });
        row(ui, "Location", |ui| {
            fields::single_line(ui, &mut self.draft.location, "Location")
        });
        row(ui, "Parties", |ui| {
            let options: Vec<_> = ws
                .parties
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect();
            fields::multi_select(ui, "Parties", &mut self.draft.participants, &options);
            problems.show(ui, Field::Participants);
        });
        row(ui, "People", |ui| {
            fields::multi_line(ui, &mut self.people, "People, one per line")
        });
        row(ui, "Instruments", |ui| {
            let options: Vec<_> = ws
                .instruments
                .iter()
                .map(|i| (i.id.clone(), i.title.clone()))
                .collect();
            fields::multi_select(ui, "Instruments", &mut self.draft.instruments, &options);
            problems.show(ui, Field::Instruments);
        });
        row(ui, "Summary", |ui| {
            fields::multi_line(ui, &mut self.draft.summary, "Summary")
        });
        row(ui, "Sources", |ui| {
            fields::citations(ui, ws, &mut self.draft.sources, &[]);
            problems.show(ui, Field::Sources);
        });
        row(ui, "Marking", |ui| {
            fields::marking(ui, &mut self.draft.marking, &mut self.caveats)
        });
    }

    fn build(&self, ws: &Workspace) -> (Record, Vec<FieldProblem>) {
        let mut problems = Vec::new();
        let mut event = self.draft.clone();
        event.date = fields::read_date(&self.date, Field::Date, false, &mut problems);
        event.reported_on =
            fields::read_date(&self.reported_on, Field::ReportedOn, false, &mut problems);
        event.people = self
            .people
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        fields::apply_caveats(&mut event.marking, &self.caveats, ws);
        if self.is_new {
            let date = event
                .date
                .or(event.reported_on)
                .map(|d| d.to_string())
                .unwrap_or_default();
            event.id = EventId::new(unique_id(&date, &event.title, |id| ws.events.contains(id)));
        }
        let record = Record::Event(event);
        problems.extend(record_problems(ws, &record));
        (record, problems)
    }
}
