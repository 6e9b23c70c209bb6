//! The timeline: `coopdesk timeline` run for real, and the Timeline tab
//! driven with egui_kittest on the sample.

use std::process::{Command, Output};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample.ron");

fn coopdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coopdesk"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_timeline_command_writes_a_reproducible_svg_with_banners_title_and_legend() {
    let dir = tempfile::tempdir().unwrap();
    let svg = |name: &str| {
        let path = dir.path().join(name);
        let out = coopdesk(&[
            "timeline",
            SAMPLE,
            "--today",
            "2024-05-01",
            "--out",
            path.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        std::fs::read(path).unwrap()
    };
    let first = svg("a.svg");
    assert_eq!(first, svg("b.svg"), "the same input gives the same bytes");
    let text = String::from_utf8(first).unwrap();
    assert!(text.contains("Türkiye–Iraq security cooperation (sample)"));
    assert!(text.contains("Timeline, Apr 2024 to May 2024"));
    assert_eq!(text.matches("UNCLASSIFIED").count(), 2, "two banners");
    for legend in ["Concluded / signed", "Overdue milestone", "Event", "Today"] {
        assert!(text.contains(legend), "no legend entry {legend:?}");
    }
    assert!(text.contains("Security Joint Coordination Center"));

    let png = dir.path().join("t.png");
    let out = coopdesk(&[
        "timeline",
        SAMPLE,
        "--today",
        "2024-05-01",
        "--from",
        "2024-01",
        "--to",
        "2024-12",
        "--out",
        png.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Jan 2024 to Dec 2024"));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn the_timeline_command_says_what_is_wrong() {
    let out = coopdesk(&["timeline", SAMPLE, "--from", "2024-13", "--out", "t.svg"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("--from") && err.contains("expected a month as YYYY-MM, found \"2024-13\""),
        "{err}"
    );
    let out = coopdesk(&["timeline", SAMPLE, "--out", "timeline.jpg"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("end it in .png or .svg"),
        "{}",
        stderr(&out)
    );
}

mod common;

use coopdesk::ui::Tab;
use egui_kittest::kittest::Queryable as _;

#[test]
fn the_timeline_tab_lists_instruments_and_opens_one_clicked() {
    let mut harness = common::sample();
    harness.get_by_label("Timeline").click();
    harness.run();
    assert_eq!(harness.state().tab(), Tab::Timeline);
    harness.get_by_label("Security Joint Coordination Center");
    harness.get_by_label("Events");
    harness.get_by_label("Export timeline…");
    harness
        .get_by_label("Memorandum of Understanding on the Strategic Framework")
        .click();
    harness.run();
    assert_eq!(harness.state().tab(), Tab::Instruments);
    harness.get_by_label(
        "Signed during the President's visit to Iraq on Monday 22 April 2024; entry into force not reported.",
    );
}

#[test]
fn filtering_the_timeline_by_party_narrows_its_rows() {
    let mut harness = common::sample();
    harness.get_by_label("Timeline").click();
    harness.run();
    let eurofighter = "German restriction affecting Türkiye on the Eurofighter";
    let jcc = "Security Joint Coordination Center";
    assert_eq!(harness.query_all_by_label(jcc).count(), 1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Party")
        .click();
    harness.run();
    harness.get_by_label("Germany").click();
    harness.run();
    harness.get_by_label(eurofighter);
    assert_eq!(
        harness.query_all_by_label(jcc).count(),
        0,
        "Iraq-only row hidden"
    );
    harness.get_by_label("Clear filters").click();
    harness.run();
    harness.get_by_label(jcc);
}

#[test]
fn zooming_in_can_be_undone_with_show_all() {
    use egui_kittest::kittest::NodeT as _;
    let mut harness = common::sample();
    harness.get_by_label("Timeline").click();
    harness.run();
    assert!(
        harness
            .get_by_label("Show all")
            .accesskit_node()
            .is_disabled(),
        "all shown at first"
    );
    harness.get_by_label("Zoom in").click();
    harness.run();
    assert!(
        !harness
            .get_by_label("Show all")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label("Show all").click();
    harness.run();
    assert!(
        harness
            .get_by_label("Show all")
            .accesskit_node()
            .is_disabled()
    );
}
