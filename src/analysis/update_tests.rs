//! `Analysis::update` against a full derivation: after any single-figure
//! edit, re-deriving only what changed gives exactly what deriving
//! everything gives.

use chrono::Days;
use proptest::prelude::*;

use super::Analysis;
use crate::generate::{GenerateParams, generate};
use crate::model::{ObservationId, Workspace};

/// Everything public of an analysis, in one comparable value.
fn public(a: &Analysis) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        a.regions, a.series, a.problems, a.latest, a.adjusted
    )
}

/// One figure edited the way a user could: its value, dates, regions,
/// metric, reporting date or revision link changed, or it deleted.
fn edit(ws: &mut Workspace, index: usize, kind: u8, amount: u64) {
    let n = ws.observations.len();
    let i = index % n;
    let all = ws.observations.as_slice();
    let other = all[(i + 1 + amount as usize) % n].clone();
    let mut o = all[i].clone();
    match kind % 8 {
        0 => o.value = amount,
        1 => o.start = o.start - Days::new(amount % 60),
        2 => o.end = o.end + Days::new(amount % 60),
        3 => o.regions = other.regions.clone(),
        4 => o.metric = other.metric.clone(),
        5 => o.reported_on = other.reported_on,
        6 => o.supersedes = Some(other.id.clone()),
        _ => {
            ws.observations.remove(o.id.as_str());
            return;
        }
    }
    ws.observations.put(o);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn update_after_one_edit_equals_full_derivation(
        seed in 0u64..1_000,
        index in 0usize..10_000,
        kind in 0u8..8,
        amount in 0u64..100_000,
        as_of in proptest::option::of(0u64..2_000),
    ) {
        let mut ws = generate(&GenerateParams {
            instruments: 5,
            events: 20,
            observations: 300,
            seed,
        });
        let as_of = as_of.and_then(|days| {
            let first = ws.observations.iter().filter_map(|o| o.reported_on).min()?;
            Some(first + Days::new(days))
        });
        let before = Analysis::compute_as_of(&ws, as_of);
        edit(&mut ws, index, kind, amount);
        let full = Analysis::compute_as_of(&ws, as_of);
        let updated = before.clone().update_as_of(&ws, as_of);
        prop_assert_eq!(public(&updated), public(&full));
        prop_assert_eq!(&updated.inputs, &full.inputs);
        // Nothing changed: nothing to re-derive, the same analysis.
        let again = updated.update_as_of(&ws, as_of);
        prop_assert_eq!(public(&again), public(&full));
    }
}

#[test]
fn a_new_figure_and_a_deleted_metric_update_like_a_full_derivation() {
    let mut ws = generate(&GenerateParams {
        instruments: 5,
        events: 20,
        observations: 500,
        seed: 7,
    });
    let before = Analysis::compute(&ws);
    let mut added = ws.observations.as_slice()[3].clone();
    added.id = ObservationId::new("added-figure");
    added.value += 1;
    ws.observations.put(added);
    let gone = ws.observations.as_slice()[0].metric.clone();
    let ids: Vec<ObservationId> = ws
        .observations
        .iter()
        .filter(|o| o.metric == gone)
        .map(|o| o.id.clone())
        .collect();
    for id in ids {
        ws.observations.remove(id.as_str());
    }
    let updated = before.update(&ws);
    assert_eq!(public(&updated), public(&Analysis::compute(&ws)));
    assert!(!updated.regions.contains_key(&gone));
}
