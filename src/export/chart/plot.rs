//! The plot itself: value axis and grid, month labels thinned so they never
//! overlap, and the bars (stacked or side by side) or lines with their
//! values.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::paint::{DrawResult, GRID, MUTED, Scale, hatched_bar, rgb};
use super::{Chart, Layout, PARTIAL_WIDTH, Value};
use crate::text::group_thousands;

/// `root` takes what is drawn in pixels (the plot's own coordinates are
/// relative to `area`).
pub(super) fn plot_area<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    chart: &Chart,
    scale: &Scale,
) -> DrawResult<DB> {
    let count = chart.categories.len().max(1);
    let top = (chart.top() as f64 * 1.12).max(4.0);
    let label_style = scale.font(22.0, false).color(&MUTED);
    let widest_value = area
        .estimate_text_size(&group_thousands(top as u64), &label_style)?
        .0;
    let mut plot = ChartBuilder::on(area)
        .x_label_area_size(scale.px(44.0))
        .y_label_area_size(widest_value as i32 + scale.px(56.0))
        .margin_top(scale.px(6.0))
        .build_cartesian_2d(-0.5..count as f64 - 0.5, 0.0..top)?;
    plot.configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&|y| value_label(*y))
        .y_desc(&chart.unit)
        .axis_desc_style(scale.font(22.0, false).color(&MUTED))
        .label_style(label_style.clone())
        .bold_line_style(GRID.stroke_width(scale.px(1.0) as u32))
        .light_line_style(TRANSPARENT)
        .axis_style(MUTED.stroke_width(scale.px(2.0) as u32))
        .draw()?;
    category_labels(root, &plot, chart, &label_style, scale)?;
    match chart.layout {
        Layout::StackedBars | Layout::GroupedBars => bars(root, &plot, chart, scale),
        Layout::Lines => lines(&plot, chart, scale),
    }
}

type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The category names under the x axis, thinned so they never overlap.
fn category_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: &Plot<'_, DB>,
    chart: &Chart,
    style: &TextStyle<'_>,
    scale: &Scale,
) -> DrawResult<DB> {
    let widest = chart
        .categories
        .iter()
        .map(|c| area.estimate_text_size(c, style).map(|(w, _)| w as i32))
        .try_fold(0, |widest, w| w.map(|w| widest.max(w)))?;
    let (left, _) = plot.backend_coord(&(-0.5, 0.0));
    let (right, axis_y) = plot.backend_coord(&(chart.categories.len() as f64 - 0.5, 0.0));
    let per_category = f64::from(right - left) / chart.categories.len().max(1) as f64;
    let step = ((f64::from(widest + scale.px(16.0)) / per_category).ceil() as usize).max(1);
    let style = style.pos(Pos::new(HPos::Center, VPos::Top));
    for (i, label) in chart.categories.iter().enumerate().step_by(step) {
        let (x, _) = plot.backend_coord(&(i as f64, 0.0));
        area.draw_text(label, &style, (x, axis_y + scale.px(10.0)))?;
    }
    Ok(())
}

fn bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: &Plot<'_, DB>,
    chart: &Chart,
    scale: &Scale,
) -> DrawResult<DB> {
    let grouped = chart.layout == Layout::GroupedBars;
    let series_count = chart.series.len().max(1) as f64;
    let slot = if grouped { 0.8 / series_count } else { 0.7 };
    let label_style = scale
        .font(22.0, false)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    let per_category_px = {
        let (a, _) = plot.backend_coord(&(0.0, 0.0));
        let (b, _) = plot.backend_coord(&(1.0, 0.0));
        f64::from(b - a)
    };
    // Numbers above bars only when they have room to be read.
    let label_room = scale.px(64.0) as f64;
    let label_bars = if grouped {
        per_category_px * slot >= label_room
    } else {
        per_category_px * 0.9 >= label_room
    };
    for i in 0..chart.categories.len() {
        let mut base = 0u64;
        for (index, series) in chart.series.iter().enumerate() {
            let Some(Value {
                value,
                estimated,
                partial,
            }) = series.values.get(i).copied().flatten()
            else {
                continue;
            };
            let (x0, x1, bottom) = if grouped {
                let x0 = i as f64 - 0.4 + slot * index as f64 + slot * 0.04;
                (x0, x0 + slot * 0.92, 0)
            } else {
                (i as f64 - slot / 2.0, i as f64 + slot / 2.0, base)
            };
            // A partial month's bar is narrower about its centre, as on
            // screen, so it is not read as a whole month.
            let (x0, x1) = if partial {
                let (centre, half) = ((x0 + x1) / 2.0, (x1 - x0) / 2.0 * PARTIAL_WIDTH);
                (centre - half, centre + half)
            } else {
                (x0, x1)
            };
            let top = bottom.saturating_add(value);
            if value > 0 {
                let corner_a = plot.backend_coord(&(x0, top as f64));
                let corner_b = plot.backend_coord(&(x1, bottom as f64));
                if estimated {
                    hatched_bar(area, [corner_a, corner_b], series.color, scale)?;
                } else {
                    area.draw(&Rectangle::new(
                        [corner_a, corner_b],
                        rgb(series.color).filled(),
                    ))?;
                }
                if grouped && label_bars {
                    let (x, y) = plot.backend_coord(&((x0 + x1) / 2.0, top as f64));
                    area.draw_text(
                        &group_thousands(value),
                        &label_style,
                        (x, y - scale.px(4.0)),
                    )?;
                }
            }
            base = top;
        }
        if !grouped && label_bars && base > 0 {
            let (x, y) = plot.backend_coord(&(i as f64, base as f64));
            area.draw_text(&group_thousands(base), &label_style, (x, y - scale.px(4.0)))?;
        }
    }
    Ok(())
}

fn lines<DB: DrawingBackend>(plot: &Plot<'_, DB>, chart: &Chart, scale: &Scale) -> DrawResult<DB> {
    let area = plot.plotting_area();
    for series in &chart.series {
        let color = rgb(series.color);
        let points: Vec<(f64, f64, Value)> = series
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i as f64, v.value as f64, v)))
            .collect();
        area.draw(&PathElement::new(
            points.iter().map(|&(x, y, _)| (x, y)).collect::<Vec<_>>(),
            color.stroke_width(scale.px(4.0) as u32),
        ))?;
        for &(x, y, value) in &points {
            // A partial month's point is smaller, as its bar is narrower.
            let radius = scale.px(if value.partial {
                PARTIAL_POINT
            } else {
                WHOLE_POINT
            });
            if value.estimated {
                area.draw(&Circle::new((x, y), radius, WHITE.filled()))?;
                area.draw(&Circle::new(
                    (x, y),
                    radius,
                    color.stroke_width(scale.px(3.0) as u32),
                ))?;
            } else {
                area.draw(&Circle::new((x, y), radius, color.filled()))?;
            }
        }
    }
    Ok(())
}

/// Point radii at full size: a whole month's, a partial month's.
pub(super) const WHOLE_POINT: f64 = 8.0;
pub(super) const PARTIAL_POINT: f64 = 4.0;

/// Value-axis labels: whole numbers with thousands separators, nothing
/// between (the screen's plots use it too).
pub fn value_label(y: f64) -> String {
    if y < 0.0 || (y - y.round()).abs() > 1e-6 {
        String::new()
    } else {
        group_thousands(y.round() as u64)
    }
}
