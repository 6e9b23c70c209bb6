//! The Statistics tab's plots: monthly bars by region, year over year,
//! the cumulative total, and border apprehensions against preventions.
//! Each chart's heading carries Export chart… and Copy chart.

use egui::RichText;
use egui_plot::{Corner, Legend, Line, MarkerShape, Plot, PlotPoints, Points};

use super::ChartCache;
use super::bars::{
    BarStyle, HoverTexts, PALETTE, bar_tooltip, estimated_fill, month_tick, series_bars,
};
use crate::analysis::{Analysis, MonthlySeries, RegionScope, YearMonth, month_axis};
use crate::export::chart::{
    ChartKind, ChartView, PARTIAL_LEGEND, YearOverYear, any_partial, month_labels, value_label,
};
use crate::model::MetricId;
use crate::model::metric_ids::{APPREHENDED_BORDER, PREVENTED_BORDER};
use crate::ui::command::Command;
use crate::ui::tabs::TabContext;

/// The y axis reaches this far above the tallest bar, plus a little more
/// per legend entry, so that the legend in the corner clears the bars.
const LEGEND_HEADROOM: f64 = 1.25;
const HEADROOM_PER_ENTRY: f64 = 0.1;

fn headroom(legend_entries: usize) -> f64 {
    LEGEND_HEADROOM + HEADROOM_PER_ENTRY * legend_entries as f64
}

/// A chart's heading, with buttons that export or copy it as shown.
fn chart_section(ui: &mut egui::Ui, title: &str, kind: ChartKind, commands: &mut Vec<Command>) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new(title).strong().size(16.0));
        ui.add_space(12.0);
        for command in [Command::ExportChart(kind), Command::CopyChart(kind)] {
            // One label per kind of button: the chart is known from where it sits.
            let text = match command {
                Command::ExportChart(_) => "Export chart…",
                _ => "Copy chart",
            };
            let button = ui.small_button(text).on_hover_text(command.tooltip());
            if button.clicked() {
                commands.push(command);
            }
        }
    });
    ui.add_space(2.0);
}

/// A plot with month ticks (`labels`, one per month of the axis) and
/// grouped values; `top` is the highest value drawn, and the y range leaves
/// room above it for a legend of `entries`.
fn plot_frame(
    id: &str,
    labels: Vec<String>,
    height: f32,
    top: f64,
    entries: usize,
) -> Plot<'static> {
    Plot::new(id.to_owned())
        .include_y(top * headroom(entries))
        .height(height)
        .legend(Legend::default().position(Corner::LeftTop))
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_y(0.0)
        .x_axis_formatter(move |mark, _| month_tick(&labels, mark.value))
        .y_axis_formatter(|mark, _| value_label(mark.value))
}

