//! Instruments: every kind in every status it can have, with key dates,
//! history and milestones that fit the status.

use chrono::{Datelike, Days, NaiveDate};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::calendar::{Calendar, briefing_on_or_after};
use super::parties::{self, PartySpec, TURKIYE};
use super::sources::{Publisher, source_id};
use super::{date_between, one_of, record_marking, slug};
use crate::model::{
    Citation, CooperationArea, Instrument, InstrumentId, InstrumentKind, KeyDates, Milestone,
    Status, StatusChange,
};

const OFFER_STATUSES: [Status; 3] = [Status::Offered, Status::Accepted, Status::Declined];

const TREATY_STATUSES: [Status; 7] = [
    Status::Proposed,
    Status::UnderNegotiation,
    Status::Concluded,
    Status::InForce,
    Status::Suspended,
    Status::Expired,
    Status::Terminated,
];

/// The statuses an instrument of `kind` can have.
fn statuses(kind: InstrumentKind) -> &'static [Status] {
    match kind {
        InstrumentKind::SupportOffer => &OFFER_STATUSES,
        _ => &TREATY_STATUSES,
    }
}

/// Every (kind, status) pair that can occur. The first instruments take
/// them in turn, so that a workspace of this many shows every one.
pub fn combinations() -> Vec<(InstrumentKind, Status)> {
    InstrumentKind::ALL
        .iter()
        .flat_map(|&kind| statuses(kind).iter().map(move |&status| (kind, status)))
        .collect()
}

/// How common each kind and status is after that: MoUs and agreements in
/// force dominate a real desk, terminated ones are rare.
const KIND_MIX: [InstrumentKind; 16] = {
    use InstrumentKind::*;
    [
        Agreement,
        Agreement,
        Agreement,
        Mou,
        Mou,
        Mou,
        Mou,
        Protocol,
        Protocol,
        Protocol,
        JointBody,
        SupportOffer,
        SupportOffer,
        Designation,
        Restriction,
        Other,
    ]
};

const TREATY_MIX: [Status; 20] = {
    use Status::*;
    [
        Proposed,
        Proposed,
        UnderNegotiation,
        UnderNegotiation,
        UnderNegotiation,
        UnderNegotiation,
        Concluded,
        Concluded,
        Concluded,
        Concluded,
        InForce,
        InForce,
        InForce,
        InForce,
        InForce,
        InForce,
        InForce,
        Suspended,
        Expired,
        Terminated,
    ]
};

const OFFER_MIX: [Status; 6] = {
    use Status::*;
    [Offered, Offered, Accepted, Accepted, Accepted, Declined]
};

const MILESTONES: [&str; 8] = [
    "Technical working group meets",
    "Joint committee reviews implementation",
    "Exchange of diplomatic notes",
    "Ratification by parliament",
    "Annual review",
    "Expert visit",
    "Final text agreed",
    "Training programme begins",
];

pub fn instruments(calendar: Calendar, count: usize, rng: &mut ChaCha8Rng) -> Vec<Instrument> {
    let combinations = combinations();
    (0..count)
        .map(|index| {
            let (kind, status) = combinations.get(index).copied().unwrap_or_else(|| {
                let kind = *one_of(rng, &KIND_MIX);
                let mix: &[Status] = match kind {
                    InstrumentKind::SupportOffer => &OFFER_MIX,
                    _ => &TREATY_MIX,
                };
                (kind, *one_of(rng, mix))
            });
            instrument(index, kind, status, calendar, rng)
        })
        .collect()
}

