//! What every part of a chart draws with: sizes that scale with the image,
//! the ink colours, and the hatched bar that marks an estimated value (in
//! the plot and in the legend alike).

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::export::fonts::SVG_FAMILIES;

pub(crate) type DrawResult<DB> =
    Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

const INK: RGBColor = RGBColor(33, 33, 33);
pub(crate) const MUTED: RGBColor = RGBColor(90, 90, 90);
pub(crate) const GRID: RGBColor = RGBColor(225, 225, 225);

/// Sizes in pixels for a chart of this size: 1.0 at 1600×900.
pub(crate) struct Scale(f64);

impl Scale {
    pub(crate) fn of(width: u32, height: u32) -> Self {
        Self((f64::from(width) / 1600.0).min(f64::from(height) / 900.0))
    }

    pub(crate) fn px(&self, at_full_size: f64) -> i32 {
        (at_full_size * self.0).round().max(1.0) as i32
    }

    pub(crate) fn font(&self, at_full_size: f64, bold: bool) -> TextStyle<'static> {
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        TextStyle::from((SVG_FAMILIES, at_full_size * self.0, style).into_font()).color(&INK)
    }
}

/// An estimated bar: a light fill, an outline and diagonal hatching in the
/// series colour, so it reads as "estimated" in colour and in grey print.
pub(crate) fn hatched_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    [a, b]: [(i32, i32); 2],
    color: [u8; 3],
    scale: &Scale,
) -> DrawResult<DB> {
    let rect = (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1));
    area.draw(&Rectangle::new(
        [(rect.0, rect.1), (rect.2, rect.3)],
        rgb(lighten(color)).filled(),
    ))?;
    let stroke = rgb(color).stroke_width(scale.px(2.0) as u32);
    for (from, to) in hatch_segments(rect, scale.px(12.0)) {
        area.draw(&PathElement::new(vec![from, to], stroke))?;
    }
    area.draw(&Rectangle::new(
        [(rect.0, rect.1), (rect.2, rect.3)],
        stroke,
    ))
}

/// Diagonal lines (rising to the right) `spacing` apart, clipped to the
/// rectangle `(left, top, right, bottom)` in pixels (y grows downwards).
pub(crate) fn hatch_segments(
    (left, top, right, bottom): (i32, i32, i32, i32),
    spacing: i32,
) -> Vec<((i32, i32), (i32, i32))> {
    let spacing = spacing.max(2);
    let height = bottom - top;
    let mut segments = Vec::new();
    // A line through (c, bottom) rising at 45°: y = bottom - (x - c).
    let mut c = left - height + spacing / 2;
    while c < right {
        let start = left.max(c);
        let end = right.min(c + height);
        if start < end {
            segments.push(((start, bottom - (start - c)), (end, bottom - (end - c))));
        }
        c += spacing;
    }
    segments
}

pub(crate) fn rgb([r, g, b]: [u8; 3]) -> RGBColor {
    RGBColor(r, g, b)
}

/// The colour mixed 70% towards white.
fn lighten(color: [u8; 3]) -> [u8; 3] {
    color.map(|c| (f64::from(c) * 0.3 + 255.0 * 0.7).round() as u8)
}
