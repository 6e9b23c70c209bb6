//! The timeline page, top to bottom: marking banner, title, period and
//! today, legend, month axis, the events row, one row per instrument (label,
//! undated column, bars and marks on the time axis), notes, marking banner.
//! Sizes are those of a 1600-pixel-wide chart, scaled with the width.

use chrono::{Datelike, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{DONE_RGB, EVENT_RGB, OPEN_RGB, OVERDUE_RGB, TODAY_RGB, status_rgb};
use crate::analysis::{MilestoneMark, Timeline, TimelineRow, YearMonth, next_day};
use crate::export::chart::{ChartSize, DrawResult, GRID, MUTED, Scale, banner, hatched_bar, rgb};
use crate::model::Status;

/// Heights and widths at full size (1600 pixels wide).
const BANNER: f64 = 46.0;
const HEADER: f64 = 18.0 + 54.0 + 42.0;
const LEGEND_ROW: f64 = 36.0;
const AXIS: f64 = 40.0;
const ROW: f64 = 30.0;
const BAR: f64 = 16.0;
const NOTE_LINE: f64 = 30.0;
const MARGIN: f64 = 40.0;
const LABEL_WIDTH: f64 = 540.0;
const UNDATED_WIDTH: f64 = 120.0;

/// Where things go: how many rows fit and the page height.
pub(super) struct Layout {
    pub rows: usize,
    legend_rows: usize,
}

/// The layout and page height for `width` pixels.
pub(super) fn layout(timeline: &Timeline, width: u32) -> (Layout, u32) {
    let k = f64::from(width) / 1600.0;
    // Legend entries wrap at about four to a row at full size.
    let legend_rows = legend_entries(timeline).len().div_ceil(4);
    let fixed = 2.0 * BANNER
        + HEADER
        + LEGEND_ROW * legend_rows as f64
        + 8.0
        + AXIS
        + ROW
        + 14.0
        + NOTE_LINE * 3.0;
    let max = f64::from(ChartSize::MAX_SIDE);
    let fit = ((max / k - fixed) / ROW).floor().max(0.0) as usize;
    let rows = timeline.rows.len().min(fit);
    let height = ((fixed + ROW * rows as f64) * k)
        .ceil()
        .max(f64::from(width) * 9.0 / 16.0)
        .min(max) as u32;
    (Layout { rows, legend_rows }, height)
}

#[derive(Clone, Copy)]
enum Swatch {
    Phase(Status),
    Undated,
    Milestone([u8; 3]),
    Event,
    Today,
}

fn legend_entries(timeline: &Timeline) -> Vec<(String, Swatch)> {
    let mut statuses: Vec<Status> = timeline
        .rows
        .iter()
        .flat_map(|r| r.phases.iter().map(|p| p.status))
        .collect();
    statuses.sort();
    statuses.dedup();
    let mut entries: Vec<(String, Swatch)> = statuses
        .into_iter()
        .map(|s| (s.label().to_owned(), Swatch::Phase(s)))
        .collect();
    entries.push(("Undated (date not known)".to_owned(), Swatch::Undated));
    entries.push(("Milestone".to_owned(), Swatch::Milestone(OPEN_RGB)));
    entries.push((
        "Overdue milestone".to_owned(),
        Swatch::Milestone(OVERDUE_RGB),
    ));
    entries.push(("Done".to_owned(), Swatch::Milestone(DONE_RGB)));
    entries.push(("Event".to_owned(), Swatch::Event));
    entries.push(("Today".to_owned(), Swatch::Today));
    entries
}

/// Maps dates to pixels on the time axis.
struct Axis {
    start: NaiveDate,
    days: f64,
    left: i32,
    width: f64,
}

impl Axis {
    fn x(&self, date: NaiveDate) -> i32 {
        let offset = (date - self.start).num_days() as f64;
        self.left + (offset / self.days * self.width).round() as i32
    }

    fn right(&self) -> i32 {
        self.left + self.width.round() as i32
    }

    /// The pixels from the start of `first` to the end of `last`, clipped
    /// to the axis; `None` when wholly outside.
    fn span(&self, first: NaiveDate, last: NaiveDate) -> Option<(i32, i32)> {
        let (a, b) = (self.x(first), self.x(next_day(last)));
        let (a, b) = (a.max(self.left), b.min(self.right()));
        (a <= b).then_some((a, b))
    }
}

/// Month ticks: every `step` months so that at most `labels` are
/// labelled (what fits the width); whole years once the axis is long.
pub fn ticks(start: NaiveDate, end: NaiveDate, labels: i32) -> Vec<(NaiveDate, String)> {
    let labels = labels.max(1);
    let months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32 + 1;
    let step = [1, 2, 3, 6, 12, 24, 60, 120]
        .into_iter()
        .find(|s| months / s <= labels)
        .unwrap_or(240);
    let mut month = YearMonth::of(start);
    let mut ticks = Vec::new();
    while month.first_day() <= end && ticks.len() < 1000 {
        let index = month.year * 12 + month.month as i32 - 1;
        if index % step == 0 {
            let day = month.first_day();
            let label = if step >= 12 {
                day.format("%Y").to_string()
            } else {
                day.format("%b %Y").to_string()
            };
            ticks.push((day, label));
        }
        month = month.next();
    }
    ticks
}

pub(super) fn page<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    timeline: &Timeline,
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let (width, height) = root.dim_in_pixel();
    let (layout, _) = layout(timeline, width);
    let scale = Scale::of(width, 900 * width / 1600);
    let px = |v: f64| scale.px(v);
    let margin = px(MARGIN);
    let banner_height = px(BANNER);
    banner(root, &timeline.marking, 0, banner_height, &scale)?;
    banner(
        root,
        &timeline.marking,
        height as i32 - banner_height,
        banner_height,
        &scale,
    )?;

    let mut y = banner_height + px(18.0);
    root.draw_text(&timeline.title, &scale.font(40.0, true), (margin, y))?;
    y += px(54.0);
    let subtitle = format!(
        "Timeline, {} · today {}",
        timeline.period(),
        timeline.today.format("%-d %b %Y")
    );
    root.draw_text(
        &subtitle,
        &scale.font(26.0, false).color(&MUTED),
        (margin, y),
    )?;
    y += px(42.0);
    legend(
        root,
        timeline,
        (margin, y),
        width as i32 - 2 * margin,
        &scale,
    )?;
    y += px(LEGEND_ROW) * layout.legend_rows as i32 + px(8.0);

    let label_right = margin + px(LABEL_WIDTH);
    let undated_left = label_right + px(10.0);
    let axis = Axis {
        start: timeline.start,
        days: ((timeline.end - timeline.start).num_days() + 1).max(1) as f64,
        left: undated_left + px(UNDATED_WIDTH) + px(10.0),
        width: f64::from(
            (width as i32 - margin - (undated_left + px(UNDATED_WIDTH) + px(10.0))).max(1),
        ),
    };
    let rows_top = y + px(AXIS);
    let rows_bottom = rows_top + px(ROW) * (layout.rows as i32 + 1);

    // Axis labels, grid lines and the undated column's heading.
    let tick_style = scale.font(20.0, false).color(&MUTED);
    root.draw_text("Undated", &tick_style, (undated_left, y + px(8.0)))?;
    let labels = (axis.width / f64::from(px(110.0))) as i32;
    for (day, label) in ticks(timeline.start, timeline.end, labels) {
        let x = axis.x(day);
        root.draw(&PathElement::new(
            vec![(x, rows_top), (x, rows_bottom)],
            GRID.stroke_width(1),
        ))?;
        root.draw_text(&label, &tick_style, (x + px(4.0), y + px(8.0)))?;
    }
    root.draw(&Rectangle::new(
        [
            (undated_left, rows_top),
            (undated_left + px(UNDATED_WIDTH), rows_bottom),
        ],
        GRID.stroke_width(1),
    ))?;

    // The events row.
    let label_style = scale.font(20.0, false);
    let centre = |row: i32| rows_top + px(ROW) * row + px(ROW) / 2;
    root.draw_text(
        "Events",
        &scale
            .font(20.0, true)
            .pos(Pos::new(HPos::Left, VPos::Center)),
        (margin, centre(0)),
    )?;
    for event in &timeline.events {
        if event.date < timeline.start || event.date > timeline.end {
            continue;
        }
        let color = if event.reported_only {
            rgb(DONE_RGB)
        } else {
            rgb(EVENT_RGB)
        };
        let x = axis.x(event.date);
        root.draw(&PathElement::new(
            vec![
                (x, centre(0) - px(BAR) / 2 - 2),
                (x, centre(0) + px(BAR) / 2 + 2),
            ],
            color.stroke_width(px(2.0) as u32),
        ))?;
    }

    // Instrument rows.
    let label_style = label_style.pos(Pos::new(HPos::Left, VPos::Center));
    for (i, row) in timeline.rows.iter().take(layout.rows).enumerate() {
        let mid = centre(i as i32 + 1);
        let label = fit_text(root, &row.label, &label_style, px(LABEL_WIDTH - 20.0))?;
        root.draw_text(&label, &label_style, (margin, mid))?;
        instrument_row(root, row, timeline.today, &axis, mid, undated_left, &scale)?;
    }

    // Today.
    if (timeline.start..=timeline.end).contains(&timeline.today) {
        // At the end of today, where ongoing phases end.
        let x = axis.x(next_day(timeline.today));
        root.draw(&PathElement::new(
            vec![(x, rows_top - px(6.0)), (x, rows_bottom)],
            rgb(TODAY_RGB).stroke_width(px(2.0) as u32),
        ))?;
    }

    // Notes.
    let mut notes = Vec::new();
    let hidden = timeline.rows.len() - layout.rows;
    if hidden > 0 {
        notes.push(format!(
            "{hidden} more instruments not shown: narrow by party, kind, area or months."
        ));
    }
    if timeline.undated_events > 0 {
        notes.push(crate::text::count(
            timeline.undated_events,
            "event with no date is not shown.",
            "events with no date are not shown.",
        ));
    }
    notes.extend(timeline.release_note.clone());
    let note_style = scale.font(22.0, false).color(&MUTED);
    let mut note_y = rows_bottom + px(14.0);
    for note in notes {
        root.draw_text(&note, &note_style, (margin, note_y))?;
        note_y += px(NOTE_LINE);
    }
    Ok(())
}

