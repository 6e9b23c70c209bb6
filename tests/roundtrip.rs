//! Any workspace survives save and load exactly, and no bytes — random,
//! truncated or bit-flipped — make loading panic.

use chrono::NaiveDate;
use proptest::prelude::*;

use coopdesk::model::{
    Citation, Classification, CooperationArea, Event, EventId, EventKind, Instrument, InstrumentId,
    InstrumentKind, KeyDates, Marking, Metric, MetricId, Milestone, Observation, ObservationId,
    Party, PartyId, PartyKind, Qualifier, Source, SourceId, Status, StatusChange, Workspace,
};
use coopdesk::store;

/// Text with the characters that stress a file format: quotes, hashes,
/// backslashes, new lines, Turkish letters, emoji.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        "[\"#\\\\\n\r\t 'rüğşıİ€😀(){}\\[\\],:]{0,16}",
        any::<String>().prop_map(|s| s.chars().take(20).collect()),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (-3000i32..4000, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn marking() -> impl Strategy<Value = Option<Marking>> {
    proptest::option::of((0usize..5, prop::collection::vec(text(), 0..2)).prop_map(
        |(level, caveats)| Marking {
            classification: Classification::ALL[level],
            caveats,
        },
    ))
}

fn citations() -> impl Strategy<Value = Vec<Citation>> {
    prop::collection::vec(
        (text(), text()).prop_map(|(s, q)| Citation {
            source: SourceId::new(s),
            quote: q,
        }),
        0..2,
    )
}

fn instrument() -> impl Strategy<Value = Instrument> {
    (
        text(),
        text(),
        (0usize..8, 0usize..10),
        prop::collection::vec(text().prop_map(PartyId::new), 0..3),
        prop::collection::vec(
            prop_oneof![
                Just(CooperationArea::Security),
                text().prop_map(CooperationArea::Other)
            ],
            0..3,
        ),
        (
            proptest::option::of(date()),
            proptest::option::of(date()),
            text(),
        ),
        prop::collection::vec((text(), proptest::option::of(date()), any::<bool>()), 0..2),
        (citations(), marking(), proptest::option::of(date())),
    )
        .prop_map(
            |(
                id,
                title,
                (kind, status),
                parties,
                areas,
                (signed, expires, note),
                milestones,
                (sources, marking, changed),
            )| Instrument {
                id: InstrumentId::new(id),
                title,
                kind: InstrumentKind::ALL[kind],
                status: Status::ALL[status],
                parties,
                areas,
                dates: KeyDates {
                    signed,
                    in_force: None,
                    expires,
                    note,
                },
                milestones: milestones
                    .into_iter()
                    .map(|(title, due, done)| Milestone {
                        title,
                        due,
                        done,
                        done_on: None,
                        note: String::new(),
                    })
                    .collect(),
                status_history: vec![StatusChange {
                    status: Status::ALL[status],
                    on: changed,
                }],
                summary: String::new(),
                sources,
                marking,
            },
        )
}

fn observation() -> impl Strategy<Value = Observation> {
    (
        text(),
        text(),
        prop::collection::vec(text(), 0..3),
        date(),
        0u32..4000,
        any::<u64>(),
        0usize..3,
        (
            proptest::option::of(date()),
            citations(),
            text(),
            proptest::option::of(text()),
            marking(),
            proptest::option::of(text()),
        ),
    )
        .prop_map(
            |(
                id,
                metric,
                regions,
                start,
                days,
                value,
                qualifier,
                (reported_on, sources, note, supersedes, marking, reported_at),
            )| Observation {
                id: ObservationId::new(id),
                metric: MetricId::new(metric),
                regions,
                start,
                end: start + chrono::Days::new(u64::from(days)),
                value,
                qualifier: Qualifier::ALL[qualifier],
                reported_on,
                reported_at: reported_at.map(EventId::new),
                sources,
                note,
                supersedes: supersedes.map(ObservationId::new),
                marking,
            },
        )
}

fn workspace() -> impl Strategy<Value = Workspace> {
    (
        text(),
        marking(),
        text(),
        prop::collection::vec(
            (text(), text(), text(), 0usize..4).prop_map(|(id, name, code, kind)| Party {
                id: PartyId::new(id),
                name,
                code,
                kind: PartyKind::ALL[kind],
                note: String::new(),
            }),
            0..3,
        ),
        prop::collection::vec(
            (text(), text(), proptest::option::of(date()), marking()).prop_map(
                |(id, title, published_on, marking)| Source {
                    id: SourceId::new(id),
                    title,
                    publisher: String::new(),
                    published_on,
                    reference: String::new(),
                    excerpt: String::new(),
                    marking,
                },
            ),
            0..3,
        ),
        prop::collection::vec(
            (text(), text(), prop::collection::vec(text(), 0..3)).prop_map(
                |(id, name, phrases)| Metric {
                    id: MetricId::new(id),
                    name,
                    unit: String::new(),
                    description: String::new(),
                    phrases,
                },
            ),
            0..3,
        ),
        prop::collection::vec(instrument(), 0..3),
        prop::collection::vec(
            (
                text(),
                text(),
                0usize..7,
                proptest::option::of(date()),
                citations(),
            )
                .prop_map(|(id, title, kind, date, sources)| Event {
                    id: EventId::new(id),
                    title,
                    kind: EventKind::ALL[kind],
                    date,
                    sources,
                    ..Event::default()
                }),
            0..3,
        ),
        prop::collection::vec(observation(), 0..4),
        // Merge conflicts hold JSON with quotes and whatever was typed.
        prop::collection::vec(
            (
                text(),
                text(),
                proptest::option::of(text()),
                proptest::option::of(text()),
            )
                .prop_map(|(id, field, ours, theirs)| coopdesk::model::Conflict {
                    kind: "observation".to_owned(),
                    id,
                    field,
                    base: Some(format!("{{\"note\":{ours:?}}}")),
                    ours,
                    theirs,
                }),
            0..3,
        ),
    )
        .prop_map(
            |(
                title,
                marking,
                description,
                parties,
                sources,
                metrics,
                instruments,
                events,
                observations,
                conflicts,
            )| Workspace {
                title,
                marking: marking.unwrap_or_default(),
                description,
                parties: parties.into_iter().collect(),
                sources: sources.into_iter().collect(),
                metrics: metrics.into_iter().collect(),
                instruments: instruments.into_iter().collect(),
                events: events.into_iter().collect(),
                observations: observations.into_iter().collect(),
                conflicts,
                history: Vec::new(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_workspace_round_trips_exactly(ws in workspace()) {
        let text = store::to_ron_string(&ws).unwrap();
        let loaded = store::parse(text.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&loaded, &ws);
        prop_assert_eq!(store::to_ron_string(&loaded).unwrap(), text, "saving twice gives the same bytes");
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = store::parse(&bytes);
        let _ = store::plan_import(&Workspace::default(), &bytes, |_, _| true);
    }

    #[test]
    fn truncated_or_bit_flipped_files_never_panic(cut in 0.0f64..1.0, flips in prop::collection::vec((0.0f64..1.0, 0u8..8), 0..4)) {
        let mut bytes = store::SAMPLE_RON.as_bytes().to_vec();
        for (at, bit) in flips {
            let index = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[index] ^= 1 << bit;
        }
        bytes.truncate((bytes.len() as f64 * cut) as usize);
        if let Ok(workspace) = store::parse(&bytes) {
            // Whatever loads can be validated, analysed and saved again.
            let _ = workspace.validate();
            let _ = coopdesk::analysis::Analysis::compute(&workspace);
            prop_assert!(store::to_ron_string(&workspace).is_ok());
        }
    }
}
