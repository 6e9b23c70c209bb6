//! Charts for slides and paper. [`Chart::build`] resolves what a chart shows
//! from the workspace (values, labels, sources, marking); [`to_svg`] draws
//! it with plotters, and [`to_png`] rasterises that SVG, so every output of
//! one chart agrees.

mod legend;
mod page;
mod paint;
mod plot;
mod render;
mod view;

use std::collections::BTreeSet;

use thiserror::Error;

pub use plot::value_label;
pub(crate) use render::svg_with;
pub use render::{Banners, ChartSize, OutputFormat, to_png, to_rgb, to_svg};
pub use view::{ChartSeries, ChartView, MAX_SERIES, cumulate};

use crate::analysis::{Analysis, MonthValue, RegionScope, YearMonth, month_axis};
use chrono::NaiveDate;

use crate::model::{Marking, MetricId, Observation, SourceId, Workspace};
use crate::text::fold;

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

/// The label of a series that is not broken down by region.
pub const ALL_REGIONS: &str = "all regions";

/// The two metrics of the border chart.
pub const APPREHENDED: &str = "apprehended_border";
pub const PREVENTED: &str = "prevented_border";

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
        "the border chart needs the metrics \"{APPREHENDED}\" and \"{PREVENTED}\", which this workspace lacks"
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
            ChartKind::Monthly => monthly(ws, analysis, metric, name, view)?,
            ChartKind::Cumulative => cumulative(ws, analysis, metric, name, view)?,
            ChartKind::Border => border(ws, analysis, view)?,
            ChartKind::Years => years(ws, analysis, metric, name, view)?,
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

/// A chart's figures come with their marking and sources: a chart built on a
/// RESTRICTED figure is RESTRICTED whatever the workspace says. Every figure
/// of the metric that overlaps the months drawn counts, totals and longer
/// periods included, since they shape the derived values too (erring towards
/// the higher marking).
struct Provenance<'a> {
    ws: &'a Workspace,
    as_of: Option<NaiveDate>,
    observations: Vec<&'a Observation>,
}

impl<'a> Provenance<'a> {
    fn new(ws: &'a Workspace, view: &ChartView) -> Self {
        Self {
            ws,
            as_of: view.as_of_date().ok().flatten(),
            observations: Vec::new(),
        }
    }

    /// Figures of `metric` within `axis`, for `regions` (`None`: all).
    fn add(&mut self, metric: &MetricId, regions: Option<&BTreeSet<String>>, axis: &[YearMonth]) {
        let (Some(first), Some(last)) = (axis.first(), axis.last()) else {
            return;
        };
        let (from, to) = (first.first_day(), last.last_day());
        let as_of = self.as_of;
        self.observations
            .extend(self.ws.observations.iter().filter(|o| {
                o.metric == *metric
                    && o.start <= to
                    && o.end >= from
                    && as_of.is_none_or(|d| o.reported_on.is_none_or(|r| r <= d))
                    && regions.is_none_or(|shown| {
                        o.regions.is_empty() || o.regions.iter().any(|r| shown.contains(r))
                    })
            }));
    }

    fn finish(self, mut chart: Chart) -> Chart {
        let ws = self.ws;
        let mut marking = ws.marking.clone();
        let mut sources = BTreeSet::<&SourceId>::new();
        for observation in &self.observations {
            if let Some(own) = &observation.marking {
                marking = marking.combine(own);
            }
            sources.extend(observation.sources.iter().map(|c| &c.source));
        }
        let mut cited: Vec<_> = sources
            .into_iter()
            .map(|id| match ws.sources.get(id.as_str()) {
                Some(source) => {
                    if let Some(own) = &source.marking {
                        marking = marking.combine(own);
                    }
                    (source.published_on, source.title.clone())
                }
                None => (None, id.to_string()),
            })
            .collect();
        // Newest first: the latest briefing is the one a reader looks for.
        cited.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        chart.sources = cited.into_iter().map(|(_, title)| title).collect();
        chart.marking = marking;
        chart
    }
}

fn monthly(
    ws: &Workspace,
    analysis: &Analysis,
    metric: &MetricId,
    name: &str,
    view: &ChartView,
) -> Result<Chart, ChartError> {
    let drawn = view.series(analysis, metric);
    let axis = month_axis(drawn.iter().map(|s| s.months.as_slice()));
    if axis.is_empty() {
        return Err(ChartError::NoFigures {
            what: name.to_owned(),
        });
    }
    let mode = if view.cumulative {
        "cumulative"
    } else {
        "per month"
    };
    let title = match drawn.as_slice() {
        [only] if only.label == ALL_REGIONS => format!("{name} {mode}"),
        [only] => format!("{name} {mode}, {}", only.label),
        _ => format!("{name} {mode}, by region"),
    };
    let layout = if view.side_by_side {
        Layout::GroupedBars
    } else {
        Layout::StackedBars
    };
    let series = drawn
        .iter()
        .enumerate()
        .map(|(i, s)| series_on_axis(&s.label, color(i), &s.months, &axis))
        .collect();
    let mut provenance = Provenance::new(ws, view);
    let known = analysis.regions.get(metric);
    let shown: Option<BTreeSet<String>> = known
        .filter(|known| known.len() > 1)
        .map(|known| known.difference(&view.hidden_regions).cloned().collect());
    provenance.add(metric, shown.as_ref(), &axis);
    Ok(provenance.finish(month_chart(title, &axis, series, layout)))
}

