//! Charts for slides and paper. [`Chart::build`] resolves what a chart shows
//! from the workspace (values, labels, sources, marking); [`to_svg`] draws
//! it with plotters, and [`to_png`] rasterises that SVG, so every output of
//! one chart agrees.

mod kinds;
mod legend;
mod page;
mod paint;
mod plot;
mod provenance;
mod render;
mod view;

use std::collections::BTreeSet;

use thiserror::Error;

pub(crate) use page::banner;
pub(crate) use paint::{DrawResult, GRID, MUTED, Scale, hatched_bar, rgb};
pub use plot::value_label;
pub use render::{Banners, ChartSize, OutputFormat, to_png, to_rgb, to_svg};
pub(crate) use render::{rgb_to_png, svg_to_rgb, svg_with};
pub use view::{
    ChartSeries, ChartView, MAX_SERIES, PARTIAL_LEGEND, PARTIAL_WIDTH, YearOverYear, any_partial,
    cumulate, month_labels,
};

use crate::analysis::Analysis;
use crate::model::metric_ids::{APPREHENDED_BORDER, PREVENTED_BORDER};
use crate::model::{Marking, MetricId, Workspace};

/// Colours for successive regions or metrics (on screen and in exports):
/// one per series a chart draws at most, the last (grey) for "other regions".
pub const PALETTE_RGB: [[u8; 3]; MAX_SERIES] = [
    [31, 119, 180],
    [255, 127, 14],
    [44, 160, 44],
    [214, 39, 40],
    [148, 103, 189],
    [140, 86, 75],
    [227, 119, 194],
    [127, 127, 127],
];

/// The charts of the Statistics tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ChartKind {
    /// Bars per month by region, stacked or side by side (or cumulative).
    Monthly,
    /// The running total of all regions as a line.
    Cumulative,
    /// Border apprehensions against preventions, side by side.
    Border,
    /// The same months of each year, one line per year.
    Years,
}

impl ChartKind {
    /// Used in suggested file names.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Monthly => "monthly",
            Self::Cumulative => "cumulative",
            Self::Border => "border",
            Self::Years => "years",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    StackedBars,
    GroupedBars,
    Lines,
}

/// One value of a series; `None` in [`Series::values`] is a month without
/// figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Value {
    pub value: u64,
    /// Allocated pro rata from a longer period rather than reported.
    pub estimated: bool,
    /// The figures reach only part of the month (its category label names
    /// the days): drawn narrower, like the Statistics tab's bars.
    pub partial: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    pub label: String,
    pub color: [u8; 3],
    /// One entry per category.
    pub values: Vec<Option<Value>>,
}

/// Everything a chart draws, independent of the output format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chart {
    pub title: String,
    /// The months covered, plus "as known on" when figures are cut off.
    pub period: String,
    /// What one unit on the value axis is, e.g. "people".
    pub unit: String,
    /// The x axis labels.
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub layout: Layout,
    /// Titles of the sources cited by every figure drawn.
    pub sources: Vec<String>,
    /// The highest marking of the workspace and of every figure and source
    /// the chart draws from.
    pub marking: Marking,
    /// "Released at …: N records withheld", when made for a release level.
    pub release_note: Option<String>,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ChartError {
    #[error("no metric \"{metric}\" in this workspace; it has: {known}")]
    UnknownMetric { metric: String, known: String },
    #[error("no region \"{region}\" for this metric; it has: {known}")]
    UnknownRegion { region: String, known: String },
    #[error("no figures for {what} in the months chosen")]
    NoFigures { what: String },
    #[error(
        "the border chart needs the metrics \"{APPREHENDED_BORDER}\" and \"{PREVENTED_BORDER}\", which this workspace lacks"
    )]
    NoBorderMetrics,
}

impl Chart {
    /// The chart of `kind` for `metric` as `view` shows it. `analysis` must be
    /// the analysis as known on `view.as_of` when that is set.
    pub fn build(
        ws: &Workspace,
        analysis: &Analysis,
        kind: ChartKind,
        metric: &MetricId,
        view: &ChartView,
    ) -> Result<Self, ChartError> {
        let metric_record =
            ws.metrics
                .get(metric.as_str())
                .ok_or_else(|| ChartError::UnknownMetric {
                    metric: metric.to_string(),
                    known: list(ws.metrics.iter().map(|m| m.id.as_str())),
                })?;
        let name = metric_record.name.as_str();
        let unit = if metric_record.unit.trim().is_empty() {
            "count".to_owned()
        } else {
            metric_record.unit.clone()
        };
        let mut chart = match kind {
            ChartKind::Monthly => kinds::monthly(ws, analysis, metric, name, view)?,
            ChartKind::Cumulative => kinds::cumulative(ws, analysis, metric, name, view)?,
            ChartKind::Border => kinds::border(ws, analysis, view)?,
            ChartKind::Years => kinds::years(ws, analysis, metric, name, view)?,
        };
        if chart.unit.is_empty() {
            chart.unit = unit;
        }
        if let Ok(Some(date)) = view.as_of_date() {
            chart.period.push_str(&format!(
                " · figures as known on {}",
                date.format("%-d %b %Y")
            ));
        }
        Ok(chart)
    }

    pub fn has_estimated(&self) -> bool {
        self.values().any(|v| v.estimated)
    }

    pub fn has_partial(&self) -> bool {
        self.values().any(|v| v.partial)
    }

    /// The highest point drawn: the tallest stack when stacked.
    pub fn top(&self) -> u64 {
        match self.layout {
            Layout::StackedBars => (0..self.categories.len())
                .map(|i| {
                    self.series
                        .iter()
                        .filter_map(|s| s.values.get(i).copied().flatten())
                        .fold(0u64, |sum, v| sum.saturating_add(v.value))
                })
                .max()
                .unwrap_or(0),
            Layout::GroupedBars | Layout::Lines => {
                self.values().map(|v| v.value).max().unwrap_or(0)
            }
        }
    }

    fn values(&self) -> impl Iterator<Item = Value> + '_ {
        self.series
            .iter()
            .flat_map(|s| s.values.iter().flatten().copied())
    }
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

impl ChartView {
    /// Shows only `regions` (matched ignoring case and accents), hiding the
    /// metric's other regions; an unknown name is an error naming the known ones.
    pub fn show_only(
        &mut self,
        regions: &[String],
        known: &BTreeSet<String>,
    ) -> Result<(), ChartError> {
        if regions.is_empty() {
            return Ok(());
        }
        let mut shown = BTreeSet::new();
        for wanted in regions {
            let found = crate::analysis::find_region(known, wanted).ok_or_else(|| {
                ChartError::UnknownRegion {
                    region: wanted.clone(),
                    known: list(known.iter().map(String::as_str)),
                }
            })?;
            shown.insert(found.to_owned());
        }
        self.hidden_regions = known.difference(&shown).cloned().collect();
        Ok(())
    }
}

#[cfg(test)]
mod tests;
