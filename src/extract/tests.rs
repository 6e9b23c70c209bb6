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
