//! Reconciled monthly series on realistic briefing patterns, with
//! hand-computed expectations; `joint` holds the regions' joint allocation.

#[path = "analysis/joint.rs"]
mod joint;

use chrono::NaiveDate;

use coopdesk::analysis::{Analysis, MonthlySeries, ProblemKind, RegionScope, YearMonth};
use coopdesk::model::{Metric, MetricId, Observation, ObservationId, Workspace};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A figure: id, regions, start, end, value.
type Figure<'a> = (&'a str, &'a [&'a str], &'a str, &'a str, u64);

fn workspace(figures: &[Figure<'_>]) -> Workspace {
    let mut ws = Workspace {
        title: "test".into(),
        ..Workspace::default()
    };
    ws.metrics.put(Metric {
        id: MetricId::new("neutralised"),
        name: "Neutralised".into(),
        ..Metric::default()
    });
    for (id, regions, start, end, value) in figures {
        ws.observations.put(Observation {
            id: ObservationId::new(*id),
            metric: MetricId::new("neutralised"),
            regions: regions.iter().map(|r| r.to_string()).collect(),
            start: date(start),
            end: date(end),
            value: *value,
            reported_on: Some(date(end)),
            ..Observation::default()
        });
    }
    ws
}

fn months(analysis: &Analysis, scope: &RegionScope) -> Vec<(String, u64, bool)> {
    analysis
        .series(&MetricId::new("neutralised"), scope)
        .map(|s| {
            s.months
                .iter()
                .map(|m| (m.month.to_string(), m.value, m.estimated))
                .collect()
        })
        .unwrap_or_default()
}

const BOTH: &[&str] = &["north", "south"];

/// A year of weekly briefings (every Thursday of 2024, weeks Fri–Thu), each
/// giving the week's total and the total since 1 January, split by region
/// every fourth week. Week n (n = 1..52) reports 10 + n % 7 neutralised.
fn a_year_of_weekly_briefings() -> Workspace {
    a_year_of_weekly_briefings_and(&[])
}

/// [`a_year_of_weekly_briefings`] with `extra` figures.
fn a_year_of_weekly_briefings_and(extra: &[Figure<'_>]) -> Workspace {
    let mut figures: Vec<(String, Vec<&str>, String, String, u64)> = Vec::new();
    let first_thursday = date("2024-01-04");
    let mut ytd = 0;
    let mut ytd_north = 0;
    for n in 1..=52u64 {
        let end = first_thursday + chrono::Days::new(7 * (n - 1));
        let start = (end - chrono::Days::new(6)).max(date("2024-01-01"));
        let week = 10 + n % 7;
        ytd += week;
        ytd_north += week / 2;
        figures.push((
            format!("w{n:02}"),
            BOTH.to_vec(),
            start.to_string(),
            end.to_string(),
            week,
        ));
        figures.push((
            format!("y{n:02}"),
            BOTH.to_vec(),
            "2024-01-01".into(),
            end.to_string(),
            ytd,
        ));
        if n % 4 == 0 {
            figures.push((
                format!("n{n:02}"),
                vec!["north"],
                "2024-01-01".into(),
                end.to_string(),
                ytd_north,
            ));
            figures.push((
                format!("s{n:02}"),
                vec!["south"],
                "2024-01-01".into(),
                end.to_string(),
                ytd - ytd_north,
            ));
        }
    }
    // The year's last days (27–31 December) come in the first briefing of 2025.
    figures.push((
        "y-final".into(),
        BOTH.to_vec(),
        "2024-01-01".into(),
        "2024-12-31".into(),
        ytd + 40,
    ));
    let mut borrowed: Vec<Figure<'_>> = figures
        .iter()
        .map(|(id, r, s, e, v)| (id.as_str(), r.as_slice(), s.as_str(), e.as_str(), *v))
        .collect();
    borrowed.extend_from_slice(extra);
    workspace(&borrowed)
}

#[test]
fn a_year_of_weekly_and_year_to_date_figures_sums_to_the_year_total() {
    let ws = a_year_of_weekly_briefings();
    assert_eq!(ws.validate(), []);
    let analysis = Analysis::compute(&ws);
    assert_eq!(analysis.problems, [], "consistent figures raise no problem");
    let all = months(&analysis, &RegionScope::All);
    assert_eq!(all.len(), 12);
    let year_total: u64 = (1..=52u64).map(|n| 10 + n % 7).sum::<u64>() + 40;
    assert_eq!(all.iter().map(|m| m.1).sum::<u64>(), year_total);
    // January: weeks 1–4 (1–25 Jan) fall inside it; week 5 (26 Jan – 1 Feb)
    // has 6 of its 7 days there: 6/7 of 15 = 12.86 → 13 by largest remainder.
    let january_weeks: u64 = (1..=4u64).map(|n| 10 + n % 7).sum();
    assert_eq!(all[0], ("2024-01".into(), january_weeks + 13, true));
    // December ends with 27–31 Dec, known only from the final total: 40.
    assert!(all[11].2, "December includes a pro-rata share");
}

#[test]
fn regional_series_come_from_the_regional_year_to_date_totals() {
    let ws = a_year_of_weekly_briefings();
    let analysis = Analysis::compute(&ws);
    // Every month adds up to the all-regions month, though most weeks have
    // no split: January to November through the regions' year-to-date
    // totals, December (known for the regions only to the 26th) with the
    // final total's last five days shared out between them, estimated.
    let joint = assert_regions_add_up(&analysis, 12);
    assert_eq!(joint.last().map(|j| j.to_string()), Some("2024-12".into()));
    assert_figures_kept(&ws, &analysis);
    let north = months(&analysis, &RegionScope::region("north"));
    let south = months(&analysis, &RegionScope::region("south"));
    assert!(north[11].2 && south[11].2, "December is estimated");
    let north_total: u64 = north.iter().map(|m| m.1).sum();
    let south_total: u64 = south.iter().map(|m| m.1).sum();
    let year_total: u64 = (1..=52u64).map(|n| 10 + n % 7).sum::<u64>() + 40;
    assert_eq!(north_total + south_total, year_total);
}

#[test]
fn a_week_split_wrongly_within_right_year_to_date_totals_moves_no_month() {
    // Week 10 (1–7 March, 13 neutralised) split 5 + 5: 3 short, and
    // flagged. The regions' totals since 1 January still agree with all
    // regions', so the months can keep every figure and add up: the 3 go to
    // the regions' other days of the weeks 9–12.
    let analysis = Analysis::compute(&a_year_of_weekly_briefings_and(&[
        ("w10-north", &["north"], "2024-03-01", "2024-03-07", 5),
        ("w10-south", &["south"], "2024-03-01", "2024-03-07", 5),
    ]));
    let kinds: Vec<ProblemKind> = analysis.problems.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [ProblemKind::RegionsDoNotSum]);
    assert!(analysis.adjusted.is_empty(), "{:?}", analysis.adjusted);
    assert_regions_add_up(&analysis, 12);
}

#[test]
fn a_split_that_does_not_add_up_changes_only_its_months() {
    // Months for all regions, the first quarter split 150 + 120 = 270 (as
    // it should), April split 30 + 25 = 55 against 50. The quarter follows
    // the months (north 150 × 100/270 = 55.56, 44.44, 50 → 56, 44, 50;
    // south 44.44, 35.56, 40 → 44, 36, 40); April alone is scaled to 50:
    // 50 × 30/55 = 27.27 → 27 and 22.73 → 23.
    let ws = workspace(&[
        ("jan", BOTH, "2024-01-01", "2024-01-31", 100),
        ("feb", BOTH, "2024-02-01", "2024-02-29", 80),
        ("mar", BOTH, "2024-03-01", "2024-03-31", 90),
        ("apr", BOTH, "2024-04-01", "2024-04-30", 50),
        ("q1", BOTH, "2024-01-01", "2024-03-31", 270),
        ("q1-north", &["north"], "2024-01-01", "2024-03-31", 150),
        ("q1-south", &["south"], "2024-01-01", "2024-03-31", 120),
        ("apr-north", &["north"], "2024-04-01", "2024-04-30", 30),
        ("apr-south", &["south"], "2024-04-01", "2024-04-30", 25),
    ]);
    let analysis = Analysis::compute(&ws);
    let kinds: Vec<ProblemKind> = analysis.problems.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [ProblemKind::RegionsDoNotSum]);
    let metric = MetricId::new("neutralised");
    let adjusted: Vec<String> = analysis.adjusted[&metric]
        .iter()
        .map(|m| m.to_string())
        .collect();
    assert_eq!(adjusted, ["2024-04"]);
    let north = months(&analysis, &RegionScope::region("north"));
    let south = months(&analysis, &RegionScope::region("south"));
    assert_eq!(
        north.iter().map(|m| m.1).collect::<Vec<_>>(),
        [56, 44, 50, 27]
    );
    assert_eq!(
        south.iter().map(|m| m.1).collect::<Vec<_>>(),
        [44, 36, 40, 23]
    );
    // April was reported as such; scaled, it is no longer.
    assert!(north[3].2 && south[3].2);
    assert_regions_add_up(&analysis, 4);
}

