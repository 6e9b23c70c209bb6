//! Merging copies of a workspace: the command line, git as the shared store
//! (the merge and diff drivers with a real `git`), and a property test that
//! a merge keeps every change of both sides and records every conflict.

use std::path::Path;
use std::process::{Command, Output};

use proptest::prelude::*;

use egui_kittest::kittest::Queryable as _;

use coopdesk::compare::merge;
use coopdesk::document::{Document, Origin};
use coopdesk::ui::App;

mod common;
use coopdesk::model::{Observation, Workspace};
use coopdesk::store;

const WEEK: &str = "2024-04-25-neutralised-week";

fn coopdesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coopdesk"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("coopdesk runs")
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Desk Officer",
            "-c",
            "user.email=desk@example.org",
        ])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect(
            "git runs (git is part of the README's fresh machine: the project is cloned with it)",
        )
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn change_figure(ws: &mut Workspace, id: &str, change: impl FnOnce(&mut Observation)) {
    let mut o = ws.observations.get(id).cloned().expect("in the sample");
    change(&mut o);
    ws.observations.put(o);
}

fn write(path: &Path, ws: &Workspace) {
    std::fs::write(path, store::to_ron_string(ws).expect("prints")).expect("writes");
}

/// A repository holding the sample as `ws.ron` on `main`, with coopdesk
/// set up as its merge and diff driver.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path();
    ok(&git(path, &["init", "-q"]));
    let setup = ok(&coopdesk(path, &["git-setup"]));
    assert!(setup.contains("merge.coopdesk.driver"), "{setup}");
    assert!(
        setup.contains(".gitattributes: added *.ron merge=coopdesk diff=coopdesk"),
        "{setup}"
    );
    write(&path.join("ws.ron"), &store::sample().unwrap());
    ok(&git(path, &["add", "."]));
    ok(&git(path, &["commit", "-qm", "sample"]));
    dir
}

fn on_branch(dir: &Path, branch: &str, change: impl FnOnce(&mut Workspace)) {
    ok(&git(dir, &["checkout", "-qb", branch, "main"]));
    let mut ws = store::load(&dir.join("ws.ron")).unwrap();
    change(&mut ws);
    write(&dir.join("ws.ron"), &ws);
    ok(&git(dir, &["commit", "-qam", branch]));
}

#[test]
fn git_merges_two_branches_by_record_and_field() {
    let repo = repository();
    let dir = repo.path();
    on_branch(dir, "value", |ws| change_figure(ws, WEEK, |o| o.value = 56));
    on_branch(dir, "note", |ws| {
        change_figure(ws, WEEK, |o| {
            o.note = "Revised at the next briefing.".to_owned()
        });
    });
    // Both branches changed the same line of the file: a line merge would
    // conflict; the record merge takes both fields.
    ok(&git(dir, &["checkout", "-q", "value"]));
    ok(&git(dir, &["merge", "-q", "--no-edit", "note"]));
    let ws = store::load(&dir.join("ws.ron")).unwrap();
    let week = ws.observations.get(WEEK).unwrap();
    assert_eq!(week.value, 56);
    assert_eq!(week.note, "Revised at the next briefing.");
    ok(&coopdesk(dir, &["check", "ws.ron"]));

    // git diff shows record changes, named as the app names them.
    let diff = ok(&git(dir, &["diff", "main", "--", "ws.ron"]));
    assert!(diff.contains("~ figure 56 neutralised"), "{diff}");
    assert!(diff.contains("    Value: 54 → 56"), "{diff}");
}

#[test]
fn conflicting_branches_leave_recorded_conflicts_and_a_conflicted_file() {
    let repo = repository();
    let dir = repo.path();
    on_branch(dir, "ours", |ws| change_figure(ws, WEEK, |o| o.value = 56));
    on_branch(dir, "theirs", |ws| {
        change_figure(ws, WEEK, |o| o.value = 60)
    });
    ok(&git(dir, &["checkout", "-q", "ours"]));
    let merge = git(dir, &["merge", "--no-edit", "theirs"]);
    assert!(!merge.status.success(), "git marks the merge as conflicted");
    let status = ok(&git(dir, &["status", "--porcelain"]));
    assert!(status.contains("UU ws.ron"), "{status}");

    let ws = store::load(&dir.join("ws.ron")).unwrap();
    assert_eq!(
        ws.observations.get(WEEK).unwrap().value,
        56,
        "ours meanwhile"
    );
    assert_eq!(ws.conflicts.len(), 1);
    let check = coopdesk(dir, &["check", "ws.ron"]);
    assert_eq!(check.status.code(), Some(1));
    let report = String::from_utf8_lossy(&check.stdout).into_owned()
        + &String::from_utf8_lossy(&check.stderr);
    assert!(
        report.contains(&format!(
            "observation {WEEK}, value: unresolved merge conflict: ours 56, theirs 60 (base 54)"
        )),
        "{report}"
    );
}

