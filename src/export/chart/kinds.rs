//! What each kind of chart shows: which series, over which months, with
//! which title; the figures drawn from are handed to [`Provenance`] for the
//! chart's marking and sources.

use std::collections::BTreeSet;

use super::provenance::Provenance;
use super::view::{YearOverYear, cumulate, month_labels};
use super::{Chart, ChartError, ChartView, Layout, PALETTE_RGB, Series, Value};
use crate::analysis::{Analysis, MonthValue, RegionScope, YearMonth, month_axis};
use crate::model::metric_ids::{APPREHENDED_BORDER, PREVENTED_BORDER};
use crate::model::{Marking, MetricId, Workspace};
use crate::text::ALL_REGIONS;

pub(super) fn monthly(
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
    let labels = month_labels(&axis, drawn.iter().map(|s| s.months.as_slice()));
    Ok(provenance.finish(month_chart(title, labels, series, layout)))
}

pub(super) fn cumulative(
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
    let labels = month_labels(&axis, [shown]);
    Ok(provenance.finish(month_chart(title, labels, series, Layout::Lines)))
}

pub(super) fn border(
    ws: &Workspace,
    analysis: &Analysis,
    view: &ChartView,
) -> Result<Chart, ChartError> {
    let (from, to) = view.range();
    let mut drawn = Vec::new();
    for (id, label, palette_index) in [
        (APPREHENDED_BORDER, "Apprehended", 2),
        (PREVENTED_BORDER, "Prevented", 4),
    ] {
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
    for id in [APPREHENDED_BORDER, PREVENTED_BORDER] {
        provenance.add(&MetricId::new(id), None, &axis);
    }
    let unit = ws
        .metrics
        .get(APPREHENDED_BORDER)
        .map(|m| m.unit.clone())
        .unwrap_or_default();
    let title = "Border: apprehended and prevented, per month".to_owned();
    let labels = month_labels(&axis, drawn.iter().map(|(_, _, months)| *months));
    let mut chart = month_chart(title, labels, series, Layout::GroupedBars);
    chart.unit = unit;
    Ok(provenance.finish(chart))
}

/// One line per year over January to December, from every figure (the month
/// range does not apply: the point is to compare whole years).
pub(super) fn years(
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
    // The same split as the Statistics tab's year-over-year plot: a
    // partial month is not compared with whole months.
    let split = YearOverYear::of(months);
    let series = (first.month.year..=last.month.year)
        .enumerate()
        .map(|(i, year)| Series {
            label: year.to_string(),
            color: color(i),
            values: (1..=12)
                .map(|m| {
                    split
                        .years
                        .get(&year)
                        .and_then(|months| months.iter().find(|(n, _)| *n == m))
                        .map(|(_, v)| value_of(v))
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
        period: {
            let years = if first.month.year == last.month.year {
                first.month.year.to_string()
            } else {
                format!("{}–{}", first.month.year, last.month.year)
            };
            match split.left_out_note() {
                note if note.is_empty() => years,
                note => format!("{years} · {}", note.trim_end_matches('.')),
            }
        },
        unit: String::new(),
        categories,
        series,
        layout: Layout::Lines,
        sources: Vec::new(),
        marking: Marking::default(),
        release_note: None,
    }))
}

/// `labels`: one per month of the axis (see [`month_labels`]).
/// The period names the days of a partial first or last month.
fn month_chart(title: String, labels: Vec<String>, series: Vec<Series>, layout: Layout) -> Chart {
    let period = match (labels.first(), labels.last()) {
        (Some(first), Some(last)) if labels.len() == 1 => {
            debug_assert_eq!(first, last);
            first.clone()
        }
        (Some(first), Some(last)) => format!("{first} – {last}"),
        _ => String::new(),
    };
    Chart {
        title,
        period,
        unit: String::new(),
        categories: labels,
        series,
        layout,
        sources: Vec::new(),
        marking: Marking::default(),
        release_note: None,
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
        partial: month.partial,
    }
}

fn color(index: usize) -> [u8; 3] {
    PALETTE_RGB[index % PALETTE_RGB.len()]
}
