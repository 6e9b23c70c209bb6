//! The Statistics tab: monthly figures by region, the cumulative total,
//! border apprehensions against preventions, the figures behind them and
//! the problems found reconciling them.

mod bars;
mod controls;

use egui::RichText;
use egui_extras::Column;
use egui_plot::{Corner, Legend, Line, MarkerShape, Plot, PlotPoints, Points};
use serde::{Deserialize, Serialize};

use crate::ui::command::Command;
use crate::ui::tabs::TabContext;
use crate::ui::tabs::statistics::bars::{
    BarStyle, HoverTexts, PALETTE, estimated_fill, month_tick, series_bars,
};
use crate::ui::widgets::table::{ListState, TableSpec, filter_hash, matches_filter, record_table};
use crate::ui::widgets::{
    cell, date_text, labelled_combo, new_record_button, record_actions, section, text_field,
};
use chrono::NaiveDate;

use crate::analysis::{Analysis, MonthlySeries, RegionScope, YearMonth, month_axis};
use crate::export::chart::{Chart, ChartError, ChartKind, ChartView, value_label};
use crate::model::{MetricId, ObservationId, RecordId, RecordKind, Workspace};
use crate::text::{group_thousands, period_label};
use crate::ui::tabs::statistics::controls::chart_controls;

/// The metric shown first, when the workspace has it.
const DEFAULT_METRIC: &str = "neutralised";
/// The y axis reaches this far above the tallest bar, plus a little more
/// per legend entry, so that the legend in the corner clears the bars.
const LEGEND_HEADROOM: f64 = 1.25;
const HEADROOM_PER_ENTRY: f64 = 0.1;

fn headroom(legend_entries: usize) -> f64 {
    LEGEND_HEADROOM + HEADROOM_PER_ENTRY * legend_entries as f64
}
const APPREHENDED: &str = "apprehended_border";
const PREVENTED: &str = "prevented_border";

#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StatisticsTab {
    metric: Option<MetricId>,
    pub view: ChartView,
    figures: ListState<ObservationId>,
    /// The month whose bar was clicked: the figures table shows its figures.
    #[serde(skip)]
    selected_month: Option<YearMonth>,
    /// What the charts draw, for the workspace, metric and options it was
    /// worked out for: recomputed when they change, not every frame.
    #[serde(skip)]
    cache: ChartCache,
    /// The analysis "as known on" a date, for the workspace revision it was
    /// computed from.
    #[serde(skip)]
    as_of: Option<((u64, u64), NaiveDate, Analysis)>,
}

