//! Form fields: each shows its problems right under it as the user types.

use chrono::{Datelike, NaiveDate};
use egui::{FocusDirection, RichText};

use std::collections::BTreeSet;

use crate::analysis::{find_region, similar_region};
use crate::model::{
    Citation, Classification, Field, FieldProblem, Marking, ProblemKind, Source, SourceId,
    Workspace, parse_date, unique_id,
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
/// found by the form's `build`, under the field's name. Tab goes from one
/// date's text to the next field's, not through Calendar… and Clear.
pub fn date(ui: &mut egui::Ui, input: &mut DateInput, name: &str) {
    ui.horizontal(|ui| {
        let text = ui
            .add(
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
        let pass_on = ui.scope_id().with(("pass keyboard focus on", name));
        if let Some(direction) = ui.data_mut(|d| d.remove_temp::<FocusDirection>(pass_on)) {
            ui.memory_mut(|m| m.move_focus(direction));
        }
        let calendar = ui.add(
            egui_extras::DatePickerButton::new(&mut picked)
                .id_salt(name)
                .show_icon(false)
                .format("Calendar…")
                .calendar_week(false)
                .highlight_weekends(false),
        );
        // The picker's button cannot be made unfocusable, so when the
        // keyboard lands on it, it passes focus on next frame: onward when
        // it came from the text, back otherwise (Shift+Tab).
        if calendar.gained_focus() && !calendar.clicked() {
            let direction = if text.lost_focus() {
                FocusDirection::Next
            } else {
                FocusDirection::Previous
            };
            ui.data_mut(|d| d.insert_temp(pass_on, direction));
            ui.ctx().request_repaint();
        }
        if picked != before
            && let Some(date) = from_jiff(picked)
        {
            input.text = date.format("%Y-%m-%d").to_string();
        }
        if !input.text.is_empty() && ui.add(unfocusable_button("Clear").small()).clicked() {
            input.text.clear();
        }
    });
}

/// A button the mouse clicks and Tab passes over, so that Tab goes from
/// field to field.
pub fn unfocusable_button(text: &str) -> egui::Button<'_> {
    egui::Button::new(text).sense(egui::Sense::CLICK)
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

/// One record, or none, from a list that may be long: the popup has a
/// filter (case and accents ignored) and lists the first matches.
/// Returns true when the choice changed.
pub fn pick_one<Id: PartialEq + Clone>(
    ui: &mut egui::Ui,
    name: &str,
    selected: &mut Option<Id>,
    none_label: &str,
    selected_label: &str,
    filter: &mut String,
    options: impl Iterator<Item = (Id, String)>,
) -> bool {
    // Enough to pick from by eye; the filter finds the rest.
    const LISTED: usize = 100;
    let before = selected.clone();
    let shown = if selected.is_some() {
        selected_label
    } else {
        none_label
    };
    egui::ComboBox::from_id_salt(name)
        .selected_text(shown)
        .width(360.0)
        .height(320.0)
        .show_ui(ui, |ui| {
            ui.add(
                egui::TextEdit::singleline(filter)
                    .hint_text("Type to filter")
                    .desired_width(330.0),
            )
            .accessible_name(format!("Filter {name}"));
            ui.selectable_value(selected, None, none_label);
            let mut more = 0;
            let matching = options
                .filter(|(_, label)| crate::ui::widgets::table::matches_filter(filter, &[label]));
            for (index, (id, label)) in matching.enumerate() {
                if index < LISTED {
                    ui.selectable_value(selected, Some(id), label);
                } else {
                    more += 1;
                }
            }
            if more > 0 {
                ui.weak(format!("and {more} more: type to narrow"));
            }
        })
        .response
        .accessible_name(name);
    *selected != before
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

/// The regions a figure covers: a search field that narrows the list as
/// one types and adds a region not known yet, unless it is a known one
/// spelt another way (case and accents are ignored; a near-duplicate asks
/// "did you mean …?"). Enter ticks the region typed when that is certain.
pub fn regions(
    ui: &mut egui::Ui,
    selected: &mut Vec<String>,
    known: &BTreeSet<String>,
    search: &mut String,
) {
    let typed = search.trim().to_owned();
    let field = super::super::widgets::text_field(ui, search, "Find or add a region", 300.0);
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let tick = |selected: &mut Vec<String>, search: &mut String, name: &str| {
        if !selected.iter().any(|s| s == name) {
            selected.push(name.to_owned());
        }
        search.clear();
    };
    if !typed.is_empty() {
        ui.horizontal_wrapped(|ui| {
            if let Some(existing) = find_region(known, &typed) {
                let ticked = selected.iter().any(|s| s == existing);
                if !ticked && (ui.button(format!("Tick {existing}")).clicked() || entered) {
                    tick(selected, search, existing);
                }
            } else if let Some(similar) = similar_region(known, &typed) {
                ui.label(format!("Did you mean {similar}?"));
                if ui.button(format!("Tick {similar}")).clicked() {
                    tick(selected, search, similar);
                } else if ui
                    .button(format!("Add \u{201c}{typed}\u{201d} as a new region"))
                    .clicked()
                {
                    tick(selected, search, &typed);
                }
            } else if ui
                .button(format!("Add \u{201c}{typed}\u{201d} as a new region"))
                .clicked()
                || entered
            {
                tick(selected, search, &typed);
            }
        });
    }
    // Ticked regions first, then the known ones the search matches.
    let mut options: Vec<(String, String)> =
        selected.iter().map(|r| (r.clone(), r.clone())).collect();
    options.extend(
        known
            .iter()
            .filter(|r| !selected.contains(r))
            .filter(|r| crate::ui::widgets::table::matches_filter(search, &[r.as_str()]))
            .map(|r| (r.clone(), r.clone())),
    );
    if options.is_empty() && !known.is_empty() {
        ui.weak("No known region matches.");
    } else {
        multi_select(ui, "Regions", selected, &options);
    }
}

/// The sources a record cites, each with the sentence quoted from it.
/// `pending` are sources made in the form, saved with the record.
pub fn citations(
    ui: &mut egui::Ui,
    ws: &Workspace,
    citations: &mut Vec<Citation>,
    pending: &[Source],
) {
    let title = |id: &SourceId| -> String {
        pending
            .iter()
            .find(|s| &s.id == id)
            .map_or_else(|| ws.source_title(id).to_owned(), |s| s.title.clone())
    };
    let mut remove = None;
    for (index, citation) in citations.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                egui::ComboBox::from_id_salt(("citation", index))
                    .selected_text(title(&citation.source))
                    .width(330.0)
                    .truncate()
                    .show_ui(ui, |ui| {
                        for source in pending.iter().chain(&ws.sources) {
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
    let first = pending.first().or_else(|| ws.sources.iter().next());
    if first.is_none() {
        ui.weak("No sources yet: make one with New source…, or in the Sources tab.");
    }
    if let Some(first) = first
        && ui.button("Cite a source").clicked()
    {
        citations.push(Citation {
            source: first.id.clone(),
            quote: String::new(),
        });
    }
}

/// A source being made from inside a form ("New source…"), to be saved
/// together with the record that cites it.
#[derive(Default)]
pub struct NewSource {
    open: bool,
    title: String,
    publisher: String,
    published: DateInput,
}

/// "New source…": a title, publisher and date typed in place; "Add and
/// cite" puts the source in `pending` and cites it.
pub fn new_source(
    ui: &mut egui::Ui,
    ws: &Workspace,
    draft: &mut NewSource,
    pending: &mut Vec<Source>,
    citations: &mut Vec<Citation>,
) {
    if !draft.open {
        if ui.button("New source…").clicked() {
            draft.open = true;
        }
        return;
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.strong("New source");
        super::super::widgets::text_field(ui, &mut draft.title, "New source's title", 420.0);
        super::super::widgets::text_field(
            ui,
            &mut draft.publisher,
            "New source's publisher",
            420.0,
        );
        date(ui, &mut draft.published, "New source's date");
        let published = draft.published.parse();
        if let Err(message) = &published {
            ui.colored_label(ui.visuals().error_fg_color, format!("Date: {message}"));
        }
        ui.horizontal(|ui| {
            let title = draft.title.trim().to_owned();
            let ready = !title.is_empty() && published.is_ok();
            if ui
                .add_enabled(ready, egui::Button::new("Add and cite"))
                .on_disabled_hover_text("A source needs a title (and a valid date, if any).")
                .clicked()
            {
                let id = SourceId::new(unique_id("", &title, |id| {
                    ws.sources.contains(id) || pending.iter().any(|s| s.id.as_str() == id)
                }));
                pending.push(Source {
                    id: id.clone(),
                    title,
                    publisher: draft.publisher.trim().to_owned(),
                    published_on: published.ok().flatten(),
                    ..Source::default()
                });
                citations.push(Citation {
                    source: id,
                    quote: String::new(),
                });
                *draft = NewSource::default();
            }
            if ui.button("Cancel new source").clicked() {
                *draft = NewSource::default();
            }
        });
    });
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
