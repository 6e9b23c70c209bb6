//! Draws a [`Chart`] with plotters as SVG; PNG and clipboard images are that
//! SVG rasterised, so every output of a chart is the same picture.
//!
//! Layout, top to bottom: marking banner, title, period, legend, plot,
//! source line, marking banner. Sizes scale with the image, so a 3200×1800
//! chart looks like a 1600×900 one drawn twice as fine.

use plotters::backend::DrawingBackend;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, Layout, Value};
use crate::export::ExportError;
use crate::export::fonts::{SVG_FAMILIES, read_svg, register_with_plotters};
use crate::text::group_thousands;

/// Pixel size (SVG: user units) and, for PNG, the resolution recorded in
/// the file so that it prints at the intended size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartSize {
    pub width: u32,
    pub height: u32,
    pub dpi: u32,
}

impl Default for ChartSize {
    /// A 16:9 slide image that prints 8 inches wide.
    fn default() -> Self {
        Self {
            width: 1600,
            height: 900,
            dpi: 200,
        }
    }
}

impl ChartSize {
    pub const MIN_SIDE: u32 = 320;
    pub const MAX_SIDE: u32 = 10_000;

    pub fn check(self) -> Result<Self, ExportError> {
        let side = Self::MIN_SIDE..=Self::MAX_SIDE;
        if !side.contains(&self.width) || !side.contains(&self.height) {
            return Err(ExportError::BadSize(format!(
                "{}×{} pixels: width and height must be between {} and {}",
                self.width,
                self.height,
                Self::MIN_SIDE,
                Self::MAX_SIDE
            )));
        }
        if !(30..=1200).contains(&self.dpi) {
            return Err(ExportError::BadSize(format!(
                "{} dpi: the resolution must be between 30 and 1200",
                self.dpi
            )));
        }
        Ok(self)
    }
}

/// Chosen by the file name's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Png,
    Svg,
}

impl OutputFormat {
    pub fn from_path(path: &std::path::Path) -> Result<Self, ExportError> {
        match crate::export::extension(path).as_deref() {
            Some("png") => Ok(Self::Png),
            Some("svg") => Ok(Self::Svg),
            _ => Err(ExportError::UnknownFormat {
                path: path.display().to_string(),
                expected: ".png or .svg",
            }),
        }
    }
}

/// Whether a chart carries its own marking banners: always, except inside a
/// document whose pages carry them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Banners {
    Shown,
    LeftToPage,
}

/// The chart as a standalone SVG document (text set in the embedded font's
/// family; viewers without it fall back to a sans-serif).
pub fn to_svg(chart: &Chart, size: ChartSize) -> Result<String, ExportError> {
    svg_with(chart, size, Banners::Shown)
}

pub(crate) fn svg_with(
    chart: &Chart,
    size: ChartSize,
    banners: Banners,
) -> Result<String, ExportError> {
    let size = size.check()?;
    register_with_plotters();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (size.width, size.height)).into_drawing_area();
        draw(&root, chart, banners).map_err(render_error)?;
        root.present().map_err(render_error)?;
    }
    Ok(svg)
}

/// The chart as RGB pixels, row by row: its SVG rasterised by resvg, so the
/// PNG and the clipboard image are the SVG's picture.
pub fn to_rgb(chart: &Chart, size: ChartSize) -> Result<Vec<u8>, ExportError> {
    let svg = svg_with(chart, size, Banners::Shown)?;
    let tree = read_svg(&svg).map_err(render_error)?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width, size.height)
        .ok_or_else(|| ExportError::BadSize(format!("{}×{}", size.width, size.height)))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    // The background is opaque white, so premultiplied RGBA is plain RGBA.
    Ok(pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect())
}

