//! The `coopdesk` binary's headless commands, run for real.

use std::path::Path;
use std::process::{Command, Output};

use chrono::NaiveDate;
use coopdesk::model::{Metric, MetricId, Observation, ObservationId, Workspace};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample.ron");

fn coopdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coopdesk"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A workspace whose regional figures do not add up to the total.
fn write_unreconciled(path: &Path) {
    let mut ws = Workspace {
        title: "Figures that disagree".into(),
        ..Workspace::default()
    };
    ws.metrics.put(Metric {
        id: MetricId::new("neutralised"),
        name: "Neutralised".into(),
        ..Metric::default()
    });
    for (id, regions, value) in [
        ("total", vec!["north", "south"], 100),
        ("north", vec!["north"], 30),
        ("south", vec!["south"], 60),
    ] {
        ws.observations.put(Observation {
            id: ObservationId::new(id),
            metric: MetricId::new("neutralised"),
            regions: regions.into_iter().map(String::from).collect(),
            start: date("2024-01-01"),
            end: date("2024-01-31"),
            value,
            ..Observation::default()
        });
    }
    coopdesk::store::save(&ws, path).unwrap();
}

#[test]
fn check_passes_the_sample() {
    let output = coopdesk(&["check", SAMPLE]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).contains("0 errors, 0 warnings"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_lists_invalid_data_as_errors_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    let text = std::fs::read_to_string(SAMPLE).unwrap().replacen(
        "metric: \"neutralised\"",
        "metric: \"killed\"",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let output = coopdesk(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(
        out.lines().any(|l| l.starts_with("error: observation 2024-04-25-neutralised-week, metric: is killed, which does not exist")),
        "{out}"
    );
}

#[test]
fn check_reports_figures_that_do_not_reconcile_as_warnings_and_strict_fails_on_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    write_unreconciled(&path);
    let path = path.to_str().unwrap();

    let output = coopdesk(&["check", path]);
    assert!(output.status.success());
    let out = stdout(&output);
    assert_eq!(
        out.trim_end(),
        "warning: neutralised, all regions: regions do not sum to the total: 2024-01-01 to 2024-01-31: 2 regions add up to 90, 10 less than the total 100 [total, north, south]"
    );
    let verbose = coopdesk(&["check", "--verbose", path]);
    assert_eq!(
        stdout(&verbose),
        format!("{out}    north 30\n    south 60\n")
    );

    let strict = coopdesk(&["check", "--strict", path]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn series_of_the_sample_sums_to_802_with_estimated_months() {
    let output = coopdesk(&["series", SAMPLE, "--metric", "neutralised"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "month,value,estimated,partial\n2024-01,213,true,false\n2024-02,199,true,false\n2024-03,213,true,false\n2024-04,177,true,true\n"
    );
}

#[test]
fn series_of_one_region_and_a_month_range() {
    let output = coopdesk(&[
        "series",
        SAMPLE,
        "--metric",
        "neutralised",
        "--region",
        "northern Iraq",
        "--from",
        "2024-02",
        "--to",
        "2024-03",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    // The 360 follow the all-regions months (213, 199, 213, 177 of 802):
    // Feb 360 × 199/802 = 89.33 → 89, Mar 360 × 213/802 = 95.61 → 96.
    assert_eq!(
        stdout(&output),
        "month,value,estimated,partial\n2024-02,89,true,false\n2024-03,96,true,false\n"
    );
}

#[test]
fn series_matches_a_region_ignoring_case_as_chart_does() {
    let series = |region: &str| {
        coopdesk(&[
            "series",
            SAMPLE,
            "--metric",
            "neutralised",
            "--region",
            region,
        ])
    };
    let typed = series("NORTHERN iraq");
    assert!(typed.status.success(), "{}", stderr(&typed));
    assert_eq!(stdout(&typed), stdout(&series("northern Iraq")));
    assert_eq!(
        stdout(&typed),
        "month,value,estimated,partial\n2024-01,96,true,false\n2024-02,89,true,false\n2024-03,96,true,false\n2024-04,79,true,true\n"
    );
}

/// `coopdesk series FILE --metric neutralised [--region R]` as
/// (month, value, partial) rows.
fn series_rows(file: &str, region: Option<&str>) -> Vec<(String, u64, String)> {
    let mut args = vec!["series", file, "--metric", "neutralised"];
    args.extend(region.iter().flat_map(|r| ["--region", r]));
    let output = coopdesk(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            let [month, value, _, partial] = fields[..] else {
                panic!("four columns: {line}");
            };
            (month.into(), value.parse().unwrap(), partial.into())
        })
        .collect()
}

/// The series of all regions is, month by month, the sum of the series of
/// each region.
fn assert_series_add_up(file: &str) -> Vec<(String, u64, String)> {
    let total = series_rows(file, None);
    let regions = [
        series_rows(file, Some("northern Iraq")),
        series_rows(file, Some("northern Syria")),
    ];
    for (i, (month, value, partial)) in total.iter().enumerate() {
        let sum: u64 = regions.iter().map(|r| r[i].1).sum();
        assert_eq!(sum, *value, "{month}");
        assert!(
            regions
                .iter()
                .all(|r| &r[i].0 == month && &r[i].2 == partial)
        );
    }
    total
}

#[test]
fn series_of_all_regions_is_the_sum_of_the_regions_month_by_month() {
    let total = assert_series_add_up(SAMPLE);
    assert_eq!(total.len(), 4);

    // With the briefing of 2 May 2024: 827 since 1 January (381 northern
    // Iraq, 446 northern Syria) and 25 in the week 26 April – 2 May.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("may.ron");
    let mut ws = coopdesk::store::load(Path::new(SAMPLE)).unwrap();
    for (id, regions, start, value) in [
        (
            "ytd",
            vec!["northern Iraq", "northern Syria"],
            "2024-01-01",
            827,
        ),
        ("ytd-iraq", vec!["northern Iraq"], "2024-01-01", 381),
        ("ytd-syria", vec!["northern Syria"], "2024-01-01", 446),
        (
            "week",
            vec!["northern Iraq", "northern Syria"],
            "2024-04-26",
            25,
        ),
    ] {
        ws.observations.put(Observation {
            id: ObservationId::new(format!("2024-05-02-{id}")),
            metric: MetricId::new("neutralised"),
            regions: regions.into_iter().map(String::from).collect(),
            start: date(start),
            end: date("2024-05-02"),
            value,
            reported_on: Some(date("2024-05-02")),
            ..Observation::default()
        });
    }
    coopdesk::store::save(&ws, &path).unwrap();
    let total = assert_series_add_up(path.to_str().unwrap());
    assert_eq!(
        total.last(),
        Some(&("2024-05".into(), 7, "true".into())),
        "May 2024 is known to its 2nd"
    );
    assert_eq!(total[3], ("2024-04".into(), 195, "false".into()));
}

#[test]
fn series_names_the_regions_when_asked_for_an_unknown_one() {
    let output = coopdesk(&[
        "series",
        SAMPLE,
        "--metric",
        "neutralised",
        "--region",
        "Gaziantep",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        format!(
            "coopdesk: {SAMPLE}: metric neutralised has no region \"Gaziantep\"; its regions are: northern Iraq, northern Syria\n"
        )
    );
}

#[test]
fn series_names_the_metrics_when_asked_for_an_unknown_one() {
    let output = coopdesk(&["series", SAMPLE, "--metric", "arrests"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.starts_with("coopdesk: "), "{err}");
    assert!(
        err.contains("no metric \"arrests\"; the metrics are: apprehended_border"),
        "{err}"
    );
}

#[test]
fn series_rejects_a_malformed_month() {
    let output = coopdesk(&[
        "series",
        SAMPLE,
        "--metric",
        "neutralised",
        "--from",
        "April",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("expected a month as YYYY-MM, found \"April\""));
}

#[test]
fn a_missing_file_is_named_in_the_error() {
    let output = coopdesk(&["check", "/nonexistent/w.ron"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("coopdesk: /nonexistent/w.ron: cannot read"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn import_lists_every_bad_row_and_writes_nothing_without_skip_bad() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("w.ron");
    std::fs::copy(SAMPLE, &workspace).unwrap();
    let before = std::fs::read(&workspace).unwrap();
    let csv = dir.path().join("figures.csv");
    std::fs::write(
        &csv,
        "metric,regions,start,end,value,reported_on,source\n\
         neutralised,northern Iraq,2024-04-26,2024-05-02,31,2024-05-02,Briefing of 2 May 2024\n\
         neutralised,northern Syria,2024-04-26,2024-05-02,-2,2024-05-02,Briefing of 2 May 2024\n\
         neutralised,northern Syria,2024-04-31,2024-05-02,2,2024-05-02,Briefing of 2 May 2024\n",
    )
    .unwrap();
    let args = ["import", workspace.to_str().unwrap(), csv.to_str().unwrap()];
    let output = coopdesk(&args);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("figures.csv:3: value: -2 is negative: counts are 0 or more"),
        "{err}"
    );
    assert!(
        err.contains("figures.csv:4: start: 2024-04-31 is not a calendar date"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&workspace).unwrap(),
        before,
        "nothing written"
    );

    let mut skip = args.to_vec();
    skip.push("--skip-bad");
    let output = coopdesk(&skip);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("1 to add, 0 already present, 2 rejected"),
        "{}",
        stdout(&output)
    );
    let loaded = coopdesk::store::load(&workspace).unwrap();
    assert_eq!(loaded.observations.len(), 11);
    assert!(
        loaded
            .sources
            .iter()
            .any(|s| s.title == "Briefing of 2 May 2024")
    );

    // Importing again adds nothing: the row is already present.
    let output = coopdesk(&skip);
    assert!(
        stdout(&output).contains("0 to add, 1 already present"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn import_creates_a_missing_workspace_and_export_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("sample.csv");
    let output = coopdesk(&["export-observations", SAMPLE, exported.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let new = dir.path().join("new.ron");
    let output = coopdesk(&["import", new.to_str().unwrap(), exported.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let created = coopdesk::store::load(&new).unwrap();
    assert_eq!(created.title, "new");
    assert_eq!(created.observations.len(), 10);
    let series = coopdesk(&["series", new.to_str().unwrap(), "--metric", "neutralised"]);
    assert_eq!(
        stdout(&series),
        "month,value,estimated,partial\n2024-01,213,true,false\n2024-02,199,true,false\n2024-03,213,true,false\n2024-04,177,true,true\n"
    );
}
