//! Events: meetings, visits, briefings, statements, operations and
//! surrenders over the calendar, linked to the instruments of their parties.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::calendar::{Calendar, briefing_on_or_after};
use super::figures::BORDER_PROVINCES;
use super::parties::{self, PartySpec, TURKIYE};
use super::sources::{Publisher, source_id};
use super::{date_between, one_of, record_marking, slug};
use crate::model::{Citation, Event, EventId, EventKind, Instrument, InstrumentId, PartyId};

/// How common each kind is after the first event of each kind.
const KIND_MIX: [EventKind; 20] = {
    use EventKind::*;
    [
        Meeting, Meeting, Meeting, Meeting, Meeting, Meeting, Visit, Visit, Visit, Briefing,
        Briefing, Statement, Statement, Statement, Operation, Operation, Operation, Operation,
        Surrender, Other,
    ]
};

/// Instruments by the id of each of their parties, in instrument order.
type ByParty<'a> = BTreeMap<&'a str, Vec<&'a InstrumentId>>;

/// `count` events, and the days on which they cite a foreign-ministry
/// statement (those statements are made into sources).
pub fn events(
    calendar: Calendar,
    count: usize,
    instruments: &[Instrument],
    rng: &mut ChaCha8Rng,
) -> (Vec<Event>, BTreeSet<NaiveDate>) {
    let mut by_party: ByParty<'_> = BTreeMap::new();
    for instrument in instruments {
        for party in &instrument.parties {
            by_party
                .entry(party.as_str())
                .or_default()
                .push(&instrument.id);
        }
    }
    let all: Vec<&InstrumentId> = instruments.iter().map(|i| &i.id).collect();
    let mut statement_days = BTreeSet::new();
    let events = (0..count)
        .map(|index| {
            let kind = EventKind::ALL
                .get(index)
                .copied()
                .unwrap_or_else(|| *one_of(rng, &KIND_MIX));
            let draft = draft(kind, calendar, rng);
            // A briefing covers any instrument; other events their parties'.
            let linked: &[&InstrumentId] = match kind {
                EventKind::Briefing => &all,
                _ => by_party
                    .get(draft.scene.counterpart.id)
                    .map_or(&[], Vec::as_slice),
            };
            let instruments = some_of(linked, rng);
            if draft.publisher == Publisher::Foreign {
                statement_days.insert(draft.reported_on);
            }
            draft.into_event(index, instruments, rng)
        })
        .collect();
    (events, statement_days)
}

/// Up to three distinct items, neighbours from a random start.
fn some_of(items: &[&InstrumentId], rng: &mut ChaCha8Rng) -> Vec<InstrumentId> {
    if items.is_empty() {
        return Vec::new();
    }
    let first = rng.random_range(0..items.len());
    let count = rng.random_range(0..=3.min(items.len()));
    (first..first + count)
        .map(|i| items[i % items.len()].clone())
        .collect()
}

/// Who and what an event is about.
struct Scene {
    title: String,
    /// Who the event is with (Türkiye for its own briefings).
    counterpart: &'static PartySpec,
    location: String,
    people: Vec<String>,
}

