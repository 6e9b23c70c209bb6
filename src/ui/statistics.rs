//! The Statistics tab: monthly figures by region, the cumulative total,
//! border apprehensions against preventions, the figures behind them and
//! the problems found reconciling them.

use egui::RichText;
use egui_extras::Column;
use egui_plot::{Corner, Legend, Line, MarkerShape, Plot, PlotPoints, Points};
use serde::{Deserialize, Serialize};

use super::TabContext;
use super::charts::{
    BarStyle, PALETTE, estimated_fill, month_axis, month_tick, series_bars, value_tick,
};
use super::command::Command;
use super::table::{ListState, TableSpec, filter_hash, matches_filter, record_table};
use super::widgets::{
    cell, date_text, labelled_combo, new_record_button, record_actions, section, text_field,
};
use crate::analysis::RegionScope;
use crate::model::{MetricId, ObservationId, RecordId, RecordKind, Workspace};
use crate::text::{group_thousands, period_label};

/// The metric shown first, when the workspace has it.
const DEFAULT_METRIC: &str = "neutralised";
/// The y axis reaches this far above the tallest bar, clearing the legend.
const LEGEND_HEADROOM: f64 = 1.45;
const APPREHENDED: &str = "apprehended_border";
const PREVENTED: &str = "prevented_border";

#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StatisticsTab {
    metric: Option<MetricId>,
    figures: ListState<ObservationId>,
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
            if ui.button("Edit metric…").clicked() {
                cx.commands
                    .push(Command::EditRecord(RecordId::Metric(metric.clone())));
            }
            new_record_button(ui, cx.commands, RecordKind::Observation);
        });
        let metric = self.current_metric(ws);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                monthly_ui(ui, cx, &metric);
                cumulative_ui(ui, cx, &metric);
                if ws.metrics.contains(APPREHENDED) && ws.metrics.contains(PREVENTED) {
                    border_ui(ui, cx);
                }
                self.figures_ui(ui, cx, &metric);
                problems_ui(ui, cx, &metric, &mut self.figures);
            });
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
        }
    }

    fn figures_ui(&mut self, ui: &mut egui::Ui, cx: &mut TabContext<'_>, metric: &MetricId) {
        section(ui, "Reported figures");
        text_field(ui, &mut self.figures.filter, "Filter figures", 260.0);
        let ws = cx.ws;
        let observations = ws.observations.as_slice();
        self.figures.refresh(
            cx.key,
            filter_hash(metric),
            observations,
            |o, filter| {
                &o.metric == metric
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
        if self.figures.rows().is_empty() {
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
            rows: self.figures.rows().len(),
            selected: self.figures.selected_row(observations, |o| &o.id),
        };
        let mut sort = self.figures.sort;
        let rows = self.figures.rows();
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
        self.figures.sort = sort;
        if let Some(row) = response.clicked_row {
            self.figures.select_row(row, observations, |o| &o.id);
        }
        let selected = self
            .figures
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
                super::widgets::citations_ui(ui, ws, &o.sources);
                record_actions(ui, cx.commands, RecordId::Observation(o.id.clone()));
            });
        }
    }
}

/// A plot with month ticks and grouped values; `top` is the highest value
/// drawn, and the y range leaves room above it for the legend.
fn plot_frame(
    id: &str,
    axis: Vec<crate::analysis::YearMonth>,
    height: f32,
    top: f64,
) -> Plot<'static> {
    Plot::new(id.to_owned())
        .include_y(top * LEGEND_HEADROOM)
        .height(height)
        .legend(Legend::default().position(Corner::LeftTop))
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_y(0.0)
        .x_axis_formatter(move |mark, _| month_tick(&axis, mark.value))
        .y_axis_formatter(|mark, _| value_tick(mark.value))
}

