//! Form fields: each shows its problems right under it as the user types.

use chrono::{Datelike, NaiveDate};
use egui::RichText;

use crate::model::{
    Citation, Classification, Field, FieldProblem, Marking, ProblemKind, Workspace, parse_date,
};

/// Problems of the record being edited, shown under the fields they are about.
pub struct Problems<'a>(pub &'a [FieldProblem]);

impl Problems<'_> {
    /// Shows the problems of `field`.
    pub fn show(&self, ui: &mut egui::Ui, field: Field) {
        self.show_where(ui, |about| about == field);
    }

    /// Shows the problems of every field that `about` accepts (all the
    /// milestones' fields, under the list of milestones).
    /// A line is kept under the field even when it has no problem, so the
    /// form does not jump as problems come and go while the user types
    /// (a click would otherwise land on whatever moved under the pointer).
    pub fn show_where(&self, ui: &mut egui::Ui, about: impl Fn(Field) -> bool) {
        let mut shown = 0;
        for problem in self.0.iter().filter(|p| about(p.field)) {
            ui.label(RichText::new(problem.to_string()).color(ui.visuals().error_fg_color));
            shown += 1;
        }
        if shown == 0 {
            // Exactly one problem line's height.
            ui.label(" ");
        }
    }
}

/// A labelled row in a form grid: the label, then the widget(s) and any
/// problems below them.
pub fn row(ui: &mut egui::Ui, label: &str, add: impl FnOnce(&mut egui::Ui)) {
    ui.label(label);
    ui.vertical(|ui| {
        add(ui);
    });
    ui.end_row();
}

pub fn single_line(ui: &mut egui::Ui, text: &mut String, name: &str) {
    super::super::widgets::text_field(ui, text, name, 420.0);
}

pub fn multi_line(ui: &mut egui::Ui, text: &mut String, name: &str) {
    ui.add(
        egui::TextEdit::multiline(text)
            .hint_text(name.to_owned())
            .desired_width(420.0)
            .desired_rows(3),
    )
    .accessible_name(name);
}

/// The text of a date field; empty means "not known".
#[derive(Clone, Debug, Default)]
pub struct DateInput {
    pub text: String,
}

impl DateInput {
    pub fn new(date: Option<NaiveDate>) -> Self {
        Self {
            text: date.map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string()),
        }
    }

    /// `Ok(None)` when empty.
    pub fn parse(&self) -> Result<Option<NaiveDate>, String> {
        if self.text.trim().is_empty() {
            Ok(None)
        } else {
            parse_date(&self.text).map(Some)
        }
    }
}

/// A date typed as YYYY-MM-DD or picked from a calendar; its problems are
/// found by the form's `build`, under the field's name.
pub fn date(ui: &mut egui::Ui, input: &mut DateInput, name: &str) {
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut input.text)
                .hint_text("YYYY-MM-DD")
                .desired_width(110.0),
        )
        .accessible_name(name);
        let start = input
            .parse()
            .ok()
            .flatten()
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let mut picked = to_jiff(start);
        let before = picked;
        ui.add(
            egui_extras::DatePickerButton::new(&mut picked)
                .id_salt(name)
                .show_icon(false)
                .format("Calendar…")
                .calendar_week(false)
                .highlight_weekends(false),
        );
        if picked != before
            && let Some(date) = from_jiff(picked)
        {
            input.text = date.format("%Y-%m-%d").to_string();
        }
        if !input.text.is_empty() && ui.small_button("Clear").clicked() {
            input.text.clear();
        }
    });
}

/// Parses a date field, or records why it cannot be.
pub fn read_date(
    input: &DateInput,
    field: Field,
    required: bool,
    problems: &mut Vec<FieldProblem>,
) -> Option<NaiveDate> {
    match input.parse() {
        Ok(Some(date)) => Some(date),
        Ok(None) => {
            if required {
                problems.push(FieldProblem::new(field, ProblemKind::Required));
            }
            None
        }
        Err(message) => {
            problems.push(FieldProblem::invalid(field, message));
            None
        }
    }
}

fn to_jiff(date: NaiveDate) -> jiff::civil::Date {
    let fallback = jiff::civil::Date::constant(2024, 1, 1);
    match (
        i16::try_from(date.year()),
        i8::try_from(date.month()),
        i8::try_from(date.day()),
    ) {
        (Ok(y), Ok(m), Ok(d)) => jiff::civil::Date::new(y, m, d).unwrap_or(fallback),
        _ => fallback,
    }
}

fn from_jiff(date: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        u32::try_from(date.month()).ok()?,
        u32::try_from(date.day()).ok()?,
    )
}

/// A choice among the values of an enum.
pub fn choice<T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    name: &str,
    value: &mut T,
    all: &[T],
    label: impl Fn(T) -> &'static str,
) {
    egui::ComboBox::from_id_salt(name)
        .selected_text(label(*value))
        .width(200.0)
        .show_ui(ui, |ui| {
            for option in all {
                ui.selectable_value(value, *option, label(*option));
            }
        })
        .response
        .accessible_name(name);
}

