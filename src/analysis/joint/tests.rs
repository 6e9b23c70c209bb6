//! Hand-computed joint allocations of small cases.

use super::*;
use crate::analysis::problem::Problem;
use crate::analysis::scope::RegionScope;
use crate::analysis::series::derive_blocks;
use crate::model::{MetricId, Observation, ObservationId};

fn obs(start: &str, end: &str, value: u64) -> Observation {
    Observation {
        id: ObservationId::new(format!("{start}-{end}-{value}")),
        metric: MetricId::new("m"),
        start: start.parse().unwrap(),
        end: end.parse().unwrap(),
        value,
        ..Observation::default()
    }
}

fn derived(figures: &[Observation]) -> Derivation {
    let refs: Vec<&Observation> = figures.iter().collect();
    let mut problems: Vec<Problem> = Vec::new();
    derive_blocks(&MetricId::new("m"), &RegionScope::All, &refs, &mut problems)
}

fn values(d: &Derivation) -> Vec<(u64, bool)> {
    d.series
        .months
        .iter()
        .map(|m| (m.value, m.estimated))
        .collect()
}

#[test]
fn a_week_across_a_month_end_follows_the_total_and_monthly_figures_stay() {
    // All regions: January 70 and February 40, reported as months. North:
    // 70 for the two months (a block); south: January 20 as reported and
    // February 20, so north must be 50 + 20.
    let total = derived(&[
        obs("2024-01-01", "2024-01-31", 70),
        obs("2024-02-01", "2024-02-29", 40),
    ]);
    let mut regions = vec![
        derived(&[obs("2024-01-01", "2024-02-29", 70)]),
        derived(&[
            obs("2024-01-01", "2024-01-31", 20),
            obs("2024-02-01", "2024-02-29", 20),
        ]),
    ];
    assert_eq!(values(&regions[0]), [(36, true), (34, true)]);
    let adjusted = allocate(&total, &mut regions, &BTreeSet::new());
    assert!(adjusted.is_empty());
    assert_eq!(values(&regions[0]), [(50, true), (20, true)]);
    assert_eq!(values(&regions[1]), [(20, false), (20, false)]);
}

#[test]
fn regions_that_contradict_the_total_are_scaled_to_it() {
    // 100 for all regions in January; north 30 and south 60 for it.
    let total = derived(&[obs("2024-01-01", "2024-01-31", 100)]);
    let mut regions = vec![
        derived(&[obs("2024-01-01", "2024-01-31", 30)]),
        derived(&[obs("2024-01-01", "2024-01-31", 60)]),
    ];
    let adjusted = allocate(&total, &mut regions, &BTreeSet::new());
    assert_eq!(adjusted.len(), 1);
    // 100 × 30/90 = 33.3 and 100 × 60/90 = 66.7: the larger remainder wins.
    assert_eq!(values(&regions[0]), [(33, true)]);
    assert_eq!(values(&regions[1]), [(67, true)]);
}

#[test]
fn days_the_regions_do_not_reach_are_left_as_derived() {
    // All regions to 31 January, the regions only to 15 January: January
    // is not joint, and nothing moves.
    let total = derived(&[obs("2024-01-01", "2024-01-31", 100)]);
    let mut regions = vec![
        derived(&[obs("2024-01-01", "2024-01-15", 30)]),
        derived(&[obs("2024-01-01", "2024-01-15", 20)]),
    ];
    assert!(allocate(&total, &mut regions, &BTreeSet::new()).is_empty());
    assert_eq!(values(&regions[0]), [(30, false)]);
    assert_eq!(values(&regions[1]), [(20, false)]);
}

#[test]
fn an_all_regions_month_with_nothing_to_follow_is_shared_equally() {
    assert_eq!(share_out(5, &[0.0, 0.0]), [3, 2]);
    assert_eq!(share_out(10, &[1.0, 3.0]), [3, 7]);
}

#[test]
fn a_contested_month_is_scaled_alone_when_the_others_can_be_fitted() {
    // All regions: January 70, February 40. South reports January 10 and
    // February 50 (more than all regions); north 70 for both months.
    let total = derived(&[
        obs("2024-01-01", "2024-01-31", 70),
        obs("2024-02-01", "2024-02-29", 40),
    ]);
    let regions = || {
        vec![
            derived(&[obs("2024-01-01", "2024-02-29", 70)]),
            derived(&[
                obs("2024-01-01", "2024-01-31", 10),
                obs("2024-02-01", "2024-02-29", 50),
            ]),
        ]
    };
    // Told that February is contested, January keeps every figure (north
    // 60 + south 10) and only February is scaled: north's other 10 and
    // south's 50 to 40, 6.67 → 7 and 33.33 → 33.
    let mut contested = regions();
    let february = BTreeSet::from([YearMonth::new(2024, 2).unwrap()]);
    assert_eq!(allocate(&total, &mut contested, &february), february);
    assert_eq!(values(&contested[0]), [(60, true), (7, true)]);
    assert_eq!(values(&contested[1]), [(10, false), (33, true)]);
    // Not told, both months are scaled.
    let mut blind = regions();
    assert_eq!(allocate(&total, &mut blind, &BTreeSet::new()).len(), 2);
}