fn monthly_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>, metric: &MetricId) {
    let ws = cx.ws;
    let analysis = &cx.derived.analysis;
    let regions = analysis.region_series(metric);
    let title = format!("{} per month, by region", ws.metric_name(metric));
    section(ui, &title);
    // Without a regional breakdown, the whole series is one stack.
    let stacks: Vec<(String, &crate::analysis::MonthlySeries)> = if regions.len() > 1 {
        regions.iter().map(|(r, s)| ((*r).to_owned(), *s)).collect()
    } else {
        analysis
            .series(metric, &RegionScope::All)
            .map(|s| {
                let label = regions
                    .first()
                    .map_or("all regions".to_owned(), |(r, _)| (*r).to_owned());
                vec![(label, s)]
            })
            .unwrap_or_default()
    };
    if stacks.is_empty() {
        ui.weak("No figures for this metric.");
        return;
    }
    let axis = month_axis(stacks.iter().map(|(_, s)| *s));
    let mut charts = Vec::new();
    for (index, (label, series)) in stacks.iter().enumerate() {
        let style = BarStyle {
            color: PALETTE[index % PALETTE.len()],
            offset: 0.0,
            width: 0.7,
        };
        charts.extend(series_bars(ws, label, series, &axis, &style).into_charts());
    }
    // Each chart sits on the tops of all those before it.
    let mut stacked: Vec<egui_plot::BarChart> = Vec::with_capacity(charts.len());
    for chart in charts {
        let below: Vec<&egui_plot::BarChart> = stacked.iter().collect();
        let chart = chart.stack_on(&below);
        stacked.push(chart);
    }
    let top = axis
        .iter()
        .map(|m| {
            stacks
                .iter()
                .filter_map(|(_, s)| s.get(*m))
                .map(|v| v.value)
                .sum::<u64>()
        })
        .max()
        .unwrap_or(0);
    plot_frame("monthly_plot", axis, 260.0, top as f64).show(ui, |plot| {
        for chart in stacked {
            plot.bar_chart(chart);
        }
    });
    ui.weak("Solid: reported for the month. Light: estimated, allocated pro rata by day from a longer reported period. Hover a bar for its figures and source.");
}

fn cumulative_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>, metric: &MetricId) {
    let ws = cx.ws;
    let Some(series) = cx.derived.analysis.series(metric, &RegionScope::All) else {
        return;
    };
    section(ui, &format!("{}, cumulative", ws.metric_name(metric)));
    let axis = month_axis([series]);
    let mut total = 0u64;
    let mut line = Vec::new();
    let mut reported = Vec::new();
    let mut estimated = Vec::new();
    for (x, month) in axis.iter().enumerate() {
        if let Some(value) = series.get(*month) {
            total += value.value;
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
    plot_frame("cumulative_plot", axis, 200.0, total as f64).show(ui, |plot| {
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

fn border_ui(ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
    let ws = cx.ws;
    let analysis = &cx.derived.analysis;
    let apprehended = MetricId::new(APPREHENDED);
    let prevented = MetricId::new(PREVENTED);
    let (Some(a), Some(p)) = (
        analysis.series(&apprehended, &RegionScope::All),
        analysis.series(&prevented, &RegionScope::All),
    ) else {
        return;
    };
    section(ui, "Border: apprehended and prevented, per month");
    let axis = month_axis([a, p]);
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
    let mut charts = series_bars(ws, "Apprehended", a, &axis, &left).into_charts();
    charts.extend(series_bars(ws, "Prevented", p, &axis, &right).into_charts());
    let top = [a, p]
        .iter()
        .flat_map(|s| s.months.iter().map(|m| m.value))
        .max()
        .unwrap_or(0);
    plot_frame("border_plot", axis, 220.0, top as f64).show(ui, |plot| {
        for chart in charts {
            plot.bar_chart(chart);
        }
    });
}

fn problems_ui(
    ui: &mut egui::Ui,
    cx: &mut TabContext<'_>,
    metric: &MetricId,
    figures: &mut ListState<ObservationId>,
) {
    section(ui, "Problems reconciling these figures");
    let problems: Vec<_> = cx
        .derived
        .analysis
        .problems
        .iter()
        .filter(|p| &p.metric == metric)
        .collect();
    if problems.is_empty() {
        ui.colored_label(
            super::overview::OK_COLOR,
            "The reported figures for this metric reconcile.",
        );
        return;
    }
    for problem in problems {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.colored_label(ui.visuals().warn_fg_color, problem.kind.label());
            ui.label(&problem.message);
            ui.horizontal_wrapped(|ui| {
                ui.weak("Figures:");
                for id in &problem.observations {
                    if ui.link(id.as_str()).clicked() {
                        figures.selected = Some(id.clone());
                        figures.filter.clear();
                    }
                }
            });
        });
    }
}
