//! Briefing outputs: charts (SVG, PNG) and the brief (HTML, PDF) read back
//! with independent parsers, and checked byte for byte for repeatability.

use std::process::Command;

use chrono::NaiveDate;

use coopdesk::analysis::Analysis;
use coopdesk::export::chart::{ChartView, to_png, to_svg};
use coopdesk::export::{Brief, BriefOptions, Chart, ChartKind, ChartSize};
use coopdesk::model::{
    Citation, Classification, Marking, Metric, MetricId, Observation, ObservationId, Source,
    SourceId, Workspace,
};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn sample() -> Workspace {
    coopdesk::store::sample().unwrap()
}

/// Whole-month figures (so nothing is estimated) for two regions, cited to a
/// source whose title has Turkish letters.
fn monthly_workspace() -> Workspace {
    let mut ws = Workspace {
        title: "Aylık rakamlar — Türkiye".into(),
        ..Workspace::default()
    };
    ws.metrics.put(Metric {
        id: MetricId::new("neutralised"),
        name: "Etkisiz hâle getirilen".into(),
        unit: "people".into(),
        ..Metric::default()
    });
    ws.sources.put(Source {
        id: SourceId::new("msb"),
        title: "MSB haftalık basın bilgilendirmesi (Güler, Aktürk)".into(),
        published_on: Some(date("2024-03-31")),
        ..Source::default()
    });
    let figures = [
        ("iq-01", "northern Iraq", "2024-01-01", "2024-01-31", 1_200),
        ("iq-02", "northern Iraq", "2024-02-01", "2024-02-29", 900),
        ("iq-03", "northern Iraq", "2024-03-01", "2024-03-31", 1_500),
        ("sy-01", "northern Syria", "2024-01-01", "2024-01-31", 300),
        ("sy-03", "northern Syria", "2024-03-01", "2024-03-31", 600),
    ];
    for (id, region, start, end, value) in figures {
        ws.observations.put(Observation {
            id: ObservationId::new(id),
            metric: MetricId::new("neutralised"),
            regions: vec![region.to_owned()],
            start: date(start),
            end: date(end),
            value,
            reported_on: Some(date(end)),
            sources: vec![Citation {
                source: SourceId::new("msb"),
                quote: String::new(),
            }],
            ..Observation::default()
        });
    }
    ws
}

fn chart_of(ws: &Workspace, kind: ChartKind, view: &ChartView) -> Chart {
    let analysis = Analysis::compute(ws);
    Chart::build(ws, &analysis, kind, &MetricId::new("neutralised"), view).unwrap()
}

/// Every text node of the SVG, joined with spaces.
fn svg_text(doc: &roxmltree::Document<'_>) -> String {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ")
}

fn rects_filled<'a>(doc: &'a roxmltree::Document<'a>, fill: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(fill))
        .collect()
}

#[test]
fn an_svg_chart_parses_and_has_its_title_marking_legend_and_bars() {
    let ws = monthly_workspace();
    let chart = chart_of(&ws, ChartKind::Monthly, &ChartView::default());
    let svg = to_svg(&chart, ChartSize::default()).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.attribute("width"), Some("1600"));
    assert_eq!(root.attribute("height"), Some("900"));
    let text = svg_text(&doc);
    for expected in [
        "Etkisiz hâle getirilen per month, by region",
        "Jan 2024 – Mar 2024",
        "UNCLASSIFIED",
        "northern Iraq",
        "northern Syria",
        "Source: MSB haftalık basın bilgilendirmesi (Güler, Aktürk)",
        "1,500",
        "2,100",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text}");
    }
    assert_eq!(
        text.matches("UNCLASSIFIED").count(),
        2,
        "banner top and bottom"
    );
    assert!(!text.contains("estimated"), "nothing here is estimated");
    // Bars: three months of Iraq, two of Syria (February has no figure),
    // plus one legend swatch per series.
    let iraq = rects_filled(&doc, "#1F77B4");
    let syria = rects_filled(&doc, "#FF7F0E");
    assert_eq!(iraq.len(), 3 + 1);
    assert_eq!(syria.len(), 2 + 1);
    // Bar heights are proportional to the figures: 1,200 / 900 / 1,500.
    let mut heights: Vec<f64> = iraq
        .iter()
        .map(|r| r.attribute("height").unwrap().parse().unwrap())
        .filter(|h: &f64| *h > 30.0)
        .collect();
    heights.sort_by(f64::total_cmp);
    assert_eq!(heights.len(), 3);
    assert!((heights[0] / heights[2] - 900.0 / 1_500.0).abs() < 0.01);
    assert!((heights[1] / heights[2] - 1_200.0 / 1_500.0).abs() < 0.01);
}

