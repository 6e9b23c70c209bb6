//! The brief as PDF: A4 pages laid out here (wrapped text, tables that break
//! between rows and repeat their header, charts kept whole), drawn with
//! krilla, which embeds a subset of the font, and krilla-svg, which draws the
//! same SVG charts as the HTML as vectors.
//!
//! krilla was chosen over printpdf because it is the PDF library of the
//! typst project: actively kept, it subsets and embeds fonts itself and has a
//! maintained SVG bridge, so the charts stay vectors and nothing here
//! rasterises.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla_svg::{SurfaceExt, SvgSettings};

use super::{Block, Brief, Table};
use crate::export::ExportError;
use crate::export::chart::{Banners, ChartSize, svg_with};
use crate::export::fonts::{BOLD, REGULAR, read_svg};

const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN_X: f32 = 40.0;
const BANNER_HEIGHT: f32 = 20.0;
/// Where content starts and must end on every page.
const CONTENT_TOP: f32 = BANNER_HEIGHT + 22.0;
const CONTENT_BOTTOM: f32 = PAGE_HEIGHT - BANNER_HEIGHT - 26.0;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
/// A cell never grows beyond this many lines (the rest is cut with "…"), so
/// that one long text cannot make a row taller than a page.
const MAX_CELL_LINES: usize = 30;

const INK: [u8; 3] = [33, 33, 33];
const MUTED: [u8; 3] = [85, 85, 85];
const RULE: [u8; 3] = [190, 190, 190];
const HEADER_FILL: [u8; 3] = [232, 232, 232];

/// The brief as PDF bytes.
pub fn to_pdf(brief: &Brief) -> Result<Vec<u8>, ExportError> {
    let metrics = Metrics::new()?;
    let pages = lay_out(brief, &metrics);
    render(brief, &pages, &metrics)
}

/// Text widths from the embedded fonts' advances.
struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

impl Metrics {
    fn new() -> Result<Self, ExportError> {
        let face = |bytes| {
            ttf_parser::Face::parse(bytes, 0)
                .map_err(|e| ExportError::Pdf(format!("the embedded font cannot be read: {e}")))
        };
        Ok(Self {
            regular: face(REGULAR)?,
            bold: face(BOLD)?,
        })
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let units: u32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(500, u32::from)
            })
            .sum();
        units as f32 * size / f32::from(face.units_per_em())
    }

    /// Greedy word wrap; a word wider than the line is broken by characters.
    fn wrap(&self, text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size, bold) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in word.chars() {
                    line.push(c);
                    if self.width(&line, size, bold) > width && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// What a page shows, in page coordinates (points, y down; text `y` is the
/// baseline).
#[derive(Debug)]
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: [u8; 3],
        text: String,
    },
    Fill {
        rect: [f32; 4],
        color: [u8; 3],
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        color: [u8; 3],
    },
    Chart {
        svg: String,
        rect: [f32; 4],
    },
}

