//! The Timeline tab: every instrument as a row of lifecycle phases, its
//! milestones as marks (overdue in red), the events as ticks on a row of
//! their own, and a line at today. Zoom with Ctrl+scroll or the buttons,
//! pan by dragging; filters by party, kind and area; clicking a row or a
//! tick opens the record. What is drawn comes from
//! [`crate::analysis::Timeline`], built once per workspace revision and
//! filter; each frame paints only the rows in view and one tick per pixel
//! column of events, so a workspace of thousands stays fast.

use chrono::{Days, NaiveDate};
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, pos2, vec2};

use crate::analysis::{EventMark, Timeline, TimelineFilter, TimelineRow, YearMonth, next_day};
use crate::export::timeline::{DONE_RGB, EVENT_RGB, OVERDUE_RGB, TODAY_RGB, status_rgb, ticks};
use crate::model::{CooperationArea, InstrumentKind, PartyId, RecordId, Workspace};
use crate::ui::command::Command;
use crate::ui::tabs::TabContext;
use crate::ui::widgets::table::filter_hash;
use crate::ui::widgets::{date_text, labelled_combo};

const ROW_HEIGHT: f32 = 24.0;
const LABEL_WIDTH: f32 = 320.0;
const UNDATED_WIDTH: f32 = 90.0;
const BAR_HEIGHT: f32 = 12.0;
/// The shortest window zoom reaches, in days.
const MIN_DAYS: f64 = 14.0;

#[derive(Default)]
pub struct TimelineTab {
    party: Option<PartyId>,
    kind: Option<InstrumentKind>,
    area: Option<CooperationArea>,
    /// The days shown: (first, count), in days from the timeline's start;
    /// `None` shows it all.
    window: Option<(f64, f64)>,
    /// The timeline for the workspace revision, filter and today it was
    /// built for: rebuilt when they change, never every frame.
    cache: Option<(u64, Timeline)>,
}

fn color([r, g, b]: [u8; 3]) -> Color32 {
    Color32::from_rgb(r, g, b)
}

impl TimelineTab {
    fn filter(&self) -> TimelineFilter {
        TimelineFilter {
            party: self.party.clone(),
            kind: self.kind,
            area: self.area.clone(),
            ..TimelineFilter::default()
        }
    }

    /// The timeline as the tab shows it (filters and the months in view),
    /// for Export timeline and Copy timeline.
    pub fn timeline(&self, ws: &Workspace, today: NaiveDate) -> Timeline {
        let mut filter = self.filter();
        if let (Some((first, days)), Some((_, all))) = (self.window, &self.cache) {
            let day = |offset: f64| {
                all.start
                    .checked_add_days(Days::new(offset.max(0.0) as u64))
                    .unwrap_or(all.end)
            };
            filter.from = Some(YearMonth::of(day(first)));
            filter.to = Some(YearMonth::of(day(first + days - 1.0)));
        }
        Timeline::build(ws, &filter, today)
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
        self.controls_ui(ui, cx);
        let key = filter_hash(&(cx.key, self.filter(), cx.today));
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let timeline = Timeline::build(cx.ws, &self.filter(), cx.today);
            self.cache = Some((key, timeline));
            self.window = None;
        }
        let Some((_, timeline)) = &self.cache else {
            return;
        };
        let total = ((timeline.end - timeline.start).num_days() + 1) as f64;
        let (mut first, mut days) = self.window.unwrap_or((0.0, total));

        ui.add_space(4.0);
        let width = ui.available_width();
        let plot_left = ui.min_rect().left() + LABEL_WIDTH + UNDATED_WIDTH + 12.0;
        let plot_width = (ui.max_rect().right() - plot_left - 8.0).max(50.0);
        let axis = Axis {
            start: timeline.start,
            first,
            days,
            left: plot_left,
            width: plot_width,
        };