/// An instrument's phases and milestones at the vertical centre `mid`.
fn instrument_row<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    row: &TimelineRow,
    today: NaiveDate,
    axis: &Axis,
    mid: i32,
    undated_left: i32,
    scale: &Scale,
) -> DrawResult<DB> {
    let half = scale.px(BAR) / 2;
    let chip = scale.px(18.0);
    let mut undated_x = undated_left + scale.px(6.0);
    for phase in &row.phases {
        let color = status_rgb(phase.status);
        match (phase.start, phase.end_date(today)) {
            (Some(first), Some(last)) => {
                if let Some((a, b)) = axis.span(first, last) {
                    let b = b.max(a + scale.px(3.0));
                    root.draw(&Rectangle::new(
                        [(a, mid - half), (b, mid + half)],
                        rgb(color).filled(),
                    ))?;
                }
            }
            _ => {
                hatched_bar(
                    root,
                    [(undated_x, mid - half), (undated_x + chip, mid + half)],
                    color,
                    scale,
                )?;
                undated_x += chip + scale.px(4.0);
            }
        }
    }
    for milestone in &row.milestones {
        match milestone.date {
            Some(date) if date >= axis.start && axis.x(date) <= axis.right() => {
                diamond(root, (axis.x(date), mid), milestone, scale)?;
            }
            Some(_) => {}
            None => {
                diamond(root, (undated_x + chip / 2, mid), milestone, scale)?;
                undated_x += chip + scale.px(4.0);
            }
        }
    }
    Ok(())
}

