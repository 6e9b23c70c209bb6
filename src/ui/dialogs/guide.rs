//! Help → Guide: the user guide for desk officers, built into the binary
//! (assets/guide.md) so it is there on an air-gapped laptop. Only the little
//! Markdown it uses is drawn: `#` and `##` headings, `- ` items, paragraphs.

use egui::RichText;

/// The guide's text.
pub const GUIDE: &str = include_str!("../../../assets/guide.md");

/// Draws the guide window while `open`; its close button clears `open`.
pub fn guide_window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Guide")
        .open(open)
        .default_size([640.0, 560.0])
        .collapsible(false)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| guide_ui(ui, GUIDE));
        });
}

fn guide_ui(ui: &mut egui::Ui, text: &str) {
    for paragraph in text.split("\n\n") {
        let paragraph = paragraph.trim();
        if let Some(title) = paragraph.strip_prefix("# ") {
            ui.label(RichText::new(title).size(20.0).strong());
        } else if let Some(title) = paragraph.strip_prefix("## ") {
            ui.add_space(8.0);
            ui.label(RichText::new(title).size(16.0).strong());
        } else if paragraph.starts_with("- ") {
            for item in paragraph.lines() {
                let item = item.trim_start_matches("- ");
                ui.horizontal_wrapped(|ui| {
                    ui.label("•");
                    ui.add(egui::Label::new(item).wrap());
                });
            }
        } else if !paragraph.is_empty() {
            ui.add(egui::Label::new(paragraph).wrap());
        }
        ui.add_space(4.0);
    }
}

#[cfg(test)]
mod tests {
    use super::GUIDE;

    #[test]
    fn the_guide_has_a_title_and_covers_saving_and_markings() {
        assert!(GUIDE.starts_with("# coopdesk guide"));
        for section in ["## Undo, saving, and nothing lost", "## Markings"] {
            assert!(GUIDE.contains(section), "{section}");
        }
    }
}
