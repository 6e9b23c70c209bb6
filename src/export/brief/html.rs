//! The brief as one self-contained HTML file: inline CSS and SVG charts, no
//! scripts, nothing fetched. Printing it gives A4 pages with the marking
//! banner at the top and bottom of every page (a table's header and footer
//! groups repeat on each printed page in every major browser).

use std::fmt::Write as _;

use super::{Block, Brief, Table};
use crate::export::ExportError;
use crate::export::chart::{Banners, ChartSize, svg_with};
use crate::export::fonts::FAMILY;

const STYLE: &str = r#"
:root { color-scheme: light; }
body { margin: 0; font-family: "FAMILY", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
  font-size: 10.5pt; line-height: 1.35; color: #212121; background: #fff; }
table.page { width: 100%; border-collapse: collapse; }
table.page > thead > tr > td, table.page > tfoot > tr > td { padding: 0; }
.banner { background: BANNER_FILL; color: BANNER_TEXT; font-weight: bold; text-align: center;
  padding: 3pt 0; letter-spacing: 0.04em; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
main { padding: 6pt 2pt; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 19pt; margin: 6pt 0 2pt; }
.subtitle { color: #555; margin: 0 0 8pt; }
h2 { font-size: 13.5pt; margin: 14pt 0 4pt; border-bottom: 1px solid #bbb; padding-bottom: 2pt;
  break-after: avoid; page-break-after: avoid; }
p { margin: 4pt 0; }
p.note { color: #555; font-size: 9pt; }
table.data { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; font-size: 9pt; table-layout: fixed; }
table.data th { background: #e8e8e8; text-align: left; font-weight: bold; print-color-adjust: exact;
  -webkit-print-color-adjust: exact; }
table.data th, table.data td { border: 1px solid #c8c8c8; padding: 2pt 4pt; vertical-align: top;
  overflow-wrap: anywhere; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
figure.chart { margin: 6pt 0 10pt; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; display: block; }
@page { size: A4; margin: 10mm 12mm; }
@media print { main { max-width: none; } }
"#;

/// The brief as HTML text.
pub fn to_html(brief: &Brief) -> Result<String, ExportError> {
    let ([r, g, b], [tr, tg, tb]) = brief.marking.classification.banner_colors();
    let style = STYLE
        .replace("FAMILY", FAMILY)
        .replace("BANNER_FILL", &format!("#{r:02x}{g:02x}{b:02x}"))
        .replace("BANNER_TEXT", &format!("#{tr:02x}{tg:02x}{tb:02x}"));
    let marking = escape(&brief.marking.to_string());
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{marking} — {title}</title>\n<style>{style}</style>\n</head>\n<body>\n\
         <table class=\"page\">\n<thead><tr><td><div class=\"banner\">{marking}</div></td></tr></thead>\n\
         <tfoot><tr><td><div class=\"banner\">{marking}</div></td></tr></tfoot>\n\
         <tbody><tr><td>\n<main>\n<h1>{title}</h1>\n<p class=\"subtitle\">{subtitle}</p>\n",
        title = escape(&brief.title),
        subtitle = escape(&brief.subtitle),
    );
    for block in &brief.blocks {
        match block {
            Block::Heading(text) => {
                let _ = writeln!(out, "<h2>{}</h2>", escape(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", escape(text));
            }
            Block::Note(text) => {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(text));
            }
            Block::Table(table) => write_table(&mut out, table),
            Block::Chart(chart) => {
                let svg = svg_with(chart, ChartSize::default(), Banners::LeftToPage)?;
                let _ = writeln!(
                    out,
                    "<figure class=\"chart\" aria-label=\"{}\">{}</figure>",
                    escape(&chart.title),
                    neutralise_addresses(&inline_svg(&svg))
                );
            }
        }
    }
    out.push_str("</main>\n</td></tr></tbody>\n</table>\n</body>\n</html>\n");
    Ok(out)
}

fn write_table(out: &mut String, table: &Table) {
    let total: u32 = table
        .columns
        .iter()
        .map(|(_, w)| u32::from(*w))
        .sum::<u32>()
        .max(1);
    out.push_str("<table class=\"data\">\n<colgroup>");
    for (_, weight) in &table.columns {
        let _ = write!(
            out,
            "<col style=\"width:{:.1}%\">",
            f64::from(*weight) * 100.0 / f64::from(total)
        );
    }
    out.push_str("</colgroup>\n<thead><tr>");
    for (title, _) in &table.columns {
        let _ = write!(out, "<th>{}</th>", escape(title));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A standalone SVG made fit for inlining: HTML needs neither the XML
/// declaration nor the namespace, and leaving the namespace out keeps the file
/// free of any address.
fn inline_svg(svg: &str) -> String {
    let body = svg.trim_start();
    let body = match body.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or(rest, |(_, after)| after),
        None => body,
    };
    body.replace(" xmlns=\"http://www.w3.org/2000/svg\"", "")
        .trim()
        .to_owned()
}

/// Escapes text for HTML. A URL typed into a field stays visible but inert:
/// its scheme is written with a character reference, so nothing in the file
/// reads as an address to fetch or follow.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    neutralise_addresses(&out)
}

fn neutralise_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find_ignoring_ascii_case(rest, "http") {
        out.push_str(&rest[..at]);
        let (h, tail) = rest[at..].split_at(1);
        out.push_str(if h == "h" { "&#104;" } else { "&#72;" });
        rest = tail;
    }
    out.push_str(rest);
    out
}

fn find_ignoring_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}
