//! The timeline as an image: [`to_svg`] draws an [`analysis::Timeline`]
//! with plotters on a page like a chart's (marking banners, title, legend,
//! the embedded font), and [`to_png`] rasterises that SVG with resvg, as
//! `export::chart` does. The page grows with the rows, up to
//! [`ChartSize::MAX_SIDE`]; rows that do not fit are counted in a note.
//!
//! [`analysis::Timeline`]: crate::analysis::Timeline

mod draw;

pub use draw::ticks;

use plotters::prelude::*;

use crate::analysis::Timeline;
use crate::export::ExportError;
use crate::export::chart::{ChartSize, rgb_to_png, svg_to_rgb};
use crate::export::fonts::register_with_plotters;
use crate::model::Status;

/// The colour of each lifecycle phase, on screen and in exports.
pub fn status_rgb(status: Status) -> [u8; 3] {
    match status {
        Status::Proposed => [158, 202, 225],
        Status::UnderNegotiation => [66, 146, 198],
        Status::Concluded => [253, 174, 97],
        Status::InForce => [44, 160, 44],
        Status::Suspended => [188, 189, 34],
        Status::Expired => [170, 170, 170],
        Status::Terminated => [110, 110, 110],
        Status::Offered => [227, 119, 194],
        Status::Accepted => [148, 103, 189],
        Status::Declined => [140, 86, 75],
    }
}

/// Overdue milestones.
pub const OVERDUE_RGB: [u8; 3] = [214, 39, 40];
/// Open milestones not yet due.
pub const OPEN_RGB: [u8; 3] = [33, 33, 33];
/// Done milestones.
pub const DONE_RGB: [u8; 3] = [120, 120, 120];
/// Event ticks.
pub const EVENT_RGB: [u8; 3] = [31, 119, 180];
/// The "today" line.
pub const TODAY_RGB: [u8; 3] = [230, 85, 13];

/// The default page width in pixels.
pub const WIDTH: u32 = 1600;

/// The page for `timeline` at `width` pixels: tall enough for its rows
/// (never shorter than 16:9, never taller than the largest chart).
pub fn page_size(timeline: &Timeline, width: u32) -> ChartSize {
    let (_, height) = draw::layout(timeline, width);
    ChartSize {
        width,
        height,
        dpi: ChartSize::default().dpi,
    }
}

/// The timeline as a standalone SVG document.
pub fn to_svg(timeline: &Timeline, width: u32) -> Result<String, ExportError> {
    let size = page_size(timeline, width).check()?;
    register_with_plotters();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (size.width, size.height)).into_drawing_area();
        draw::page(&root, timeline).map_err(render_error)?;
        root.present().map_err(render_error)?;
    }
    Ok(svg)
}

/// The timeline as RGB pixels (its SVG rasterised) and the page size.
pub fn to_rgb(timeline: &Timeline, width: u32) -> Result<(Vec<u8>, ChartSize), ExportError> {
    let size = page_size(timeline, width);
    let svg = to_svg(timeline, width)?;
    Ok((svg_to_rgb(&svg, size)?, size))
}

/// The timeline as PNG bytes.
pub fn to_png(timeline: &Timeline, width: u32) -> Result<Vec<u8>, ExportError> {
    let (pixels, size) = to_rgb(timeline, width)?;
    rgb_to_png(&pixels, size)
}

fn render_error(error: impl std::fmt::Display) -> ExportError {
    ExportError::Render(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::TimelineFilter;

    fn sample_timeline() -> Timeline {
        let ws = crate::store::sample().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        Timeline::build(&ws, &TimelineFilter::default(), today)
    }

    #[test]
    fn the_svg_holds_title_banners_legend_and_labels_and_is_reproducible() {
        let timeline = sample_timeline();
        let svg = to_svg(&timeline, WIDTH).unwrap();
        assert_eq!(svg, to_svg(&timeline, WIDTH).unwrap());
        assert!(svg.contains(&timeline.title));
        assert_eq!(svg.matches(&timeline.marking.to_string()).count(), 2);
        for text in [
            "Concluded / signed",
            "Overdue milestone",
            "Today",
            "Undated",
            "Events",
            "Memorandum of Understanding on the Strategic Framework",
        ] {
            assert!(svg.contains(text), "no {text:?} in the SVG");
        }
    }

    #[test]
    fn the_png_is_the_page_size_and_reproducible() {
        let timeline = sample_timeline();
        let png = to_png(&timeline, 1200).unwrap();
        assert_eq!(png, to_png(&timeline, 1200).unwrap());
        let decoder = png::Decoder::new(std::io::Cursor::new(&png));
        let reader = decoder.read_info().unwrap();
        let size = page_size(&timeline, 1200);
        assert_eq!(
            (reader.info().width, reader.info().height),
            (1200, size.height)
        );
    }

    #[test]
    fn rows_that_do_not_fit_are_counted() {
        let mut timeline = sample_timeline();
        let row = timeline.rows[0].clone();
        timeline.rows = vec![row; 2000];
        let size = page_size(&timeline, WIDTH);
        assert_eq!(size.height, ChartSize::MAX_SIDE);
        let svg = to_svg(&timeline, WIDTH).unwrap();
        assert!(
            svg.contains("more instruments not shown"),
            "{}",
            &svg[..200]
        );
    }
}