fn instrument(
    index: usize,
    kind: InstrumentKind,
    status: Status,
    calendar: Calendar,
    rng: &mut ChaCha8Rng,
) -> Instrument {
    let partner = parties::partner(rng);
    let group = parties::armed_group(rng);
    let members: [&PartySpec; 2] = match kind {
        InstrumentKind::Designation => [partner, group],
        _ => [&TURKIYE, partner],
    };
    let mut party_ids: Vec<_> = members.iter().map(|p| p.id()).collect();
    party_ids.sort();
    let areas = areas(kind, rng);
    let status_history = history(status, calendar, rng);
    let first = status_history
        .first()
        .and_then(|c| c.on)
        .unwrap_or(calendar.start());
    let last = status_history.last().and_then(|c| c.on).unwrap_or(first);
    let area = areas.first().map_or("security", CooperationArea::label);
    let title = format!("{} ({})", title(kind, area, partner, group), first.year());
    Instrument {
        id: InstrumentId(format!(
            "{}-{}-{}-{:05}",
            slug(kind.label()),
            slug(area),
            partner.id,
            index + 1
        )),
        summary: format!(
            "Synthetic record for benchmarks: {} between {} on {}; {}.",
            kind.label(),
            members.map(|p| p.name).join(" and "),
            areas
                .iter()
                .map(|a| a.label().to_lowercase())
                .collect::<Vec<_>>()
                .join(", "),
            status.label().to_lowercase()
        ),
        sources: vec![Citation {
            source: source_id(Publisher::Defence, briefing_on_or_after(last)),
            quote: format!("{title}: {}.", status.label().to_lowercase()),
        }],
        title,
        kind,
        status,
        parties: party_ids,
        areas,
        dates: key_dates(status, &status_history, rng),
        milestones: milestones(status, (first, last), calendar, rng),
        status_history,
        marking: record_marking(rng),
    }
}

fn title(kind: InstrumentKind, area: &str, partner: &PartySpec, group: &PartySpec) -> String {
    let area = area.to_lowercase();
    let partner = partner.name;
    match kind {
        InstrumentKind::Agreement => format!("Agreement on {area} cooperation with {partner}"),
        InstrumentKind::Mou => format!("Memorandum of understanding on {area} with {partner}"),
        InstrumentKind::Protocol => format!("Protocol on {area} cooperation with {partner}"),
        InstrumentKind::JointBody => format!("Joint {area} committee with {partner}"),
        InstrumentKind::SupportOffer => format!("Offer of support on {area} to {partner}"),
        InstrumentKind::Designation => format!(
            "{partner}'s designation of the {} as a terrorist organisation",
            group.name
        ),
        InstrumentKind::Restriction => format!("{partner} restriction affecting Türkiye on {area}"),
        InstrumentKind::Other => format!("Exchange of letters on {area} with {partner}"),
    }
}

/// One to three areas; designations and restrictions have the one they are about.
fn areas(kind: InstrumentKind, rng: &mut ChaCha8Rng) -> Vec<CooperationArea> {
    match kind {
        InstrumentKind::Designation => vec![CooperationArea::CounterTerrorism],
        InstrumentKind::Restriction => vec![CooperationArea::DefenceIndustry],
        _ => {
            // Neighbours in the table, so never the same area twice.
            let named = &CooperationArea::NAMED;
            let first = rng.random_range(0..named.len());
            let count = rng.random_range(1..=3);
            (first..first + count)
                .map(|i| named[i % named.len()].clone())
                .collect()
        }
    }
}

/// The statuses an instrument went through to reach `status`, oldest first.
fn path_to(status: Status) -> Vec<Status> {
    const TREATY_PATH: [Status; 4] = [
        Status::Proposed,
        Status::UnderNegotiation,
        Status::Concluded,
        Status::InForce,
    ];
    match status {
        Status::Offered => vec![Status::Offered],
        Status::Accepted | Status::Declined => vec![Status::Offered, status],
        Status::Suspended | Status::Expired | Status::Terminated => {
            TREATY_PATH.into_iter().chain([status]).collect()
        }
        _ => TREATY_PATH
            .into_iter()
            .take_while(|&s| s != status)
            .chain([status])
            .collect(),
    }
}