struct Layout<'a> {
    metrics: &'a Metrics,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout<'_> {
    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = CONTENT_TOP;
    }

    /// Starts a new page unless `height` fits below the cursor.
    fn ensure(&mut self, height: f32) {
        if self.y + height > CONTENT_BOTTOM && self.y > CONTENT_TOP {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, baseline: f32, size: f32, bold: bool, color: [u8; 3], text: &str) {
        if !text.is_empty() {
            self.page().push(Op::Text {
                x,
                y: baseline,
                size,
                bold,
                color,
                text: text.to_owned(),
            });
        }
    }

    fn lines(&mut self, text: &str, size: f32, bold: bool, color: [u8; 3], gap_after: f32) {
        let line_height = size * 1.35;
        for line in self.metrics.wrap(text, CONTENT_WIDTH, size, bold) {
            self.ensure(line_height);
            self.y += line_height;
            let baseline = self.y - size * 0.3;
            self.text(MARGIN_X, baseline, size, bold, color, &line);
        }
        self.y += gap_after;
    }

    fn heading(&mut self, text: &str) {
        // Keep a heading with at least a few lines of what follows.
        self.ensure(80.0);
        self.y += 10.0;
        self.lines(text, 13.0, true, INK, 0.0);
        self.y += 3.0;
        let y = self.y;
        self.page().push(Op::Line {
            from: (MARGIN_X, y),
            to: (MARGIN_X + CONTENT_WIDTH, y),
            color: RULE,
        });
        self.y += 5.0;
    }

    fn table(&mut self, table: &Table) {
        const SIZE: f32 = 7.5;
        const PAD: f32 = 3.0;
        let line_height = SIZE * 1.3;
        let total: f32 = table
            .columns
            .iter()
            .map(|(_, w)| f32::from(*w))
            .sum::<f32>()
            .max(1.0);
        let widths: Vec<f32> = table
            .columns
            .iter()
            .map(|(_, w)| f32::from(*w) / total * CONTENT_WIDTH)
            .collect();
        let header: Vec<String> = table.columns.iter().map(|(t, _)| (*t).to_owned()).collect();
        let header_cells = self.cells(&header, &widths, SIZE, true);
        let header_height = row_height(&header_cells, line_height, PAD);
        self.ensure(header_height + line_height * 2.0 + 2.0 * PAD);
        self.row(&header_cells, &widths, header_height, true);
        for row in &table.rows {
            let cells = self.cells(row, &widths, SIZE, false);
            let height = row_height(&cells, line_height, PAD);
            if self.y + height > CONTENT_BOTTOM {
                self.new_page();
                self.row(&header_cells, &widths, header_height, true);
            }
            self.row(&cells, &widths, height, false);
        }
        self.y += 8.0;
    }

    fn cells(&self, row: &[String], widths: &[f32], size: f32, bold: bool) -> Vec<Vec<String>> {
        widths
            .iter()
            .enumerate()
            .map(|(i, width)| {
                let text = row.get(i).map_or("", String::as_str);
                let mut lines = self.metrics.wrap(text, width - 6.0, size, bold);
                if lines.len() > MAX_CELL_LINES {
                    lines.truncate(MAX_CELL_LINES);
                    if let Some(last) = lines.last_mut() {
                        last.push('…');
                    }
                }
                lines
            })
            .collect()
    }

    fn row(&mut self, cells: &[Vec<String>], widths: &[f32], height: f32, header: bool) {
        const SIZE: f32 = 7.5;
        const PAD: f32 = 3.0;
        let top = self.y;
        if header {
            self.page().push(Op::Fill {
                rect: [MARGIN_X, top, CONTENT_WIDTH, height],
                color: HEADER_FILL,
            });
        }
        let mut x = MARGIN_X;
        for (lines, width) in cells.iter().zip(widths) {
            for (i, line) in lines.iter().enumerate() {
                let baseline = top + PAD + SIZE * 1.3 * (i as f32 + 1.0) - SIZE * 0.3;
                self.text(x + PAD, baseline, SIZE, header, INK, line);
            }
            self.page().push(Op::Line {
                from: (x, top),
                to: (x, top + height),
                color: RULE,
            });
            x += width;
        }
        let right = MARGIN_X + CONTENT_WIDTH;
        for (from, to) in [
            ((right, top), (right, top + height)),
            ((MARGIN_X, top), (right, top)),
            ((MARGIN_X, top + height), (right, top + height)),
        ] {
            self.page().push(Op::Line {
                from,
                to,
                color: RULE,
            });
        }
        self.y = top + height;
    }
}

fn row_height(cells: &[Vec<String>], line_height: f32, pad: f32) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f32 * line_height + 2.0 * pad
}

fn lay_out(brief: &Brief, metrics: &Metrics) -> Vec<Vec<Op>> {
    let mut layout = Layout {
        metrics,
        pages: vec![Vec::new()],
        y: CONTENT_TOP,
    };
    layout.lines(&brief.title, 18.0, true, INK, 2.0);
    layout.lines(&brief.subtitle, 10.0, false, MUTED, 4.0);
    for block in &brief.blocks {
        match block {
            Block::Heading(text) => layout.heading(text),
            Block::Paragraph(text) => layout.lines(text, 9.5, false, INK, 4.0),
            Block::Note(text) => layout.lines(text, 8.0, false, MUTED, 3.0),
            Block::Table(table) => layout.table(table),
            Block::Chart(chart) => {
                let size = ChartSize::default();
                let height = CONTENT_WIDTH * size.height as f32 / size.width as f32;
                layout.ensure(height + 8.0);
                let top = layout.y + 4.0;
                // The chart's own rendering errors surface when it is drawn.
                let svg = svg_with(chart, size, Banners::LeftToPage).unwrap_or_default();
                layout.page().push(Op::Chart {
                    svg,
                    rect: [MARGIN_X, top, CONTENT_WIDTH, height],
                });
                layout.y = top + height + 8.0;
            }
        }
    }
    layout.pages
}