        // The month axis and the events row stay put; the rows scroll.
        let (header, header_response) =
            ui.allocate_exact_size(vec2(width, ROW_HEIGHT), Sense::click_and_drag());
        axis_ui(ui, header, &axis, timeline);
        let mut drag = header_response.drag_delta().x;
        let (events_rect, events_response) =
            ui.allocate_exact_size(vec2(width, ROW_HEIGHT), Sense::click_and_drag());
        drag += events_response.drag_delta().x;
        if let Some(event) = events_ui(ui, events_rect, &events_response, &axis, timeline) {
            cx.commands
                .push(Command::Reveal(RecordId::Event(event.id.clone())));
        }
        if timeline.rows.is_empty() {
            ui.weak("No instruments match these filters.");
        }
        let mut zoom_at: Option<(f32, f32)> = None;
        let output = egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .scroll_source(
                egui::scroll_area::ScrollSource::SCROLL_BAR
                    | egui::scroll_area::ScrollSource::MOUSE_WHEEL,
            )
            .show_rows(ui, ROW_HEIGHT, timeline.rows.len(), |ui, range| {
                for row in &timeline.rows[range] {
                    let (rect, _) = ui.allocate_exact_size(vec2(width, ROW_HEIGHT), Sense::hover());
                    let response = row_ui(ui, rect, row, &axis, timeline.today);
                    drag += response.drag_delta().x;
                    if response.clicked() {
                        cx.commands.push(Command::Reveal(RecordId::Instrument(
                            row.instrument.clone(),
                        )));
                    }
                    if response.hovered() {
                        let zoom = ui.input(egui::InputState::zoom_delta);
                        if zoom != 1.0 {
                            zoom_at = response.hover_pos().map(|p| (p.x, zoom));
                        }
                    }
                }
            });
        // Today across the rows in view.
        let today = axis.x(next_day(timeline.today));
        let rows_rect = output.inner_rect;
        if axis.contains(today) {
            ui.painter().with_clip_rect(rows_rect).vline(
                today,
                rows_rect.y_range(),
                Stroke::new(2.0, color(TODAY_RGB)),
            );
        }

        if drag != 0.0 {
            first -= f64::from(drag / plot_width) * days;
        }
        if let Some((x, zoom)) = zoom_at {
            let at = axis.day_at(x);
            let new_days = (days / f64::from(zoom)).clamp(MIN_DAYS.min(total), total);
            first = at - (at - first) * new_days / days;
            days = new_days;
        }
        self.window = clamp_window(first, days, total);
    }

    fn controls_ui(&mut self, ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
        let ws = cx.ws;
        ui.horizontal_wrapped(|ui| {
            let party = self.party.as_ref().map_or("Any", |p| ws.party_name(p));
            let mut chosen = self.party.clone();
            labelled_combo(ui, "Party", party, 160.0, |ui| {
                ui.selectable_value(&mut chosen, None, "Any");
                for p in &ws.parties {
                    ui.selectable_value(&mut chosen, Some(p.id.clone()), &p.name);
                }
            });
            self.party = chosen;
            let kind = self.kind.map_or("Any", InstrumentKind::label);
            labelled_combo(ui, "Kind", kind, 120.0, |ui| {
                ui.selectable_value(&mut self.kind, None, "Any");
                for kind in InstrumentKind::ALL {
                    ui.selectable_value(&mut self.kind, Some(kind), kind.label());
                }
            });
            let area = self
                .area
                .as_ref()
                .map_or("Any".to_owned(), |a| a.label().to_owned());
            let mut areas: Vec<CooperationArea> = CooperationArea::NAMED.to_vec();
            for instrument in &ws.instruments {
                for a in &instrument.areas {
                    if !areas.contains(a) {
                        areas.push(a.clone());
                    }
                }
            }
            labelled_combo(ui, "Area", area, 150.0, |ui| {
                ui.selectable_value(&mut self.area, None, "Any");
                for a in areas {
                    let label = a.label().to_owned();
                    ui.selectable_value(&mut self.area, Some(a), label);
                }
            });
            let filtering = self.party.is_some() || self.kind.is_some() || self.area.is_some();
            if ui
                .add_enabled(filtering, egui::Button::new("Clear filters"))
                .clicked()
            {
                self.party = None;
                self.kind = None;
                self.area = None;
            }
            ui.separator();
            let total = self
                .cache
                .as_ref()
                .map_or(1.0, |(_, t)| ((t.end - t.start).num_days() + 1) as f64);
            let (first, days) = self.window.unwrap_or((0.0, total));
            if ui
                .button("Zoom in")
                .on_hover_text("Or Ctrl+scroll over the rows")
                .clicked()
            {
                let new_days = (days / 2.0).max(MIN_DAYS.min(total));
                self.window = clamp_window(first + (days - new_days) / 2.0, new_days, total);
            }
            if ui.button("Zoom out").clicked() {
                let new_days = (days * 2.0).min(total);
                self.window = clamp_window(first - (new_days - days) / 2.0, new_days, total);
            }
            if ui
                .add_enabled(self.window.is_some(), egui::Button::new("Show all"))
                .clicked()
            {
                self.window = None;
            }
            ui.separator();
            for command in [Command::ExportTimeline, Command::CopyTimeline] {
                let button = ui.button(command.label()).on_hover_text(command.tooltip());
                if button.clicked() {
                    cx.commands.push(command);
                }
            }
        });
    }
}

