//! "Open in another coopdesk": the file just opened is locked by another
//! window or user; open it read-only, or take it over.

pub struct FileInUse {
    /// Who holds the lock: user, host and process.
    pub holder: String,
    pub name: String,
}

impl FileInUse {
    /// `Some(true)` to take the file over, `Some(false)` for read-only.
    /// It cannot be dismissed without a choice.
    pub fn show(&self, ctx: &egui::Context) -> Option<bool> {
        let mut take_over = None;
        egui::Modal::new(egui::Id::unique("file_in_use")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("Open in another coopdesk");
            ui.label(format!(
                "{} is open in another coopdesk ({}).",
                self.name, self.holder
            ));
            ui.label("Read-only keeps both safe: you can look, and Save asks for another file. Taking over lets you edit here too; whichever saves last wins.");
            ui.horizontal(|ui| {
                if ui.button("Open read-only").clicked() {
                    take_over = Some(false);
                }
                if ui.button("Take over").clicked() {
                    take_over = Some(true);
                }
            });
        });
        take_over
    }
}