fn render(brief: &Brief, pages: &[Vec<Op>], metrics: &Metrics) -> Result<Vec<u8>, ExportError> {
    let font = |bytes: &'static [u8]| {
        Font::new(bytes.into(), 0)
            .ok_or_else(|| ExportError::Pdf("the embedded font cannot be read".to_owned()))
    };
    let (regular, bold) = (font(REGULAR)?, font(BOLD)?);
    let marking = brief.marking.to_string();
    let marking_width = metrics.width(&marking, 9.0, true);
    let (banner_fill, banner_text) = brief.marking.classification.banner_colors();
    let mut document = Document::new();
    // No dates: the same brief gives the same bytes.
    document.set_metadata(
        Metadata::new()
            .title(format!("{marking} — {}", brief.title))
            .creator("coopdesk".to_owned()),
    );
    let page_size = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| ExportError::Pdf("bad page size".to_owned()))?;
    let count = pages.len();
    for (index, ops) in pages.iter().enumerate() {
        let mut page = document.start_page_with(page_size.clone());
        let mut surface = page.surface();
        for top in [0.0, PAGE_HEIGHT - BANNER_HEIGHT] {
            fill_rect(
                &mut surface,
                [0.0, top, PAGE_WIDTH, BANNER_HEIGHT],
                banner_fill,
            );
            draw_text(
                &mut surface,
                &bold,
                ((PAGE_WIDTH - marking_width) / 2.0, top + 13.5),
                9.0,
                banner_text,
                &marking,
            );
        }
        let footer = format!("{} — page {} of {count}", brief.title, index + 1);
        draw_text(
            &mut surface,
            &regular,
            (MARGIN_X, PAGE_HEIGHT - BANNER_HEIGHT - 9.0),
            7.0,
            MUTED,
            &footer,
        );
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: is_bold,
                    color,
                    text,
                } => {
                    let face = if *is_bold { &bold } else { &regular };
                    draw_text(&mut surface, face, (*x, *y), *size, *color, text);
                }
                Op::Fill { rect, color } => fill_rect(&mut surface, *rect, *color),
                Op::Line { from, to, color } => line(&mut surface, *from, *to, *color),
                Op::Chart { svg, rect } => {
                    let tree = read_svg(svg)
                        .map_err(|e| ExportError::Pdf(format!("a chart cannot be read: {e}")))?;
                    let size = Size::from_wh(rect[2], rect[3])
                        .ok_or_else(|| ExportError::Pdf("bad chart size".to_owned()))?;
                    surface.push_transform(&Transform::from_translate(rect[0], rect[1]));
                    surface
                        .draw_svg(&tree, size, SvgSettings::default())
                        .ok_or_else(|| ExportError::Pdf("a chart cannot be drawn".to_owned()))?;
                    surface.pop();
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

fn paint(color: [u8; 3]) -> krilla::paint::Paint {
    rgb::Color::new(color[0], color[1], color[2]).into()
}

fn draw_text(
    surface: &mut Surface<'_>,
    font: &Font,
    (x, y): (f32, f32),
    size: f32,
    color: [u8; 3],
    text: &str,
) {
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint: paint(color),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }));
    surface.draw_text(
        Point::from_xy(x, y),
        font.clone(),
        size,
        text,
        false,
        TextDirection::Auto,
    );
}

fn fill_rect(surface: &mut Surface<'_>, [x, y, w, h]: [f32; 4], color: [u8; 3]) {
    let Some(rect) = Rect::from_xywh(x, y, w, h) else {
        return;
    };
    let mut path = PathBuilder::new();
    path.push_rect(rect);
    if let Some(path) = path.finish() {
        surface.set_stroke(None);
        surface.set_fill(Some(Fill {
            paint: paint(color),
            opacity: NormalizedF32::ONE,
            rule: Default::default(),
        }));
        surface.draw_path(&path);
    }
}

fn line(surface: &mut Surface<'_>, from: (f32, f32), to: (f32, f32), color: [u8; 3]) {
    let mut path = PathBuilder::new();
    path.move_to(from.0, from.1);
    path.line_to(to.0, to.1);
    if let Some(path) = path.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: paint(color),
            width: 0.6,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}