/// The chart as PNG bytes, with the resolution in its `pHYs` chunk.
pub fn to_png(chart: &Chart, size: ChartSize) -> Result<Vec<u8>, ExportError> {
    let pixels = to_rgb(chart, size)?;
    let (width, height) = (size.width, size.height);
    let mut png_bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut png_bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let per_metre = (f64::from(size.dpi) / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder
        .write_header()
        .map_err(|e| ExportError::Render(e.to_string()))?;
    writer
        .write_image_data(&pixels)
        .map_err(|e| ExportError::Render(e.to_string()))?;
    writer
        .finish()
        .map_err(|e| ExportError::Render(e.to_string()))?;
    Ok(png_bytes)
}

fn render_error(error: impl std::fmt::Display) -> ExportError {
    ExportError::Render(error.to_string())
}

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

const INK: RGBColor = RGBColor(33, 33, 33);
const MUTED: RGBColor = RGBColor(90, 90, 90);
const GRID: RGBColor = RGBColor(225, 225, 225);

/// Sizes in pixels for a chart of this size: 1.0 at 1600×900.
struct Scale(f64);

impl Scale {
    fn of(width: u32, height: u32) -> Self {
        Self((f64::from(width) / 1600.0).min(f64::from(height) / 900.0))
    }

    fn px(&self, at_full_size: f64) -> i32 {
        (at_full_size * self.0).round().max(1.0) as i32
    }

    fn font(&self, at_full_size: f64, bold: bool) -> TextStyle<'static> {
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        TextStyle::from((SVG_FAMILIES, at_full_size * self.0, style).into_font()).color(&INK)
    }
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    banners: Banners,
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let (width, height) = root.dim_in_pixel();
    let scale = Scale::of(width, height);
    let margin = scale.px(40.0);
    let banner_height = match banners {
        Banners::Shown => scale.px(46.0),
        Banners::LeftToPage => 0,
    };
    if banners == Banners::Shown {
        banner(root, chart, 0, banner_height, &scale)?;
        banner(
            root,
            chart,
            height as i32 - banner_height,
            banner_height,
            &scale,
        )?;
    }

    let mut y = banner_height + scale.px(18.0);
    let title = scale.font(40.0, true);
    root.draw_text(&chart.title, &title, (margin, y))?;
    y += scale.px(54.0);
    let subtitle = scale.font(26.0, false).color(&MUTED);
    root.draw_text(&chart.period, &subtitle, (margin, y))?;
    y += scale.px(42.0);
    y = legend(root, chart, (margin, y), width as i32 - 2 * margin, &scale)?;

    let source_style = scale.font(22.0, false).color(&MUTED);
    let source_lines = source_lines(root, chart, &source_style, width as i32 - 2 * margin)?;
    let line_height = scale.px(30.0);
    let footer_top =
        height as i32 - banner_height - scale.px(14.0) - line_height * source_lines.len() as i32;
    for (i, line) in source_lines.iter().enumerate() {
        root.draw_text(
            line,
            &source_style,
            (margin, footer_top + line_height * i as i32),
        )?;
    }

    let plot = root.margin(
        y.max(0) as u32,
        (height as i32 - footer_top + scale.px(10.0)).max(0) as u32,
        (margin / 2).max(0) as u32,
        margin.max(0) as u32,
    );
    plot_area(root, &plot, chart, &scale)
}

fn banner<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    top: i32,
    height: i32,
    scale: &Scale,
) -> DrawResult<DB> {
    let ([r, g, b], [tr, tg, tb]) = chart.marking.classification.banner_colors();
    let (width, _) = root.dim_in_pixel();
    root.draw(&Rectangle::new(
        [(0, top), (width as i32, top + height)],
        RGBColor(r, g, b).filled(),
    ))?;
    let text_color = RGBColor(tr, tg, tb);
    let style = scale
        .font(26.0, true)
        .color(&text_color)
        .pos(Pos::new(HPos::Center, VPos::Center));
    root.draw_text(
        &chart.marking.to_string(),
        &style,
        (width as i32 / 2, top + height / 2),
    )
}

/// One legend row (wrapping when it does not fit); returns the y below it.
fn legend<DB: DrawingBackend>(
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
    let (mut x, mut y) = (left, top);
    for (label, kind) in entries {
        let (text_width, _) = root.estimate_text_size(&label, &style)?;
        let entry_width = swatch.0 + gap + text_width as i32;
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
        }
        root.draw_text(&label, &style, (x + swatch.0 + gap, y + scale.px(2.0)))?;
        x += entry_width + spacing;
    }
    Ok(y + row_height + scale.px(8.0))
}