#[test]
fn a_year_to_date_total_restarts_on_1_january() {
    let ws = workspace(&[
        ("y24", BOTH, "2024-01-01", "2024-12-31", 1200),
        ("y25a", BOTH, "2025-01-01", "2025-01-31", 90),
        ("y25b", BOTH, "2025-01-01", "2025-02-28", 150),
    ]);
    let analysis = Analysis::compute(&ws);
    assert_eq!(
        analysis.problems,
        [],
        "a smaller total in a new year is not a decrease"
    );
    let all = months(&analysis, &RegionScope::All);
    assert_eq!(
        all.iter()
            .filter(|m| m.0.starts_with("2024"))
            .map(|m| m.1)
            .sum::<u64>(),
        1200
    );
    assert_eq!(all[12], ("2025-01".into(), 90, false));
    assert_eq!(all[13], ("2025-02".into(), 60, false));
}

#[test]
fn regions_that_do_not_sum_to_their_total_are_flagged_with_the_difference() {
    let ws = workspace(&[
        ("t", BOTH, "2024-01-01", "2024-04-25", 802),
        ("n", &["north"], "2024-01-01", "2024-04-25", 360),
        ("s", &["south"], "2024-01-01", "2024-04-25", 440),
    ]);
    let problems = Analysis::compute(&ws).problems;
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, ProblemKind::RegionsDoNotSum);
    assert_eq!(
        problems[0].message,
        "1 Jan – 25 Apr 2024: 2 regions add up to 800, 2 less than the total 802"
    );
    assert_eq!(problems[0].details, ["north 360", "south 440"]);
    assert_eq!(problems[0].scope, RegionScope::All);
    // The all-regions figure is followed: its months (802 by day: 214, 201,
    // 214, 173) are each shared out 360 : 440 by largest remainder, north
    // 96.3, 90.45, 96.3, 77.85 → 96, 90, 96, 78 and south 117.7, 110.55,
    // 117.7, 95.15 → 118, 111, 118, 95, so the regions add up to them.
    let analysis = Analysis::compute(&ws);
    let metric = MetricId::new("neutralised");
    assert_regions_add_up(&analysis, 4);
    // Of those, February and March change (south 110 → 111, 117 → 118).
    let adjusted: Vec<String> = analysis.adjusted[&metric]
        .iter()
        .map(|m| m.to_string())
        .collect();
    assert_eq!(adjusted, ["2024-02", "2024-03"]);
    let north: u64 = joint::values(&analysis, &RegionScope::region("north"))
        .iter()
        .sum();
    let south: u64 = joint::values(&analysis, &RegionScope::region("south"))
        .iter()
        .sum();
    assert_eq!((north, south), (360, 442));
}