#[test]
fn estimated_values_are_hatched_and_named_in_the_legend() {
    let ws = sample();
    let chart = chart_of(&ws, ChartKind::Monthly, &ChartView::default());
    let svg = to_svg(&chart, ChartSize::default()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(svg_text(&doc).contains("Hatched: estimated"));
    // Every figure of the sample is spread from a longer period: 2 regions ×
    // 4 months of light bars, each crossed by hatching lines.
    let light = rects_filled(&doc, "#BCD6E9").len() + rects_filled(&doc, "#FFD9B7").len();
    assert_eq!(light, 8);
    let hatching = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some("#1F77B4"))
        .count();
    assert!(hatching > 4 * 10, "{hatching} hatching lines");
}

#[test]
fn a_chart_drawing_on_a_restricted_figure_is_marked_restricted() {
    let mut ws = monthly_workspace();
    let mut figure = ws.observations.get("iq-02").unwrap().clone();
    figure.marking = Some(Marking {
        classification: Classification::Restricted,
        caveats: vec!["REL TUR".into()],
    });
    ws.observations.put(figure);
    let chart = chart_of(&ws, ChartKind::Monthly, &ChartView::default());
    let svg = to_svg(&chart, ChartSize::default()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let text = svg_text(&doc);
    assert_eq!(text.matches("RESTRICTED // REL TUR").count(), 2, "{text}");
    assert!(!text.contains("UNCLASSIFIED"));
}

#[test]
fn a_png_chart_decodes_at_the_requested_size_and_is_not_blank() {
    let ws = sample();
    let chart = chart_of(&ws, ChartKind::Cumulative, &ChartView::default());
    let size = ChartSize {
        width: 1200,
        height: 700,
        dpi: 300,
    };
    let bytes = to_png(&chart, size).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let mut reader = decoder.read_info().unwrap();
    let info = reader.info();
    assert_eq!((info.width, info.height), (1200, 700));
    let dims = info.pixel_dims.expect("the resolution is recorded");
    assert_eq!(dims.xppu, (300.0_f64 / 0.0254).round() as u32);
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut pixels).unwrap();
    let white = pixels.chunks(3).filter(|p| *p == [255, 255, 255]).count();
    let banner_green = pixels.chunks(3).filter(|p| *p == [0, 122, 51]).count();
    let total = 1200 * 700;
    assert!(
        white < total * 95 / 100,
        "{white} of {total} pixels are white"
    );
    assert!(white > total / 2, "mostly white background");
    assert!(banner_green > 1200 * 40, "two UNCLASSIFIED banners");
    // The same chart again is the same bytes.
    assert_eq!(to_png(&chart, size).unwrap(), bytes);
}

#[test]
fn every_chart_kind_renders_from_the_sample() {
    let ws = sample();
    for kind in [
        ChartKind::Monthly,
        ChartKind::Cumulative,
        ChartKind::Border,
        ChartKind::Years,
    ] {
        let chart = chart_of(&ws, kind, &ChartView::default());
        let svg = to_svg(&chart, ChartSize::default()).unwrap();
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(svg, to_svg(&chart, ChartSize::default()).unwrap());
    }
}

