//! The Statistics tab's chart controls: they edit the [`ChartView`] that the
//! charts and their exports read.

use std::collections::BTreeSet;

use crate::analysis::YearMonth;
use crate::export::chart::ChartView;
use crate::ui::widgets::named_field;

pub fn chart_controls(ui: &mut egui::Ui, view: &mut ChartView, regions: &BTreeSet<String>) {
    ui.horizontal_wrapped(|ui| {
        if regions.len() > 1 && regions.len() <= INLINE_REGIONS {
            ui.label("Regions:");
            region_checkboxes(ui, view, regions);
            ui.separator();
        } else if regions.len() > INLINE_REGIONS {
            // Hundreds of sectors do not fit a row: they go in a menu.
            let shown = regions
                .iter()
                .filter(|r| !view.hidden_regions.contains(*r))
                .count();
            ui.menu_button(
                format!("Regions: {shown} of {} shown", regions.len()),
                |ui| {
                    ui.horizontal(|ui| {
                        if ui.button("Show all").clicked() {
                            view.hidden_regions.clear();
                        }
                        if ui.button("Hide all").clicked() {
                            view.hidden_regions = regions.clone();
                        }
                    });
                    egui::ScrollArea::vertical()
                        .max_height(360.0)
                        .show(ui, |ui| {
                            region_checkboxes(ui, view, regions);
                        });
                },
            );
            ui.separator();
        }
        ui.label("Months");
        named_field(ui, &mut view.from, "From month", "YYYY-MM", 80.0);
        ui.label("to");
        named_field(ui, &mut view.to, "To month", "YYYY-MM", 80.0);
        for (text, label) in [(&view.from, "From"), (&view.to, "To")] {
            if !text.trim().is_empty() && YearMonth::parse(text).is_none() {
                ui.colored_label(ui.visuals().error_fg_color, format!("{label}: use YYYY-MM"));
            }
        }
        ui.separator();
        ui.selectable_value(&mut view.cumulative, false, "Per month");
        ui.selectable_value(&mut view.cumulative, true, "Cumulative");
        ui.separator();
        ui.selectable_value(&mut view.side_by_side, false, "Stacked");
        ui.selectable_value(&mut view.side_by_side, true, "Side by side");
        ui.separator();
        ui.checkbox(&mut view.compare_years, "Compare years");
        ui.separator();
        ui.label("As known on");
        named_field(ui, &mut view.as_of, "As known on", "YYYY-MM-DD", 95.0)
            .on_hover_text("Only figures reported on or before this date; empty: all figures");
        if let Err(message) = view.as_of_date() {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
    });
    allocation_help(ui);
}

/// How figures for periods other than a month become the months drawn:
/// the rule the analysis follows, in its own words.
fn allocation_help(ui: &mut egui::Ui) {
    egui::CollapsingHeader::new("How months are allocated")
        .id_salt("allocation help")
        .show(ui, |ui| {
            ui.label(crate::analysis::ALLOCATION_RULE);
            ui.label(
                "A month the figures reach only in part is a partial month: its bar is \
                 narrower, its label names the days it covers (\"May 2024 (1–2)\"), and year \
                 over year leaves it out rather than compare it with whole months.",
            );
        });
}

/// Up to this many regions get a checkbox each in the controls row.
const INLINE_REGIONS: usize = 8;

fn region_checkboxes(ui: &mut egui::Ui, view: &mut ChartView, regions: &BTreeSet<String>) {
    for region in regions {
        let mut shown = !view.hidden_regions.contains(region);
        if ui.checkbox(&mut shown, region.as_str()).changed() {
            if shown {
                view.hidden_regions.remove(region);
            } else {
                view.hidden_regions.insert(region.clone());
            }
        }
    }
}
