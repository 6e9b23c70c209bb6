//! `coopdesk extract`, run for real: its CSV goes straight into `coopdesk
//! import`, and bad input (empty, no figures, binary, not UTF-8, right to
//! left, emoji, 10 MB) gives a clear message and never a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use coopdesk::model::{Metric, MetricId};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample.ron");

fn briefing(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/briefings")
        .join(name)
}

fn coopdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coopdesk"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn extract_file(path: &Path, reported_on: &str) -> Output {
    coopdesk(&[
        "extract",
        path.to_str().unwrap(),
        "--reported-on",
        reported_on,
    ])
}

fn extract_text(dir: &Path, text: &[u8]) -> Output {
    let path = dir.join("t.txt");
    std::fs::write(&path, text).unwrap();
    extract_file(&path, "2024-05-02")
}

const HEADER: &str = "metric,regions,start,end,value,reported_on,source,qualifier,note,quote,id,supersedes,reported_at,marking,more_sources\n";

#[test]
fn extract_then_import_adds_the_briefing_s_figures_with_their_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let text = briefing("2024-05-02-en.txt");
    let output = coopdesk(&[
        "extract",
        text.to_str().unwrap(),
        "--reported-on",
        "2024-05-02",
        "--source",
        "MND weekly briefing, 2 May 2024",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let csv = stdout(&output);
    assert!(csv.starts_with(HEADER), "{csv}");
    assert!(
        csv.contains("neutralised,northern Iraq;northern Syria,2024-01-01,2024-05-02,827,2024-05-02,\"MND weekly briefing, 2 May 2024\",exact,,"),
        "{csv}"
    );
    let err = stderr(&output);
    assert!(err.contains("7 figures proposed (en)"), "{err}");
    assert!(
        err.contains(":7: 3 (no phrase naming a metric in the sentence): He also said"),
        "{err}"
    );

    let proposals = dir.path().join("p.csv");
    std::fs::write(&proposals, csv).unwrap();
    let workspace = dir.path().join("ws.ron");
    std::fs::copy(SAMPLE, &workspace).unwrap();
    let import = coopdesk(&[
        "import",
        workspace.to_str().unwrap(),
        proposals.to_str().unwrap(),
    ]);
    assert!(import.status.success(), "{}", stderr(&import));
    assert!(
        stdout(&import).contains("7 to add, 0 already present, 0 rejected"),
        "{}",
        stdout(&import)
    );
    assert!(!stderr(&import).contains("ignored"), "{}", stderr(&import));
    let ws = coopdesk::store::load(&workspace).unwrap();
    let figure = ws
        .observations
        .iter()
        .find(|o| o.value == 827)
        .expect("827 imported");
    assert_eq!(figure.regions, ["northern Iraq", "northern Syria"]);
    assert!(
        figure.sources[0]
            .quote
            .starts_with("Speaking at the weekly press briefing")
    );

    // Extracting the same briefing again proposes what is now already there.
    let again = extract_file(&text, "2024-05-02");
    std::fs::write(&proposals, stdout(&again)).unwrap();
    let second = coopdesk(&[
        "import",
        workspace.to_str().unwrap(),
        proposals.to_str().unwrap(),
    ]);
    assert!(
        stdout(&second).contains("0 to add, 7 already present"),
        "{}",
        stdout(&second)
    );
}

#[test]
fn a_workspace_s_metric_phrases_teach_extract_a_new_metric() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = coopdesk::store::sample().unwrap();
    ws.metrics.put(Metric {
        id: MetricId::new("detained"),
        name: "Detained".into(),
        phrases: vec!["gözaltına alın".into()],
        ..Metric::default()
    });
    let path = dir.path().join("ws.ron");
    coopdesk::store::save(&ws, &path).unwrap();
    let text = dir.path().join("t.txt");
    std::fs::write(
        &text,
        "Son bir haftada FETÖ üyesi 41 şüpheli gözaltına alındı.",
    )
    .unwrap();
    let output = coopdesk(&[
        "extract",
        text.to_str().unwrap(),
        "--reported-on",
        "2024-05-02",
        "--workspace",
        path.to_str().unwrap(),
        "--lang",
        "tr",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("\ndetained,,2024-04-26,2024-05-02,41,"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn an_empty_text_or_one_without_figures_runs_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let empty = extract_text(dir.path(), b"");
    assert_eq!(empty.status.code(), Some(0));
    assert_eq!(stdout(&empty), HEADER);
    assert!(
        stderr(&empty).contains("no figures proposed: the text is empty"),
        "{}",
        stderr(&empty)
    );

    let none = extract_text(
        dir.path(),
        "The minister met his Australian counterpart on Wednesday.".as_bytes(),
    );
    assert_eq!(none.status.code(), Some(0));
    assert!(
        stderr(&none).contains("no figures proposed: the text holds no numbers"),
        "{}",
        stderr(&none)
    );

    let other = extract_text(
        dir.path(),
        b"On 21 April 2024, 18 caves were destroyed 30 km inside Iraq.",
    );
    assert_eq!(other.status.code(), Some(0));
    assert!(
        stderr(&other).contains(
            "no figures proposed: its numbers are all dates, years or counts of other things"
        ),
        "{}",
        stderr(&other)
    );

    let unplaced = extract_text(
        dir.path(),
        b"The minister met 3 counterparts.\n\nTurkish forces took part in 12 drills.",
    );
    assert!(
        stderr(&unplaced).contains("none of its 2 numbers stands near a phrase naming a metric"),
        "{}",
        stderr(&unplaced)
    );
    assert!(stderr(&unplaced).contains("t.txt:3: 12 (no phrase naming a metric in the sentence): Turkish forces took part in 12 drills."), "{}", stderr(&unplaced));
}

#[test]
fn binary_and_invalid_utf8_input_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let output = extract_text(dir.path(), &garbage);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("not UTF-8 text (is it a binary file?)"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "");

    let latin1 = extract_text(dir.path(), b"25 terr\xf6rist etkisiz hale getirildi\n");
    assert_eq!(latin1.status.code(), Some(2));
    assert!(
        stderr(&latin1).contains("t.txt: line 1: not UTF-8 text"),
        "{}",
        stderr(&latin1)
    );

    let nul = extract_text(dir.path(), b"line one\nPK\x03\x04\x00\x00 25 neutralised");
    assert_eq!(nul.status.code(), Some(2));
    assert!(
        stderr(&nul).contains("line 2: not UTF-8 text"),
        "{}",
        stderr(&nul)
    );

    let missing = coopdesk(&[
        "extract",
        "/nonexistent/briefing.txt",
        "--reported-on",
        "2024-05-02",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("/nonexistent/briefing.txt: cannot read"),
        "{}",
        stderr(&missing)
    );

    let bad_date = coopdesk(&["extract", "x.txt", "--reported-on", "2024-02-30"]);
    assert_eq!(bad_date.status.code(), Some(2));
}

#[test]
fn right_to_left_text_and_emoji_do_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{feff}أعلنت وزارة الدفاع ١٢ 😀 يوم الخميس.\n\n\u{202e}Son bir haftada 25 terörist 🇹🇷 etkisiz hale getirildi.\u{202c} 🙂🙂 ‏12‏ שלום 7";
    let output = extract_text(dir.path(), text.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("\nneutralised,,2024-04-26,2024-05-02,25,"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_long_repetitive_text_is_read_and_repeated_figures_proposed_once() {
    // One megabyte here keeps the debug test suite quick; the 10 MB timing
    // belongs to a release measurement (README), not to a timed test.
    let dir = tempfile::tempdir().unwrap();
    let one = std::fs::read_to_string(briefing("2024-05-02-en.txt")).unwrap()
        + &std::fs::read_to_string(briefing("2024-05-02-tr.txt")).unwrap();
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str(&one);
        // A long run without full stops, and one of digits and commas.
        text.push_str(&"12, 345, 6,789 neutralised and ".repeat(200));
        text.push_str("\n\n");
    }
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &text).unwrap();
    let output = extract_file(&path, "2024-05-02");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // Repeated figures are proposed once.
    assert!(stdout(&output).lines().count() < 2_000);
}