impl StatisticsTab {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
        let ws = cx.ws;
        if ws.metrics.is_empty() {
            ui.weak("This workspace has no metrics or figures yet.");
            return;
        }
        let metric = self.current_metric(ws);
        self.metric = Some(metric.clone());
        ui.horizontal(|ui| {
            let mut chosen = metric.clone();
            labelled_combo(ui, "Metric", ws.metric_name(&metric), 360.0, |ui| {
                for m in &ws.metrics {
                    ui.selectable_value(&mut chosen, m.id.clone(), &m.name);
                }
            });
            if chosen != metric {
                self.metric = Some(chosen);
            }
            let export = Command::ExportSeries;
            if ui
                .button(export.label())
                .on_hover_text(export.tooltip())
                .clicked()
            {
                cx.commands.push(export);
            }
            if ui.button("Edit metric…").clicked() {
                cx.commands
                    .push(Command::EditRecord(RecordId::Metric(metric.clone())));
            }
            new_record_button(ui, cx.commands, RecordKind::Observation);
        });
        let metric = self.current_metric(ws);
        let regions = cx
            .derived
            .analysis
            .regions
            .get(&metric)
            .cloned()
            .unwrap_or_default();
        chart_controls(ui, &mut self.view, &regions);
        self.refresh_as_of(ws, cx.key);
        let Self {
            view,
            figures,
            selected_month,
            as_of,
            cache,
            ..
        } = self;
        let analysis = match (&*as_of, view.as_of_date()) {
            (Some((_, _, analysis)), Ok(Some(_))) => analysis,
            _ => &cx.derived.analysis,
        };
        cache.refresh(
            filter_hash(&(cx.key, &metric, &*view)),
            analysis,
            view,
            &metric,
        );
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if let Some(month) = monthly_ui(ui, cx, cache, view, &metric) {
                    *selected_month = Some(month);
                }
                if view.compare_years {
                    years_ui(ui, cx.commands, analysis, &metric, ws.metric_name(&metric));
                }
                cumulative_ui(ui, cx, analysis, view, &metric);
                if ws.metrics.contains(APPREHENDED) && ws.metrics.contains(PREVENTED) {
                    border_ui(ui, cx, analysis, view, &mut cache.hovers);
                }
                figures_ui(ui, cx, figures, selected_month, &metric);
                problems_ui(ui, analysis, &metric, figures);
            });
    }

    /// Recomputes the "as known on" analysis when the date or the workspace
    /// changed (never every frame).
    fn refresh_as_of(&mut self, ws: &Workspace, key: (u64, u64)) {
        match self.view.as_of_date() {
            Ok(Some(date)) => {
                let current = self
                    .as_of
                    .as_ref()
                    .is_some_and(|(k, d, _)| *k == key && *d == date);
                if !current {
                    self.as_of = Some((key, date, Analysis::compute_as_of(ws, Some(date))));
                }
            }
            _ => self.as_of = None,
        }
    }

    /// The chart's series as CSV, for Export series CSV.
    pub fn series_csv(&self, ws: &Workspace, analysis: &Analysis) -> String {
        let metric = self.current_metric(ws);
        match (&self.as_of, self.view.as_of_date()) {
            (Some((_, _, as_of)), Ok(Some(_))) => self.view.csv(as_of, &metric),
            _ => self.view.csv(analysis, &metric),
        }
    }

    /// The chart of `kind` as the tab shows it (metric, regions, months,
    /// mode, "as known on"), for Export chart and Copy chart.
    pub fn chart(
        &self,
        ws: &Workspace,
        analysis: &Analysis,
        kind: ChartKind,
    ) -> Result<Chart, ChartError> {
        let metric = self.current_metric(ws);
        let analysis = match (&self.as_of, self.view.as_of_date()) {
            (Some((_, _, as_of)), Ok(Some(_))) => as_of,
            _ => analysis,
        };
        Chart::build(ws, analysis, kind, &metric, &self.view)
    }

    /// A file name for the chart, e.g. `neutralised-monthly`.
    pub fn chart_file_stem(&self, ws: &Workspace, kind: ChartKind) -> String {
        match kind {
            ChartKind::Border => "border-monthly".to_owned(),
            _ => format!("{}-{}", self.current_metric(ws), kind.slug()),
        }
    }

    fn current_metric(&self, ws: &Workspace) -> MetricId {
        self.metric
            .clone()
            .filter(|m| ws.metrics.contains(m.as_str()))
            .or_else(|| ws.metrics.get(DEFAULT_METRIC).map(|m| m.id.clone()))
            .or_else(|| ws.metrics.iter().next().map(|m| m.id.clone()))
            .unwrap_or_default()
    }

    /// Shows the figure's metric and selects it in the figures table.
    pub fn reveal(&mut self, ws: &Workspace, id: &ObservationId) {
        if let Some(observation) = ws.observations.get(id.as_str()) {
            self.metric = Some(observation.metric.clone());
            self.figures.selected = Some(id.clone());
            self.figures.filter.clear();
            self.selected_month = None;
        }
    }
}

#[derive(Default)]
struct ChartCache {
    key: u64,
    /// The monthly chart's series: their legend labels and months.
    labels: Vec<String>,
    drawn: Vec<MonthlySeries>,
    hovers: HoverTexts,
}

