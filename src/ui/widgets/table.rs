//! The record table every list tab uses: sortable headers, virtualised rows
//! (only visible rows are drawn), click to select.

use egui_extras::{Column, TableBuilder};
use serde::{Deserialize, Serialize};

use crate::text::{fold, group_thousands};

/// Which column a table is sorted by, and which way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub column: usize,
    pub ascending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Self {
            column: 0,
            ascending: true,
        }
    }
}

pub struct TableSpec<'a> {
    pub id: &'a str,
    /// Column titles and their sizing.
    pub columns: &'a [(&'a str, Column)],
    pub rows: usize,
    pub selected: Option<usize>,
}

/// What the user did with the table this frame.
#[derive(Default)]
pub struct TableResponse {
    pub clicked_row: Option<usize>,
    pub sort_changed: bool,
}

/// Draws the table; `cell(ui, row, column)` draws one cell.
pub fn record_table(
    ui: &mut egui::Ui,
    spec: &TableSpec<'_>,
    sort: &mut Sort,
    mut cell: impl FnMut(&mut egui::Ui, usize, usize),
) -> TableResponse {
    let mut response = TableResponse::default();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut builder = TableBuilder::new(ui)
        .id_salt(spec.id)
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .auto_shrink([false, false]);
    for (_, column) in spec.columns {
        builder = builder.column(*column);
    }
    builder
        .header(row_height + 2.0, |mut header| {
            for (index, (title, _)) in spec.columns.iter().enumerate() {
                header.col(|ui| {
                    let label = egui::RichText::new(*title).strong();
                    let clicked = ui
                        .add(egui::Button::new(label).frame(false))
                        .on_hover_text(format!("Sort by {}", title.to_lowercase()))
                        .clicked();
                    if sort.column == index {
                        sort_arrow(ui, sort.ascending);
                    }
                    if clicked {
                        if sort.column == index {
                            sort.ascending = !sort.ascending;
                        } else {
                            *sort = Sort {
                                column: index,
                                ascending: true,
                            };
                        }
                        response.sort_changed = true;
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, spec.rows, |mut row| {
                let index = row.index();
                row.set_selected(spec.selected == Some(index));
                for column in 0..spec.columns.len() {
                    row.col(|ui| cell(ui, index, column));
                }
                if row.response().clicked() {
                    response.clicked_row = Some(index);
                }
            });
        });
    response
}

/// A small triangle after the sorted column's title, pointing up for
/// ascending (drawn, since the bundled font has no arrow glyphs).
fn sort_arrow(ui: &mut egui::Ui, ascending: bool) {
    let size = egui::vec2(10.0, 10.0);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let color = ui.visuals().strong_text_color();
    let (top, bottom) = (rect.top() + 2.0, rect.bottom() - 2.0);
    let points = if ascending {
        vec![
            egui::pos2(rect.center().x, top),
            egui::pos2(rect.right() - 1.0, bottom),
            egui::pos2(rect.left() + 1.0, bottom),
        ]
    } else {
        vec![
            egui::pos2(rect.left() + 1.0, top),
            egui::pos2(rect.right() - 1.0, top),
            egui::pos2(rect.center().x, bottom),
        ]
    };
    ui.painter().add(egui::Shape::convex_polygon(
        points,
        color,
        egui::Stroke::NONE,
    ));
}

/// Whether a row whose cells read `fields` matches what was typed in its
/// filter: every word must start a word of some cell, ignoring case and
/// accents ("guler" finds "Güler"), and a number must be a whole number
/// there ("05" finds "sector 05", not "1,050"). Pass the texts the table
/// shows, never hidden ids, so that a match is always visible.
pub fn matches_filter(filter: &str, fields: &[&str]) -> bool {
    let filter = fold(filter);
    let mut wanted = words(&filter).peekable();
    if wanted.peek().is_none() {
        return true;
    }
    let fields: Vec<String> = fields.iter().map(|f| fold(f)).collect();
    wanted.all(|word| {
        let numeric = word.chars().all(|c| c.is_ascii_digit());
        fields.iter().flat_map(|f| words(f)).any(|have| {
            if numeric {
                have == word
            } else {
                have.starts_with(word)
            }
        })
    })
}

/// The words of folded text: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The state of a list tab: filter text, sort, selection, and the cached
/// list of rows those produce (rebuilt only when one of them or the
/// workspace changes, never every frame).
#[derive(Serialize, Deserialize)]
#[serde(default)]
pub struct ListState<Id> {
    pub filter: String,
    pub sort: Sort,
    #[serde(skip)] // ids may not exist in the next workspace opened
    pub selected: Option<Id>,
    #[serde(skip)]
    rows: Vec<usize>,
    #[serde(skip)]
    before_text_filter: usize,
    #[serde(skip)]
    key: Option<RowsKey>,
}

#[derive(Clone, PartialEq)]
struct RowsKey {
    workspace: (u64, u64),
    filter: String,
    sort: Sort,
    extra: u64,
}

impl<Id> Default for ListState<Id> {
    fn default() -> Self {
        Self {
            filter: String::new(),
            sort: Sort::default(),
            selected: None,
            rows: Vec::new(),
            before_text_filter: 0,
            key: None,
        }
    }
}

impl<Id: PartialEq + Clone> ListState<Id> {
    /// Recomputes the visible rows of `items` if the workspace (`workspace`
    /// key), the filter, the sort or `extra` (a hash of any other filter)
    /// changed. `keep` filters; `compare` orders by the sort column.
    pub fn refresh<T>(
        &mut self,
        workspace: (u64, u64),
        extra: u64,
        items: &[T],
        keep: impl Fn(&T, &str) -> bool,
        compare: impl Fn(&T, &T, usize) -> std::cmp::Ordering,
    ) {
        let key = RowsKey {
            workspace,
            filter: self.filter.clone(),
            sort: self.sort,
            extra,
        };
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let mut rows: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, item)| keep(item, &self.filter))
            .map(|(i, _)| i)
            .collect();
        let sort = self.sort;
        rows.sort_by(|&a, &b| match (items.get(a), items.get(b)) {
            (Some(a), Some(b)) => {
                let order = compare(a, b, sort.column);
                if sort.ascending {
                    order
                } else {
                    order.reverse()
                }
            }
            _ => std::cmp::Ordering::Equal,
        });
        self.before_text_filter = if self.filter.trim().is_empty() {
            rows.len()
        } else {
            items.iter().filter(|item| keep(item, "")).count()
        };
        self.rows = rows;
        self.key = Some(key);
    }

    /// How many rows there are before the typed filter (after the others).
    pub fn before_text_filter(&self) -> usize {
        self.before_text_filter
    }

    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// "3 of 9 instruments": how many rows the filters leave of `total`.
    pub fn shown_ui(&self, ui: &mut egui::Ui, total: usize, plural: &str) {
        let shown = self.rows.len();
        let text = if shown == total {
            format!("{} {plural}", group_thousands(total as u64))
        } else {
            format!(
                "{} of {} {plural}",
                group_thousands(shown as u64),
                group_thousands(total as u64)
            )
        };
        ui.weak(text);
    }

    /// The table row showing the selected item, if it is visible.
    pub fn selected_row<T>(&self, items: &[T], id_of: impl Fn(&T) -> &Id) -> Option<usize> {
        let selected = self.selected.as_ref()?;
        self.rows
            .iter()
            .position(|&i| items.get(i).is_some_and(|item| id_of(item) == selected))
    }

    /// Selects the item shown in `row`.
    pub fn select_row<T>(&mut self, row: usize, items: &[T], id_of: impl Fn(&T) -> &Id) {
        self.selected = self
            .rows
            .get(row)
            .and_then(|&i| items.get(i))
            .map(|item| id_of(item).clone());
    }
}

/// A hash of extra filter settings, for [`ListState::refresh`].
pub fn filter_hash(value: &impl std::hash::Hash) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(value)
}

#[cfg(test)]
mod tests {
    use super::matches_filter;

    #[test]
    fn a_number_matches_a_whole_number_only() {
        assert!(matches_filter("sector 05", &["northern Iraq sector 05"]));
        assert!(!matches_filter(
            "sector 05",
            &["northern Iraq sector 10", "1,050"]
        ));
    }

    #[test]
    fn words_start_words_of_any_cell_ignoring_case_and_accents() {
        let row = ["Minister Güler meets Marles", "Meeting", "TUR, AUS"];
        assert!(matches_filter("guler MEET", &row));
        assert!(matches_filter("  ", &row));
        assert!(!matches_filter("uler", &row), "inside a word");
        assert!(
            !matches_filter("guler visit", &row),
            "every word must match"
        );
    }
}
