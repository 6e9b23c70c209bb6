//! The legend: one swatch and label per series, wrapping onto more rows
//! when needed, and last entries saying how estimated values and partial
//! months look.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::paint::{MUTED, Scale, hatched_bar, rgb};
use super::plot::PARTIAL_POINT;
use super::{Chart, Layout, PARTIAL_LEGEND, PARTIAL_WIDTH};

/// One legend row (wrapping when it does not fit); returns the y below it.
pub(super) fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    (left, top): (i32, i32),
    width: i32,
    scale: &Scale,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let style = scale.font(24.0, false);
    let swatch = (scale.px(34.0), scale.px(22.0));
    let gap = scale.px(10.0);
    let spacing = scale.px(34.0);
    let row_height = scale.px(36.0);
    let mut entries: Vec<(String, Swatch)> = chart
        .series
        .iter()
        .map(|s| (s.label.clone(), Swatch::Series(s.color)))
        .collect();
    if chart.has_estimated() {
        let text = match chart.layout {
            Layout::Lines => {
                "Hollow point: estimated (allocated pro rata by day from a longer period)"
            }
            _ => "Hatched: estimated (allocated pro rata by day from a longer period)",
        };
        entries.push((text.to_owned(), Swatch::Estimated));
    }
    if chart.has_partial() {
        let text = match chart.layout {
            Layout::Lines => "Small point: partial month (its days in the label)",
            _ => PARTIAL_LEGEND,
        };
        entries.push((text.to_owned(), Swatch::Partial));
    }
    let (mut x, mut y) = (left, top);
    for (label, kind) in entries {
        let (text_width, _) = root.estimate_text_size(&label, &style)?;
        // plotters measures a little narrower than resvg draws the embedded
        // font (some 5% on a long label): the margin keeps the next swatch
        // clear of this text.
        let text_width = (f64::from(text_width) * TEXT_MARGIN).ceil() as i32;
        let entry_width = swatch.0 + gap + text_width;
        if x > left && x + entry_width > left + width {
            x = left;
            y += row_height;
        }
        let swatch_rect = (x, y + (row_height - swatch.1) / 2 - scale.px(4.0));
        let rect = [
            swatch_rect,
            (swatch_rect.0 + swatch.0, swatch_rect.1 + swatch.1),
        ];
        match (kind, chart.layout) {
            (Swatch::Series(color), Layout::Lines) => {
                let mid = swatch_rect.1 + swatch.1 / 2;
                let color = rgb(color);
                root.draw(&PathElement::new(
                    vec![(rect[0].0, mid), (rect[1].0, mid)],
                    color.stroke_width(scale.px(4.0) as u32),
                ))?;
                root.draw(&Circle::new(
                    ((rect[0].0 + rect[1].0) / 2, mid),
                    scale.px(7.0),
                    color.filled(),
                ))?;
            }
            (Swatch::Series(color), _) => {
                root.draw(&Rectangle::new(rect, rgb(color).filled()))?;
            }
            (Swatch::Estimated, Layout::Lines) => {
                let mid = swatch_rect.1 + swatch.1 / 2;
                let center = ((rect[0].0 + rect[1].0) / 2, mid);
                root.draw(&Circle::new(center, scale.px(7.0), WHITE.filled()))?;
                root.draw(&Circle::new(
                    center,
                    scale.px(7.0),
                    MUTED.stroke_width(scale.px(3.0) as u32),
                ))?;
            }
            (Swatch::Estimated, _) => {
                hatched_bar(root, rect, [120, 120, 120], scale)?;
            }
            (Swatch::Partial, Layout::Lines) => {
                let center = ((rect[0].0 + rect[1].0) / 2, swatch_rect.1 + swatch.1 / 2);
                root.draw(&Circle::new(
                    center,
                    scale.px(PARTIAL_POINT),
                    MUTED.filled(),
                ))?;
            }
            (Swatch::Partial, _) => {
                // A narrow grey bar, as wide relative to a whole swatch as a
                // partial month's bar is to a whole month's.
                let center = (rect[0].0 + rect[1].0) / 2;
                let half = (f64::from(swatch.0) * PARTIAL_WIDTH / 2.0).round() as i32;
                root.draw(&Rectangle::new(
                    [(center - half, rect[0].1), (center + half, rect[1].1)],
                    MUTED.filled(),
                ))?;
            }
        }
        root.draw_text(&label, &style, (x + swatch.0 + gap, y + scale.px(2.0)))?;
        x += entry_width + spacing;
    }
    Ok(y + row_height + scale.px(8.0))
}

/// How much wider than measured a label is taken to be.
const TEXT_MARGIN: f64 = 1.08;

#[derive(Clone, Copy)]
enum Swatch {
    Series([u8; 3]),
    Estimated,
    Partial,
}