#[test]
fn the_merge_command_writes_out_and_exits_1_on_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    let base = store::sample().unwrap();
    let mut ours = base.clone();
    change_figure(&mut ours, WEEK, |o| o.value = 56);
    let mut theirs = base.clone();
    change_figure(&mut theirs, WEEK, |o| o.value = 60);
    write(&path.join("base.ron"), &base);
    write(&path.join("ours.ron"), &ours);
    write(&path.join("theirs.ron"), &theirs);

    let out = coopdesk(
        path,
        &[
            "merge",
            "base.ron",
            "ours.ron",
            "theirs.ron",
            "-o",
            "out.ron",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("1 field kept our value and recorded the conflict")
    );
    assert_eq!(
        store::load(&path.join("out.ron")).unwrap().conflicts.len(),
        1
    );
    assert_eq!(
        store::load(&path.join("ours.ron")).unwrap(),
        ours,
        "-o leaves ours alone"
    );

    let clean = coopdesk(
        path,
        &[
            "merge",
            "base.ron",
            "ours.ron",
            "base.ron",
            "-o",
            "clean.ron",
        ],
    );
    assert_eq!(clean.status.code(), Some(0));

    std::fs::write(
        path.join("newer.ron"),
        "(format_version: 99, workspace: ())",
    )
    .unwrap();
    let newer = coopdesk(
        path,
        &["merge", "base.ron", "ours.ron", "newer.ron", "-o", "x.ron"],
    );
    assert_eq!(newer.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&newer.stderr).contains("newer.ron"));
    assert!(!path.join("x.ron").exists(), "nothing written on an error");
}

/// What one side does to one figure.
#[derive(Clone, Debug)]
enum Act {
    Keep,
    Value(u64),
    Note(String),
    Delete,
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        3 => Just(Act::Keep),
        2 => (0u64..5).prop_map(Act::Value),
        2 => "[a-c]{1,2}".prop_map(Act::Note),
        1 => Just(Act::Delete),
    ]
}

