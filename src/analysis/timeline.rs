//! The timeline of a workspace: each instrument as a row of lifecycle
//! phases (from its status history and key dates), its milestones as marks,
//! and the events as ticks on a row of their own. A pure function of the
//! workspace, the filter and the date taken as today, drawn by the Timeline
//! tab and by `export::timeline` alike.
//!
//! Nothing is invented: a phase whose start is not known stays undated
//! (`start: None`), and a phase followed by an undated one has an unknown
//! end.

use chrono::NaiveDate;

use super::YearMonth;
use crate::model::{
    CooperationArea, EventId, EventKind, Instrument, InstrumentId, InstrumentKind, Marking,
    PartyId, Status, Workspace,
};

/// Which instruments and events a timeline shows, and over which months.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TimelineFilter {
    /// Instruments with this party, events with it among the participants.
    pub party: Option<PartyId>,
    pub kind: Option<InstrumentKind>,
    pub area: Option<CooperationArea>,
    /// First month drawn (default: the earliest date shown).
    pub from: Option<YearMonth>,
    /// Last month drawn (default: the latest date shown, or today).
    pub to: Option<YearMonth>,
}

impl TimelineFilter {
    fn shows(&self, instrument: &Instrument) -> bool {
        self.party
            .as_ref()
            .is_none_or(|p| instrument.parties.contains(p))
            && self.kind.is_none_or(|k| instrument.kind == k)
            && self
                .area
                .as_ref()
                .is_none_or(|a| instrument.areas.contains(a))
    }
}

/// How a phase ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseEnd {
    /// When the next phase began, or the instrument expires.
    At(NaiveDate),
    /// The current phase: it runs to today.
    Ongoing,
    /// The next phase has no date, so this one's end is not known.
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phase {
    pub status: Status,
    /// `None`: the source does not say when it began.
    pub start: Option<NaiveDate>,
    pub end: PhaseEnd,
}

