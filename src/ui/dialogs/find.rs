//! Find (Ctrl+F): search every record; choosing a hit shows it in its tab.

use crate::analysis::{Hit, SearchIndex};

/// Hits shown at most.
const MAX_HITS: usize = 60;

#[derive(Default)]
pub struct FindWindow {
    query: String,
    hits: Vec<Hit>,
    /// The query and index revision the hits are for.
    searched: Option<(String, (u64, u64))>,
    focus_given: bool,
}

pub enum FindOutcome {
    Close,
    Show(crate::model::RecordId),
}

impl FindWindow {
    /// `index` is `None` while it is being built (seconds, on a large
    /// workspace): the query can be typed meanwhile.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        index: Option<&SearchIndex>,
        key: (u64, u64),
    ) -> Option<FindOutcome> {
        let mut outcome = None;
        let modal = egui::Modal::new(egui::Id::unique("find")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("Find");
            let field = crate::ui::widgets::text_field(
                ui,
                &mut self.query,
                "Search titles, summaries, notes, parties, sources",
                f32::INFINITY,
            );
            if !self.focus_given {
                field.request_focus();
                self.focus_given = true;
            }
            let current = Some((self.query.clone(), key));
            match index {
                Some(index) if self.searched != current => {
                    self.hits = index.search(&self.query, MAX_HITS);
                    self.searched = current;
                }
                Some(_) => {}
                None => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.weak("Preparing the search of every record…");
                    });
                }
            }
            ui.weak("Case and accents are ignored: \"turkiye\" finds \"Türkiye\".");
            ui.add_space(4.0);
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    if self.hits.is_empty() && !self.query.trim().is_empty() {
                        ui.weak("Nothing found.");
                    }
                    for hit in &self.hits {
                        ui.horizontal(|ui| {
                            ui.weak(hit.kind);
                            if ui.link(&hit.title).clicked() {
                                outcome = Some(FindOutcome::Show(hit.record.clone()));
                            }
                        });
                    }
                    if self.hits.len() == MAX_HITS {
                        ui.weak(format!(
                            "Showing the first {MAX_HITS}; add words to narrow the search."
                        ));
                    }
                });
            let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
            if enter && let Some(first) = self.hits.first() {
                outcome = Some(FindOutcome::Show(first.record.clone()));
            }
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(FindOutcome::Close);
        }
        outcome
    }
}
