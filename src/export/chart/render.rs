//! A [`Chart`]'s outputs: SVG drawn by plotters, and PNG or clipboard
//! pixels rasterised from that SVG by resvg, so every output of a chart is
//! the same picture. What is drawn where is [`super::page`]'s job.

use plotters::prelude::*;

use super::Chart;
use super::page::draw;
use crate::export::ExportError;
use crate::export::fonts::{read_svg, register_with_plotters};

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
    svg_to_rgb(&svg, size)
}

/// An SVG we drew as RGB pixels (the timeline uses it too).
pub(crate) fn svg_to_rgb(svg: &str, size: ChartSize) -> Result<Vec<u8>, ExportError> {
    let tree = read_svg(svg).map_err(render_error)?;
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
    rgb_to_png(&to_rgb(chart, size)?, size)
}

/// RGB pixels as PNG bytes, with the resolution in its `pHYs` chunk.
pub(crate) fn rgb_to_png(pixels: &[u8], size: ChartSize) -> Result<Vec<u8>, ExportError> {
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
        .write_image_data(pixels)
        .map_err(|e| ExportError::Render(e.to_string()))?;
    writer
        .finish()
        .map_err(|e| ExportError::Render(e.to_string()))?;
    Ok(png_bytes)
}

fn render_error(error: impl std::fmt::Display) -> ExportError {
    ExportError::Render(error.to_string())
}