/// The monthly chart: bars per region, stacked or side by side, per month
/// or cumulative. Returns the month whose bar was clicked.
pub(super) fn monthly_ui(
    ui: &mut egui::Ui,
    cx: &mut TabContext<'_>,
    cache: &mut ChartCache,
    view: &ChartView,
    metric: &MetricId,
) -> Option<YearMonth> {
    let ws = cx.ws;
    let mode = if view.cumulative {
        "cumulative"
    } else {
        "per month"
    };
    chart_section(
        ui,
        &format!("{} {mode}, by region", ws.metric_name(metric)),
        ChartKind::Monthly,
        cx.commands,
    );
    let as_series = &cache.drawn;
    if as_series.iter().all(|s| s.months.is_empty()) {
        ui.weak("No figures for this metric in the months chosen.");
        return None;
    }
    let axis = month_axis(as_series.iter().map(|s| s.months.as_slice()));
    let count = as_series.len().max(1) as f64;
    let mut charts = Vec::new();
    let mut offsets: Vec<(&str, f64)> = Vec::new();
    for (index, (label, series)) in cache.labels.iter().zip(as_series).enumerate() {
        let style = if view.side_by_side {
            let width = 0.8 / count;
            BarStyle {
                color: PALETTE[index % PALETTE.len()],
                offset: -0.4 + width * (index as f64 + 0.5),
                width: width * 0.95,
            }
        } else {
            BarStyle {
                color: PALETTE[index % PALETTE.len()],
                offset: 0.0,
                width: 0.7,
            }
        };
        offsets.push((label.as_str(), style.offset));
        charts.push(series_bars(ws, label, series, &axis, &style, &mut cache.hovers).into_charts());
    }
    let top = if view.side_by_side {
        as_series
            .iter()
            .flat_map(|s| s.months.iter().map(|m| m.value))
            .max()
            .unwrap_or(0)
    } else {
        axis.iter()
            .map(|m| {
                as_series
                    .iter()
                    .filter_map(|s| s.get(*m))
                    .map(|v| v.value)
                    .fold(0u64, u64::saturating_add)
            })
            .max()
            .unwrap_or(0)
    };
    let mut placed: Vec<egui_plot::BarChart> = Vec::new();
    for chart in charts.into_iter().flatten() {
        // Stacked: each chart sits on the tops of all those before it.
        let chart = if view.side_by_side {
            chart
        } else {
            let below: Vec<&egui_plot::BarChart> = placed.iter().collect();
            chart.stack_on(&below)
        };
        placed.push(chart);
    }
    let slices = as_series.iter().map(|s| s.months.as_slice());
    let labels = month_labels(&axis, slices.clone());
    let partial = any_partial(slices);
    let entries = as_series.len() + usize::from(partial);
    let clicked_axis = axis;
    let response =
        plot_frame("monthly_plot", labels, 260.0, top as f64, entries).show(ui, |plot| {
            for chart in placed {
                plot.bar_chart(chart);
            }
            if partial {
                // A bar of height 0: only a legend entry naming narrow bars.
                let marker = egui_plot::Bar::new(0.0, 0.0).width(0.0);
                let legend = egui_plot::BarChart::new(PARTIAL_LEGEND, vec![marker]);
                plot.bar_chart(legend.color(egui::Color32::GRAY));
            }
            plot.pointer_coordinate()
        });
    bar_tooltip(
        &response,
        response.inner,
        &offsets,
        &clicked_axis,
        &cache.hovers,
    );
    ui.weak("Solid: reported for the month. Light: estimated, allocated pro rata by day from a longer reported period. Narrow: a month the figures reach only in part, its days in the label. Hover a bar for its figures and source; click it to list them below.");
    let clicked = response.response.clicked();
    response.inner.filter(|_| clicked).and_then(|point| {
        let index = point.x.round();
        (index >= 0.0)
            .then(|| clicked_axis.get(index as usize).copied())
            .flatten()
    })
}

/// The same months of each year as one line per year.
pub(super) fn years_ui(
    ui: &mut egui::Ui,
    commands: &mut Vec<Command>,
    analysis: &Analysis,
    metric: &MetricId,
    name: &str,
) {
    let Some(series) = analysis.series(metric, &RegionScope::All) else {
        return;
    };
    chart_section(
        ui,
        &format!("{name}, year over year"),
        ChartKind::Years,
        commands,
    );
    // A partial month is not compared with whole months of other years
    // (the exported chart splits the series the same way).
    let split = YearOverYear::of(&series.months);
    let top = split
        .years
        .values()
        .flatten()
        .map(|(_, m)| m.value)
        .max()
        .unwrap_or(0);
    let years: Vec<(i32, Vec<[f64; 2]>)> = split
        .years
        .iter()
        .map(|(year, months)| {
            let points = months
                .iter()
                .map(|(n, m)| [f64::from(*n), m.value as f64])
                .collect();
            (*year, points)
        })
        .collect();
    let names: Vec<String> = (1..=12)
        .map(|m| {
            YearMonth::new(2000, m)
                .map_or_else(String::new, |ym| ym.first_day().format("%b").to_string())
        })
        .collect();
    Plot::new("years_plot")
        .height(220.0)
        .legend(Legend::default().position(Corner::LeftTop))
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(top as f64 * headroom(years.len()))
        .include_x(0.5)
        .include_x(12.5)
        .x_axis_formatter(move |mark, _| {
            let index = mark.value.round();
            if (mark.value - index).abs() > 1e-6 || !(1.0..=12.0).contains(&index) {
                return String::new();
            }
            names.get(index as usize - 1).cloned().unwrap_or_default()
        })
        .y_axis_formatter(|mark, _| value_label(mark.value))
        .show(ui, |plot| {
            for (index, (year, points)) in years.into_iter().enumerate() {
                let color = PALETTE[index % PALETTE.len()];
                plot.line(
                    Line::new(year.to_string(), PlotPoints::new(points.clone()))
                        .color(color)
                        .width(2.0),
                );
                plot.points(
                    Points::new(year.to_string(), PlotPoints::new(points))
                        .color(color)
                        .radius(3.5),
                );
            }
        });
    let note = split.left_out_note();
    if !note.is_empty() {
        ui.weak(note);
    }
}

