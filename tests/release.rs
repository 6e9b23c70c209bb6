//! Exports for a release level: a string and a value planted in RESTRICTED
//! records must appear nowhere in the bytes of any export made at
//! UNCLASSIFIED, while the same export without a release level carries them
//! and is marked RESTRICTED (so that the test can fail).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDate;
use coopdesk::model::{
    Citation, Event, EventId, EventKind, Instrument, InstrumentId, KeyDates, Marking, Observation,
    ObservationId, Source, SourceId, Status, Workspace,
};

const PLANTED: &str = "ZEPHYRQUILL";
const VALUE: &str = "987653";

fn coopdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coopdesk"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn restricted() -> Option<Marking> {
    Some("RESTRICTED".parse().unwrap())
}

/// The sample (UNCLASSIFIED) with a RESTRICTED source, instrument, event
/// and figure, each holding the planted string; the figure holds the planted
/// value in a month no other figure covers, and a released figure cites the
/// RESTRICTED source.
fn planted_workspace(dir: &Path) -> PathBuf {
    let mut ws = coopdesk::store::sample().unwrap();
    assert_eq!(ws.marking.to_string(), "UNCLASSIFIED");
    let source = SourceId::new("planted-source");
    ws.sources.put(Source {
        id: source.clone(),
        title: format!("{PLANTED} intelligence summary"),
        excerpt: format!("{PLANTED} excerpt"),
        marking: restricted(),
        ..Source::default()
    });
    ws.instruments.put(Instrument {
        id: InstrumentId::new("planted-instrument"),
        title: format!("{PLANTED} accord"),
        status: Status::InForce,
        dates: KeyDates {
            signed: Some(day("2024-03-01")),
            in_force: Some(day("2024-03-15")),
            ..KeyDates::default()
        },
        summary: format!("{PLANTED} summary"),
        marking: restricted(),
        ..Instrument::default()
    });
    ws.events.put(Event {
        id: EventId::new("planted-event"),
        kind: EventKind::Meeting,
        title: format!("{PLANTED} talks"),
        date: Some(day("2024-04-20")),
        summary: format!("{PLANTED} summary"),
        marking: restricted(),
        ..Event::default()
    });
    let template = ws
        .observations
        .get("2024-04-25-neutralised-ytd-northern-iraq")
        .cloned()
        .unwrap();
    ws.observations.put(Observation {
        id: ObservationId::new("planted-figure"),
        regions: Vec::new(),
        start: day("2023-06-01"),
        end: day("2023-06-30"),
        value: VALUE.parse().unwrap(),
        reported_at: None,
        sources: vec![Citation {
            source: source.clone(),
            quote: format!("{PLANTED} quote"),
        }],
        note: format!("{PLANTED} note"),
        marking: restricted(),
        ..template
    });
    let mut released = ws
        .observations
        .get("2024-04-25-neutralised-ytd")
        .cloned()
        .unwrap();
    released.sources.push(Citation {
        source,
        quote: format!("{PLANTED} citation"),
    });
    ws.observations.put(released);
    assert!(ws.validate().is_empty(), "{:?}", ws.validate());
    let path = dir.join("planted.ron");
    coopdesk::store::save(&ws, &path).unwrap();
    path
}

/// The text a reader could find in an export: its bytes, and for a PDF also
/// the text of its pages (its glyphs are subset ids, not text).
fn readable(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let raw = String::from_utf8_lossy(&bytes).into_owned();
    if path.extension().is_some_and(|e| e == "pdf") {
        return format!("{}{raw}", pdf_text(&bytes));
    }
    raw
}

fn pdf_text(bytes: &[u8]) -> String {
    let pdf = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    pdf.extract_text(&pages).expect("the PDF's text")
}

/// Letters and digits only, so that 987,653 and 987 653 read as 987653.
fn squeezed(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphanumeric).collect()
}

struct Export {
    name: &'static str,
    args: Vec<String>,
    /// Where the output is: a file, or standard output (the CSV commands).
    out: Option<PathBuf>,
}