#[test]
fn a_region_sum_over_many_regions_counts_them_and_lists_them_apart() {
    // 38 regions of 28 and one of 32: 1,064 + 32 = 1,096.
    let names: Vec<String> = (1..=39).map(|i| format!("province {i:02}")).collect();
    let mut figures: Vec<(String, Vec<&str>, u64)> = vec![("t".into(), Vec::new(), 1099)];
    for (i, name) in names.iter().enumerate() {
        let value = if i == 0 { 32 } else { 28 };
        figures.push((format!("r{i}"), vec![name.as_str()], value));
    }
    let borrowed: Vec<Figure<'_>> = figures
        .iter()
        .map(|(id, r, v)| (id.as_str(), r.as_slice(), "2024-01-01", "2024-01-31", *v))
        .collect();
    let problems = Analysis::compute(&workspace(&borrowed)).problems;
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].message,
        "1–31 Jan 2024: 39 regions add up to 1,096, 3 less than the total 1,099"
    );
    assert_eq!(problems[0].details.len(), 39);
    assert_eq!(problems[0].details[0], "province 01 32");
    assert_eq!(
        problems[0].to_string().lines().count(),
        1,
        "the scope is all regions, not 39 names"
    );

    // One region alone larger than the total of two.
    let ws = workspace(&[
        ("t", BOTH, "2024-01-01", "2024-01-31", 40),
        ("n", &["north"], "2024-01-01", "2024-01-31", 50),
    ]);
    let problems = Analysis::compute(&ws).problems;
    assert_eq!(
        problems[0].message,
        "1–31 Jan 2024: 1 of 2 regions adds up to 50, 10 more than the total 40"
    );
}