#[derive(Clone, Copy)]
enum Swatch {
    Series([u8; 3]),
    Estimated,
}

/// "Source: A; B; C" in at most two lines, naming how many did not fit.
fn source_lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    style: &TextStyle<'_>,
    width: i32,
) -> Result<Vec<String>, DrawingAreaErrorKind<DB::ErrorType>> {
    if chart.sources.is_empty() {
        return Ok(vec!["Source: none cited".to_owned()]);
    }
    let fits = |text: &str| -> Result<bool, DrawingAreaErrorKind<DB::ErrorType>> {
        Ok(root.estimate_text_size(text, style)?.0 as i32 <= width)
    };
    let mut lines = vec![String::from(if chart.sources.len() == 1 {
        "Source: "
    } else {
        "Sources: "
    })];
    for (i, source) in chart.sources.iter().enumerate() {
        let last = lines.len() - 1;
        let separator = if lines[last].ends_with(": ") || lines[last].is_empty() {
            ""
        } else {
            "; "
        };
        let candidate = format!("{}{separator}{source}", lines[last]);
        if fits(&candidate)? || (lines[last].is_empty() && lines.len() == 2) {
            lines[last] = candidate;
            continue;
        }
        let remaining = chart.sources.len() - i;
        if lines.len() == 2 || !fits(source)? {
            let more = format!("; and {remaining} more");
            let line = &mut lines[last];
            while !line.is_empty() && !fits(&format!("{line}{more}"))? {
                line.pop();
            }
            line.push_str(&more);
            return Ok(lines);
        }
        lines[last].push(';');
        lines.push(source.clone());
    }
    Ok(lines)
}

/// `root` takes what is drawn in pixels (the plot's own coordinates are
/// relative to `area`).
fn plot_area<DB: DrawingBackend>(
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
            let Some(Value { value, estimated }) = series.values.get(i).copied().flatten() else {
                continue;
            };
            let (x0, x1, bottom) = if grouped {
                let x0 = i as f64 - 0.4 + slot * index as f64 + slot * 0.04;
                (x0, x0 + slot * 0.92, 0)
            } else {
                (i as f64 - slot / 2.0, i as f64 + slot / 2.0, base)
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
        let points: Vec<(f64, f64, bool)> = series
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i as f64, v.value as f64, v.estimated)))
            .collect();
        area.draw(&PathElement::new(
            points.iter().map(|&(x, y, _)| (x, y)).collect::<Vec<_>>(),
            color.stroke_width(scale.px(4.0) as u32),
        ))?;
        for &(x, y, estimated) in &points {
            if estimated {
                area.draw(&Circle::new((x, y), scale.px(8.0), WHITE.filled()))?;
                area.draw(&Circle::new(
                    (x, y),
                    scale.px(8.0),
                    color.stroke_width(scale.px(3.0) as u32),
                ))?;
            } else {
                area.draw(&Circle::new((x, y), scale.px(8.0), color.filled()))?;
            }
        }
    }
    Ok(())
}

/// An estimated bar: a light fill, an outline and diagonal hatching in the
/// series colour, so it reads as "estimated" in colour and in grey print.
fn hatched_bar<DB: DrawingBackend>(
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
pub(super) fn hatch_segments(
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

fn rgb([r, g, b]: [u8; 3]) -> RGBColor {
    RGBColor(r, g, b)
}

/// The colour mixed 70% towards white.
fn lighten(color: [u8; 3]) -> [u8; 3] {
    color.map(|c| (f64::from(c) * 0.3 + 255.0 * 0.7).round() as u8)
}

/// Value-axis labels: whole numbers with thousands separators, nothing
/// between (the screen's plots use it too).
pub fn value_label(y: f64) -> String {
    if y < 0.0 || (y - y.round()).abs() > 1e-6 {
        String::new()
    } else {
        group_thousands(y.round() as u64)
    }
}
