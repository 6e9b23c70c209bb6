//! The joint allocation of regions: hand-computed cases on the sample and
//! the briefing of 2 May 2024, and a property test on random consistent
//! briefings.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;

use super::{assert_figures_kept, assert_regions_add_up, date, months};
use coopdesk::analysis::{Analysis, RegionScope, YearMonth};
use coopdesk::model::{Metric, MetricId, Observation, ObservationId, Workspace};

pub fn values(analysis: &Analysis, scope: &RegionScope) -> Vec<u64> {
    months(analysis, scope).into_iter().map(|m| m.1).collect()
}

const IRAQ: &str = "northern Iraq";
const SYRIA: &str = "northern Syria";

#[test]
fn the_sample_regions_add_up_to_the_all_regions_months() {
    let ws = coopdesk::store::sample().unwrap();
    let analysis = Analysis::compute(&ws);
    assert_eq!(analysis.problems, []);
    // All regions: 748 by day over 1 Jan – 18 Apr, and the week's 54 in April.
    assert_eq!(values(&analysis, &RegionScope::All), [213, 199, 213, 177]);
    // Each region's year-to-date total follows those months: 360 × T/802 =
    // 95.61, 89.33, 95.61, 79.45 and 442 × T/802 = 117.39, 109.67, 117.39,
    // 97.55; each month needs one unit more than the floors, and the
    // largest fractions take them.
    assert_eq!(
        values(&analysis, &RegionScope::region(IRAQ)),
        [96, 89, 96, 79]
    );
    assert_eq!(
        values(&analysis, &RegionScope::region(SYRIA)),
        [117, 110, 117, 98]
    );
    let metric = MetricId::new("neutralised");
    assert_regions_add_up(&analysis, 4);
    assert_figures_kept(&ws, &analysis);
    assert_eq!(analysis.adjusted.get(&metric), None);
}

/// The sample with the briefing of 2 May 2024: 827 since 1 January (381 in
/// northern Iraq, 446 in northern Syria), 25 in the week 26 April – 2 May.
fn the_2_may_briefing() -> Workspace {
    let mut ws = coopdesk::store::sample().unwrap();
    for (id, regions, start, value) in [
        ("2024-05-02-ytd", vec![IRAQ, SYRIA], "2024-01-01", 827),
        ("2024-05-02-ytd-iraq", vec![IRAQ], "2024-01-01", 381),
        ("2024-05-02-ytd-syria", vec![SYRIA], "2024-01-01", 446),
        ("2024-05-02-week", vec![IRAQ, SYRIA], "2024-04-26", 25),
    ] {
        ws.observations.put(Observation {
            id: ObservationId::new(id),
            metric: MetricId::new("neutralised"),
            regions: regions.into_iter().map(String::from).collect(),
            start: date(start),
            end: date("2024-05-02"),
            value,
            reported_on: Some(date("2024-05-02")),
            ..Observation::default()
        });
    }
    ws
}

#[test]
fn the_2_may_briefing_keeps_every_figure_and_marks_may_partial() {
    let ws = the_2_may_briefing();
    let analysis = Analysis::compute(&ws);
    assert_eq!(analysis.problems, []);
    // The week's 25 fall on 5 April and 2 May days: 17.86 → 18 and 7.14 → 7.
    assert_eq!(
        values(&analysis, &RegionScope::All),
        [213, 199, 213, 177 + 18, 7]
    );
    // The regions' 21 and 4 since 25 April fill those 18 and 7: raked,
    // 15.12 + 2.88 in April and 5.88 + 1.12 in May, rounded to 15 + 3 and
    // 6 + 1. Their totals to 25 April spread as in the sample.
    assert_eq!(
        values(&analysis, &RegionScope::region(IRAQ)),
        [96, 89, 96, 79 + 15, 6]
    );
    assert_eq!(
        values(&analysis, &RegionScope::region(SYRIA)),
        [117, 110, 117, 98 + 3, 1]
    );
    let metric = MetricId::new("neutralised");
    assert_regions_add_up(&analysis, 5);
    assert_figures_kept(&ws, &analysis);

    let series = analysis.series(&metric, &RegionScope::All).unwrap();
    let may = series.months.last().unwrap();
    assert!(may.partial);
    assert_eq!(may.days, (1, 2));
    assert_eq!(may.label(), "May 2024 (1–2)");
    let april = &series.months[3];
    assert!(!april.partial);
    assert_eq!(april.label(), "Apr 2024");
}

/// Random briefings over the first `days` days of 2024 that agree with
/// each other: every figure is the sum of the same daily counts per region.
/// Periods end on *cut-off* days: each week between cut-offs, each
/// year-to-date total to a cut-off, and each month whose first and last
/// days are bounded by cut-offs may be reported (a year-to-date total
/// ending inside a reported month is left out, as it would cross it); any
/// of them may also be split into one figure per region.
#[derive(Clone, Debug)]
struct Briefings {
    regions: usize,
    days: u32,
    /// Per region, then per day.
    counts: Vec<u64>,
    /// Per day: whether a period may end there, and which figures.
    choices: Vec<u8>,
}

const MAX_DAYS: u32 = 150;
const MAX_REGIONS: usize = 4;