/// Days between reaching the status before and reaching `status`.
fn days_to_reach(status: Status, rng: &mut ChaCha8Rng) -> u64 {
    match status {
        Status::UnderNegotiation => rng.random_range(20..=120),
        Status::Concluded => rng.random_range(60..=400),
        Status::InForce => rng.random_range(0..=180),
        Status::Accepted | Status::Declined => rng.random_range(14..=120),
        _ => rng.random_range(180..=1_500),
    }
}

/// The status history, placed at random where it fits before the
/// calendar's last briefing (cut short there when it is longer than the
/// calendar).
fn history(status: Status, calendar: Calendar, rng: &mut ChaCha8Rng) -> Vec<StatusChange> {
    let path = path_to(status);
    let gaps: Vec<u64> = path
        .iter()
        .skip(1)
        .map(|&status| days_to_reach(status, rng))
        .collect();
    let latest = calendar.as_of();
    let latest_start = latest
        .checked_sub_days(Days::new(gaps.iter().sum()))
        .filter(|d| *d > calendar.start())
        .unwrap_or(calendar.start());
    let mut day = date_between(rng, calendar.start(), latest_start);
    let days_after = std::iter::once(0).chain(gaps);
    path.into_iter()
        .zip(days_after)
        .map(|(status, gap)| {
            day = (day + Days::new(gap)).min(latest);
            StatusChange {
                status,
                on: Some(day),
            }
        })
        .collect()
}

fn key_dates(status: Status, history: &[StatusChange], rng: &mut ChaCha8Rng) -> KeyDates {
    let reached = |wanted: Status| {
        history
            .iter()
            .find(|c| c.status == wanted)
            .and_then(|c| c.on)
    };
    let in_force = reached(Status::InForce);
    let expires = match status {
        Status::Expired => reached(Status::Expired),
        Status::InForce | Status::Suspended if rng.random_bool(0.5) => {
            in_force.map(|d| d + Days::new(365 * rng.random_range(3..=10)))
        }
        _ => None,
    };
    let on = reached(status).map_or_else(String::new, |d| d.to_string());
    let note = match status {
        Status::Proposed | Status::UnderNegotiation => "Not signed yet.".to_owned(),
        Status::Offered => "No reply yet.".to_owned(),
        Status::Accepted => format!("Accepted on {on}; an offer needs no signature."),
        Status::Declined => format!("Declined on {on}."),
        Status::Suspended => format!("Suspended on {on}."),
        Status::Terminated => format!("Terminated on {on}."),
        Status::Concluded | Status::InForce | Status::Expired => String::new(),
    };
    KeyDates {
        signed: reached(Status::Concluded),
        in_force,
        expires,
        note,
    }
}

/// Up to three milestones: done ones within the history `(first, last)`,
/// and, while the instrument is active, some still to come.
fn milestones(
    status: Status,
    (first, last): (NaiveDate, NaiveDate),
    calendar: Calendar,
    rng: &mut ChaCha8Rng,
) -> Vec<Milestone> {
    let count = rng.random_range(0..=3);
    (0..count)
        .map(|_| {
            let title = (*one_of(rng, &MILESTONES)).to_owned();
            if status.is_active() && rng.random_bool(0.5) {
                let due = rng
                    .random_ratio(4, 5)
                    .then(|| calendar.as_of() + Days::new(rng.random_range(14..=365)));
                Milestone {
                    title,
                    due,
                    note: if due.is_none() {
                        "No date set.".to_owned()
                    } else {
                        String::new()
                    },
                    ..Milestone::default()
                }
            } else {
                let due = date_between(rng, first, last);
                let done_on = rng
                    .random_ratio(4, 5)
                    .then(|| date_between(rng, due, (due + Days::new(60)).min(last)));
                Milestone {
                    title,
                    due: Some(due),
                    done: true,
                    note: if done_on.is_none() {
                        "Reported done; the date is not known.".to_owned()
                    } else {
                        String::new()
                    },
                    done_on,
                }
            }
        })
        .collect()
}