/// Keeps the window inside the timeline; the whole of it is `None`.
fn clamp_window(first: f64, days: f64, total: f64) -> Option<(f64, f64)> {
    let days = days.clamp(MIN_DAYS.min(total), total);
    if days >= total {
        return None;
    }
    Some((first.clamp(0.0, total - days), days))
}

/// Days to screen x in the plot column.
struct Axis {
    start: NaiveDate,
    first: f64,
    days: f64,
    left: f32,
    width: f32,
}

impl Axis {
    fn offset(&self, date: NaiveDate) -> f64 {
        (date - self.start).num_days() as f64
    }

    fn x(&self, date: NaiveDate) -> f32 {
        self.left + ((self.offset(date) - self.first) / self.days) as f32 * self.width
    }

    fn day_at(&self, x: f32) -> f64 {
        self.first + f64::from((x - self.left) / self.width) * self.days
    }

    fn date_at(&self, x: f32) -> NaiveDate {
        let offset = self.day_at(x).max(0.0) as u64;
        self.start
            .checked_add_days(Days::new(offset))
            .unwrap_or(self.start)
    }

    fn contains(&self, x: f32) -> bool {
        (self.left..=self.left + self.width).contains(&x)
    }

    /// The visible part of `[first, last]` (whole days) in pixels.
    fn span(&self, first: NaiveDate, last: NaiveDate) -> Option<(f32, f32)> {
        let a = self.x(first).max(self.left);
        let b = self.x(next_day(last)).min(self.left + self.width);
        (a <= b).then_some((a, b))
    }
}

fn axis_ui(ui: &egui::Ui, rect: Rect, axis: &Axis, timeline: &Timeline) {
    let painter = ui.painter_at(rect);
    let muted = ui.visuals().weak_text_color();
    let font = FontId::proportional(12.0);
    painter.text(
        pos2(rect.left() + LABEL_WIDTH + 6.0, rect.center().y),
        Align2::LEFT_CENTER,
        "Undated",
        font.clone(),
        muted,
    );
    let first = axis.date_at(axis.left);
    let last = axis.date_at(axis.left + axis.width);
    let today = axis.x(next_day(timeline.today));
    for (day, label) in ticks(first, last, (axis.width / 90.0) as i32) {
        let x = axis.x(day);
        if axis.contains(x) {
            painter.vline(x, rect.y_range(), Stroke::new(1.0, muted));
            // No label under "Today" or cut off at the right edge.
            let clear = (x - today).abs() > 70.0 || !axis.contains(today);
            if !clear || x + 60.0 > axis.left + axis.width {
                continue;
            }
            painter.text(
                pos2(x + 3.0, rect.center().y),
                Align2::LEFT_CENTER,
                label,
                font.clone(),
                muted,
            );
        }
    }
    if axis.contains(today) {
        painter.vline(today, rect.y_range(), Stroke::new(2.0, color(TODAY_RGB)));
        painter.text(
            pos2(today - 3.0, rect.top()),
            Align2::RIGHT_TOP,
            "Today",
            font,
            color(TODAY_RGB),
        );
    }
}