fn cumulative(
    ws: &Workspace,
    analysis: &Analysis,
    metric: &MetricId,
    name: &str,
    view: &ChartView,
) -> Result<Chart, ChartError> {
    let (from, to) = view.range();
    let shown = analysis
        .series(metric, &RegionScope::All)
        .map(|s| s.range(from, to))
        .unwrap_or_default();
    if shown.is_empty() {
        return Err(ChartError::NoFigures {
            what: name.to_owned(),
        });
    }
    let axis = month_axis([shown]);
    let mut running = shown.to_vec();
    cumulate(&mut running);
    let series = vec![series_on_axis(
        "Cumulative total",
        color(0),
        &running,
        &axis,
    )];
    let mut provenance = Provenance::new(ws, view);
    provenance.add(metric, None, &axis);
    let title = format!("{name}, cumulative total over the months shown");
    Ok(provenance.finish(month_chart(title, &axis, series, Layout::Lines)))
}

fn border(ws: &Workspace, analysis: &Analysis, view: &ChartView) -> Result<Chart, ChartError> {
    let (from, to) = view.range();
    let mut drawn = Vec::new();
    for (id, label, palette_index) in [(APPREHENDED, "Apprehended", 2), (PREVENTED, "Prevented", 4)]
    {
        if !ws.metrics.contains(id) {
            return Err(ChartError::NoBorderMetrics);
        }
        let months = analysis
            .series(&MetricId::new(id), &RegionScope::All)
            .map(|s| s.range(from, to))
            .unwrap_or_default();
        drawn.push((label, color(palette_index), months));
    }
    let axis = month_axis(drawn.iter().map(|(_, _, months)| *months));
    if axis.is_empty() {
        return Err(ChartError::NoFigures {
            what: "border apprehensions or preventions".to_owned(),
        });
    }
    let series = drawn
        .iter()
        .map(|(label, color, months)| series_on_axis(label, *color, months, &axis))
        .collect();
    let mut provenance = Provenance::new(ws, view);
    for id in [APPREHENDED, PREVENTED] {
        provenance.add(&MetricId::new(id), None, &axis);
    }
    let unit = ws
        .metrics
        .get(APPREHENDED)
        .map(|m| m.unit.clone())
        .unwrap_or_default();
    let title = "Border: apprehended and prevented, per month".to_owned();
    let mut chart = month_chart(title, &axis, series, Layout::GroupedBars);
    chart.unit = unit;
    Ok(provenance.finish(chart))
}

/// One line per year over January to December, from every figure (the month
/// range does not apply: the point is to compare whole years).
fn years(
    ws: &Workspace,
    analysis: &Analysis,
    metric: &MetricId,
    name: &str,
    view: &ChartView,
) -> Result<Chart, ChartError> {
    let months = analysis
        .series(metric, &RegionScope::All)
        .map(|s| s.months.as_slice())
        .unwrap_or_default();
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Err(ChartError::NoFigures {
            what: name.to_owned(),
        });
    };
    let categories = (1..=12)
        .filter_map(|m| YearMonth::new(2000, m))
        .map(|m| m.first_day().format("%b").to_string())
        .collect();
    let series = (first.month.year..=last.month.year)
        .enumerate()
        .map(|(i, year)| Series {
            label: year.to_string(),
            color: color(i),
            values: (1..=12)
                .map(|m| {
                    YearMonth::new(year, m)
                        .and_then(|month| months.iter().find(|v| v.month == month))
                        .map(value_of)
                })
                .collect(),
        })
        .collect();
    let mut provenance = Provenance::new(ws, view);
    let whole_years = [
        YearMonth::new(first.month.year, 1),
        YearMonth::new(last.month.year, 12),
    ];
    provenance.add(
        metric,
        None,
        &whole_years.into_iter().flatten().collect::<Vec<_>>(),
    );
    Ok(provenance.finish(Chart {
        title: format!("{name}, year over year"),
        period: if first.month.year == last.month.year {
            first.month.year.to_string()
        } else {
            format!("{}–{}", first.month.year, last.month.year)
        },
        unit: String::new(),
        categories,
        series,
        layout: Layout::Lines,
        sources: Vec::new(),
        marking: Marking::default(),
    }))
}

fn month_chart(title: String, axis: &[YearMonth], series: Vec<Series>, layout: Layout) -> Chart {
    let period = match (axis.first(), axis.last()) {
        (Some(first), Some(last)) if first == last => first.short_label(),
        (Some(first), Some(last)) => format!("{} – {}", first.short_label(), last.short_label()),
        _ => String::new(),
    };
    Chart {
        title,
        period,
        unit: String::new(),
        categories: axis.iter().map(|m| m.short_label()).collect(),
        series,
        layout,
        sources: Vec::new(),
        marking: Marking::default(),
    }
}

fn series_on_axis(
    label: &str,
    color: [u8; 3],
    months: &[MonthValue],
    axis: &[YearMonth],
) -> Series {
    let value = |month: &YearMonth| {
        months
            .binary_search_by_key(month, |m| m.month)
            .ok()
            .map(|i| value_of(&months[i]))
    };
    Series {
        label: label.to_owned(),
        color,
        values: axis.iter().map(value).collect(),
    }
}

fn value_of(month: &MonthValue) -> Value {
    Value {
        value: month.value,
        estimated: month.estimated,
    }
}

fn color(index: usize) -> [u8; 3] {
    PALETTE_RGB[index % PALETTE_RGB.len()]
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
            let found = known
                .iter()
                .find(|k| fold(k) == fold(wanted))
                .ok_or_else(|| ChartError::UnknownRegion {
                    region: wanted.clone(),
                    known: list(known.iter().map(String::as_str)),
                })?;
            shown.insert(found.clone());
        }
        self.hidden_regions = known.difference(&shown).cloned().collect();
        Ok(())
    }
}

#[cfg(test)]
mod tests;