fn exports(file: &Path, dir: &Path) -> Vec<Export> {
    let file = file.display().to_string();
    let out = |name: &str| dir.join(name);
    let to_file = |name: &'static str, args: &[&str]| {
        let path = out(name);
        let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        all.push(file.clone());
        if name.ends_with(".csv") {
            all.push(path.display().to_string());
        } else {
            all.extend(["--out".to_owned(), path.display().to_string()]);
        }
        Export {
            name,
            args: all,
            out: Some(path),
        }
    };
    vec![
        to_file("brief.html", &["brief"]),
        to_file("brief.pdf", &["brief"]),
        to_file("chart.svg", &["chart", "--metric", "neutralised"]),
        to_file("chart.png", &["chart", "--metric", "neutralised"]),
        to_file(
            "cumulative.svg",
            &["chart", "--metric", "neutralised", "--cumulative"],
        ),
        to_file("timeline.svg", &["timeline", "--today", "2024-05-01"]),
        to_file("timeline.png", &["timeline", "--today", "2024-05-01"]),
        to_file("observations.csv", &["export-observations"]),
        Export {
            name: "series.csv",
            args: vec![
                "series".into(),
                file.clone(),
                "--metric".into(),
                "neutralised".into(),
            ],
            out: None,
        },
    ]
}

