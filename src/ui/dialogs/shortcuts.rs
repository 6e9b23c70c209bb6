//! Help → Keyboard shortcuts: built from the `Command` enum, so it lists
//! exactly what the keys do.

use egui::RichText;

use crate::ui::Command;

/// Draws the window while `open`; its close button clears `open`.
pub fn shortcuts_window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for command in Command::all() {
                    if let Some(shortcut) = command.shortcut() {
                        ui.label(RichText::new(ctx.format_shortcut(&shortcut)).monospace());
                        ui.label(command.label());
                        ui.end_row();
                    }
                }
            });
        });
}
