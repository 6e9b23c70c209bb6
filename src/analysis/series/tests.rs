//! Hand-computed expectations for the monthly derivation.

use super::*;
use crate::model::{MetricId, Observation, ObservationId};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn obs(id: &str, start: &str, end: &str, value: u64) -> Observation {
    Observation {
        id: ObservationId::new(id),
        metric: MetricId::new("m"),
        start: date(start),
        end: date(end),
        value,
        ..Observation::default()
    }
}

fn run(observations: &[Observation]) -> (MonthlySeries, Vec<Problem>) {
    let refs: Vec<&Observation> = observations.iter().collect();
    let mut problems = Vec::new();
    let series = derive(&MetricId::new("m"), &RegionScope::All, &refs, &mut problems);
    (series, problems)
}

fn values(series: &MonthlySeries) -> Vec<(String, u64, bool)> {
    series
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.value, m.estimated))
        .collect()
}

fn row(month: &str, value: u64, estimated: bool) -> (String, u64, bool) {
    (month.to_owned(), value, estimated)
}

#[test]
fn seed_neutralised_week_and_year_to_date_give_estimated_months_summing_to_802() {
    // 802 from 1 Jan to 25 Apr, of which 54 in 19–25 Apr. The other 748 fall
    // on 109 days: Jan 31, Feb 29, Mar 31, Apr 1–18 = 18 days.
    // 748×31/109 = 212.73, 748×29/109 = 199.01, 748×18/109 = 123.52:
    // floors 212+199+212+123 = 746, the 2 left go to the largest remainders
    // (Jan and Mar, .73 each). April = 123 + 54.
    let (series, problems) = run(&[
        obs("ytd", "2024-01-01", "2024-04-25", 802),
        obs("week", "2024-04-19", "2024-04-25", 54),
    ]);
    assert_eq!(problems, []);
    assert_eq!(
        values(&series),
        [
            row("2024-01", 213, true),
            row("2024-02", 199, true),
            row("2024-03", 213, true),
            row("2024-04", 177, true),
        ]
    );
    assert_eq!(series.total(), 802);
    let april = &series.months[3];
    assert_eq!(april.covered_days, 25);
    assert!(!april.is_complete());
    assert_eq!(april.observations.len(), 2);
}

#[test]
fn successive_cumulative_totals_become_exact_month_figures() {
    let (series, problems) = run(&[
        obs("jan", "2024-01-01", "2024-01-31", 100),
        obs("feb", "2024-01-01", "2024-02-29", 250),
        obs("mar", "2024-01-01", "2024-03-31", 250),
    ]);
    assert_eq!(problems, []);
    assert_eq!(
        values(&series),
        [
            row("2024-01", 100, false),
            row("2024-02", 150, false),
            row("2024-03", 0, false),
        ]
    );
}

#[test]
fn a_cumulative_total_below_an_earlier_one_is_flagged_with_the_difference() {
    let (series, problems) = run(&[
        obs("jan", "2024-01-01", "2024-01-31", 100),
        obs("feb", "2024-01-01", "2024-02-29", 90),
    ]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, ProblemKind::CumulativeDecreased);
    assert_eq!(
        problems[0].message,
        "cumulative total fell from 100 (1–31 Jan 2024) to 90 (1 Jan – 29 Feb 2024): 10 less"
    );
    assert_eq!(
        problems[0].observations,
        [ObservationId::new("jan"), ObservationId::new("feb")]
    );
    // The finer figure is kept; February gets nothing rather than a negative.
    assert_eq!(
        values(&series),
        [row("2024-01", 100, false), row("2024-02", 0, false)]
    );
}

#[test]
fn a_week_across_a_month_end_is_split_by_day() {
    // 29 Jan – 4 Feb: 3 days in January, 4 in February.
    let (series, problems) = run(&[obs("w", "2024-01-29", "2024-02-04", 70)]);
    assert_eq!(problems, []);
    assert_eq!(
        values(&series),
        [row("2024-01", 30, true), row("2024-02", 40, true)]
    );
    assert_eq!(series.months[0].covered_days, 3);
}

#[test]
fn weeks_inside_a_month_are_exact_and_add_up() {
    let (series, problems) = run(&[
        obs("w1", "2024-03-01", "2024-03-07", 12),
        obs("w2", "2024-03-08", "2024-03-14", 5),
    ]);
    assert_eq!(problems, []);
    assert_eq!(values(&series), [row("2024-03", 17, false)]);
    assert_eq!(series.months[0].covered_days, 14);
}

