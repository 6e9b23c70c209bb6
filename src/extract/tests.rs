//! The rules together, on sentences of the kind briefings are reported in.

use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// `metric regions start..end value qualifier` per proposal.
fn read(text: &str, reported_on: &str) -> Vec<String> {
    let ws = crate::store::sample().unwrap();
    let extraction = extract(text, day(reported_on), &Vocabulary::new(&ws), None);
    extraction
        .proposals
        .iter()
        .map(|p| {
            format!(
                "{} [{}] {}..{} {}{}",
                p.metric,
                p.regions.join(";"),
                p.start,
                p.end,
                p.qualifier.prefix(),
                p.value
            )
        })
        .collect()
}

#[test]
fn a_total_and_its_regional_parts_share_metric_and_period() {
    assert_eq!(
        read(
            "Akturk said Turkish security forces “neutralised” 54 PKK/YPG terrorists in both northern Iraq and northern Syria, adding that a total of 802 terrorists have been neutralised, with 360 in Iraq and 442 in northern Syria, since the beginning of the year.",
            "2024-04-25"
        ),
        [
            "neutralised [northern Iraq;northern Syria] 2024-04-19..2024-04-25 54",
            "neutralised [northern Iraq;northern Syria] 2024-01-01..2024-04-25 802",
            "neutralised [northern Iraq] 2024-01-01..2024-04-25 360",
            "neutralised [northern Syria] 2024-01-01..2024-04-25 442",
        ]
    );
}

#[test]
fn members_among_the_apprehended_and_a_second_clause_keep_the_period() {
    assert_eq!(
        read(
            "Akturk also noted that 284 individuals, including six members of terrorist organisations, were nabbed while attempting to cross the border illegally over the past week, while 2,291 individuals were prevented from crossing the border.",
            "2024-04-25"
        ),
        [
            "apprehended_border [] 2024-04-19..2024-04-25 284",
            "apprehended_border_terrorist_members [] 2024-04-19..2024-04-25 6",
            "prevented_border [] 2024-04-19..2024-04-25 2291",
        ]
    );
}

#[test]
fn a_split_in_the_next_sentence_and_an_apposition_inherit() {
    assert_eq!(
        read(
            "The ministry said 1,427 terrorists have been neutralized since the beginning of the year, 72 of them in the last week. Of these, 681 were neutralized in Iraq and 746 in northern Syria.",
            "2024-07-18"
        ),
        [
            "neutralised [northern Iraq;northern Syria] 2024-01-01..2024-07-18 1427",
            "neutralised [northern Iraq;northern Syria] 2024-07-12..2024-07-18 72",
            "neutralised [northern Iraq] 2024-01-01..2024-07-18 681",
            "neutralised [northern Syria] 2024-01-01..2024-07-18 746",
        ]
    );
}

#[test]
fn turkish_totals_come_after_their_parts() {
    assert_eq!(
        read(
            "Irak'ın kuzeyinde 381, Suriye'nin kuzeyinde 446 olmak üzere 1 Ocak'tan bu yana etkisiz hale getirilen terörist sayısı 827'ye ulaştı. Son bir haftada 6'sı terör örgütü mensubu 312 şahıs yakalandı, 2 bin 103 şahsın da geçişi engellendi.",
            "2024-05-02"
        ),
        [
            "neutralised [northern Iraq] 2024-01-01..2024-05-02 381",
            "neutralised [northern Syria] 2024-01-01..2024-05-02 446",
            "neutralised [northern Iraq;northern Syria] 2024-01-01..2024-05-02 827",
            "apprehended_border_terrorist_members [] 2024-04-26..2024-05-02 6",
            "apprehended_border [] 2024-04-26..2024-05-02 312",
            "prevented_border [] 2024-04-26..2024-05-02 2103",
        ]
    );
}

#[test]
fn notes_say_what_was_inferred_and_unplaced_numbers_are_reported() {
    let ws = crate::store::sample().unwrap();
    let text = "A total of 802 were neutralised, with 360 in Iraq. He met 3 ministers.";
    let extraction = extract(
        text,
        day("2024-04-25"),
        &Vocabulary::new(&ws),
        Some(Lang::En),
    );
    let iraq = &extraction.proposals[1];
    assert_eq!(&text[iraq.span.clone()], "360");
    assert!(
        iraq.notes
            .contains(&"Iraq taken as northern Iraq".to_owned()),
        "{:?}",
        iraq.notes
    );
    assert!(
        extraction.proposals[0]
            .notes
            .iter()
            .any(|n| n.starts_with("no period stated"))
    );
    assert_eq!(extraction.unplaced.len(), 1);
    assert_eq!(extraction.unplaced[0].quote, "He met 3 ministers.");
}