fn briefings() -> impl Strategy<Value = Briefings> {
    (
        2..=MAX_REGIONS,
        20..=MAX_DAYS,
        prop::collection::vec(0u64..6, MAX_REGIONS * MAX_DAYS as usize),
        prop::collection::vec(any::<u8>(), MAX_DAYS as usize + 1),
    )
        .prop_map(|(regions, days, counts, choices)| Briefings {
            regions,
            days,
            counts,
            choices,
        })
}

/// One generated figure: its period (days of 2024, 1-based), and whether it
/// is split by region.
#[derive(Clone, Copy, Debug)]
struct Period {
    first: u32,
    last: u32,
    split: bool,
}

impl Briefings {
    fn choice(&self, day: u32) -> u8 {
        self.choices.get(day as usize).copied().unwrap_or(0)
    }

    fn day(&self, day: u32) -> NaiveDate {
        date("2024-01-01") + Days::new(u64::from(day) - 1)
    }

    fn count(&self, region: usize, first: u32, last: u32) -> u64 {
        (first..=last)
            .map(|d| self.counts[region * MAX_DAYS as usize + d as usize - 1])
            .sum()
    }

    fn periods(&self) -> Vec<Period> {
        let month_end = |d: u32| self.day(d).succ_opt().unwrap().day() == 1;
        let cutoff = |d: u32| {
            d == self.days
                || (month_end(d) && self.choice(d) & 1 == 1)
                || self.choice(d).is_multiple_of(6)
        };
        let cutoffs: Vec<u32> = (1..=self.days).filter(|&d| cutoff(d)).collect();
        let mut periods = Vec::new();
        let mut months: Vec<(u32, u32)> = Vec::new();
        let mut previous = 0;
        for &c in &cutoffs {
            let bits = self.choice(c);
            // The period since the last cut-off (most are reported).
            if bits & 6 != 0 {
                periods.push(Period {
                    first: previous + 1,
                    last: c,
                    split: bits & 8 != 0,
                });
            }
            // A month bounded by cut-offs.
            if month_end(c) && bits & 16 != 0 {
                let first = c + 1 - self.day(c).day();
                if first == 1 || cutoffs.contains(&(first - 1)) {
                    months.push((first, c));
                    periods.push(Period {
                        first,
                        last: c,
                        split: bits & 32 != 0,
                    });
                }
            }
            previous = c;
        }
        for &c in &cutoffs {
            let bits = self.choice(c);
            let inside_a_month = months.iter().any(|&(first, last)| first <= c && c < last);
            if (bits & 64 != 0 || c == self.days) && !inside_a_month {
                periods.push(Period {
                    first: 1,
                    last: c,
                    split: bits & 128 != 0,
                });
            }
        }
        periods
    }

    fn workspace(&self) -> (Workspace, Vec<Period>) {
        let metric = MetricId::new("neutralised");
        let names: Vec<String> = (0..self.regions).map(|r| format!("r{r}")).collect();
        let mut ws = Workspace {
            title: "random briefings".into(),
            ..Workspace::default()
        };
        ws.metrics.put(Metric {
            id: metric.clone(),
            name: "Neutralised".into(),
            ..Metric::default()
        });
        let periods = self.periods();
        let mut put = |id: String, regions: Vec<String>, p: &Period, value: u64| {
            ws.observations.put(Observation {
                id: ObservationId::new(id),
                metric: metric.clone(),
                regions,
                start: self.day(p.first),
                end: self.day(p.last),
                value,
                ..Observation::default()
            });
        };
        for (i, p) in periods.iter().enumerate() {
            let total = (0..self.regions)
                .map(|r| self.count(r, p.first, p.last))
                .sum();
            // A total names every region, or none: both mean all regions.
            let all = if i % 2 == 0 {
                names.clone()
            } else {
                Vec::new()
            };
            put(format!("t{i}"), all, p, total);
            if p.split {
                for (r, name) in names.iter().enumerate() {
                    put(
                        format!("t{i}-{name}"),
                        vec![name.clone()],
                        p,
                        self.count(r, p.first, p.last),
                    );
                }
            }
        }
        (ws, periods)
    }
}

/// Every month a figure covers: there, the regions must add up to the
/// total, either as reported or with the days no split covers shared out.
fn expected_joint_months(briefings: &Briefings, periods: &[Period]) -> Vec<YearMonth> {
    let months: BTreeSet<YearMonth> = periods
        .iter()
        .flat_map(|p| p.first..=p.last)
        .map(|d| YearMonth::of(briefings.day(d)))
        .collect();
    months.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn consistent_briefings_keep_every_figure_and_regions_add_up(b in briefings()) {
        let (ws, periods) = b.workspace();
        prop_assert_eq!(ws.validate(), []);
        let analysis = Analysis::compute(&ws);
        prop_assert_eq!(&analysis.problems, &[]);
        prop_assert!(analysis.adjusted.is_empty(), "{:?}", analysis.adjusted);
        assert_figures_kept(&ws, &analysis);
        let joint = expected_joint_months(&b, &periods);
        let found = assert_regions_add_up(&analysis, joint.len());
        prop_assert_eq!(found, joint);
    }
}
