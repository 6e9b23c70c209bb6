//! The page a chart is drawn on, top to bottom: marking banner, title,
//! period, legend, plot, source line, marking banner. Sizes scale with the
//! image, so a 3200×1800 chart looks like a 1600×900 one drawn twice as fine.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::Chart;
use super::legend::legend;
use super::paint::{DrawResult, MUTED, Scale};
use super::plot::plot_area;
use super::render::Banners;
use crate::model::Marking;

pub(super) fn draw<DB: DrawingBackend>(
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
        banner(root, &chart.marking, 0, banner_height, &scale)?;
        banner(
            root,
            &chart.marking,
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
    let mut source_lines = source_lines(root, chart, &source_style, width as i32 - 2 * margin)?;
    source_lines.extend(chart.release_note.clone());
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

/// A marking banner across the page (the timeline draws the same).
pub(crate) fn banner<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    marking: &Marking,
    top: i32,
    height: i32,
    scale: &Scale,
) -> DrawResult<DB> {
    let ([r, g, b], [tr, tg, tb]) = marking.classification.banner_colors();
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
        &marking.to_string(),
        &style,
        (width as i32 / 2, top + height / 2),
    )
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