impl Phase {
    /// The last day drawn for a phase with a start, given today.
    pub fn end_date(&self, today: NaiveDate) -> Option<NaiveDate> {
        let start = self.start?;
        Some(match self.end {
            PhaseEnd::At(end) => end.max(start),
            PhaseEnd::Ongoing => today.max(start),
            PhaseEnd::Unknown => start,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MilestoneMark {
    pub title: String,
    /// Due date, or for a done milestone without one the day it was done.
    pub date: Option<NaiveDate>,
    pub done: bool,
    pub overdue: bool,
}

/// One instrument's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineRow {
    pub instrument: InstrumentId,
    pub label: String,
    pub kind: InstrumentKind,
    pub status: Status,
    pub phases: Vec<Phase>,
    pub milestones: Vec<MilestoneMark>,
}

impl TimelineRow {
    /// The earliest date on the row: what rows are ordered by.
    pub fn first_date(&self) -> Option<NaiveDate> {
        let phases = self.phases.iter().filter_map(|p| p.start);
        let marks = self.milestones.iter().filter_map(|m| m.date);
        phases.chain(marks).min()
    }

    /// Whether anything on the row has no date.
    pub fn has_undated(&self) -> bool {
        self.phases.iter().any(|p| p.start.is_none())
            || self.milestones.iter().any(|m| m.date.is_none())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventMark {
    pub id: EventId,
    pub title: String,
    pub kind: EventKind,
    pub date: NaiveDate,
    /// The event has no date of its own: it is placed when it was reported.
    pub reported_only: bool,
}

/// Everything a timeline draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    /// The workspace's title.
    pub title: String,
    pub today: NaiveDate,
    /// The first and last day of the axis (whole months).
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Ordered by first date (undated rows last), then title.
    pub rows: Vec<TimelineRow>,
    /// Dated events, oldest first.
    pub events: Vec<EventMark>,
    /// Events with no date and no reporting date: not drawn, counted.
    pub undated_events: usize,
    /// The workspace's marking combined with every record shown and the
    /// sources they cite.
    pub marking: Marking,
    /// "Released at …: N records withheld", when made for a release level.
    pub release_note: Option<String>,
}

impl Timeline {
    pub fn build(ws: &Workspace, filter: &TimelineFilter, today: NaiveDate) -> Self {
        let mut marking = ws.marking.clone();
        let mut cite = |own: &Option<Marking>, sources: &[crate::model::Citation]| {
            if let Some(own) = own {
                marking = marking.combine(own);
            }
            for citation in sources {
                if let Some(own) = ws
                    .sources
                    .get(citation.source.as_str())
                    .and_then(|s| s.marking.as_ref())
                {
                    marking = marking.combine(own);
                }
            }
        };
        let mut rows = Vec::new();
        for instrument in ws.instruments.iter().filter(|i| filter.shows(i)) {
            cite(&instrument.marking, &instrument.sources);
            rows.push(row(instrument, today));
        }
        rows.sort_by(|a, b| {
            let key = |r: &TimelineRow| (r.first_date().is_none(), r.first_date());
            key(a).cmp(&key(b)).then_with(|| a.label.cmp(&b.label))
        });

        // With a kind or area chosen, only events about the instruments shown.
        let narrowed = filter.kind.is_some() || filter.area.is_some();
        let shown: std::collections::HashSet<&str> =
            rows.iter().map(|r| r.instrument.as_str()).collect();
        let mut events = Vec::new();
        let mut undated_events = 0;
        for event in ws.events.iter() {
            let party_ok = filter
                .party
                .as_ref()
                .is_none_or(|p| event.participants.contains(p));
            let linked_ok =
                !narrowed || event.instruments.iter().any(|i| shown.contains(i.as_str()));
            if !(party_ok && linked_ok) {
                continue;
            }
            cite(&event.marking, &event.sources);
            match event.sort_date() {
                Some(date) => events.push(EventMark {
                    id: event.id.clone(),
                    title: event.title.clone(),
                    kind: event.kind,
                    date,
                    reported_only: event.date.is_none(),
                }),
                None => undated_events += 1,
            }
        }
        events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));

        let (start, end) = axis(&rows, &events, filter, today);
        Self {
            title: ws.title.clone(),
            today,
            start,
            end,
            rows,
            events,
            undated_events,
            marking,
            release_note: None,
        }
    }

    /// "Jan 2024 to Dec 2025" (no arrow: the embedded font may lack it).
    pub fn period(&self) -> String {
        format!(
            "{} to {}",
            self.start.format("%b %Y"),
            self.end.format("%b %Y")
        )
    }
}

/// The day after `date` (the same at the end of the calendar): where a
/// day's bar ends and the today line is drawn.
pub fn next_day(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(date)
}

/// The axis: the months asked for, else every date shown and today, in
/// whole months.
fn axis(
    rows: &[TimelineRow],
    events: &[EventMark],
    filter: &TimelineFilter,
    today: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    let mut dates = vec![today];
    for row in rows {
        for phase in &row.phases {
            dates.extend(phase.start);
            dates.extend(phase.end_date(today));
        }
        dates.extend(row.milestones.iter().filter_map(|m| m.date));
    }
    dates.extend(events.iter().map(|e| e.date));
    let first = dates.iter().min().copied().unwrap_or(today);
    let last = dates.iter().max().copied().unwrap_or(today);
    let from = filter.from.unwrap_or(YearMonth::of(first));
    let to = filter.to.unwrap_or(YearMonth::of(last)).max(from);
    (from.first_day(), to.last_day())
}

/// One instrument's phases and milestones.
pub fn row(instrument: &Instrument, today: NaiveDate) -> TimelineRow {
    TimelineRow {
        instrument: instrument.id.clone(),
        label: instrument.title.clone(),
        kind: instrument.kind,
        status: instrument.status,
        phases: phases(instrument, today),
        milestones: instrument
            .milestones
            .iter()
            .map(|m| MilestoneMark {
                title: m.title.clone(),
                date: m.due.or(if m.done { m.done_on } else { None }),
                done: m.done,
                overdue: m.is_overdue(today),
            })
            .collect(),
    }
}

/// The lifecycle from the status history, with the key dates filling what
/// it lacks: signed begins "concluded", in force begins "in force", an
/// expiry ends "in force" (and begins "expired" once passed). The current
/// status ends the list; a status no date is known for stays undated.
pub fn phases(instrument: &Instrument, today: NaiveDate) -> Vec<Phase> {
    let mut steps: Vec<(Status, Option<NaiveDate>)> = instrument
        .status_history
        .iter()
        .map(|c| (c.status, c.on))
        .collect();
    let dates = &instrument.dates;
    let expired = dates.expires.filter(|d| *d <= today);
    let keyed = [
        (Status::Concluded, dates.signed),
        (Status::InForce, dates.in_force),
        (Status::Expired, expired),
    ];
    let from_history = !steps.is_empty();
    for (status, date) in keyed {
        let Some(date) = date else { continue };
        if let Some(step) = steps.iter_mut().find(|(s, _)| *s == status) {
            step.1 = step.1.or(Some(date));
            continue;
        }
        // Before the first later dated step; lifecycle order among key dates.
        let at = steps
            .iter()
            .position(|(_, d)| d.is_some_and(|d| d > date))
            .unwrap_or(steps.len());
        steps.insert(at, (status, Some(date)));
    }
    let current = instrument.status;
    if steps.last().is_none_or(|(s, _)| *s != current) && !steps.iter().any(|(s, _)| *s == current)
    {
        // The current status is not in the history: when it began is unknown,
        // unless no history was kept, in which case it goes in lifecycle order.
        if from_history {
            steps.push((current, None));
        } else {
            let at = steps
                .iter()
                .position(|(s, _)| *s > current)
                .unwrap_or(steps.len());
            steps.insert(at, (current, None));
        }
    }
    let mut phases = Vec::with_capacity(steps.len());
    for (i, (status, start)) in steps.iter().enumerate() {
        let end = match steps.get(i + 1) {
            Some((_, Some(next))) => PhaseEnd::At(*next),
            Some((_, None)) => PhaseEnd::Unknown,
            None => match (status, dates.expires) {
                (Status::InForce, Some(expires)) => PhaseEnd::At(expires),
                _ => PhaseEnd::Ongoing,
            },
        };
        phases.push(Phase {
            status: *status,
            start: *start,
            end,
        });
    }
    phases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{KeyDates, Milestone, StatusChange};

    fn day(text: &str) -> NaiveDate {
        crate::model::parse_date(text).unwrap()
    }

    fn instrument(status: Status) -> Instrument {
        Instrument {
            id: InstrumentId::new("i"),
            title: "Test MoU".to_owned(),
            kind: InstrumentKind::Mou,
            status,
            ..Instrument::default()
        }
    }

    #[test]
    fn phases_follow_the_history_and_key_dates() {
        let mut mou = instrument(Status::InForce);
        mou.status_history = vec![
            StatusChange {
                status: Status::Proposed,
                on: Some(day("2023-01-10")),
            },
            StatusChange {
                status: Status::UnderNegotiation,
                on: Some(day("2023-03-01")),
            },
        ];
        mou.dates = KeyDates {
            signed: Some(day("2023-06-15")),
            in_force: Some(day("2023-09-01")),
            expires: Some(day("2026-09-01")),
            note: String::new(),
        };
        let phases = phases(&mou, day("2024-05-01"));
        let got: Vec<_> = phases.iter().map(|p| (p.status, p.start, p.end)).collect();
        assert_eq!(
            got,
            vec![
                (
                    Status::Proposed,
                    Some(day("2023-01-10")),
                    PhaseEnd::At(day("2023-03-01"))
                ),
                (
                    Status::UnderNegotiation,
                    Some(day("2023-03-01")),
                    PhaseEnd::At(day("2023-06-15"))
                ),
                (
                    Status::Concluded,
                    Some(day("2023-06-15")),
                    PhaseEnd::At(day("2023-09-01"))
                ),
                (
                    Status::InForce,
                    Some(day("2023-09-01")),
                    PhaseEnd::At(day("2026-09-01"))
                ),
            ]
        );
    }

    #[test]
    fn a_passed_expiry_begins_the_expired_phase() {
        let mut mou = instrument(Status::Expired);
        mou.dates.in_force = Some(day("2020-01-01"));
        mou.dates.expires = Some(day("2022-01-01"));
        let phases = phases(&mou, day("2024-05-01"));
        assert_eq!(phases.len(), 2);
        assert_eq!(phases[0].end, PhaseEnd::At(day("2022-01-01")));
        assert_eq!(phases[1].status, Status::Expired);
        assert_eq!(phases[1].start, Some(day("2022-01-01")));
        assert_eq!(phases[1].end, PhaseEnd::Ongoing);
    }

    #[test]
    fn an_undated_phase_stays_undated() {
        // Concluded with no date at all (as most of the sample is).
        let mou = instrument(Status::Concluded);
        let got = phases(&mou, day("2024-05-01"));
        assert_eq!(
            got,
            vec![Phase {
                status: Status::Concluded,
                start: None,
                end: PhaseEnd::Ongoing
            }]
        );
        // Negotiations dated, the signature not: the negotiation's end is
        // unknown and the concluded phase has no start.
        let mut mou = instrument(Status::Concluded);
        mou.status_history = vec![StatusChange {
            status: Status::UnderNegotiation,
            on: Some(day("2024-01-05")),
        }];
        let got = phases(&mou, day("2024-05-01"));
        assert_eq!(got[0].end, PhaseEnd::Unknown);
        assert_eq!(got[0].end_date(day("2024-05-01")), Some(day("2024-01-05")));
        assert_eq!(got[1].start, None);
        assert_eq!(got[1].end_date(day("2024-05-01")), None);
    }

    #[test]
    fn overdue_milestones_are_flagged_and_undated_ones_kept() {
        let mut mou = instrument(Status::UnderNegotiation);
        mou.milestones = vec![
            Milestone {
                title: "Late".to_owned(),
                due: Some(day("2024-03-01")),
                ..Milestone::default()
            },
            Milestone {
                title: "Later".to_owned(),
                due: Some(day("2024-09-01")),
                ..Milestone::default()
            },
            Milestone {
                title: "Done late".to_owned(),
                due: Some(day("2024-02-01")),
                done: true,
                ..Milestone::default()
            },
            Milestone {
                title: "Some day".to_owned(),
                ..Milestone::default()
            },
        ];
        let row = row(&mou, day("2024-05-01"));
        let overdue: Vec<_> = row.milestones.iter().map(|m| m.overdue).collect();
        assert_eq!(overdue, [true, false, false, false]);
        assert_eq!(row.milestones[3].date, None);
        assert!(row.has_undated());
    }

    #[test]
    fn the_sample_builds_and_filters_by_party_kind_and_area() {
        let ws = crate::store::sample().unwrap();
        let today = day("2024-05-01");
        let all = Timeline::build(&ws, &TimelineFilter::default(), today);
        assert_eq!(all.rows.len(), ws.instruments.len());
        assert!(all.start <= day("2024-04-21") && all.end >= today);
        assert!(!all.events.is_empty());
        let germany = TimelineFilter {
            party: Some(PartyId::new("deu")),
            ..TimelineFilter::default()
        };
        let rows = Timeline::build(&ws, &germany, today).rows;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].instrument.as_str(), "eurofighter-restriction");
        let health = TimelineFilter {
            area: Some(CooperationArea::MilitaryHealth),
            kind: Some(InstrumentKind::Protocol),
            ..TimelineFilter::default()
        };
        let narrowed = Timeline::build(&ws, &health, today);
        assert_eq!(narrowed.rows.len(), 1);
        // Only events about the protocol.
        assert!(narrowed.events.len() < all.events.len());
        let months = TimelineFilter {
            from: YearMonth::new(2024, 1),
            to: YearMonth::new(2024, 12),
            ..TimelineFilter::default()
        };
        let year = Timeline::build(&ws, &months, today);
        assert_eq!(
            (year.start, year.end),
            (day("2024-01-01"), day("2024-12-31"))
        );
        assert_eq!(year.period(), "Jan 2024 to Dec 2024");
    }
}