fn milestone_rgb(milestone: &MilestoneMark) -> [u8; 3] {
    if milestone.overdue {
        OVERDUE_RGB
    } else if milestone.done {
        DONE_RGB
    } else {
        OPEN_RGB
    }
}

fn diamond<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    milestone: &MilestoneMark,
    scale: &Scale,
) -> DrawResult<DB> {
    let r = scale.px(9.0);
    let points = vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
    root.draw(&Polygon::new(
        points,
        rgb(milestone_rgb(milestone)).filled(),
    ))
}

fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    timeline: &Timeline,
    (left, top): (i32, i32),
    width: i32,
    scale: &Scale,
) -> DrawResult<DB> {
    let style = scale.font(22.0, false);
    let swatch = (scale.px(34.0), scale.px(20.0));
    let gap = scale.px(10.0);
    // Fixed columns, so the page height can be known before drawing.
    let column = width / 4;
    for (i, (label, kind)) in legend_entries(timeline).into_iter().enumerate() {
        let x = left + column * (i % 4) as i32;
        let y = top + scale.px(LEGEND_ROW) * (i / 4) as i32;
        let rect = [(x, y), (x + swatch.0, y + swatch.1)];
        let mid = (x + swatch.0 / 2, y + swatch.1 / 2);
        match kind {
            Swatch::Phase(status) => {
                root.draw(&Rectangle::new(rect, rgb(status_rgb(status)).filled()))?;
            }
            Swatch::Undated => hatched_bar(root, rect, [120, 120, 120], scale)?,
            Swatch::Milestone(color) => {
                let r = scale.px(9.0);
                let points = vec![
                    (mid.0, mid.1 - r),
                    (mid.0 + r, mid.1),
                    (mid.0, mid.1 + r),
                    (mid.0 - r, mid.1),
                ];
                root.draw(&Polygon::new(points, rgb(color).filled()))?;
            }
            Swatch::Event | Swatch::Today => {
                let color = match kind {
                    Swatch::Event => EVENT_RGB,
                    _ => TODAY_RGB,
                };
                root.draw(&PathElement::new(
                    vec![
                        (mid.0, y - scale.px(2.0)),
                        (mid.0, y + swatch.1 + scale.px(2.0)),
                    ],
                    rgb(color).stroke_width(scale.px(3.0) as u32),
                ))?;
            }
        }
        let label = fit_text(root, &label, &style, column - swatch.0 - 2 * gap)?;
        root.draw_text(&label, &style, (x + swatch.0 + gap, y - scale.px(2.0)))?;
    }
    Ok(())
}

/// `text`, cut with an ellipsis where it would pass `width` pixels.
fn fit_text<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
    width: i32,
) -> Result<String, DrawingAreaErrorKind<DB::ErrorType>> {
    let fits = |t: &str| -> Result<bool, DrawingAreaErrorKind<DB::ErrorType>> {
        // Estimates run a little short of what viewers draw.
        Ok(root.estimate_text_size(t, style)?.0 as f64 * 1.12 <= f64::from(width))
    };
    if fits(text)? {
        return Ok(text.to_owned());
    }
    let mut cut: String = text.to_owned();
    while !cut.is_empty() {
        cut.pop();
        let candidate = format!("{}…", cut.trim_end());
        if fits(&candidate)? {
            return Ok(candidate);
        }
    }
    Ok(String::new())
}