/// Runs the export, with `--release-level` when given, and returns what it
/// wrote and what it said on standard error.
fn run(export: &Export, level: Option<&str>) -> (String, String) {
    let mut args = export.args.clone();
    if let Some(level) = level {
        args.extend(["--release-level".to_owned(), level.to_owned()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = coopdesk(&args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{}: {stderr}", export.name);
    let written = match &export.out {
        Some(path) => readable(path),
        None => String::from_utf8_lossy(&output.stdout).into_owned(),
    };
    (written, stderr)
}

#[test]
fn nothing_of_a_restricted_record_reaches_an_unclassified_export() {
    let dir = tempfile::tempdir().unwrap();
    let file = planted_workspace(dir.path());
    for export in exports(&file, dir.path()) {
        let is_png = export.name.ends_with(".png");

        let (full, _) = run(&export, None);
        // PNG pixels cannot be searched; its metadata can, and is checked
        // below. Every other export shows the planted records in full.
        if !is_png {
            assert!(
                squeezed(&full).contains(VALUE) || squeezed(&full).contains(PLANTED),
                "{}: the full export should carry the planted records",
                export.name
            );
        }
        if export.name == "brief.pdf" {
            // The PDF's page text itself, not its metadata, names them.
            let bytes = std::fs::read(dir.path().join(export.name)).unwrap();
            assert!(pdf_text(&bytes).contains(PLANTED));
        }
        let restricted_marking = full.contains("RESTRICTED");
        let marked = matches!(
            export.name,
            "brief.html" | "brief.pdf" | "chart.svg" | "cumulative.svg" | "timeline.svg"
        );
        if marked {
            assert!(restricted_marking, "{}: not marked RESTRICTED", export.name);
        }

        let (released, stderr) = run(&export, Some("UNCLASSIFIED"));
        assert!(
            !squeezed(&released).contains(PLANTED) && !squeezed(&released).contains(VALUE),
            "{}: the planted string or value reached an UNCLASSIFIED export",
            export.name
        );
        assert!(
            !released.contains("RESTRICTED"),
            "{}: marked RESTRICTED",
            export.name
        );
        if marked {
            assert!(released.contains("UNCLASSIFIED"), "{}", export.name);
            assert!(
                released.contains("records withheld"),
                "{}: the export does not say records were withheld",
                export.name
            );
        }
        assert!(
            stderr.contains("Released at UNCLASSIFIED: 4 records withheld"),
            "{}: {stderr}",
            export.name
        );
    }
}

#[test]
fn the_released_series_is_recomputed_without_the_withheld_figures() {
    let dir = tempfile::tempdir().unwrap();
    let file = planted_workspace(dir.path());
    let file = file.display().to_string();
    let series = |level: Option<&str>| {
        let mut args = vec!["series", &file, "--metric", "neutralised"];
        args.extend(level.iter().flat_map(|l| ["--release-level", *l]));
        let output = coopdesk(&args);
        assert!(output.status.success());
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample.ron");
    let original = coopdesk(&["series", sample, "--metric", "neutralised"]);
    // The released workspace's series is the sample's own: the planted
    // figure is gone, not merely hidden.
    assert_eq!(
        series(Some("UNCLASSIFIED")),
        String::from_utf8_lossy(&original.stdout)
    );
    assert_ne!(series(None), series(Some("UNCLASSIFIED")));
}

#[test]
fn a_caveat_the_level_does_not_carry_withholds_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = coopdesk::store::sample().unwrap();
    let mut event = ws.events.iter().next().cloned().unwrap();
    event.title = format!("{PLANTED} meeting");
    event.marking = Some("UNCLASSIFIED // REL TUR".parse().unwrap());
    ws.events.put(event);
    let path = dir.path().join("caveat.ron");
    coopdesk::store::save(&ws, &path).unwrap();
    let file = path.display().to_string();
    let brief = |level: &str| {
        let out = dir.path().join("brief.html");
        let output = coopdesk(&[
            "brief",
            &file,
            "--out",
            &out.display().to_string(),
            "--release-level",
            level,
        ]);
        assert!(output.status.success());
        std::fs::read_to_string(out).unwrap()
    };
    let without = brief("UNCLASSIFIED");
    assert!(!without.contains(PLANTED));
    assert!(without.contains("Released at UNCLASSIFIED: 1 record withheld"));
    let with = brief("unclassified // rel tur");
    assert!(with.contains(PLANTED));
    assert!(with.contains("UNCLASSIFIED // REL TUR"));
    assert!(with.contains("0 records withheld"));
}

#[test]
fn a_level_below_the_workspace_or_unreadable_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws: Workspace = coopdesk::store::sample().unwrap();
    ws.marking = "RESTRICTED".parse().unwrap();
    let path = dir.path().join("restricted.ron");
    coopdesk::store::save(&ws, &path).unwrap();
    let file = path.display().to_string();
    let below = coopdesk(&[
        "series",
        &file,
        "--metric",
        "neutralised",
        "--release-level",
        "UNCLASSIFIED",
    ]);
    assert_eq!(below.status.code(), Some(2));
    assert!(below.stdout.is_empty());
    let message = String::from_utf8_lossy(&below.stderr);
    assert!(
        message.contains("the workspace itself is marked RESTRICTED"),
        "{message}"
    );

    let bad = coopdesk(&[
        "series",
        &file,
        "--metric",
        "neutralised",
        "--release-level",
        "PUBLIC",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let message = String::from_utf8_lossy(&bad.stderr);
    assert!(
        message.contains("--release-level")
            && message.contains("\"PUBLIC\" is not a classification"),
        "{message}"
    );
}

mod common;

/// The app on the sample with one figure marked RESTRICTED whose note holds
/// the planted string.
fn app_with_a_restricted_figure() -> egui_kittest::Harness<'static, coopdesk::ui::App> {
    use coopdesk::document::{Document, Origin};
    let mut ws = coopdesk::store::sample().unwrap();
    let mut figure = ws
        .observations
        .get("2024-04-25-neutralised-week")
        .cloned()
        .unwrap();
    figure.note = format!("{PLANTED} note");
    figure.marking = restricted();
    ws.observations.put(figure);
    let mut harness = common::harness(coopdesk::ui::App::with_document(Document::new(
        ws,
        Origin::New,
    )));
    harness.run();
    harness
}

#[test]
fn the_app_asks_for_the_release_level_and_the_brief_leaves_the_record_out() {
    use egui_kittest::kittest::Queryable as _;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("brief.html");
    let mut harness = app_with_a_restricted_figure();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export brief…").click();
    harness.run();
    // Everything, by default: marked with the highest marking.
    harness.get_by_label("The export will be marked RESTRICTED; 0 records withheld.");
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Release level")
        .click();
    harness.run();
    harness.get_by_label("UNCLASSIFIED").click();
    harness.run();
    harness.get_by_label("The export will be marked UNCLASSIFIED; 1 record withheld.");
    harness.get_by_label("Choose file…").click();
    harness.run();
    common::retype(
        &mut harness,
        "Path to a .pdf or .html file",
        &target.display().to_string(),
    );
    harness.get_by_label("Export").click();
    harness.step();
    common::wait(&mut harness);

    let message = harness.state().message().unwrap_or_default().to_owned();
    assert!(
        message.contains("the brief (UNCLASSIFIED)")
            && message.ends_with("Released at UNCLASSIFIED: 1 record withheld."),
        "{message}"
    );
    let html = std::fs::read_to_string(&target).unwrap();
    assert!(!html.contains(PLANTED) && !html.contains("RESTRICTED"));
    assert!(html.contains("Released at UNCLASSIFIED: 1 record withheld"));

    // The next export offers the same level; Escape cancels it.
    harness
        .state_mut()
        .send(coopdesk::ui::Command::ExportSeries);
    harness.run();
    harness.get_by_label("The export will be marked UNCLASSIFIED; 1 record withheld.");
    common::press(&mut harness, egui::Modifiers::NONE, egui::Key::Escape);
    assert!(harness.query_by_label("Choose file…").is_none());
}

#[test]
fn a_workspace_with_nothing_to_withhold_exports_without_asking() {
    use egui_kittest::kittest::Queryable as _;
    let mut harness = common::sample();
    harness
        .state_mut()
        .send(coopdesk::ui::Command::ExportSeries);
    harness.run();
    assert!(harness.query_by_label("Release level").is_none());
    harness.get_by_label("Path to a .csv file");
}