/// The events row: one tick per pixel column in view; returns the event
/// clicked.
fn events_ui<'a>(
    ui: &egui::Ui,
    rect: Rect,
    response: &egui::Response,
    axis: &Axis,
    timeline: &'a Timeline,
) -> Option<&'a EventMark> {
    let painter = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    painter.text(
        pos2(rect.left(), rect.center().y),
        Align2::LEFT_CENTER,
        "Events",
        FontId::proportional(14.0),
        text,
    );
    let first = axis.date_at(axis.left);
    let last = axis.date_at(axis.left + axis.width);
    let events = &timeline.events;
    let from = events.partition_point(|e| e.date < first);
    let to = events.partition_point(|e| e.date <= last);
    let mut last_x = f32::NEG_INFINITY;
    let half = BAR_HEIGHT / 2.0 + 2.0;
    for event in &events[from..to] {
        let x = axis.x(event.date).round();
        if x == last_x {
            continue;
        }
        last_x = x;
        let ink = if event.reported_only {
            color(DONE_RGB)
        } else {
            color(EVENT_RGB)
        };
        painter.vline(
            x,
            (rect.center().y - half)..=(rect.center().y + half),
            Stroke::new(2.0, ink),
        );
    }
    let pointer = response.hover_pos()?;
    // The event nearest the pointer, within a few pixels.
    let near = |e: &&EventMark| (axis.x(e.date) - pointer.x).abs() <= 4.0;
    let hit = events[from..to].iter().filter(near).min_by(|a, b| {
        let d = |e: &EventMark| (axis.x(e.date) - pointer.x).abs();
        d(a).total_cmp(&d(b))
    })?;
    let same_day = events[from..to]
        .iter()
        .filter(|e| e.date == hit.date)
        .count();
    let mut tip = format!(
        "{}  {} ({})",
        date_text(Some(hit.date)),
        hit.title,
        hit.kind.label()
    );
    if hit.reported_only {
        tip.push_str("\nNo date of its own: placed when it was reported.");
    }
    if same_day > 1 {
        tip.push_str(&format!("\nand {} more that day", same_day - 1));
    }
    tip.push_str("\nClick to open it.");
    let clicked = response.clicked();
    response.clone().on_hover_text_at_pointer(tip);
    clicked.then_some(hit)
}

