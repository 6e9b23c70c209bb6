//! The command palette (Ctrl+K): type part of a command's name, pick it.

use crate::ui::command::Command;

#[derive(Default)]
pub struct Palette {
    query: String,
    selected: usize,
    focus_given: bool,
}

pub enum PaletteOutcome {
    Close,
    Run(Command),
}

/// Scores how well `query` matches `text` as a subsequence, ignoring case:
/// `None` when it does not; higher for matches at word starts and in runs.
pub fn fuzzy_score(query: &str, text: &str) -> Option<i32> {
    let text: Vec<char> = text.to_lowercase().chars().collect();
    let mut score = 0;
    let mut position = 0;
    let mut previous: Option<usize> = None;
    for q in query.to_lowercase().chars().filter(|c| !c.is_whitespace()) {
        let found = (position..text.len()).find(|&i| text.get(i) == Some(&q))?;
        score += 1;
        if previous.is_some_and(|p| p + 1 == found) {
            score += 3;
        }
        if found == 0 || text.get(found - 1).is_some_and(|c| !c.is_alphanumeric()) {
            score += 2;
        }
        previous = Some(found);
        position = found + 1;
    }
    // Shorter names first among equal matches.
    Some(score * 100 - i32::try_from(text.len()).unwrap_or(i32::MAX).min(99))
}

/// The commands matching `query`, best first; every command in menu
/// order while nothing is typed.
pub fn matching_commands(query: &str) -> Vec<Command> {
    if query.trim().is_empty() {
        return Command::all();
    }
    let mut scored: Vec<(i32, usize, Command)> = Command::all()
        .into_iter()
        .enumerate()
        .filter_map(|(order, command)| {
            fuzzy_score(query, &command.label()).map(|s| (s, order, command))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, command)| command).collect()
}

impl Palette {
    pub fn show(&mut self, ctx: &egui::Context) -> Option<PaletteOutcome> {
        let mut outcome = None;
        let matches = matching_commands(&self.query);
        self.selected = self.selected.min(matches.len().saturating_sub(1));
        let (down, up, enter) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
            )
        });
        if down {
            self.selected = (self.selected + 1).min(matches.len().saturating_sub(1));
        }
        if up {
            self.selected = self.selected.saturating_sub(1);
        }
        if enter && let Some(command) = matches.get(self.selected) {
            return Some(PaletteOutcome::Run(command.clone()));
        }
        let modal = egui::Modal::new(egui::Id::unique("command_palette")).show(ctx, |ui| {
            ui.set_width(460.0);
            let field = crate::ui::widgets::text_field(
                ui,
                &mut self.query,
                "Type a command",
                f32::INFINITY,
            );
            if !self.focus_given {
                field.request_focus();
                self.focus_given = true;
            }
            if field.changed() {
                self.selected = 0;
            }
            ui.add_space(4.0);
            crate::ui::widgets::dialog_scroll(360.0).show(ui, |ui| {
                if matches.is_empty() {
                    ui.weak("No command matches.");
                }
                for (index, command) in matches.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let row = ui
                            .selectable_label(index == self.selected, command.label())
                            .on_hover_text(command.tooltip());
                        if let Some(shortcut) = command.shortcut() {
                            ui.weak(ui.ctx().format_shortcut(&shortcut));
                        }
                        if row.clicked() {
                            outcome = Some(PaletteOutcome::Run(command.clone()));
                        }
                    });
                }
            });
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(PaletteOutcome::Close);
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sav_finds_save_and_save_as_first() {
        let labels: Vec<String> = matching_commands("sav")
            .iter()
            .map(Command::label)
            .collect();
        assert_eq!(labels.first().map(String::as_str), Some("Save"));
        assert!(labels.iter().take(3).any(|l| l == "Save As…"), "{labels:?}");
    }

    #[test]
    fn nothing_typed_lists_every_command_in_menu_order() {
        assert_eq!(matching_commands(" "), Command::all());
    }

    #[test]
    fn letters_out_of_order_do_not_match() {
        assert!(fuzzy_score("vas", "Save").is_none());
        assert!(fuzzy_score("nwi", "New instrument…").is_some());
    }
}