fn apply(ws: &mut Workspace, id: &str, act: &Act) {
    match act {
        Act::Keep => {}
        Act::Value(v) => change_figure(ws, id, |o| o.value = 1000 + v),
        Act::Note(n) => change_figure(ws, id, |o| o.note = n.clone()),
        Act::Delete => drop(ws.observations.remove(id)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Random edits on both sides of the sample: every change only one side
    /// made is in the result, a field both changed alike is taken once, and
    /// every field both changed differently keeps ours and is recorded.
    #[test]
    fn a_merge_keeps_both_sides_changes_and_records_every_conflict(
        acts in proptest::collection::vec((act(), act()), 10)
    ) {
        let base = store::sample().unwrap();
        let ids: Vec<String> = base.observations.iter().map(|o| o.id.to_string()).collect();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        for (id, (a, b)) in ids.iter().zip(&acts) {
            apply(&mut ours, id, a);
            apply(&mut theirs, id, b);
        }
        let merged = merge(&base, &ours, &theirs);
        let ws = &merged.workspace;
        let mut expected_conflicts = 0;
        for (id, (a, b)) in ids.iter().zip(&acts) {
            let (o, t) = (ours.observations.get(id), theirs.observations.get(id));
            let m = ws.observations.get(id);
            let b0 = base.observations.get(id).unwrap();
            match (o, t) {
                (None, None) => prop_assert!(m.is_none()),
                (None, Some(t)) if t == b0 => prop_assert!(m.is_none()),
                (Some(o), None) if o == b0 => prop_assert!(m.is_none()),
                (None, Some(_)) | (Some(_), None) => {
                    expected_conflicts += 1;
                    prop_assert_eq!(m, o, "ours kept: {:?} {:?}", a, b);
                }
                (Some(o), Some(t)) => {
                    let m = m.expect("kept");
                    let value = if o.value == t.value || t.value == b0.value { o.value } else if o.value == b0.value { t.value } else { expected_conflicts += 1; o.value };
                    let note = if o.note == t.note || t.note == b0.note { &o.note } else if o.note == b0.note { &t.note } else { expected_conflicts += 1; &o.note };
                    prop_assert_eq!(m.value, value);
                    prop_assert_eq!(&m.note, note);
                }
            }
        }
        prop_assert_eq!(merged.new_conflicts, expected_conflicts);
        prop_assert_eq!(ws.conflicts.len(), expected_conflicts);
        // Nothing else moved.
        prop_assert_eq!(&ws.instruments, &base.instruments);
        prop_assert_eq!(&ws.sources, &base.sources);
    }
}

/// The sample merged with two copies that changed the week's figure
/// differently, opened in the app.
fn conflicted_app() -> egui_kittest::Harness<'static, App> {
    let base = store::sample().unwrap();
    let mut ours = base.clone();
    change_figure(&mut ours, WEEK, |o| o.value = 56);
    let mut theirs = base.clone();
    change_figure(&mut theirs, WEEK, |o| o.value = 60);
    theirs.title = "Theirs".to_owned();
    let merged = merge(&base, &ours, &theirs).workspace;
    assert_eq!(
        merged.conflicts.len(),
        1,
        "the title came from theirs alone"
    );
    common::harness(App::with_document(Document::new(merged, Origin::New)))
}

#[test]
fn the_conflicts_panel_resolves_each_as_one_undoable_step() {
    let mut harness = conflicted_app();
    // The status bar says so, and leads to the list.
    harness.get_by_label("1 merge conflict").click();
    harness.run();
    harness.get_by_label("Merge conflicts");
    harness.get_by_label(
        "figure 56 neutralised, northern Iraq + northern Syria, 19–25 Apr 2024: Value",
    );
    harness.get_by_label("60");
    harness.get_by_label("Take theirs").click();
    harness.run();
    let ws = harness.state().document().workspace().clone();
    assert_eq!(ws.observations.get(WEEK).unwrap().value, 60);
    assert!(ws.conflicts.is_empty());
    assert!(ws.validate().is_empty());
    assert_eq!(harness.query_all_by_label("1 merge conflict").count(), 0);

    common::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    let ws = harness.state().document().workspace().clone();
    assert_eq!(ws.observations.get(WEEK).unwrap().value, 56, "undone");
    assert_eq!(ws.conflicts.len(), 1);
}

#[test]
fn saving_with_conflicts_left_asks_first() {
    let mut harness = conflicted_app();
    harness.state_mut().send(coopdesk::ui::Command::Save);
    harness.run();
    harness.get_by_label_contains("Saving now keeps the conflicts in the file");
    harness.get_by_label("Save with the conflicts");
    harness.get_by_label("Keep ours").click();
    harness.run();
    let ws = harness.state().document().workspace().clone();
    assert_eq!(ws.observations.get(WEEK).unwrap().value, 56);
    assert!(
        ws.conflicts.is_empty(),
        "kept ours, and the conflict is gone"
    );
}

#[test]
fn another_copy_is_compared_and_taken_from_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let start = store::sample().unwrap();
    let mut theirs = start.clone();
    change_figure(&mut theirs, WEEK, |o| o.value = 56);
    theirs.sources.put(coopdesk::model::Source {
        id: coopdesk::model::SourceId::new("src-2024-05-02"),
        title: "MND weekly briefing, 2 May 2024".to_owned(),
        ..Default::default()
    });
    let copy = dir.path().join("copy.ron");
    write(&copy, &theirs);

    let mut harness = common::sample();
    harness.state_mut().send(coopdesk::ui::Command::FileChosen(
        coopdesk::ui::FileAction::CompareWith,
        copy,
    ));
    common::wait(&mut harness);
    harness.get_by_label("Compared with copy.ron");
    harness.get_by_label_contains("1 added, 1 changed");
    harness.get_by_label("56");
    harness.get_by_label("Take theirs").click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .document()
            .workspace()
            .observations
            .get(WEEK)
            .unwrap()
            .value,
        56
    );
    // The list comes back with what is left.
    harness.get_by_label_contains("1 added:");
    harness.get_by_label("Take").click();
    harness.run();
    let taken = harness.state().document().workspace();
    assert!(common::content(taken) == theirs);
    assert_eq!(taken.history.len(), 2, "each take is in the history");
    assert!(taken.history[0].what.ends_with(", as in another copy"));
    assert!(
        !format!("{:?}", taken.history).contains("copy.ron"),
        "no file names"
    );
    harness.get_by_label_contains("no differences");
    harness.get_by_label("Close").click();
    harness.run();

    common::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    common::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert!(
        harness.state().document().workspace() == &start,
        "each take undoes"
    );
}

