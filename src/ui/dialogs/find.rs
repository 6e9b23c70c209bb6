//! Find (Ctrl+F): search every record; choosing a hit shows it in its tab.

use crate::analysis::{Hit, SearchIndex};

/// Hits listed at most (all are counted).
const MAX_HITS: usize = 200;

#[derive(Default)]
pub struct FindWindow {
    query: String,
    hits: Vec<Hit>,
    /// How many records match, listed or not.
    total: usize,
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
            ui.set_width(640.0);
            ui.heading("Find");
            let field = crate::ui::widgets::text_field(
                ui,
                &mut self.query,
                "Search every record: titles, notes, quotes, parties, places",
                f32::INFINITY,
            );
            if !self.focus_given {
                field.request_focus();
                self.focus_given = true;
            }
            let current = Some((self.query.clone(), key));
            match index {
                Some(index) if self.searched != current => {
                    (self.hits, self.total) = index.search(&self.query, MAX_HITS);
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
            if !self.query.trim().is_empty() && index.is_some() {
                let found = crate::text::count(self.total, "record", "records");
                ui.strong(if self.total > self.hits.len() {
                    format!("{found} found; the first {} listed", self.hits.len())
                } else {
                    format!("{found} found")
                });
            }
            // Most of the window's height, so a long list needs little scrolling.
            let height = (ctx.content_rect().height() * 0.6).max(200.0);
            crate::ui::widgets::dialog_scroll(height).show(ui, |ui| {
                for hit in &self.hits {
                    ui.horizontal(|ui| {
                        ui.weak(hit.kind);
                        if ui.link(&hit.title).clicked() {
                            outcome = Some(FindOutcome::Show(hit.record.clone()));
                        }
                    });
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
