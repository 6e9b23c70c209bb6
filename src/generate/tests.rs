//! The generator's promises: exact counts, valid data, every kind and
//! status, every kind of period, determinism, the SYNTHETIC label, and
//! figures the analysis can turn into series.

use std::collections::BTreeSet;

use chrono::Datelike;

use super::*;
use crate::analysis::{Analysis, RegionScope};
use crate::model::{EventKind, InstrumentKind, Status};
use crate::store::to_ron_string;

fn params(instruments: usize, events: usize, observations: usize, seed: u64) -> GenerateParams {
    GenerateParams {
        instruments,
        events,
        observations,
        seed,
    }
}

#[test]
fn counts_are_exactly_those_asked_for() {
    for (instruments, events, observations) in
        [(0, 0, 0), (1, 1, 1), (53, 101, 2_345), (7, 0, 20_001)]
    {
        let ws = generate(&params(instruments, events, observations, 3));
        assert_eq!(ws.instruments.len(), instruments);
        assert_eq!(ws.events.len(), events);
        assert_eq!(ws.observations.len(), observations);
    }
}

#[test]
fn generated_workspaces_are_valid() {
    for p in [
        params(0, 0, 0, 1),
        params(3, 5, 17, 2),
        params(120, 700, 5_000, 3),
        GenerateParams::small(4),
    ] {
        let errors = generate(&p).validate();
        assert!(
            errors.is_empty(),
            "{p:?}: {} errors, first: {}",
            errors.len(),
            errors[0]
        );
    }
}

#[test]
fn every_kind_and_status_is_present() {
    let count = instruments::combinations().len();
    let ws = generate(&params(count, EventKind::ALL.len(), 0, 5));
    let kinds: BTreeSet<InstrumentKind> = ws.instruments.iter().map(|i| i.kind).collect();
    let statuses: BTreeSet<Status> = ws.instruments.iter().map(|i| i.status).collect();
    assert_eq!(kinds, InstrumentKind::ALL.into_iter().collect());
    assert_eq!(statuses, Status::ALL.into_iter().collect());
    let event_kinds: BTreeSet<EventKind> = ws.events.iter().map(|e| e.kind).collect();
    assert_eq!(event_kinds, EventKind::ALL.into_iter().collect());
    for instrument in &ws.instruments {
        let offer_status = matches!(
            instrument.status,
            Status::Offered | Status::Accepted | Status::Declined
        );
        assert_eq!(
            offer_status,
            instrument.kind == InstrumentKind::SupportOffer,
            "{}",
            instrument.id
        );
    }
}

#[test]
fn key_dates_and_history_fit_the_status() {
    let ws = generate(&params(500, 0, 0, 6));
    for instrument in &ws.instruments {
        let signed = !matches!(
            instrument.status,
            Status::Proposed
                | Status::UnderNegotiation
                | Status::Offered
                | Status::Accepted
                | Status::Declined
        );
        assert_eq!(
            instrument.dates.signed.is_some(),
            signed,
            "{}",
            instrument.id
        );
        let history: Vec<_> = instrument.status_history.iter().map(|c| c.on).collect();
        assert!(history.is_sorted(), "{}", instrument.id);
        assert_eq!(
            instrument.status_history.last().map(|c| c.status),
            Some(instrument.status)
        );
    }
}

#[test]
fn weekly_monthly_and_year_to_date_figures_are_all_there() {
    let ws = generate(&params(0, 0, 5_000, 7));
    let observations = ws.observations.as_slice();
    let weekly = observations
        .iter()
        .filter(|o| (o.end - o.start).num_days() == 6)
        .count();
    let monthly = observations
        .iter()
        .filter(|o| o.start.day() == 1 && o.start.month() > 1 && o.end.month() == o.start.month())
        .filter(|o| o.end.succ_opt().is_some_and(|next| next.day() == 1))
        .count();
    let year_to_date = observations
        .iter()
        .filter(|o| o.start.ordinal() == 1 && o.end.month() > 1)
        .count();
    assert!(weekly > 1_000, "{weekly} weekly figures");
    assert!(monthly > 100, "{monthly} monthly figures");
    assert!(year_to_date > 1_000, "{year_to_date} year-to-date figures");
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_others() {
    let p = params(40, 200, 3_000, 11);
    let first = to_ron_string(&generate(&p)).unwrap();
    let again = to_ron_string(&generate(&p)).unwrap();
    let other = to_ron_string(&generate(&GenerateParams { seed: 12, ..p })).unwrap();
    assert!(first == again, "same seed, different bytes");
    assert_ne!(first, other);
}

#[test]
fn more_events_leave_the_figures_of_a_seed_unchanged() {
    let few = generate(&params(10, 10, 1_000, 13));
    let many = generate(&params(10, 300, 1_000, 13));
    assert_eq!(few.observations, many.observations);
    assert_eq!(few.instruments, many.instruments);
}

#[test]
fn it_says_synthetic_wherever_it_is_shown() {
    let ws = generate(&params(5, 20, 500, 42));
    assert!(ws.title.contains("SYNTHETIC"), "{}", ws.title);
    assert_eq!(ws.marking.caveats, ["SYNTHETIC"]);
    assert!(ws.description.contains("Seed 42"), "{}", ws.description);
    assert!(
        ws.description.contains("500 observations"),
        "{}",
        ws.description
    );
    assert!(
        ws.highest_marking()
            .caveats
            .contains(&"SYNTHETIC".to_owned())
    );
    assert!(!ws.sources.is_empty());
    for source in &ws.sources {
        assert!(source.title.starts_with("SYNTHETIC "), "{}", source.title);
    }
}

#[test]
fn ids_are_readable() {
    let ws = generate(&params(0, 0, 200, 1));
    assert!(
        ws.observations
            .contains("neutralised-2023-w01-northern-iraq"),
        "{:?}",
        ws.observations
            .iter()
            .take(5)
            .map(|o| &o.id)
            .collect::<Vec<_>>()
    );
    assert!(ws.observations.contains("neutralised-2023-ytd-w01"));
}

#[test]
fn every_metric_has_a_monthly_series_and_few_figures_disagree() {
    let ws = generate(&params(0, 0, 20_000, 8));
    let analysis = Analysis::compute(&ws);
    for metric in &ws.metrics {
        let series = analysis.series(&metric.id, &RegionScope::All);
        assert!(
            series.is_some_and(|s| s.months.len() >= 12),
            "{}: {:?}",
            metric.id,
            series.map(|s| s.months.len())
        );
        assert!(
            analysis.region_series(&metric.id).len() >= 2,
            "{}",
            metric.id
        );
    }
    // Deliberate slips: about one regional figure in a thousand.
    assert!(!analysis.problems.is_empty());
    assert!(
        analysis.problems.len() < ws.observations.len() / 200,
        "{} problems, first: {}",
        analysis.problems.len(),
        analysis.problems[0]
    );
}
