//! Forms for parties, sources and metrics.

use super::RecordForm;
use super::fields::{self, DateInput, Problems, row};
use crate::model::{
    Field, FieldProblem, Metric, MetricId, Party, PartyId, PartyKind, ProblemKind, Record, Source,
    SourceId, Workspace, record_problems, unique_id,
};

pub struct PartyForm {
    draft: Party,
    is_new: bool,
}

impl PartyForm {
    pub fn new(existing: Option<Party>) -> Self {
        Self {
            is_new: existing.is_none(),
            draft: existing.unwrap_or_default(),
        }
    }
}

impl RecordForm for PartyForm {
    fn fields_ui(&mut self, ui: &mut egui::Ui, _ws: &Workspace, problems: &Problems<'_>) {
        let d = &mut self.draft;
        row(ui, "Name", |ui| {
            fields::single_line(ui, &mut d.name, "Party name");
            problems.show(ui, Field::Name);
        });
        row(ui, "Code", |ui| {
            fields::single_line(ui, &mut d.code, "Code")
        });
        row(ui, "Kind", |ui| {
            fields::choice(
                ui,
                "Party kind",
                &mut d.kind,
                &PartyKind::ALL,
                PartyKind::label,
            )
        });
        row(ui, "Note", |ui| fields::multi_line(ui, &mut d.note, "Note"));
    }

    fn build(&self, ws: &Workspace) -> (Record, Vec<FieldProblem>) {
        let mut party = self.draft.clone();
        if self.is_new {
            let base = if party.code.trim().is_empty() {
                &party.name
            } else {
                &party.code
            };
            party.id = PartyId::new(unique_id("", base, |id| ws.parties.contains(id)));
        }
        let record = Record::Party(party);
        let problems = record_problems(ws, &record);
        (record, problems)
    }
}

pub struct SourceForm {
    draft: Source,
    is_new: bool,
    published: DateInput,
    caveats: String,
}

impl SourceForm {
    pub fn new(existing: Option<Source>) -> Self {
        let draft = existing.clone().unwrap_or_default();
        Self {
            is_new: existing.is_none(),
            published: DateInput::new(draft.published_on),
            caveats: fields::caveats_text(&draft.marking),
            draft,
        }
    }
}

impl RecordForm for SourceForm {
    fn fields_ui(&mut self, ui: &mut egui::Ui, _ws: &Workspace, problems: &Problems<'_>) {
        let d = &mut self.draft;
        row(ui, "Title", |ui| {
            fields::single_line(ui, &mut d.title, "Source title");
            problems.show(ui, Field::Title);
        });
        row(ui, "Publisher", |ui| {
            fields::single_line(ui, &mut d.publisher, "Publisher")
        });
        row(ui, "Published", |ui| {
            fields::date(ui, &mut self.published, "Published");
            problems.show(ui, Field::PublishedOn);
        });
        row(ui, "Reference", |ui| {
            fields::single_line(ui, &mut d.reference, "Reference")
        });
        row(ui, "Excerpt", |ui| {
            fields::multi_line(ui, &mut d.excerpt, "Excerpt")
        });
        row(ui, "Marking", |ui| {
            fields::marking(ui, &mut d.marking, &mut self.caveats)
        });
    }

    fn build(&self, ws: &Workspace) -> (Record, Vec<FieldProblem>) {
        let mut problems = Vec::new();
        let mut source = self.draft.clone();
        source.published_on =
            fields::read_date(&self.published, Field::PublishedOn, false, &mut problems);
        fields::apply_caveats(&mut source.marking, &self.caveats, ws);
        if self.is_new {
            source.id = SourceId::new(unique_id("src", &source.title, |id| {
                ws.sources.contains(id)
            }));
        }
        let record = Record::Source(source);
        problems.extend(record_problems(ws, &record));
        (record, problems)
    }
}

pub struct MetricForm {
    draft: Metric,
    is_new: bool,
    id_text: String,
    /// The phrases as typed: one per line, or separated by commas.
    phrases_text: String,
}

impl MetricForm {
    pub fn new(existing: Option<Metric>) -> Self {
        let draft = existing.clone().unwrap_or_else(|| Metric {
            unit: "people".to_owned(),
            ..Metric::default()
        });
        Self {
            is_new: existing.is_none(),
            id_text: draft.id.to_string(),
            phrases_text: draft.phrases.join("\n"),
            draft,
        }
    }
}

/// The phrases typed in the form: one per line or comma-separated, trimmed,
/// blanks dropped (a repeated phrase is kept for `record_problems` to name).
fn read_phrases(text: &str) -> Vec<String> {
    text.split(['\n', ','])
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

impl RecordForm for MetricForm {
    fn fields_ui(&mut self, ui: &mut egui::Ui, _ws: &Workspace, problems: &Problems<'_>) {
        let d = &mut self.draft;
        row(ui, "Id", |ui| {
            if self.is_new {
                fields::single_line(ui, &mut self.id_text, "Id, e.g. neutralised");
            } else {
                ui.monospace(d.id.as_str());
                ui.weak("Figures and imports refer to a metric by its id, so it cannot change.");
            }
            problems.show(ui, Field::Id);
        });
        row(ui, "Name", |ui| {
            fields::single_line(ui, &mut d.name, "Metric name");
            problems.show(ui, Field::Name);
        });
        row(ui, "Unit", |ui| {
            fields::single_line(ui, &mut d.unit, "Unit")
        });
        row(ui, "Description", |ui| {
            fields::multi_line(ui, &mut d.description, "Description")
        });
        row(ui, "Phrases", |ui| {
            fields::multi_line(ui, &mut self.phrases_text, "Phrases");
            ui.weak(
                "Words that name this metric in a briefing, one per line or comma-separated; \
                 the last word may run on (yakala finds yakalandı).",
            );
            problems.show(ui, Field::Phrases);
        });
    }

    fn build(&self, ws: &Workspace) -> (Record, Vec<FieldProblem>) {
        let mut problems = Vec::new();
        let mut metric = self.draft.clone();
        metric.phrases = read_phrases(&self.phrases_text);
        if self.is_new {
            metric.id = MetricId::new(self.id_text.trim());
            let kind = if metric.id.as_str().is_empty() {
                Some(ProblemKind::Empty)
            } else if let Some(problem) = crate::model::id_problem(metric.id.as_str()) {
                Some(ProblemKind::Invalid(problem.to_owned()))
            } else if ws.metrics.contains(metric.id.as_str()) {
                Some(ProblemKind::Invalid("is used by another metric".to_owned()))
            } else {
                None
            };
            if let Some(kind) = kind {
                problems.push(FieldProblem::new(Field::Id, kind));
            }
        }
        let record = Record::Metric(metric);
        problems.extend(record_problems(ws, &record));
        (record, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::read_phrases;

    #[test]
    fn phrases_are_read_one_per_line_or_comma_separated() {
        assert_eq!(
            read_phrases("teslim ol\n  gave   themselves up , \n\n,surrender"),
            ["teslim ol", "gave themselves up", "surrender"]
        );
        assert!(read_phrases(" \n , ").is_empty());
    }
}
