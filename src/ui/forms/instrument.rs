//! The instrument form: kind, status (with the date it changed), parties,
//! areas, key dates, milestones, summary, sources and marking.

use super::RecordForm;
use super::fields::{self, DateInput, Problems, row};
use crate::model::{
    CooperationArea, Field, FieldProblem, Instrument, InstrumentId, InstrumentKind, Milestone,
    MilestonePart, Record, Status, StatusChange, Workspace, record_problems, unique_id,
};

struct MilestoneInput {
    milestone: Milestone,
    due: DateInput,
    done_on: DateInput,
}

pub struct InstrumentForm {
    draft: Instrument,
    is_new: bool,
    /// The status when the form opened; a change records its date.
    original_status: Option<Status>,
    status_changed_on: DateInput,
    signed: DateInput,
    in_force: DateInput,
    expires: DateInput,
    milestones: Vec<MilestoneInput>,
    other_areas: String,
    caveats: String,
}

impl InstrumentForm {
    pub fn new(existing: Option<Instrument>) -> Self {
        let draft = existing.clone().unwrap_or_default();
        let other_areas = draft
            .areas
            .iter()
            .filter_map(|a| match a {
                CooperationArea::Other(label) => Some(label.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(", ");
        Self {
            is_new: existing.is_none(),
            original_status: existing.as_ref().map(|e| e.status),
            status_changed_on: DateInput::new(Some(chrono::Local::now().date_naive())),
            signed: DateInput::new(draft.dates.signed),
            in_force: DateInput::new(draft.dates.in_force),
            expires: DateInput::new(draft.dates.expires),
            milestones: draft
                .milestones
                .iter()
                .map(|m| MilestoneInput {
                    milestone: m.clone(),
                    due: DateInput::new(m.due),
                    done_on: DateInput::new(m.done_on),
                })
                .collect(),
            other_areas,
            caveats: fields::caveats_text(&draft.marking),
            draft,
        }
    }

    fn status_changed(&self) -> bool {
        self.original_status != Some(self.draft.status)
    }
}

impl RecordForm for InstrumentForm {
    fn fields_ui(&mut self, ui: &mut egui::Ui, ws: &Workspace, problems: &Problems<'_>) {
        row(ui, "Title", |ui| {
            fields::single_line(ui, &mut self.draft.title, "Instrument title");
            problems.show(ui, Field::Title);
        });
        row(ui, "Kind", |ui| {
            fields::choice(
                ui,
                "Instrument kind",
                &mut self.draft.kind,
                &InstrumentKind::ALL,
                InstrumentKind::label,
            );
        });
        row(ui, "Status", |ui| {
            fields::choice(
                ui,
                "Instrument status",
                &mut self.draft.status,
                &Status::ALL,
                Status::label,
            );
        });
        if self.status_changed() {
            let label = format!("{} on", self.draft.status.label());
            row(ui, &label, |ui| {
                fields::date(ui, &mut self.status_changed_on, "Status changed on");
                ui.weak("When the status changed (leave empty if not known).");
                problems.show(ui, Field::StatusHistory);
            });
        }
        row(ui, "Parties", |ui| {
            let options: Vec<_> = ws
                .parties
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect();
            fields::multi_select(ui, "Parties", &mut self.draft.parties, &options);
            problems.show(ui, Field::Parties);
        });
        row(ui, "Areas", |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.set_max_width(420.0);
                for area in CooperationArea::NAMED {
                    let mut on = self.draft.areas.contains(&area);
                    if ui.checkbox(&mut on, area.label()).changed() {
                        if on {
                            self.draft.areas.push(area);
                        } else {
                            self.draft.areas.retain(|a| a != &area);
                        }
                    }
                }
            });
            fields::single_line(
                ui,
                &mut self.other_areas,
                "Other areas, separated by commas",
            );
        });
        row(ui, "Signed", |ui| {
            fields::date(ui, &mut self.signed, "Signed");
            problems.show(ui, Field::Signed);
        });
        row(ui, "In force", |ui| {
            fields::date(ui, &mut self.in_force, "In force");
            problems.show(ui, Field::InForce);
        });
        row(ui, "Expires", |ui| {
            fields::date(ui, &mut self.expires, "Expires");
            problems.show(ui, Field::Expires);
        });
        row(ui, "About the dates", |ui| {
            fields::single_line(
                ui,
                &mut self.draft.dates.note,
                "What is known about the dates",
            );
        });
        row(ui, "Milestones", |ui| self.milestones_ui(ui, problems));
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
        let mut instrument = self.draft.clone();
        instrument.dates.signed =
            fields::read_date(&self.signed, Field::Signed, false, &mut problems);
        instrument.dates.in_force =
            fields::read_date(&self.in_force, Field::InForce, false, &mut problems);
        instrument.dates.expires =
            fields::read_date(&self.expires, Field::Expires, false, &mut problems);
        instrument.milestones = self
            .milestones
            .iter()
            .enumerate()
            .map(|(index, input)| {
                let mut milestone = input.milestone.clone();
                let part = |part| Field::Milestone { index, part };
                milestone.due =
                    fields::read_date(&input.due, part(MilestonePart::Due), false, &mut problems);
                milestone.done_on = fields::read_date(
                    &input.done_on,
                    part(MilestonePart::DoneOn),
                    false,
                    &mut problems,
                );
                milestone
            })
            .collect();
        instrument
            .areas
            .retain(|a| !matches!(a, CooperationArea::Other(_)));
        instrument.areas.extend(
            self.other_areas
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| CooperationArea::Other(a.to_owned())),
        );
        fields::apply_caveats(&mut instrument.marking, &self.caveats, ws);
        if self.status_changed() {
            let on = fields::read_date(
                &self.status_changed_on,
                Field::StatusHistory,
                false,
                &mut problems,
            );
            instrument.status_history.push(StatusChange {
                status: instrument.status,
                on,
            });
            // The key date of the new status, when it is not yet known.
            match instrument.status {
                Status::Concluded if instrument.dates.signed.is_none() => {
                    instrument.dates.signed = on
                }
                Status::InForce if instrument.dates.in_force.is_none() => {
                    instrument.dates.in_force = on
                }
                _ => {}
            }
        }
        if self.is_new {
            let prefix = match instrument.kind {
                InstrumentKind::Mou => "mou",
                _ => "",
            };
            instrument.id = InstrumentId::new(unique_id(prefix, &instrument.title, |id| {
                ws.instruments.contains(id)
            }));
        }
        let record = Record::Instrument(instrument);
        problems.extend(record_problems(ws, &record));
        (record, problems)
    }
}

