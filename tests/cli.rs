//! The `coopdesk` binary's headless commands, run for real.

use std::path::Path;
use std::process::{Command, Output};

use chrono::{Datelike as _, NaiveDate};
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
        "warning: neutralised, all regions: regions do not sum to the total: 1–31 Jan 2024: 2 regions add up to 90, 10 less than the total 100"
    );
    let verbose = coopdesk(&["check", "--verbose", path]);
    // Then each figure too, named by its label, never its id.
    assert_eq!(
        stdout(&verbose),
        format!(
            "{out}    north 30\n    south 60\n    figure: 100 neutralised, north + south, 1–31 Jan 2024\n    figure: 30 neutralised, north, 1–31 Jan 2024\n    figure: 60 neutralised, south, 1–31 Jan 2024\n"
        )
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

/// The sample with the briefing of 2 May 2024: 827 since 1 January (381
/// northern Iraq, 446 northern Syria) and 25 in the week 26 April – 2 May.
fn write_2_may(path: &Path) {
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
    coopdesk::store::save(&ws, path).unwrap();
}

#[test]
fn series_of_all_regions_is_the_sum_of_the_regions_month_by_month() {
    let total = assert_series_add_up(SAMPLE);
    assert_eq!(total.len(), 4);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("may.ron");
    write_2_may(&path);
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

#[test]
fn diff_lists_changes_by_label_and_exits_like_diff() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = dir.path().join("old.ron");
    let new = dir.path().join("new.ron");
    let sample = std::fs::read_to_string(SAMPLE).expect("sample");
    std::fs::write(&old, &sample).expect("write");
    let changed = sample.replacen("value: 54,", "value: 56,", 1);
    assert_ne!(changed, sample, "the sample holds the week's 54");
    std::fs::write(&new, changed).expect("write");
    let (old, new) = (old.to_str().expect("utf-8"), new.to_str().expect("utf-8"));

    let same = coopdesk(&["diff", old, old]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert!(stdout(&same).ends_with(": no differences\n"));

    let different = coopdesk(&["diff", old, new]);
    assert_eq!(different.status.code(), Some(1), "{}", stderr(&different));
    let text = stdout(&different);
    assert!(
        text.contains("~ figure 56 neutralised, northern Iraq + northern Syria, 19–25 Apr 2024\n    Value: 54 → 56\n"),
        "{text}"
    );
    assert!(
        !text.contains("2024-04-25-neutralised-week"),
        "no ids: {text}"
    );

    let csv = coopdesk(&["diff", old, new, "--format", "csv"]);
    assert_eq!(csv.status.code(), Some(1));
    assert_eq!(
        stdout(&csv),
        "change,kind,id,record,field,old,new\nchanged,figure,2024-04-25-neutralised-week,\"figure 56 neutralised, northern Iraq + northern Syria, 19–25 Apr 2024\",value,54,56\n"
    );

    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format_version: 3, workspace: (title: ").expect("write");
    let error = coopdesk(&["diff", old, broken.to_str().expect("utf-8")]);
    assert_eq!(error.status.code(), Some(2));
    assert!(stderr(&error).contains("broken.ron"), "{}", stderr(&error));
}

/// A year of briefings as a desk records them, all from the same daily
/// counts (hand-chosen: day d of 2024 has 1 + 3d mod 4 in northern Iraq and
/// 1 + 5d mod 3 in northern Syria), so they agree: every Thursday the week's
/// neutralised for both regions (Friday to Thursday, the first a short
/// 1–4 January); every fourth week also the year to date split by region
/// (the other weeks have no split); June reported as a month in place of
/// the weeks that touch it; and in the first briefing of 2025 the year,
/// split by region.
fn write_a_year_of_briefings(path: &Path) {
    let mut ws = coopdesk::store::load(Path::new(SAMPLE)).unwrap();
    // The sample's own 2024 neutralised figures would contradict these.
    let sample_ids: Vec<ObservationId> = ws
        .observations
        .iter()
        .filter(|o| o.metric.as_str() == "neutralised")
        .map(|o| o.id.clone())
        .collect();
    for id in sample_ids {
        ws.observations.remove(id.as_str());
    }
    let year_start = date("2024-01-01");
    let day_of_year = |d: NaiveDate| (d - year_start).num_days() as u64 + 1;
    let north = |d: u64| 1 + (3 * d) % 4;
    let south = |d: u64| 1 + (5 * d) % 3;
    let sum = |start: NaiveDate, end: NaiveDate, f: &dyn Fn(u64) -> u64| -> u64 {
        (day_of_year(start)..=day_of_year(end)).map(f).sum()
    };
    let both = |d: u64| north(d) + south(d);
    let all = || vec!["northern Iraq".to_owned(), "northern Syria".to_owned()];
    let mut figures: Vec<(String, Vec<String>, NaiveDate, NaiveDate, u64)> = Vec::new();
    let (june_start, june_end) = (date("2024-06-01"), date("2024-06-30"));
    let mut start = year_start;
    let mut end = date("2024-01-04");
    let mut week = 0;
    while end.year() == 2024 {
        if end < june_start || start > june_end {
            figures.push((
                format!("w{week:02}"),
                all(),
                start,
                end,
                sum(start, end, &both),
            ));
        }
        if week % 4 == 0 && week > 0 {
            figures.push((
                format!("n{week:02}"),
                vec!["northern Iraq".into()],
                year_start,
                end,
                sum(year_start, end, &north),
            ));
            figures.push((
                format!("s{week:02}"),
                vec!["northern Syria".into()],
                year_start,
                end,
                sum(year_start, end, &south),
            ));
        }
        week += 1;
        start = end.succ_opt().unwrap();
        end = start + chrono::Days::new(6);
    }
    figures.push((
        "june".into(),
        all(),
        june_start,
        june_end,
        sum(june_start, june_end, &both),
    ));
    let year_end = date("2024-12-31");
    figures.push((
        "y".into(),
        all(),
        year_start,
        year_end,
        sum(year_start, year_end, &both),
    ));
    figures.push((
        "y-n".into(),
        vec!["northern Iraq".into()],
        year_start,
        year_end,
        sum(year_start, year_end, &north),
    ));
    figures.push((
        "y-s".into(),
        vec!["northern Syria".into()],
        year_start,
        year_end,
        sum(year_start, year_end, &south),
    ));
    for (id, regions, start, end, value) in figures {
        ws.observations.put(Observation {
            id: ObservationId::new(format!("2024-{id}")),
            metric: MetricId::new("neutralised"),
            regions,
            start,
            end,
            value,
            reported_on: Some(end),
            ..Observation::default()
        });
    }
    coopdesk::store::save(&ws, path).unwrap();
}

#[test]
fn a_year_of_briefings_adds_up_by_region_every_month() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("year.ron");
    write_a_year_of_briefings(&path);
    let file = path.to_str().unwrap();
    let check = coopdesk(&["check", file]);
    assert!(
        check.status.success(),
        "{}{}",
        stdout(&check),
        stderr(&check)
    );
    let total = assert_series_add_up(file);
    let months: Vec<&str> = total.iter().map(|(m, _, _)| m.as_str()).collect();
    assert_eq!(months.len(), 12, "{months:?}");
    assert!(total.iter().all(|(_, _, partial)| partial == "false"));
    // Every reported figure is kept: the year, and June as reported.
    let sum: u64 = total.iter().map(|(_, v, _)| v).sum();
    let expected: u64 = (1..=366u64).map(|d| 2 + (3 * d) % 4 + (5 * d) % 3).sum();
    assert_eq!(sum, expected);
    let june: u64 = (153..=182u64).map(|d| 2 + (3 * d) % 4 + (5 * d) % 3).sum();
    assert_eq!(total[5], ("2024-06".into(), june, "false".into()));
}

/// The year of briefings as it stands on 26 December, with no regional
/// figure after November: December's weeks are reported for all regions
/// only, as the latest weeks often are. Each year-to-date split comes with
/// its total, as briefings give them ("827 since 1 January: 381 … and
/// 446 …"), which also covers the days of the weeks June replaced.
fn write_a_year_to_26_december_without_december_splits(path: &Path) {
    write_a_year_of_briefings(path);
    let mut ws = coopdesk::store::load(path).unwrap();
    let ids: Vec<ObservationId> = ws
        .observations
        .iter()
        .filter(|o| {
            o.end > date("2024-12-26") || (o.regions.len() == 1 && o.end > date("2024-11-30"))
        })
        .map(|o| o.id.clone())
        .collect();
    for id in ids {
        ws.observations.remove(id.as_str());
    }
    let splits: Vec<Observation> = ws
        .observations
        .iter()
        .filter(|o| o.regions == ["northern Iraq"] && o.start == date("2024-01-01"))
        .cloned()
        .collect();
    for north in splits {
        let south = ws
            .observations
            .iter()
            .find(|o| {
                o.regions == ["northern Syria"] && o.start == north.start && o.end == north.end
            })
            .map_or(0, |o| o.value);
        ws.observations.put(Observation {
            id: ObservationId::new(format!("{}-total", north.id)),
            regions: Vec::new(),
            value: north.value + south,
            ..north
        });
    }
    coopdesk::store::save(&ws, path).unwrap();
}

#[test]
fn weeks_without_a_regional_split_are_shared_out_so_regions_still_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("to-26-dec.ron");
    write_a_year_to_26_december_without_december_splits(&path);
    let file = path.to_str().unwrap();
    let total = assert_series_add_up(file);
    assert_eq!(total.len(), 12);
    let december = &total[11];
    assert_eq!(
        (december.0.as_str(), december.2.as_str()),
        ("2024-12", "true")
    );
    // The year to 26 December is kept (a week across two months is shared
    // between them pro rata, so single months are not day sums).
    let sum: u64 = total.iter().map(|(_, v, _)| v).sum();
    let expected: u64 = (1..=361u64).map(|d| 2 + (3 * d) % 4 + (5 * d) % 3).sum();
    assert_eq!(sum, expected, "1 January to 26 December");
    // The regions' December is an estimate, and says so.
    let output = coopdesk(&[
        "series",
        file,
        "--metric",
        "neutralised",
        "--region",
        "northern Iraq",
    ]);
    let last = stdout(&output)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(
        last.starts_with("2024-12,") && last.ends_with(",true,true"),
        "{last}"
    );
}

#[test]
fn regional_year_to_date_figures_without_their_total_still_add_up() {
    // The same year with only the regional splits of each year to date
    // ("381 … and 446 …", no 827): the weeks June replaced are known only
    // from them. Their sum stands for the total, so the regions and the
    // series agree in every month, June stays as reported, and nothing is
    // flagged.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("splits-only.ron");
    write_a_year_to_26_december_without_december_splits(&path);
    let mut ws = coopdesk::store::load(&path).unwrap();
    let totals: Vec<ObservationId> = ws
        .observations
        .iter()
        .filter(|o| o.id.as_str().ends_with("-total"))
        .map(|o| o.id.clone())
        .collect();
    assert!(!totals.is_empty());
    for id in totals {
        ws.observations.remove(id.as_str());
    }
    coopdesk::store::save(&ws, &path).unwrap();
    let file = path.to_str().unwrap();
    let check = coopdesk(&["check", file]);
    let said = format!("{}{}", stdout(&check), stderr(&check));
    assert!(check.status.success(), "{said}");
    assert!(said.contains("0 errors, 0 warnings"), "{said}");
    let total = assert_series_add_up(file);
    let june: u64 = (153..=182u64).map(|d| 2 + (3 * d) % 4 + (5 * d) % 3).sum();
    assert_eq!(total[5], ("2024-06".into(), june, "false".into()));
    let sum: u64 = total.iter().map(|(_, v, _)| v).sum();
    let expected: u64 = (1..=361u64).map(|d| 2 + (3 * d) % 4 + (5 * d) % 3).sum();
    assert_eq!(sum, expected);
}

/// The numbers written above the bars of an exported SVG chart, left to
/// right.
fn bar_labels(svg: &str) -> Vec<u64> {
    let mut labels: Vec<(i64, u64)> = svg
        .split("<text ")
        .skip(1)
        // Value labels sit on top of their bar: anchored at the bottom.
        .filter(|element| {
            element
                .split('>')
                .next()
                .unwrap_or("")
                .contains("dy=\"-0.5ex\"")
        })
        .map(|element| {
            let x: i64 = element
                .split("x=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .and_then(|x| x.parse().ok())
                .expect("a text's x");
            let text = element.split('>').nth(1).unwrap_or("");
            let text = text.split('<').next().unwrap_or("").trim().replace(',', "");
            (x, text.parse().expect("a number above a bar"))
        })
        .collect();
    labels.sort_by_key(|(x, _)| *x);
    labels.into_iter().map(|(_, value)| value).collect()
}

fn chart_svg(file: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.svg");
    let mut args = vec!["chart", file, "--metric", "neutralised", "--out"];
    args.push(out.to_str().unwrap());
    args.extend_from_slice(extra);
    let output = coopdesk(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn the_exported_charts_bar_labels_are_the_series_csv() {
    let dir = tempfile::tempdir().unwrap();
    let year = dir.path().join("year.ron");
    write_a_year_of_briefings(&year);
    let may = dir.path().join("may.ron");
    write_2_may(&may);
    let to_26_dec = dir.path().join("to-26-dec.ron");
    write_a_year_to_26_december_without_december_splits(&to_26_dec);
    for file in [
        SAMPLE,
        year.to_str().unwrap(),
        may.to_str().unwrap(),
        to_26_dec.to_str().unwrap(),
    ] {
        // Stacked: one number per month, the all-regions series.
        let total: Vec<u64> = series_rows(file, None).iter().map(|r| r.1).collect();
        assert_eq!(bar_labels(&chart_svg(file, &[])), total, "{file}");
        // Side by side (wide enough for a number over every bar): each
        // region's series, month by month.
        let iraq = series_rows(file, Some("northern Iraq"));
        let syria = series_rows(file, Some("northern Syria"));
        let by_month: Vec<u64> = iraq
            .iter()
            .zip(&syria)
            .flat_map(|(a, b)| [a.1, b.1])
            .collect();
        let svg = chart_svg(file, &["--side-by-side", "--width", "4000"]);
        assert_eq!(bar_labels(&svg), by_month, "{file}");
        // Cumulative: the running sums of the same months.
        let running: Vec<u64> = total
            .iter()
            .scan(0, |sum, v| {
                *sum += v;
                Some(*sum)
            })
            .collect();
        assert_eq!(
            bar_labels(&chart_svg(file, &["--cumulative"])),
            running,
            "{file}"
        );
    }
    // As known on 25 April, the 2 May workspace is the sample: the chart
    // shows the sample's series.
    let sample: Vec<u64> = series_rows(SAMPLE, None).iter().map(|r| r.1).collect();
    let as_of = chart_svg(may.to_str().unwrap(), &["--as-of", "2024-04-25"]);
    assert_eq!(bar_labels(&as_of), sample);
}
