//! `Command`: every user action, with its label, tooltip and shortcut.
//!
//! Menus, buttons and keys only *send* commands; the app runs them in one
//! place after drawing (as rerun's `UICommand`). The shortcut list in Help is
//! built from this enum, so it cannot drift from what the keys do.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::tabs::Tab;
use crate::model::RecordId;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    New,
    Open,
    Save,
    SaveAs,
    Quit,
    ShowTab(Tab),
    ToggleTheme,
    ShowShortcuts,
    /// Shows a record in its tab (from a link in another record).
    Reveal(RecordId),
}

impl Command {
    /// Every command that stands alone (not `Reveal`), in menu order.
    pub fn all() -> Vec<Command> {
        let mut all = vec![
            Command::New,
            Command::Open,
            Command::Save,
            Command::SaveAs,
            Command::Quit,
        ];
        all.extend(Tab::ALL.iter().map(|tab| Command::ShowTab(*tab)));
        all.extend([Command::ToggleTheme, Command::ShowShortcuts]);
        all
    }

    pub fn label(&self) -> String {
        match self {
            Command::New => "New".to_owned(),
            Command::Open => "Open…".to_owned(),
            Command::Save => "Save".to_owned(),
            Command::SaveAs => "Save As…".to_owned(),
            Command::Quit => "Quit".to_owned(),
            Command::ShowTab(tab) => tab.label().to_owned(),
            Command::ToggleTheme => "Dark / light theme".to_owned(),
            Command::ShowShortcuts => "Keyboard shortcuts".to_owned(),
            Command::Reveal(record) => format!("Show {record}"),
        }
    }

    pub fn tooltip(&self) -> String {
        match self {
            Command::New => "Start an empty workspace".to_owned(),
            Command::Open => "Open a workspace file (.ron)".to_owned(),
            Command::Save => "Save the workspace to its file".to_owned(),
            Command::SaveAs => "Save the workspace to a new file".to_owned(),
            Command::Quit => "Close coopdesk".to_owned(),
            Command::ShowTab(tab) => format!("Show the {} tab", tab.label()),
            Command::ToggleTheme => "Switch between the dark and the light theme".to_owned(),
            Command::ShowShortcuts => "List every keyboard shortcut".to_owned(),
            Command::Reveal(record) => format!("Show {record} in its tab"),
        }
    }

    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let command = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        match self {
            Command::New => command(Key::N),
            Command::Open => command(Key::O),
            Command::Save => command(Key::S),
            Command::SaveAs => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::S,
            )),
            Command::Quit => command(Key::Q),
            Command::ShowTab(tab) => command(tab.key()),
            Command::ToggleTheme | Command::Reveal(_) => None,
            Command::ShowShortcuts => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F1)),
        }
    }

    /// The commands whose shortcuts were pressed this frame. Shortcuts with
    /// more modifiers are tried first, so Ctrl+Shift+S is not taken as Ctrl+S.
    pub fn from_keys(ctx: &egui::Context) -> Vec<Command> {
        let mut commands: Vec<(Command, KeyboardShortcut)> = Command::all()
            .into_iter()
            .filter_map(|c| c.shortcut().map(|s| (c, s)))
            .collect();
        commands.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        ctx.input_mut(|input| {
            commands
                .into_iter()
                .filter(|(_, shortcut)| input.consume_shortcut(shortcut))
                .map(|(command, _)| command)
                .collect()
        })
    }

    /// A menu button that sends this command.
    pub fn menu_button(self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let mut button = egui::Button::new(self.label());
        if let Some(shortcut) = self.shortcut() {
            button = button.shortcut_text(ui.format_shortcut(&shortcut));
        }
        if ui.add(button).on_hover_text(self.tooltip()).clicked() {
            commands.push(self);
            ui.close();
        }
    }
}

fn modifier_count(modifiers: Modifiers) -> usize {
    [
        modifiers.alt,
        modifiers.ctrl,
        modifiers.shift,
        modifiers.command,
        modifiers.mac_cmd,
    ]
    .into_iter()
    .filter(|m| *m)
    .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = std::collections::HashMap::new();
        for command in Command::all() {
            if let Some(shortcut) = command.shortcut() {
                let key = (shortcut.modifiers, shortcut.logical_key);
                if let Some(other) = seen.insert(key, command.clone()) {
                    panic!("{command:?} and {other:?} share a shortcut");
                }
            }
        }
    }

    #[test]
    fn every_command_has_a_label_and_a_tooltip() {
        for command in Command::all() {
            assert!(!command.label().is_empty());
            assert!(!command.tooltip().is_empty());
        }
    }
}