#[test]
fn a_metric_reported_only_by_region_still_has_a_total() {
    let ws = workspace(&[
        ("n", &["north"], "2024-03-01", "2024-03-31", 30),
        ("s", &["south"], "2024-03-01", "2024-03-31", 12),
        ("n2", &["north"], "2024-04-01", "2024-04-30", 5),
    ]);
    let analysis = Analysis::compute(&ws);
    // April has only one of the two regions: the total for it is unknown.
    assert_eq!(
        months(&analysis, &RegionScope::All),
        [("2024-03".into(), 42, false)]
    );
}

#[test]
fn a_revised_figure_replaces_the_one_it_supersedes() {
    let mut ws = workspace(&[
        ("old", BOTH, "2024-01-01", "2024-01-31", 50),
        ("new", BOTH, "2024-01-01", "2024-01-31", 55),
    ]);
    let mut revised = ws.observations.get("new").unwrap().clone();
    revised.supersedes = Some(ObservationId::new("old"));
    revised.reported_on = Some(date("2024-02-10"));
    ws.observations.put(revised);
    let analysis = Analysis::compute(&ws);
    assert_eq!(analysis.problems, [], "a revision is not a conflict");
    assert_eq!(
        months(&analysis, &RegionScope::All),
        [("2024-01".into(), 55, false)]
    );
    // As known on 5 February, before the revision was reported.
    let earlier = Analysis::compute_as_of(&ws, Some(date("2024-02-05")));
    assert_eq!(
        months(&earlier, &RegionScope::All),
        [("2024-01".into(), 50, false)]
    );
}

/// Months where every single region of `metric` is reported for the same
/// days as all regions, with the all-regions value and the regions' sum.
fn joint_months(analysis: &Analysis, metric: &MetricId) -> Vec<(YearMonth, u64, u64)> {
    let Some(total) = analysis.series(metric, &RegionScope::All) else {
        return Vec::new();
    };
    let regions: Vec<&MonthlySeries> = analysis
        .region_series(metric)
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    let union = analysis.regions.get(metric).map_or(0, |r| r.len());
    if union < 2 || regions.len() != union {
        return Vec::new();
    }
    total
        .months
        .iter()
        .filter_map(|t| {
            let parts: Option<Vec<u64>> = regions
                .iter()
                .map(|r| {
                    r.get(t.month)
                        .filter(|m| m.days == t.days && m.covered_days == t.covered_days)
                        .map(|m| m.value)
                })
                .collect();
            Some((t.month, t.value, parts?.iter().sum()))
        })
        .collect()
}

/// Checks that the regions of neutralised add up to all regions in every
/// joint month, and that there are `count` of them; returns those months.
fn assert_regions_add_up(analysis: &Analysis, count: usize) -> Vec<YearMonth> {
    let joint = joint_months(analysis, &MetricId::new("neutralised"));
    assert_eq!(joint.len(), count, "{joint:?}");
    assert!(
        joint.iter().all(|(_, total, sum)| total == sum),
        "{joint:?}"
    );
    joint.into_iter().map(|j| j.0).collect()
}

/// Every figure whose period runs from the first to the last covered day of
/// its months is the sum of those months in its scope's series.
fn assert_figures_kept(ws: &Workspace, analysis: &Analysis) {
    let superseded: Vec<&ObservationId> = ws
        .observations
        .iter()
        .filter_map(|o| o.supersedes.as_ref())
        .collect();
    for o in ws
        .observations
        .iter()
        .filter(|o| !superseded.contains(&&o.id))
    {
        let union = &analysis.regions[&o.metric];
        let scope = if o.regions.len() == 1 && union.len() > 1 {
            RegionScope::region(&o.regions[0])
        } else if o.regions.is_empty() || o.regions.len() == union.len() {
            RegionScope::All
        } else {
            RegionScope::Only(o.regions.iter().cloned().collect())
        };
        let series = analysis.series(&o.metric, &scope).unwrap();
        let (first, last) = (YearMonth::of(o.start), YearMonth::of(o.end));
        let months = series.range(Some(first), Some(last));
        let aligned = months.first().is_some_and(|m| m.days.0 == o.start_day())
            && months.last().is_some_and(|m| m.days.1 == o.end_day());
        if aligned {
            let sum: u64 = months.iter().map(|m| m.value).sum();
            assert_eq!(sum, o.value, "{} ({:?})", o.id, scope);
        }
    }
}

trait Days {
    fn start_day(&self) -> u32;
    fn end_day(&self) -> u32;
}

impl Days for Observation {
    fn start_day(&self) -> u32 {
        chrono::Datelike::day(&self.start)
    }
    fn end_day(&self) -> u32 {
        chrono::Datelike::day(&self.end)
    }
}