pub(super) fn cumulative_ui(
    ui: &mut egui::Ui,
    cx: &mut TabContext<'_>,
    analysis: &Analysis,
    view: &ChartView,
    metric: &MetricId,
) {
    let ws = cx.ws;
    let Some(series) = analysis.series(metric, &RegionScope::All) else {
        return;
    };
    let (from, to) = view.range();
    let shown = MonthlySeries {
        months: series.range(from, to).to_vec(),
    };
    if shown.months.is_empty() {
        return;
    }
    chart_section(
        ui,
        &format!(
            "{}, cumulative over the months shown",
            ws.metric_name(metric)
        ),
        ChartKind::Cumulative,
        cx.commands,
    );
    let axis = month_axis([shown.months.as_slice()]);
    let mut total = 0u64;
    let mut line = Vec::new();
    let mut reported = Vec::new();
    let mut estimated = Vec::new();
    for (x, month) in axis.iter().enumerate() {
        if let Some(value) = shown.get(*month) {
            total = total.saturating_add(value.value);
            let point = [x as f64, total as f64];
            line.push(point);
            if value.estimated {
                estimated.push(point);
            } else {
                reported.push(point);
            }
        }
    }
    let color = PALETTE[0];
    let labels = month_labels(&axis, [shown.months.as_slice()]);
    plot_frame("cumulative_plot", labels, 200.0, total as f64, 3).show(ui, |plot| {
        plot.line(
            Line::new("Cumulative total", PlotPoints::new(line))
                .color(color)
                .width(2.0),
        );
        plot.points(
            Points::new("Month reported", PlotPoints::new(reported))
                .color(color)
                .radius(5.0)
                .shape(MarkerShape::Circle)
                .filled(true),
        );
        plot.points(
            Points::new("Month estimated", PlotPoints::new(estimated))
                .color(estimated_fill(color))
                .radius(5.0)
                .shape(MarkerShape::Circle)
                .filled(false),
        );
    });
}

pub(super) fn border_ui(
    ui: &mut egui::Ui,
    cx: &mut TabContext<'_>,
    analysis: &Analysis,
    view: &ChartView,
    hovers: &mut HoverTexts,
) {
    let ws = cx.ws;
    let apprehended = MetricId::new(APPREHENDED_BORDER);
    let prevented = MetricId::new(PREVENTED_BORDER);
    let (Some(a), Some(p)) = (
        analysis.series(&apprehended, &RegionScope::All),
        analysis.series(&prevented, &RegionScope::All),
    ) else {
        return;
    };
    let (from, to) = view.range();
    let a = MonthlySeries {
        months: a.range(from, to).to_vec(),
    };
    let p = MonthlySeries {
        months: p.range(from, to).to_vec(),
    };
    if a.months.is_empty() && p.months.is_empty() {
        return;
    }
    chart_section(
        ui,
        "Border: apprehended and prevented, per month",
        ChartKind::Border,
        cx.commands,
    );
    let axis = month_axis([a.months.as_slice(), p.months.as_slice()]);
    let left = BarStyle {
        color: PALETTE[2],
        offset: -0.2,
        width: 0.38,
    };
    let right = BarStyle {
        color: PALETTE[4],
        offset: 0.2,
        width: 0.38,
    };
    let mut charts = series_bars(ws, "Apprehended", &a, &axis, &left, hovers).into_charts();
    charts.extend(series_bars(ws, "Prevented", &p, &axis, &right, hovers).into_charts());
    let top = [&a, &p]
        .iter()
        .flat_map(|s| s.months.iter().map(|m| m.value))
        .max()
        .unwrap_or(0);
    let labels = month_labels(&axis, [a.months.as_slice(), p.months.as_slice()]);
    let response = plot_frame("border_plot", labels, 220.0, top as f64, 2).show(ui, |plot| {
        for chart in charts {
            plot.bar_chart(chart);
        }
        plot.pointer_coordinate()
    });
    let offsets = [("Apprehended", left.offset), ("Prevented", right.offset)];
    bar_tooltip(&response, response.inner, &offsets, &axis, hovers);
}