impl ChartCache {
    fn refresh(&mut self, key: u64, analysis: &Analysis, view: &ChartView, metric: &MetricId) {
        if self.key != key || self.drawn.is_empty() {
            let series = view.series(analysis, metric);
            self.labels = series.iter().map(|s| s.label.clone()).collect();
            self.drawn = series
                .into_iter()
                .map(|s| MonthlySeries { months: s.months })
                .collect();
            self.hovers.clear();
            self.key = key;
        }
    }
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

/// A plot with month ticks and grouped values; `top` is the highest value
/// drawn, and the y range leaves room above it for a legend of `entries`.
fn plot_frame(
    id: &str,
    axis: Vec<crate::analysis::YearMonth>,
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
        .x_axis_formatter(move |mark, _| month_tick(&axis, mark.value))
        .y_axis_formatter(|mark, _| value_label(mark.value))
}

/// The monthly chart: bars per region, stacked or side by side, per month
/// or cumulative. Returns the month whose bar was clicked.
fn monthly_ui(
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
    let clicked_axis = axis.clone();
    let response =
        plot_frame("monthly_plot", axis, 260.0, top as f64, as_series.len()).show(ui, |plot| {
            for chart in placed {
                plot.bar_chart(chart);
            }
            plot.pointer_coordinate()
        });
    ui.weak("Solid: reported for the month. Light: estimated, allocated pro rata by day from a longer reported period. Hover a bar for its figures and source; click it to list them below.");
    let clicked = response.response.clicked();
    response.inner.filter(|_| clicked).and_then(|point| {
        let index = point.x.round();
        (index >= 0.0)
            .then(|| clicked_axis.get(index as usize).copied())
            .flatten()
    })
}

/// The same months of each year as one line per year.
fn years_ui(
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
    let mut years: std::collections::BTreeMap<i32, Vec<[f64; 2]>> =
        std::collections::BTreeMap::new();
    let mut top = 0u64;
    for m in &series.months {
        years
            .entry(m.month.year)
            .or_default()
            .push([f64::from(m.month.month), m.value as f64]);
        top = top.max(m.value);
    }
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
}

fn cumulative_ui(
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
    plot_frame("cumulative_plot", axis, 200.0, total as f64, 3).show(ui, |plot| {
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

fn border_ui(
    ui: &mut egui::Ui,
    cx: &mut TabContext<'_>,
    analysis: &Analysis,
    view: &ChartView,
    hovers: &mut HoverTexts,
) {
    let ws = cx.ws;
    let apprehended = MetricId::new(APPREHENDED);
    let prevented = MetricId::new(PREVENTED);
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
    plot_frame("border_plot", axis, 220.0, top as f64, 2).show(ui, |plot| {
        for chart in charts {
            plot.bar_chart(chart);
        }
    });
}

fn problems_ui(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    metric: &MetricId,
    figures: &mut ListState<ObservationId>,
) {
    section(ui, "Problems reconciling these figures");
    let problems: Vec<_> = analysis
        .problems
        .iter()
        .filter(|p| &p.metric == metric)
        .collect();
    if problems.is_empty() {
        ui.colored_label(
            crate::ui::tabs::overview::OK_COLOR,
            "The reported figures for this metric reconcile.",
        );
        return;
    }
    let count = problems.len();
    for problem in problems.into_iter().take(MAX_PROBLEMS_SHOWN) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.colored_label(ui.visuals().warn_fg_color, problem.kind.label());
            ui.label(&problem.message);
            ui.horizontal_wrapped(|ui| {
                ui.weak("Figures:");
                for id in problem.observations.iter().take(MAX_FIGURE_LINKS) {
                    if ui.link(id.as_str()).clicked() {
                        figures.selected = Some(id.clone());
                        figures.filter.clear();
                    }
                }
                let more = problem.observations.len().saturating_sub(MAX_FIGURE_LINKS);
                if more > 0 {
                    ui.weak(format!("and {} more", group_thousands(more as u64)));
                }
            });
        });
    }
    if count > MAX_PROBLEMS_SHOWN {
        ui.weak(format!(
            "And {} more; `coopdesk check FILE` lists them all.",
            group_thousands((count - MAX_PROBLEMS_SHOWN) as u64)
        ));
    }
}

/// Problems listed on the tab (each is a group of widgets every frame).
const MAX_PROBLEMS_SHOWN: usize = 50;
/// Figures linked from one problem (a region sum can name hundreds).
const MAX_FIGURE_LINKS: usize = 8;

/// The reported figures behind the chart, in a table; a clicked bar's
/// month narrows it to the figures covering that month.
fn figures_ui(
    ui: &mut egui::Ui,
    cx: &mut TabContext<'_>,
    figures: &mut ListState<ObservationId>,
    selected_month: &mut Option<YearMonth>,
    metric: &MetricId,
) {
    section(ui, "Reported figures");
    ui.horizontal(|ui| {
        text_field(ui, &mut figures.filter, "Filter figures", 260.0);
        if let Some(month) = *selected_month {
            ui.label(format!("Figures covering {}", month.short_label()));
            if ui.button("Show all").clicked() {
                *selected_month = None;
            }
        } else {
            ui.weak("Click a bar to see the figures behind it.");
        }
    });
    let ws = cx.ws;
    let observations = ws.observations.as_slice();
    let month = *selected_month;
    figures.refresh(
        cx.key,
        filter_hash(&(metric, month)),
        observations,
        |o, filter| {
            &o.metric == metric
                && month.is_none_or(|m| o.start <= m.last_day() && o.end >= m.first_day())
                && matches_filter(filter, &[&o.note, &o.regions.join(" "), o.id.as_str()])
        },
        |a, b, column| {
            match column {
                1 => a.regions.cmp(&b.regions),
                2 => a.value.cmp(&b.value),
                3 => a.reported_on.cmp(&b.reported_on),
                _ => a.start.cmp(&b.start).then(a.end.cmp(&b.end)),
            }
            .then_with(|| a.id.cmp(&b.id))
        },
    );
    if figures.rows().is_empty() {
        ui.weak("No figures for this metric match.");
        return;
    }
    let columns = [
        ("Period", Column::initial(170.0).clip(true)),
        ("Regions", Column::initial(190.0).clip(true)),
        ("Value", Column::initial(80.0).clip(true)),
        ("Reported", Column::initial(100.0).clip(true)),
        (
            "Source and note",
            Column::remainder().at_least(120.0).clip(true),
        ),
    ];
    let spec = TableSpec {
        id: "figures_table",
        columns: &columns,
        rows: figures.rows().len(),
        selected: figures.selected_row(observations, |o| &o.id),
    };
    let mut sort = figures.sort;
    let rows = figures.rows();
    let height = (spec.rows as f32 * 24.0 + 40.0).clamp(80.0, 320.0);
    let response = ui
        .allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
            record_table(ui, &spec, &mut sort, |ui, row, column| {
                let Some(o) = rows.get(row).and_then(|&i| observations.get(i)) else {
                    return;
                };
                match column {
                    0 => cell(ui, period_label(o.start, o.end)),
                    1 => cell(
                        ui,
                        if o.regions.is_empty() {
                            "all regions".to_owned()
                        } else {
                            o.regions.join(" + ")
                        },
                    ),
                    2 => cell(
                        ui,
                        format!("{}{}", o.qualifier.prefix(), group_thousands(o.value)),
                    ),
                    3 => cell(ui, date_text(o.reported_on)),
                    _ => {
                        let source = o
                            .sources
                            .first()
                            .map_or("no source", |c| ws.source_title(&c.source));
                        let text = if o.note.is_empty() {
                            source.to_owned()
                        } else {
                            format!("{source} — {}", o.note)
                        };
                        ui.add(egui::Label::new(text).selectable(false).truncate())
                            .on_hover_text(&o.note);
                    }
                }
            })
        })
        .inner;
    figures.sort = sort;
    if let Some(row) = response.clicked_row {
        figures.select_row(row, observations, |o| &o.id);
    }
    let selected = figures
        .selected
        .as_ref()
        .and_then(|id| ws.observations.get(id.as_str()));
    if let Some(o) = selected.filter(|o| &o.metric == metric) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!(
                    "{}{} {} — {}",
                    o.qualifier.prefix(),
                    group_thousands(o.value),
                    ws.metric_name(&o.metric).to_lowercase(),
                    period_label(o.start, o.end)
                ))
                .strong(),
            );
            if !o.note.is_empty() {
                ui.label(&o.note);
            }
            crate::ui::widgets::citations_ui(ui, ws, &o.sources);
            record_actions(ui, cx.commands, RecordId::Observation(o.id.clone()));
        });
    }
}