#[test]
fn the_brief_html_is_self_contained_and_lists_every_instrument() {
    let ws = sample();
    let analysis = Analysis::compute(&ws);
    let brief = Brief::build(&ws, &analysis, &BriefOptions::default());
    let html = coopdesk::export::brief::to_html(&brief).unwrap();
    assert!(!html.to_ascii_lowercase().contains("http"), "no addresses");
    for forbidden in ["src=", "<script", "<link", "@import", "url("] {
        assert!(!html.contains(forbidden), "{forbidden} found");
    }
    for instrument in ws.instruments.iter() {
        let escaped = instrument
            .title
            .replace('\'', "&#39;")
            .replace('"', "&quot;");
        assert!(html.contains(&escaped), "{} missing", instrument.title);
    }
    assert!(html.contains("<svg"), "charts are inline");
    assert!(html.contains("@page { size: A4"));
    assert!(html.matches("class=\"banner\">UNCLASSIFIED").count() == 2);
    for heading in [
        "Instruments by status",
        "Upcoming and overdue milestones",
        "Recent events",
        "Key figures",
        "Figures that do not reconcile",
        "Sources",
    ] {
        assert!(html.contains(&format!("<h2>{heading}</h2>")), "{heading}");
    }
    assert!(html.contains("Brief as of 25 April 2024"));
    assert_eq!(
        html,
        coopdesk::export::brief::to_html(&Brief::build(&ws, &analysis, &BriefOptions::default()))
            .unwrap()
    );
}

#[test]
fn addresses_typed_into_records_stay_readable_but_inert_in_the_html() {
    let mut ws = sample();
    ws.description = "See https://example.org/<b>report</b> & HTTP://x".into();
    let analysis = Analysis::compute(&ws);
    let brief = Brief::build(&ws, &analysis, &BriefOptions::default());
    let html = coopdesk::export::brief::to_html(&brief).unwrap();
    assert!(!html.to_ascii_lowercase().contains("http"));
    assert!(html.contains("&#104;ttps://example.org/&lt;b&gt;report&lt;/b&gt; &amp; &#72;TTP://x"));
}

#[test]
fn the_brief_pdf_opens_has_pages_and_embeds_its_font() {
    let ws = sample();
    let analysis = Analysis::compute(&ws);
    let brief = Brief::build(&ws, &analysis, &BriefOptions::default());
    let bytes = coopdesk::export::brief::to_pdf(&brief).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).expect("a readable PDF");
    let pages = pdf.get_pages();
    assert!(!pages.is_empty());
    let mut embedded = Vec::new();
    for object in pdf.objects.values() {
        if let Ok(dict) = object.as_dict()
            && dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor")
        {
            let name = dict
                .get(b"FontName")
                .and_then(|n| n.as_name())
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            if dict.has(b"FontFile2") || dict.has(b"FontFile3") {
                embedded.push(name);
            }
        }
    }
    assert!(
        embedded.iter().any(|n| n.ends_with("NotoSans-Regular")),
        "{embedded:?}"
    );
    assert!(embedded.iter().any(|n| n.ends_with("NotoSans-Bold")));
    assert_eq!(coopdesk::export::brief::to_pdf(&brief).unwrap(), bytes);
}

#[test]
fn the_cli_writes_charts_and_briefs_and_refuses_unknown_formats() {
    let dir = tempfile::tempdir().unwrap();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample.ron");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_coopdesk"))
            .args(args)
            .output()
            .unwrap()
    };
    let svg = dir.path().join("chart.svg");
    let out = run(&[
        "chart",
        sample,
        "--metric",
        "neutralised",
        "--region",
        "northern Iraq",
        "--from",
        "2024-02",
        "--out",
        svg.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("Neutralised per month, northern Iraq"));
    assert!(!text.contains("northern Syria"));

    let png = dir.path().join("chart.png");
    let out = run(&[
        "chart",
        sample,
        "--metric",
        "neutralised",
        "--width",
        "800",
        "--height",
        "450",
        "--out",
        png.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reader = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()))
        .read_info()
        .unwrap();
    assert_eq!((reader.info().width, reader.info().height), (800, 450));

    let pdf = dir.path().join("brief.pdf");
    let out = run(&["brief", sample, "--out", pdf.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let out = run(&[
        "chart",
        sample,
        "--metric",
        "neutralised",
        "--out",
        "chart.jpg",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("end it in .png or .svg"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&[
        "chart",
        sample,
        "--metric",
        "neutralised",
        "--region",
        "Hakkari",
        "--out",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no region \"Hakkari\""));
    assert!(!dir.path().join("chart.jpg").exists());
}
