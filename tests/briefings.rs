//! Accuracy of `extract` on a corpus of briefing reports: the texts in
//! tests/data/briefings/ (written in our own words, keeping how English and
//! Turkish press reports of the weekly briefings phrase figures, periods
//! and regions; `YYYY-MM-DD-lang.txt`, reported on that date) with the CSV
//! an analyst would record beside each, and the seed briefing, rebuilt from
//! the sentences the sample workspace quotes, whose figures are the
//! sample's. A proposal is right when metric, regions, period, value and
//! qualifier all match a recorded figure.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use coopdesk::extract::{Vocabulary, extract};
use coopdesk::model::{Observation, Qualifier, Workspace};

type Figure = (
    String,
    BTreeSet<String>,
    NaiveDate,
    NaiveDate,
    u64,
    Qualifier,
);

fn figure(o: &Observation) -> Figure {
    (
        o.metric.to_string(),
        o.regions.iter().cloned().collect(),
        o.start,
        o.end,
        o.value,
        o.qualifier,
    )
}

struct Case {
    name: String,
    text: String,
    reported_on: NaiveDate,
    expected: Vec<Figure>,
}

/// The seed briefing: every sentence the sample quotes, in the order the
/// file holds them, and the sample's figures.
fn seed(sample: &Workspace) -> Case {
    let mut quotes: Vec<&str> = Vec::new();
    let citations = sample
        .instruments
        .iter()
        .flat_map(|r| &r.sources)
        .chain(sample.events.iter().flat_map(|r| &r.sources))
        .chain(sample.observations.iter().flat_map(|r| &r.sources));
    for citation in citations {
        if !quotes.contains(&citation.quote.as_str()) {
            quotes.push(&citation.quote);
        }
    }
    Case {
        name: "seed (sample.ron)".to_owned(),
        text: quotes.join("\n\n"),
        reported_on: NaiveDate::from_ymd_opt(2024, 4, 25).unwrap(),
        expected: sample.observations.iter().map(figure).collect(),
    }
}

fn corpus() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/briefings");
    let mut texts: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    let empty = Workspace::default();
    texts
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let reported_on = NaiveDate::parse_from_str(&name[..10], "%Y-%m-%d").unwrap();
            let csv = std::fs::read(path.with_extension("csv")).unwrap();
            let plan = coopdesk::store::plan_import(&empty, &csv, |_, _| true).unwrap();
            assert!(plan.rejected.is_empty(), "{name}.csv: {:?}", plan.rejected);
            assert!(
                plan.already_present.is_empty(),
                "{name}.csv repeats a figure"
            );
            Case {
                text: std::fs::read_to_string(&path).unwrap(),
                expected: plan.to_add.iter().map(|(_, o)| figure(o)).collect(),
                name,
                reported_on,
            }
        })
        .collect()
}

fn show(f: &Figure) -> String {
    let regions: Vec<&str> = f.1.iter().map(String::as_str).collect();
    format!(
        "{} [{}] {}..{} {}{}",
        f.0,
        regions.join(";"),
        f.2,
        f.3,
        f.5.prefix(),
        f.4
    )
}

#[test]
fn proposals_match_what_an_analyst_records() {
    let sample = coopdesk::store::sample().unwrap();
    let vocabulary = Vocabulary::new(&sample);
    let mut cases = vec![seed(&sample)];
    cases.extend(corpus());
    assert!(cases.len() >= 15, "the corpus is there");

    let (mut expected_total, mut found_total, mut wrong_total) = (0, 0, 0);
    let mut report = Vec::new();
    for case in &cases {
        let extraction = extract(&case.text, case.reported_on, &vocabulary, None);
        let mut remaining = case.expected.clone();
        let mut wrong = Vec::new();
        for p in &extraction.proposals {
            let got: Figure = (
                p.metric.to_string(),
                p.regions.iter().cloned().collect(),
                p.start,
                p.end,
                p.value,
                p.qualifier,
            );
            match remaining.iter().position(|e| *e == got) {
                Some(at) => {
                    remaining.remove(at);
                }
                None => wrong.push(got),
            }
        }
        let found = case.expected.len() - remaining.len();
        expected_total += case.expected.len();
        found_total += found;
        wrong_total += wrong.len();
        report.push(format!(
            "{:<20} {:>2}/{:<2} proposed exactly, {} wrong ({})",
            case.name,
            found,
            case.expected.len(),
            wrong.len(),
            extraction.lang.code()
        ));
        for missed in &remaining {
            report.push(format!("    missed: {}", show(missed)));
        }
        for extra in &wrong {
            report.push(format!("    wrong:  {}", show(extra)));
        }
    }
    let recall = found_total as f64 / expected_total as f64;
    let wrong_per_text = wrong_total as f64 / cases.len() as f64;
    println!("{}", report.join("\n"));
    println!(
        "corpus: {} texts, {found_total} of {expected_total} figures proposed exactly (recall {:.1}%), {wrong_total} wrong proposals ({wrong_per_text:.2} per text)",
        cases.len(),
        recall * 100.0
    );
    assert!(
        recall >= 0.9,
        "recall {recall:.3} < 0.9\n{}",
        report.join("\n")
    );
    assert!(
        wrong_per_text <= 1.0,
        "{wrong_per_text:.2} wrong per text\n{}",
        report.join("\n")
    );
}