/// One instrument's row: its label (a link to the record), undated chips,
/// bars and milestone marks. The returned response covers the whole row.
fn row_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    row: &TimelineRow,
    axis: &Axis,
    today: NaiveDate,
) -> egui::Response {
    let id = ui
        .scope_id()
        .with(("timeline_row", row.instrument.as_str()));
    let label_rect = Rect::from_min_size(rect.min, vec2(LABEL_WIDTH - 8.0, rect.height()));
    let label = ui
        .scope_builder(
            egui::UiBuilder::new()
                .max_rect(label_rect)
                .layout(egui::Layout::left_to_right(egui::Align::Center)),
            |ui| {
                ui.add(
                    egui::Label::new(&row.label)
                        .truncate()
                        .sense(Sense::click()),
                )
            },
        )
        .inner;
    let plot = Rect::from_min_max(pos2(label_rect.right() + 8.0, rect.top()), rect.max);
    let response = ui.interact(plot, id, Sense::click_and_drag());
    let painter = ui.painter_at(plot);
    let mid = rect.center().y;
    let half = BAR_HEIGHT / 2.0;
    if response.hovered() || label.hovered() {
        painter.rect_filled(plot, 0.0, ui.visuals().faint_bg_color);
    }

    // Undated phases and milestones: chips in their own column.
    // What is under the pointer is worded only when hovered.
    let mut hits: Vec<(Rect, Hit<'_>)> = Vec::new();
    let mut chip_x = plot.left() + 4.0;
    let chip = vec2(14.0, BAR_HEIGHT);
    for phase in &row.phases {
        let ink = color(status_rgb(phase.status));
        match (phase.start, phase.end_date(today)) {
            (Some(first), Some(last)) => {
                let Some((a, b)) = axis.span(first, last) else {
                    continue;
                };
                let bar = Rect::from_min_max(pos2(a, mid - half), pos2(b.max(a + 3.0), mid + half));
                painter.rect_filled(bar, 2.0, ink);
                hits.push((bar, Hit::Phase(phase)));
            }
            _ => {
                let r = Rect::from_min_size(pos2(chip_x, mid - half), chip);
                painter.rect_filled(r, 2.0, ink.gamma_multiply(0.35));
                painter.rect_stroke(r, 2.0, Stroke::new(1.5, ink), StrokeKind::Inside);
                hits.push((r, Hit::Phase(phase)));
                chip_x += chip.x + 4.0;
            }
        }
    }
    for milestone in &row.milestones {
        let ink = if milestone.overdue {
            color(OVERDUE_RGB)
        } else if milestone.done {
            color(DONE_RGB)
        } else {
            // Black in exports; the text colour here, for dark mode.
            ui.visuals().strong_text_color()
        };
        let centre = match milestone.date {
            Some(date) => {
                let x = axis.x(date) + axis.width / axis.days as f32 / 2.0;
                if !axis.contains(x) {
                    continue;
                }
                pos2(x, mid)
            }
            None => {
                let c = pos2(chip_x + chip.x / 2.0, mid);
                chip_x += chip.x + 4.0;
                c
            }
        };
        diamond(&painter, centre, 6.0, ink);
        hits.push((
            Rect::from_center_size(centre, vec2(12.0, 12.0)),
            Hit::Milestone(milestone),
        ));
    }
    let today_x = axis.x(next_day(today));
    if axis.contains(today_x) {
        painter.vline(today_x, rect.y_range(), Stroke::new(2.0, color(TODAY_RGB)));
    }

    let Some(pointer) = response.hover_pos() else {
        return response | label;
    };
    let mut tip = format!(
        "{} ({}, {})\nClick to open it.",
        row.label,
        row.kind.label(),
        row.status.label()
    );
    // Marks sit on bars: the last drawn (a milestone) wins.
    if let Some((_, hit)) = hits
        .iter()
        .rev()
        .find(|(r, _)| r.expand(2.0).contains(pointer))
    {
        tip.push('\n');
        tip.push_str(&hit.text());
    }
    let response = response.on_hover_text_at_pointer(tip);
    response | label
}

fn diamond(painter: &egui::Painter, c: Pos2, r: f32, fill: Color32) {
    let points = vec![
        pos2(c.x, c.y - r),
        pos2(c.x + r, c.y),
        pos2(c.x, c.y + r),
        pos2(c.x - r, c.y),
    ];
    painter.add(egui::Shape::convex_polygon(points, fill, Stroke::NONE));
}

/// A bar, chip or mark of a row, for its hover text.
enum Hit<'a> {
    Phase(&'a crate::analysis::Phase),
    Milestone(&'a crate::analysis::MilestoneMark),
}

impl Hit<'_> {
    fn text(&self) -> String {
        use crate::analysis::PhaseEnd;
        match self {
            Hit::Phase(phase) => {
                let Some(start) = phase.start else {
                    return format!("{}: date not known", phase.status.label());
                };
                let end = match phase.end {
                    PhaseEnd::Ongoing => "ongoing".to_owned(),
                    PhaseEnd::Unknown => "end not known".to_owned(),
                    PhaseEnd::At(d) => date_text(Some(d)),
                };
                format!(
                    "{}: {} to {end}",
                    phase.status.label(),
                    date_text(Some(start))
                )
            }
            Hit::Milestone(milestone) => {
                let state = if milestone.overdue {
                    " (overdue)"
                } else if milestone.done {
                    " (done)"
                } else {
                    ""
                };
                let when = milestone
                    .date
                    .map_or("no date".to_owned(), |d| date_text(Some(d)));
                format!("Milestone: {}, {when}{state}", milestone.title)
            }
        }
    }
}