/// Several choices from a list of (id, label), as checkboxes.
pub fn multi_select<Id: PartialEq + Clone>(
    ui: &mut egui::Ui,
    name: &str,
    selected: &mut Vec<Id>,
    options: &[(Id, String)],
) {
    if options.is_empty() {
        ui.weak("Nothing to choose from yet.");
        return;
    }
    // A framed list, so that it reads as one field that scrolls.
    ui.set_max_width(420.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt(name)
            .max_height(130.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (id, label) in options {
                    let mut on = selected.contains(id);
                    if ui.checkbox(&mut on, label.as_str()).changed() {
                        if on {
                            selected.push(id.clone());
                        } else {
                            selected.retain(|s| s != id);
                        }
                    }
                }
            });
    });
    if options.len() > 5 {
        ui.weak(format!(
            "{} of {} ticked; scroll for more.",
            selected.len(),
            options.len()
        ));
    }
}

/// The sources a record cites, each with the sentence quoted from it.
pub fn citations(ui: &mut egui::Ui, ws: &Workspace, citations: &mut Vec<Citation>) {
    let mut remove = None;
    for (index, citation) in citations.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                let title = ws.source_title(&citation.source).to_owned();
                egui::ComboBox::from_id_salt(("citation", index))
                    .selected_text(title)
                    .width(330.0)
                    .truncate()
                    .show_ui(ui, |ui| {
                        for source in &ws.sources {
                            ui.selectable_value(
                                &mut citation.source,
                                source.id.clone(),
                                &source.title,
                            );
                        }
                    })
                    .response
                    .accessible_name(format!("Source {}", index + 1));
                if ui.button("Remove").clicked() {
                    remove = Some(index);
                }
            });
            ui.add(
                egui::TextEdit::multiline(&mut citation.quote)
                    .hint_text("The sentence the fact comes from")
                    .desired_width(420.0)
                    .desired_rows(2),
            )
            .accessible_name(format!("Quote {}", index + 1));
        });
    }
    if let Some(index) = remove {
        citations.remove(index);
    }
    match ws.sources.iter().next() {
        Some(first) => {
            if ui.button("Cite a source").clicked() {
                citations.push(Citation {
                    source: first.id.clone(),
                    quote: String::new(),
                });
            }
        }
        None => {
            ui.weak("Add a source first (Sources tab) to cite it.");
        }
    }
}

/// A record's own marking: the workspace's, or a level and caveats.
pub fn marking(ui: &mut egui::Ui, marking: &mut Option<Marking>, caveats: &mut String) {
    let current = marking.as_ref().map(|m| m.classification);
    let text = current.map_or("Same as the workspace", Classification::label);
    let mut chosen = current;
    egui::ComboBox::from_id_salt("record_marking")
        .selected_text(text)
        .width(200.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, None, "Same as the workspace");
            for level in Classification::ALL {
                ui.selectable_value(&mut chosen, Some(level), level.label());
            }
        })
        .response
        .accessible_name("Marking");
    if chosen != current {
        *marking = chosen.map(|classification| Marking {
            classification,
            caveats: Vec::new(),
        });
    }
    // Always there: caveats can restrict a record that keeps the
    // workspace's level (they are then saved with that level).
    super::super::widgets::text_field(ui, caveats, "Caveats, separated by commas", 300.0);
}

/// The caveats field's text for a record's marking.
pub fn caveats_text(marking: &Option<Marking>) -> String {
    marking
        .as_ref()
        .map(|m| m.caveats.join(", "))
        .unwrap_or_default()
}

/// Reads a caveats field into the marking. Caveats on a record that keeps
/// the workspace's level give it that level with the caveats.
pub fn apply_caveats(marking: &mut Option<Marking>, caveats: &str, ws: &Workspace) {
    let caveats: Vec<String> = caveats
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    match marking {
        Some(marking) => marking.caveats = caveats,
        None if caveats.is_empty() => {}
        None => {
            *marking = Some(Marking {
                classification: ws.marking.classification,
                caveats,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Classification;

    #[test]
    fn caveats_on_a_record_with_the_workspace_level_keep_that_level() {
        let mut ws = Workspace::default();
        ws.marking.classification = Classification::Restricted;
        let mut marking = None;
        apply_caveats(&mut marking, "REL TUR, ", &ws);
        assert_eq!(
            marking,
            Some(Marking {
                classification: Classification::Restricted,
                caveats: vec!["REL TUR".to_owned()],
            })
        );
        let mut unmarked = None;
        apply_caveats(&mut unmarked, "  ", &ws);
        assert_eq!(
            unmarked, None,
            "no caveats: the workspace's marking applies"
        );
    }
}