fn scene(kind: EventKind, rng: &mut ChaCha8Rng) -> Scene {
    let partner = parties::partner(rng);
    let group = parties::armed_group(rng);
    let minister = "Minister of National Defence of Türkiye".to_owned();
    let their_minister = format!("Minister of Defence of {}", partner.name);
    let (title, counterpart, location, people) = match kind {
        EventKind::Briefing => (
            "Ministry of National Defence weekly press briefing".to_owned(),
            &TURKIYE,
            TURKIYE.place.to_owned(),
            vec!["Spokesman of the Ministry of National Defence".to_owned()],
        ),
        EventKind::Meeting if rng.random_ratio(1, 5) => {
            let organisation = parties::meeting_organisation(rng);
            (
                format!(
                    "Minister of National Defence at a {} meeting",
                    organisation.name
                ),
                organisation,
                organisation.place.to_owned(),
                vec![minister],
            )
        }
        EventKind::Meeting => (
            format!("Defence ministers of Türkiye and {} meet", partner.name),
            partner,
            partner.place.to_owned(),
            vec![minister, their_minister],
        ),
        EventKind::Visit if rng.random_bool(0.5) => (
            format!("Delegation from {} visits Ankara", partner.name),
            partner,
            TURKIYE.place.to_owned(),
            vec![their_minister],
        ),
        EventKind::Visit => (
            format!("Turkish defence delegation visits {}", partner.name),
            partner,
            partner.place.to_owned(),
            vec![minister],
        ),
        EventKind::Statement => (
            format!("Joint statement of Türkiye and {}", partner.name),
            partner,
            String::new(),
            Vec::new(),
        ),
        EventKind::Operation => (
            format!(
                "Counter-terrorism operation against {} in {}",
                group.name, group.place
            ),
            group,
            group.place.to_owned(),
            Vec::new(),
        ),
        EventKind::Surrender => {
            let province = one_of(rng, &BORDER_PROVINCES);
            (
                format!(
                    "{} members of {} surrender at the {province} border",
                    rng.random_range(2..=6),
                    group.name
                ),
                group,
                format!("{province} border post"),
                Vec::new(),
            )
        }
        EventKind::Other => (
            format!("Joint exercise with {}", partner.name),
            partner,
            partner.place.to_owned(),
            Vec::new(),
        ),
    };
    Scene {
        title,
        counterpart,
        location,
        people,
    }
}

/// What an event's kind decides, before its id and links.
struct Draft {
    kind: EventKind,
    scene: Scene,
    day: NaiveDate,
    participants: Vec<PartyId>,
    publisher: Publisher,
    reported_on: NaiveDate,
}

fn draft(kind: EventKind, calendar: Calendar, rng: &mut ChaCha8Rng) -> Draft {
    let day = date_between(rng, calendar.start(), calendar.as_of());
    let scene = scene(kind, rng);
    // Briefings, operations and surrenders are the defence ministry's to
    // report, at its next briefing; the rest the foreign ministry's, that day.
    let (publisher, reported_on) = match kind {
        EventKind::Briefing | EventKind::Operation | EventKind::Surrender => {
            (Publisher::Defence, briefing_on_or_after(day))
        }
        _ => (Publisher::Foreign, day),
    };
    let day = if kind == EventKind::Briefing {
        reported_on
    } else {
        day
    };
    let mut participants = vec![TURKIYE.id()];
    if scene.counterpart.id != TURKIYE.id {
        participants.push(scene.counterpart.id());
    }
    participants.sort();
    Draft {
        kind,
        scene,
        day,
        participants,
        publisher,
        reported_on,
    }
}

impl Draft {
    fn into_event(
        self,
        index: usize,
        instruments: Vec<InstrumentId>,
        rng: &mut ChaCha8Rng,
    ) -> Event {
        // Now and then the source does not say when it happened.
        let undated = self.kind != EventKind::Briefing && rng.random_ratio(1, 20);
        let summary = if undated {
            format!(
                "Synthetic record for benchmarks: {}. The source gives no date.",
                self.scene.title
            )
        } else {
            format!("Synthetic record for benchmarks: {}.", self.scene.title)
        };
        // An undated event is known by when it was reported.
        let known_day = if undated { self.reported_on } else { self.day };
        Event {
            id: EventId(format!(
                "{}-{}-{}-{:06}",
                known_day,
                slug(self.kind.label()),
                self.scene.counterpart.id,
                index + 1
            )),
            kind: self.kind,
            date: (!undated).then_some(self.day),
            reported_on: Some(self.reported_on),
            location: self.scene.location,
            participants: self.participants,
            people: self.scene.people,
            instruments,
            summary,
            sources: vec![Citation {
                source: source_id(self.publisher, self.reported_on),
                quote: format!("{}.", self.scene.title),
            }],
            title: self.scene.title,
            marking: record_marking(rng),
        }
    }
}