#[test]
fn texts_without_figures_say_why() {
    let ws = crate::store::sample().unwrap();
    let vocabulary = Vocabulary::new(&ws);
    let why = |text: &str| extract(text, day("2024-04-25"), &vocabulary, None).why_none();
    assert_eq!(why("").as_deref(), Some("the text is empty"));
    assert_eq!(
        why("Nothing to count here.").as_deref(),
        Some("the text holds no numbers")
    );
    assert!(
        why("On April 21, 2024, 40 km away.")
            .unwrap()
            .starts_with("its numbers are all dates")
    );
    assert!(
        why("He met 3 ministers.")
            .unwrap()
            .starts_with("none of its 1 numbers")
    );
    assert_eq!(why("12 terrorists were neutralised."), None);
}

#[test]
fn progress_reaches_the_end_and_a_cancelled_reading_stops() {
    let ws = crate::store::sample().unwrap();
    let vocabulary = Vocabulary::new(&ws);
    let text = "12 terrorists were neutralised in the past week. 4 more surrendered.";
    let progress = Progress::default();
    let read = extract_with_progress(text, day("2024-04-25"), &vocabulary, None, &progress);
    assert_eq!(read.proposals.len(), 2);
    assert_eq!(progress.read(), text.len());

    let cancelled = Progress::default();
    cancelled.cancel();
    let read = extract_with_progress(text, day("2024-04-25"), &vocabulary, None, &cancelled);
    assert!(read.proposals.is_empty());
}

#[test]
fn language_is_detected() {
    assert_eq!(
        Lang::detect("Son bir haftada 25 terörist etkisiz hale getirildi."),
        Lang::Tr
    );
    assert_eq!(
        Lang::detect("Over the past week, 25 terrorists were neutralised."),
        Lang::En
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Fragments briefings are made of, to be shuffled with noise.
    const PIECES: &[&str] = &[
        "1,427",
        "2.013",
        "1 017",
        "3 bin 164",
        "bin 8",
        "9 binden fazla",
        "six",
        "a member",
        "iki",
        "neutralised",
        "etkisiz hale getirildi",
        "yakalandı",
        "prevented",
        "surrendered",
        "since January 1, 2024,",
        "son bir haftada",
        "1 Ocak'tan bu yana",
        "in 2024",
        "on April 21",
        "Irak'ın kuzeyinde",
        "northern Iraq and Syria",
        "in both",
        "Of these,",
        "olmak üzere",
        "72 of them",
        "including",
        "members of terrorist organisations",
        ".",
        ",",
        ";",
        "\n\n",
        "’",
        "'",
        "😀",
        "\u{202e}",
        "مرحبا",
        "İ",
        "-",
        "%",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            prop::collection::vec(
                prop_oneof![
                    prop::sample::select(PIECES).prop_map(str::to_owned),
                    any::<String>()
                ],
                0..40
            )
            .prop_map(|parts| parts.join(" ")),
        ]
    }

    proptest! {
        #[test]
        fn any_text_gives_proposals_whose_spans_hold_their_numbers(text in text()) {
            let ws = crate::store::sample().unwrap();
            let extraction = extract(&text, day("2024-05-02"), &Vocabulary::new(&ws), None);
            for p in &extraction.proposals {
                let number = text.get(p.span.clone()).expect("a span on character boundaries");
                prop_assert!(number.chars().any(|c| c.is_alphanumeric()), "{number:?}");
                prop_assert!(p.start <= p.end);
            }
            for u in &extraction.unplaced {
                prop_assert!(text.get(u.sentence.clone()).is_some());
            }
        }
    }
}

#[test]
fn a_dateline_gives_the_reported_on_date_but_a_period_does_not() {
    assert_eq!(
        stated_date("ANKARA, 2 May 2024 — Turkish forces neutralised 25 terrorists."),
        Some(day("2024-05-02"))
    );
    assert_eq!(
        stated_date("On Thursday, May 2, 2024, the ministry said 25 were neutralised."),
        Some(day("2024-05-02"))
    );
    assert_eq!(
        stated_date("827 neutralised since January 1, 2024, the ministry said."),
        None
    );
    assert_eq!(
        stated_date("1 Ocak 2024'ten bu yana 827 terörist etkisiz hale getirildi."),
        None
    );
    assert_eq!(stated_date("25 neutralised on April 21."), None);
}
