//! Small drawing helpers shared by the tabs.

pub mod table;

use chrono::NaiveDate;
use egui::{Color32, RichText};

use crate::model::{Citation, Classification, Marking, RecordId, Workspace};

/// `22 Apr 2024`, or a dash when unknown.
pub fn date_text(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "—".to_owned(), |d| d.format("%-d %b %Y").to_string())
}

/// A label that does not swallow clicks meant for its table row.
pub fn cell(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) {
    ui.add(egui::Label::new(text).selectable(false).truncate());
}

/// A table's Marking column, appended to `columns` when any record of the
/// table has a marking of its own (otherwise every row would read "—").
pub fn with_marking_column<'a>(
    columns: &[(&'a str, egui_extras::Column)],
    shown: bool,
) -> Vec<(&'a str, egui_extras::Column)> {
    let mut all = columns.to_vec();
    if shown {
        all.push(("Marking", egui_extras::Column::initial(170.0).clip(true)));
    }
    all
}

/// A record's own marking in a table cell; "—" when it has the workspace's.
pub fn marking_cell(ui: &mut egui::Ui, marking: Option<&crate::model::Marking>) {
    cell(
        ui,
        marking.map_or_else(|| "—".to_owned(), ToString::to_string),
    );
}

/// Orders records by their own marking's level, unmarked first.
pub fn marking_order(
    a: Option<&crate::model::Marking>,
    b: Option<&crate::model::Marking>,
) -> std::cmp::Ordering {
    a.map(|m| m.classification)
        .cmp(&b.map(|m| m.classification))
}

/// A scroll area for a list inside a dialog: as tall as its content, up to
/// `max_height`. (In a modal the height available is unknown, and a plain
/// scroll area falls back to its 64-point minimum: three rows.)
pub fn dialog_scroll(max_height: f32) -> egui::ScrollArea {
    egui::ScrollArea::vertical()
        .max_height(max_height)
        .min_scrolled_height(max_height)
        .auto_shrink([false, true])
}

/// A section heading inside a tab.
pub fn section(ui: &mut egui::Ui, text: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(text).strong().size(16.0));
    ui.add_space(2.0);
}

/// Sources cited by a record, each with the sentence quoted from it.
pub fn citations_ui(ui: &mut egui::Ui, ws: &Workspace, citations: &[Citation]) {
    if citations.is_empty() {
        ui.weak("No source cited.");
        return;
    }
    for citation in citations {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(ws.source_title(&citation.source)).strong());
            if !citation.quote.is_empty() {
                ui.label(RichText::new(&citation.quote).italics());
            }
        });
    }
}

/// Background and text colours for a classification banner.
pub fn marking_colors(classification: Classification) -> (Color32, Color32) {
    let ([r, g, b], [tr, tg, tb]) = classification.banner_colors();
    (Color32::from_rgb(r, g, b), Color32::from_rgb(tr, tg, tb))
}

/// The full-width handling-marking banner.
pub fn marking_banner(ui: &mut egui::Ui, marking: &Marking) {
    let (fill, text) = marking_colors(marking.classification);
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(8, 3))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.vertical_centered(|ui| {
                ui.label(RichText::new(marking.to_string()).color(text).strong());
            });
        });
}

/// A record's own marking, when it has one.
pub fn marking_badge(ui: &mut egui::Ui, marking: Option<&Marking>) {
    if let Some(marking) = marking {
        let (fill, text) = marking_colors(marking.classification);
        ui.label(
            RichText::new(format!(" {marking} "))
                .background_color(fill)
                .color(text)
                .small(),
        );
    }
}

/// Two-column grid of field names and values for a details pane.
pub fn details_grid(ui: &mut egui::Ui, id: &str, rows: &[(&str, String)]) {
    egui::Grid::new(id)
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (name, value) in rows {
                ui.label(RichText::new(*name).weak());
                ui.add(egui::Label::new(value.as_str()).wrap());
                ui.end_row();
            }
        });
}

/// A drop-down with its label in front (egui puts a combo box's own label
/// after it, which reads "Any Kind").
pub fn labelled_combo(
    ui: &mut egui::Ui,
    label: &str,
    selected: impl Into<egui::WidgetText>,
    width: f32,
    contents: impl FnOnce(&mut egui::Ui),
) {
    let label_id = ui.label(label).id;
    egui::ComboBox::from_id_salt(label)
        .selected_text(selected)
        .width(width)
        .show_ui(ui, contents)
        .response
        .labelled_by(label_id);
}

/// A one-line text field whose hint also names it for screen readers (and
/// for tests, which find widgets by name).
pub fn text_field(ui: &mut egui::Ui, text: &mut String, hint: &str, width: f32) -> egui::Response {
    named_field(ui, text, hint, hint, width)
}

/// A one-line text field with a short hint (e.g. `YYYY-MM`) and a fuller
/// accessible name.
pub fn named_field(
    ui: &mut egui::Ui,
    text: &mut String,
    name: &str,
    hint: &str,
    width: f32,
) -> egui::Response {
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint.to_owned())
            .desired_width(width),
    )
    .accessible_name(name)
}

/// The resizable pane on the right of a list tab that shows the selected
/// record. Draw it before the list, which then goes in [`main_pane`].
pub fn details_pane(ui: &mut egui::Ui, id: &str, add_contents: impl FnOnce(&mut egui::Ui)) {
    egui::Panel::right(id.to_owned())
        .resizable(true)
        .default_size(420.0)
        .min_size(260.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, add_contents);
        });
}

/// The space left beside a [`details_pane`].
pub fn main_pane(ui: &mut egui::Ui, add_contents: impl FnOnce(&mut egui::Ui)) {
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(ui, add_contents);
}

/// A record as lists and dialogs name it: "Figure 54 neutralised, 19–25 Apr
/// 2024", "Instrument “…”" (the model's label, capitalised).
pub fn record_title(ws: &Workspace, record: &RecordId) -> String {
    let label = ws.record_label(record);
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Edit and Delete buttons at the top of a details pane, and the record's
/// change history, folded.
pub fn record_actions(
    ui: &mut egui::Ui,
    commands: &mut Vec<crate::ui::Command>,
    ws: &crate::model::Workspace,
    id: RecordId,
) {
    ui.horizontal(|ui| {
        if ui.button("Edit…").clicked() {
            commands.push(crate::ui::Command::EditRecord(id.clone()));
        }
        if ui.button("Delete…").clicked() {
            commands.push(crate::ui::Command::DeleteRecord(id.clone()));
        }
    });
    let key = id.to_string();
    let changes: Vec<&crate::model::HistoryEntry> = ws
        .history
        .iter()
        .rev()
        .filter(|e| e.records.contains(&key))
        .collect();
    if !changes.is_empty() {
        egui::CollapsingHeader::new(format!("History ({})", changes.len()))
            .id_salt(("record_history", &key))
            .show(ui, |ui| {
                for entry in changes.iter().take(20) {
                    crate::ui::dialogs::history::entry_ui(ui, entry);
                }
                if changes.len() > 20 {
                    ui.weak("Older changes: Workspace, Change history…");
                }
            });
    }
}

/// A "New …" button at the right end of a tab's filter row.
pub fn new_record_button(
    ui: &mut egui::Ui,
    commands: &mut Vec<crate::ui::Command>,
    kind: crate::model::RecordKind,
) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let command = crate::ui::Command::NewRecord(kind);
        if ui
            .button(command.label())
            .on_hover_text(command.tooltip())
            .clicked()
        {
            commands.push(command);
        }
    });
}
