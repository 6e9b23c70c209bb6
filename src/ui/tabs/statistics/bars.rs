//! Plot items for the Statistics tab, built from derived monthly series.
//!
//! Reported values are drawn solid; estimated ones (allocated pro rata from a
//! longer period) lighter, as separate legend entries, so the difference is
//! visible and named.

use std::collections::HashMap;

use egui::{Color32, Stroke};
use egui_plot::{Bar, BarChart};

use crate::analysis::{MonthValue, MonthlySeries, YearMonth};
use crate::export::chart::{PALETTE_RGB, PARTIAL_WIDTH};
use crate::model::Workspace;
use crate::text::group_thousands;
use crate::ui::widgets::table::filter_hash;

/// Colours for successive regions or metrics: the export's palette, so a
/// chart on screen and on a slide match.
pub const PALETTE: [Color32; PALETTE_RGB.len()] = {
    let mut colors = [Color32::BLACK; PALETTE_RGB.len()];
    let mut i = 0;
    while i < PALETTE_RGB.len() {
        let [r, g, b] = PALETTE_RGB[i];
        colors[i] = Color32::from_rgb(r, g, b);
        i += 1;
    }
    colors
};

/// The lighter fill of estimated values.
pub fn estimated_fill(color: Color32) -> Color32 {
    color.gamma_multiply(0.35)
}

/// The hover text of one month's bar.
pub fn hover_text(ws: &Workspace, label: &str, value: &MonthValue) -> String {
    let kind = if value.estimated {
        "estimated: allocated pro rata by day from a longer period"
    } else {
        "reported"
    };
    let mut text = format!(
        "{label}, {}\n{}{} ({kind})",
        value.label(),
        value.qualifier.prefix(),
        group_thousands(value.value)
    );
    if !value.is_complete() {
        text.push_str(&format!(
            "\npartial month: the figures cover {} of its {} days",
            value.covered_days,
            value.month.days()
        ));
    }
    for id in &value.observations {
        if let Some(o) = ws.observations.get(id.as_str()) {
            text.push_str(&format!(
                "\nfrom {} for {}",
                group_thousands(o.value),
                crate::text::period_label(o.start, o.end)
            ));
            if let Some(citation) = o.sources.first() {
                text.push_str(&format!(" — {}", ws.source_title(&citation.source)));
            }
        }
    }
    text
}

/// One bar chart for the reported and one for the estimated months of a
/// series, with a bar (possibly of height 0) for every month of `axis` so
/// that charts stack index by index.
type BarFormatter = Box<dyn Fn(&Bar, &BarChart) -> String>;

pub struct SeriesBars {
    pub reported: BarChart,
    pub estimated: BarChart,
    /// Whether any month is reported / estimated (an empty chart would only
    /// add a legend entry for nothing).
    pub has_reported: bool,
    pub has_estimated: bool,
}

pub struct BarStyle {
    pub color: Color32,
    /// Offset from the month's centre, for side-by-side bars.
    pub offset: f64,
    pub width: f64,
}

/// Hover texts already written, by (series label hash, month): writing them
/// is most of a frame's work on a large workspace, and they only change with
/// the workspace or the chart's options (the owner clears the map then).
pub type HoverTexts = HashMap<(u64, YearMonth), String>;

pub fn series_bars(
    ws: &Workspace,
    label: &str,
    series: &MonthlySeries,
    axis: &[YearMonth],
    style: &BarStyle,
    hovers: &mut HoverTexts,
) -> SeriesBars {
    let label_hash = filter_hash(&label);
    let mut reported = Vec::with_capacity(axis.len());
    let mut estimated = Vec::with_capacity(axis.len());
    for (x, month) in axis.iter().enumerate() {
        let position = x as f64 + style.offset;
        let value = series.get(*month);
        let height = value.map_or(0.0, |v| v.value as f64);
        let is_estimated = value.is_some_and(|v| v.estimated);
        // A month the figures reach only in part is drawn narrower, so it is
        // not read as a whole month beside the others.
        let width = if value.is_some_and(|v| v.partial) {
            style.width * PARTIAL_WIDTH
        } else {
            style.width
        };
        let name = value.map_or_else(String::new, |v| {
            hovers
                .entry((label_hash, v.month))
                .or_insert_with(|| hover_text(ws, label, v))
                .clone()
        });
        let solid = Bar::new(position, if is_estimated { 0.0 } else { height })
            .width(width)
            .fill(style.color)
            .stroke(Stroke::new(1.0, style.color))
            .name(if is_estimated { "" } else { &name });
        let light = Bar::new(position, if is_estimated { height } else { 0.0 })
            .width(width)
            .fill(estimated_fill(style.color))
            .stroke(Stroke::new(1.5, style.color))
            .name(if is_estimated { &name } else { "" });
        reported.push(solid);
        estimated.push(light);
    }
    let has_reported = axis
        .iter()
        .any(|m| series.get(*m).is_some_and(|v| !v.estimated));
    let has_estimated = axis
        .iter()
        .any(|m| series.get(*m).is_some_and(|v| v.estimated));
    // egui_plot paints a bar's text beside it, clipped by the plot: cut off
    // at the right edge. The hover text is shown as a tooltip instead
    // (`bar_tooltip`), which egui keeps on the screen.
    let formatter = || -> BarFormatter { Box::new(|_, _| String::new()) };
    SeriesBars {
        // One legend entry per series (egui_plot joins items of one name);
        // the note under the chart says what solid and light mean.
        reported: BarChart::new(label, reported)
            .color(style.color)
            .element_formatter(formatter()),
        estimated: BarChart::new(label, estimated)
            // The bars carry their own light fill; the chart colour is the
            // legend swatch, shared with the reported bars of the series.
            .color(style.color)
            .element_formatter(formatter()),
        has_reported,
        has_estimated,
    }
}

impl SeriesBars {
    /// The charts worth drawing, reported first.
    pub fn into_charts(self) -> Vec<BarChart> {
        let mut charts = Vec::with_capacity(2);
        if self.has_reported {
            charts.push(self.reported);
        }
        if self.has_estimated {
            charts.push(self.estimated);
        }
        charts
    }
}

/// Axis label for x = month index.
pub fn month_tick(labels: &[String], x: f64) -> String {
    let index = x.round();
    if (x - index).abs() > 1e-6 || index < 0.0 {
        return String::new();
    }
    labels.get(index as usize).cloned().unwrap_or_default()
}

/// Shows the hover text of the bar under the pointer as a tooltip, placed
/// by egui so that it stays whole on the screen. `series` are the charts'
/// labels with their bars' offsets from the month's position.
pub fn bar_tooltip<R>(
    response: &egui_plot::PlotResponse<R>,
    pointer: Option<egui_plot::PlotPoint>,
    series: &[(&str, f64)],
    axis: &[YearMonth],
    hovers: &HoverTexts,
) {
    let (Some(item), Some(pointer)) = (response.hovered_plot_item, pointer) else {
        return;
    };
    let Some((label, offset)) = series
        .iter()
        .find(|(label, _)| egui_plot::ItemId::new(label) == item)
    else {
        return;
    };
    let index = (pointer.x - offset).round();
    let Some(month) = (index >= 0.0).then(|| axis.get(index as usize)).flatten() else {
        return;
    };
    if let Some(text) = hovers.get(&(filter_hash(label), *month)) {
        response.response.clone().on_hover_text_at_pointer(text);
    }
}