#[test]
fn a_command_line_import_is_in_the_history_with_today_and_the_user() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    write(&path.join("ws.ron"), &store::sample().unwrap());
    std::fs::write(
        path.join("may.csv"),
        "metric,regions,start,end,value,qualifier,reported_on,source,note\n\
         neutralised,,2024-04-26,2024-05-02,25,exact,2024-05-02,,\n",
    )
    .unwrap();
    let import = Command::new(env!("CARGO_BIN_EXE_coopdesk"))
        .current_dir(path)
        .env("USER", "ademir")
        .args(["import", "ws.ron", "may.csv"])
        .output()
        .unwrap();
    ok(&import);

    let history = ok(&coopdesk(path, &["history", "ws.ron"]));
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let first = history.lines().next().expect("one line");
    assert!(first.starts_with(&today), "{history}");
    assert!(
        first.contains(" UTC  ademir  import of 1 figure from a CSV file (command line)"),
        "{history}"
    );
    assert!(
        !history.contains(path.to_str().unwrap()),
        "no paths: {history}"
    );
    // Filters: a day after today, and a record it did not touch.
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(
        ok(&coopdesk(
            path,
            &["history", "ws.ron", "--since", &tomorrow]
        )),
        ""
    );
    let bad = coopdesk(path, &["history", "ws.ron", "--since", "2024-02-30"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_app_records_who_changed_which_field_and_undo_takes_it_back() {
    let mut harness = common::sample();
    harness
        .state_mut()
        .set_clock(std::sync::Arc::new(|| "2026-12-03T07:15:00Z".to_owned()));
    harness
        .state_mut()
        .set_display_name("Ayşe Demir".to_owned());
    change_week_in_app(&mut harness, 56);
    let history = &harness.state().document().workspace().history;
    assert_eq!(history.len(), 1);
    let entry = &history[0];
    assert_eq!(entry.at, "2026-12-03T07:15:00Z");
    assert_eq!(entry.name, "Ayşe Demir");
    assert!(!entry.user.is_empty());
    assert_eq!(entry.records, [format!("observation {WEEK}")]);
    assert_eq!(entry.fields.len(), 1);
    assert_eq!(
        (
            entry.fields[0].field.as_str(),
            entry.fields[0].old.as_str(),
            entry.fields[0].new.as_str()
        ),
        ("Value", "54", "56")
    );
    common::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert!(harness.state().document().workspace().history.is_empty());
}

fn change_week_in_app(harness: &mut egui_kittest::Harness<'_, App>, value: u64) {
    let mut ws = harness.state().document().workspace().clone();
    change_figure(&mut ws, WEEK, |o| o.value = value);
    let figure = ws.observations.get(WEEK).unwrap().clone();
    harness
        .state_mut()
        .send(coopdesk::ui::Command::Apply(Box::new(
            coopdesk::model::Edit::put(coopdesk::model::Record::Observation(figure)).into(),
        )));
    harness.run();
}

#[test]
fn the_history_panel_lists_and_filters_changes_and_the_overview_counts_since_a_review() {
    let mut harness = common::sample();
    harness
        .state_mut()
        .set_clock(std::sync::Arc::new(|| "2026-12-03T07:15:00Z".to_owned()));
    // Never reviewed yet: the Overview says so and offers it.
    harness.get_by_label("You have not marked this workspace as reviewed yet.");
    harness.get_by_label("Mark as reviewed").click();
    harness.run();
    change_week_in_app(&mut harness, 56);
    harness
        .state_mut()
        .send(coopdesk::ui::Command::ShowTab(coopdesk::ui::Tab::Overview));
    harness.run();
    harness.get_by_label("1 record changed since your review of 2026-12-03 (1 change).");
    let label = "figure 56 neutralised, northern Iraq + northern Syria, 19–25 Apr 2024";
    harness.get_by_label(label).click();
    harness.run();
    // The figure's details show its history.
    harness.get_by_label("History (1)");

    harness.state_mut().send(coopdesk::ui::Command::ShowHistory);
    harness.run();
    harness.get_by_label("Change history");
    harness.get_by_label("2 of 2 changes");
    harness.get_by_label(&format!("changed {label}"));
    harness.get_by_label("became");
    common::type_into(&mut harness, "Person", "somebody else");
    harness.get_by_label("0 of 2 changes");
    common::retype(&mut harness, "Person", "");
    common::type_into(&mut harness, "Your name", "Ayşe Demir");
    harness.get_by_label("Use this name").click();
    harness.run();
    harness.get_by_label("Close").click();
    harness.run();
    change_week_in_app(&mut harness, 57);
    let history = &harness.state().document().workspace().history;
    assert_eq!(history.last().unwrap().name, "Ayşe Demir");
}

/// A copy of `ws` with one figure's value changed through a document, so
/// that the change is in its history as the app records it.
fn changed_copy(ws: &Workspace, id: &str, value: u64, at: &'static str) -> Workspace {
    let mut doc = Document::new(ws.clone(), Origin::New);
    let mut recorder = coopdesk::document::Recorder::system("");
    recorder.clock = std::sync::Arc::new(move || at.to_owned());
    doc.set_recorder(Some(recorder));
    let mut figure = ws.observations.get(id).cloned().unwrap();
    figure.value = value;
    doc.apply(coopdesk::model::Edit::put(
        coopdesk::model::Record::Observation(figure),
    ))
    .unwrap();
    doc.workspace().clone()
}

#[test]
fn merge_workspace_in_the_app_takes_what_only_they_changed_as_one_step() {
    const YTD: &str = "2024-04-25-neutralised-ytd";
    let shared = changed_copy(&store::sample().unwrap(), YTD, 803, "2026-12-01T09:00:00Z");
    let ours = changed_copy(&shared, WEEK, 56, "2026-12-02T09:00:00Z");
    let theirs = changed_copy(&shared, YTD, 805, "2026-12-02T10:00:00Z");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("theirs.ron");
    write(&copy, &theirs);

    let mut harness = common::harness(App::with_document(Document::new(ours.clone(), Origin::New)));
    harness.state_mut().send(coopdesk::ui::Command::FileChosen(
        coopdesk::ui::FileAction::MergeWith,
        copy,
    ));
    common::wait(&mut harness);
    let ws = harness.state().document().workspace().clone();
    assert_eq!(ws.observations.get(WEEK).unwrap().value, 56, "ours kept");
    assert_eq!(ws.observations.get(YTD).unwrap().value, 805, "theirs taken");
    assert!(ws.conflicts.is_empty());
    assert!(
        ws.history
            .iter()
            .any(|e| e.what.starts_with("merge of another copy: 1 record taken"))
    );
    harness.get_by_label_contains("merge of another copy: 1 record taken, 0 conflicts recorded");

    common::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert!(
        harness.state().document().workspace() == &ours,
        "one undo takes the merge back"
    );

    // A copy with no shared history: compared, to take from by hand.
    let unrelated = dir.path().join("unrelated.ron");
    write(
        &unrelated,
        &changed_copy(&store::sample().unwrap(), WEEK, 60, "2026-12-02T11:00:00Z"),
    );
    harness.state_mut().send(coopdesk::ui::Command::FileChosen(
        coopdesk::ui::FileAction::MergeWith,
        unrelated,
    ));
    common::wait(&mut harness);
    harness.get_by_label_contains(
        "cannot be merged on its own: the two copies share no recorded change",
    );
    harness.get_by_label("Compared with unrelated.ron");
}

#[test]
fn a_compared_record_opens_in_its_tab() {
    let dir = tempfile::tempdir().unwrap();
    let mut theirs = store::sample().unwrap();
    change_figure(&mut theirs, WEEK, |o| o.value = 56);
    let copy = dir.path().join("copy.ron");
    write(&copy, &theirs);
    let mut harness = common::sample();
    harness.state_mut().send(coopdesk::ui::Command::FileChosen(
        coopdesk::ui::FileAction::CompareWith,
        copy,
    ));
    common::wait(&mut harness);
    harness
        .get_by_label("figure 56 neutralised, northern Iraq + northern Syria, 19–25 Apr 2024")
        .click();
    harness.run();
    assert_eq!(harness.state().tab(), coopdesk::ui::Tab::Statistics);
    assert!(harness.query_by_label("Compared with copy.ron").is_none());
}

#[test]
fn a_record_taken_from_another_copy_brings_what_it_refers_to() {
    let sample = store::sample().unwrap();
    let mut here = sample.clone();
    // This copy lacks a figure, its briefing event and its source.
    let figure = here.observations.get(WEEK).cloned().unwrap();
    here.observations = Default::default();
    here.events = Default::default();
    here.instruments = Default::default();
    here.sources = Default::default();
    let taken = coopdesk::model::with_what_it_needs(
        &here,
        &sample,
        coopdesk::model::Record::Observation(figure),
    );
    let ids: Vec<String> = taken.iter().map(|r| r.id().to_string()).collect();
    assert_eq!(
        ids.last().unwrap(),
        &format!("observation {WEEK}"),
        "{ids:?}"
    );
    assert!(
        ids.contains(&"source src-mnd-briefing-2024-04-25".to_owned()),
        "{ids:?}"
    );
    assert!(
        ids.contains(&"event 2024-04-25-mnd-weekly-briefing".to_owned()),
        "{ids:?}"
    );
    coopdesk::model::Edit::PutAll(taken)
        .apply(&mut here)
        .unwrap();
    assert_eq!(here.validate(), [], "nothing taken points nowhere");
}