#[test]
fn a_week_larger_than_its_year_to_date_total_is_flagged() {
    let (_, problems) = run(&[
        obs("ytd", "2024-01-01", "2024-04-25", 50),
        obs("week", "2024-04-19", "2024-04-25", 54),
    ]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, ProblemKind::PartsExceedTotal);
    assert_eq!(
        problems[0].message,
        "54 (19–25 Apr 2024) is larger than 50 (1 Jan – 25 Apr 2024), the total that contains it, by 4"
    );
}

#[test]
fn different_figures_for_one_period_use_the_latest_reported_and_are_flagged() {
    let mut early = obs("a", "2024-01-01", "2024-01-31", 10);
    early.reported_on = Some(date("2024-02-01"));
    let mut late = obs("b", "2024-01-01", "2024-01-31", 12);
    late.reported_on = Some(date("2024-02-08"));
    let (series, problems) = run(&[late, early]);
    assert_eq!(values(&series), [row("2024-01", 12, false)]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, ProblemKind::ConflictingFigures);
    assert_eq!(
        problems[0].message,
        "different figures for the same period 1–31 Jan 2024: 10 (reported 1 Feb 2024), 12 (reported 8 Feb 2024); using the latest reported, 12 (reported 8 Feb 2024)"
    );
}

#[test]
fn identical_duplicates_count_once() {
    let (series, problems) = run(&[
        obs("a", "2024-01-01", "2024-01-31", 10),
        obs("b", "2024-01-01", "2024-01-31", 10),
    ]);
    assert_eq!(problems, []);
    assert_eq!(values(&series), [row("2024-01", 10, false)]);
    assert_eq!(series.months[0].observations.len(), 2);
}

#[test]
fn crossing_periods_keep_the_longer_and_flag_the_other() {
    let (series, problems) = run(&[
        obs("long", "2024-01-01", "2024-01-20", 20),
        obs("short", "2024-01-15", "2024-01-25", 11),
    ]);
    assert_eq!(values(&series), [row("2024-01", 20, false)]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, ProblemKind::OverlappingPeriods);
    assert_eq!(series.months[0].covered_days, 20);
}

#[test]
fn a_total_left_with_no_free_days_flags_what_it_cannot_place() {
    let (series, problems) = run(&[
        obs("month", "2024-01-01", "2024-01-14", 30),
        obs("w1", "2024-01-01", "2024-01-07", 10),
        obs("w2", "2024-01-08", "2024-01-14", 10),
    ]);
    assert_eq!(values(&series), [row("2024-01", 20, false)]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, ProblemKind::TotalExceedsParts);
}

#[test]
fn a_zero_residual_spread_over_months_is_exact() {
    let (series, problems) = run(&[
        obs("ytd", "2024-01-01", "2024-03-31", 10),
        obs("mar", "2024-03-01", "2024-03-31", 10),
    ]);
    assert_eq!(problems, []);
    assert_eq!(
        values(&series),
        [
            row("2024-01", 0, false),
            row("2024-02", 0, false),
            row("2024-03", 10, false)
        ]
    );
}

#[test]
fn qualifiers_carry_into_the_months_they_touch() {
    let mut over = obs("over", "2024-01-01", "2024-01-31", 2000);
    over.qualifier = Qualifier::AtLeast;
    let (series, _) = run(&[over, obs("feb", "2024-02-01", "2024-02-29", 5)]);
    assert_eq!(series.months[0].qualifier, Qualifier::AtLeast);
    assert_eq!(series.months[1].qualifier, Qualifier::Exact);
}

#[test]
fn range_selects_months_between_bounds() {
    let (series, _) = run(&[obs("y", "2024-01-01", "2024-06-30", 182)]);
    let months = |from: Option<&str>, to: Option<&str>| -> Vec<String> {
        series
            .range(
                from.and_then(YearMonth::parse),
                to.and_then(YearMonth::parse),
            )
            .iter()
            .map(|m| m.month.to_string())
            .collect()
    };
    assert_eq!(
        months(Some("2024-02"), Some("2024-03")),
        ["2024-02", "2024-03"]
    );
    assert_eq!(months(Some("2024-06"), None), ["2024-06"]);
    assert_eq!(
        months(Some("2024-05"), Some("2024-02")),
        Vec::<String>::new()
    );
}

#[test]
fn absurdly_large_values_do_not_overflow() {
    let (series, problems) = run(&[
        obs("a", "2024-01-01", "2024-01-31", u64::MAX),
        obs("b", "2024-01-01", "2024-01-07", u64::MAX),
        obs("c", "2024-01-08", "2024-01-14", u64::MAX),
    ]);
    // Sums saturate instead of aborting; such values are nonsense anyway.
    assert_eq!(series.months.len(), 1);
    assert!(problems.len() <= 1);
    assert_eq!(series.total(), u64::MAX);
}
