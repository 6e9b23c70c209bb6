//! Every change is an `Edit`; undo and redo walk them back and forth exactly.

use chrono::NaiveDate;
use proptest::prelude::*;

use coopdesk::document::{Document, Origin};
use coopdesk::model::{
    Citation, Classification, Edit, Event, EventId, Instrument, InstrumentId, Marking, Metric,
    MetricId, Observation, ObservationId, Party, PartyId, Record, RecordId, Source, SourceId,
    Workspace, delete_with_references,
};

/// One step of a random editing session, read against the current
/// workspace so that it is always a valid edit.
#[derive(Clone, Debug)]
enum Op {
    AddParty(String),
    RenameParty(usize, String),
    AddInstrument(String, Vec<usize>),
    AddObservation(usize, u64, u32),
    AddEvent(String, usize),
    Delete(u8, usize),
    SetTitle(String),
    SetMarking(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        "[A-Za-zçğıöşüİ][A-Za-zçğıöşüİ ]{0,11}".prop_map(Op::AddParty),
        (any::<usize>(), "[a-z]{1,8}").prop_map(|(i, n)| Op::RenameParty(i, n)),
        (
            "[a-z][a-z ]{0,19}",
            prop::collection::vec(any::<usize>(), 0..3)
        )
            .prop_map(|(t, p)| Op::AddInstrument(t, p)),
        (any::<usize>(), 0u64..100_000, 0u32..400)
            .prop_map(|(m, v, d)| Op::AddObservation(m, v, d)),
        ("[a-z][a-z ]{0,19}", any::<usize>()).prop_map(|(t, i)| Op::AddEvent(t, i)),
        (0u8..6, any::<usize>()).prop_map(|(k, i)| Op::Delete(k, i)),
        "[a-z]{1,10}".prop_map(Op::SetTitle),
        (0u8..5).prop_map(Op::SetMarking),
    ]
}

fn day(offset: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(u64::from(offset))
}

fn pick<T>(items: &[T], index: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[index % items.len()])
}

fn fresh(prefix: &str, taken: impl Fn(&str) -> bool) -> String {
    (0..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !taken(id))
        .unwrap()
}

/// The edit an op stands for in `ws`, if it has one there.
fn edit_for(op: &Op, ws: &Workspace) -> Option<Edit> {
    Some(match op {
        Op::AddParty(name) => Edit::put(Record::Party(Party {
            id: PartyId::new(fresh("p", |id| ws.parties.contains(id))),
            name: name.clone(),
            ..Party::default()
        })),
        Op::RenameParty(index, name) => {
            let mut party = pick(ws.parties.as_slice(), *index)?.clone();
            party.name = name.clone();
            Edit::put(Record::Party(party))
        }
        Op::AddInstrument(title, parties) => {
            let mut chosen: Vec<PartyId> = parties
                .iter()
                .filter_map(|i| pick(ws.parties.as_slice(), *i).map(|p| p.id.clone()))
                .collect();
            chosen.dedup();
            Edit::put(Record::Instrument(Instrument {
                id: InstrumentId::new(fresh("i", |id| ws.instruments.contains(id))),
                title: title.clone(),
                parties: chosen,
                sources: ws
                    .sources
                    .iter()
                    .take(1)
                    .map(|s| Citation {
                        source: s.id.clone(),
                        quote: "q".into(),
                    })
                    .collect(),
                ..Instrument::default()
            }))
        }
        Op::AddObservation(metric, value, offset) => {
            let metric = pick(ws.metrics.as_slice(), *metric)?;
            Edit::put(Record::Observation(Observation {
                id: ObservationId::new(fresh("o", |id| ws.observations.contains(id))),
                metric: metric.id.clone(),
                start: day(*offset),
                end: day(offset + 6),
                value: *value,
                ..Observation::default()
            }))
        }
        Op::AddEvent(title, instrument) => Edit::put(Record::Event(Event {
            id: EventId::new(fresh("e", |id| ws.events.contains(id))),
            title: title.clone(),
            instruments: pick(ws.instruments.as_slice(), *instrument)
                .map(|i| i.id.clone())
                .into_iter()
                .collect(),
            ..Event::default()
        })),
        Op::Delete(kind, index) => {
            let target = match kind {
                0 => RecordId::Party(pick(ws.parties.as_slice(), *index)?.id.clone()),
                1 => RecordId::Source(pick(ws.sources.as_slice(), *index)?.id.clone()),
                2 => RecordId::Metric(pick(ws.metrics.as_slice(), *index)?.id.clone()),
                3 => RecordId::Instrument(pick(ws.instruments.as_slice(), *index)?.id.clone()),
                4 => RecordId::Event(pick(ws.events.as_slice(), *index)?.id.clone()),
                _ => RecordId::Observation(pick(ws.observations.as_slice(), *index)?.id.clone()),
            };
            delete_with_references(ws, &target)?
        }
        Op::SetTitle(title) => Edit::SetTitle(title.clone()),
        Op::SetMarking(level) => {
            Edit::SetMarking(Marking::new(Classification::ALL[usize::from(*level)]))
        }
    })
}

fn starting_workspace(parties: usize, metrics: usize) -> Workspace {
    let mut ws = Workspace {
        title: "start".into(),
        ..Workspace::default()
    };
    for i in 0..parties {
        ws.parties.put(Party {
            id: PartyId::new(format!("p{i}")),
            name: format!("Party {i}"),
            ..Party::default()
        });
    }
    for i in 0..metrics {
        ws.metrics.put(Metric {
            id: MetricId::new(format!("m{i}")),
            name: format!("Metric {i}"),
            ..Metric::default()
        });
    }
    ws.sources.put(Source {
        id: SourceId::new("s0"),
        title: "Source".into(),
        ..Source::default()
    });
    ws
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn undoing_everything_restores_the_original_and_redoing_restores_the_edits(
        parties in 0usize..4,
        metrics in 0usize..3,
        ops in prop::collection::vec(op(), 0..40),
    ) {
        let original = starting_workspace(parties, metrics);
        let mut doc = Document::new(original.clone(), Origin::New);
        let mut applied = 0;
        for op in &ops {
            if let Some(edit) = edit_for(op, doc.workspace()) {
                doc.apply(edit).expect("generated edits are valid");
                applied += 1;
                prop_assert_eq!(doc.workspace().validate(), vec![], "no edit leaves invalid data");
            }
        }
        let edited = doc.workspace().clone();
        for _ in 0..applied {
            prop_assert!(doc.undo());
        }
        prop_assert!(!doc.undo());
        prop_assert_eq!(doc.workspace(), &original);
        prop_assert!(!doc.is_dirty());
        for _ in 0..applied {
            prop_assert!(doc.redo());
        }
        prop_assert_eq!(doc.workspace(), &edited);
    }
}