impl InstrumentForm {
    fn milestones_ui(&mut self, ui: &mut egui::Ui, problems: &Problems<'_>) {
        let mut remove = None;
        for (index, input) in self.milestones.iter_mut().enumerate() {
            let n = index + 1;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    fields::single_line(ui, &mut input.milestone.title, &format!("Milestone {n}"));
                    if ui.button("Remove").clicked() {
                        remove = Some(index);
                    }
                });
                ui.horizontal(|ui| {
                    ui.label("Due");
                    fields::date(ui, &mut input.due, &format!("Milestone {n} due"));
                });
                ui.horizontal(|ui| {
                    ui.checkbox(&mut input.milestone.done, "Done");
                    if input.milestone.done {
                        ui.label("on");
                        fields::date(ui, &mut input.done_on, &format!("Milestone {n} done on"));
                    }
                });
                fields::single_line(
                    ui,
                    &mut input.milestone.note,
                    &format!("Milestone {n} note"),
                );
            });
        }
        if let Some(index) = remove {
            self.milestones.remove(index);
        }
        problems.show_where(ui, |field| matches!(field, Field::Milestone { .. }));
        if ui.button("Add a milestone").clicked() {
            self.milestones.push(MilestoneInput {
                milestone: Milestone::default(),
                due: DateInput::default(),
                done_on: DateInput::default(),
            });
        }
    }
}
