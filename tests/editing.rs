//! Editing through the GUI: forms, undo/redo, deleting, the unsaved-changes
//! guard, the command palette and Find.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use coopdesk::model::InstrumentKind;
use coopdesk::ui::{App, Command, Tab};

mod common;

use common::{field, press, retype, sample, type_into, wait};

/// The Find dialog's search field.
const FIND_FIELD: &str = "Search every record: titles, notes, quotes, parties, places";

const NEW_TITLE: &str = "Memorandum of understanding on energy security";

fn instrument_count(harness: &Harness<'_, App>, title: &str) -> usize {
    harness
        .state()
        .document()
        .workspace()
        .instruments
        .iter()
        .filter(|i| i.title == title)
        .count()
}

/// Clicks the drop-down option `label` (not a table cell of the same text).
fn choose_option(harness: &mut Harness<'_, App>, label: &str) {
    let option = harness
        .get_all_by_label(label)
        .find(|n| n.accesskit_node().role() != Role::Label)
        .expect("the option is listed");
    option.click();
    harness.run();
}

fn create_mou(harness: &mut Harness<'_, App>) {
    harness.get_by_label("Instruments").click();
    harness.run();
    harness.get_by_label("New instrument…").click();
    harness.run();
    type_into(harness, "Instrument title", NEW_TITLE);
    harness.get_by_label("Instrument kind").click();
    harness.run();
    choose_option(harness, "MoU");
    harness.get_by_label("Save").click();
    harness.run();
}

#[test]
fn an_mou_created_in_the_form_appears_in_the_table_and_undo_redo_walk_it() {
    let mut harness = sample();
    create_mou(&mut harness);

    assert!(harness.state().form_title().is_none(), "the form closed");
    assert_eq!(instrument_count(&harness, NEW_TITLE), 1);
    let created = harness
        .state()
        .document()
        .workspace()
        .instruments
        .iter()
        .find(|i| i.title == NEW_TITLE)
        .cloned()
        .unwrap();
    assert_eq!(created.kind, InstrumentKind::Mou);
    assert_eq!(
        created.id.as_str(),
        "mou-memorandum-of-understanding-on-energy-security"
    );
    assert!(
        harness.query_all_by_label(NEW_TITLE).count() >= 1,
        "shown in the table"
    );
    assert!(harness.state().document().is_dirty());
    assert!(
        harness.state().title().starts_with("• "),
        "{}",
        harness.state().title()
    );

    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(instrument_count(&harness, NEW_TITLE), 0);
    assert_eq!(
        harness.query_all_by_label(NEW_TITLE).count(),
        0,
        "gone from the table"
    );
    assert!(!harness.state().document().is_dirty());

    press(
        &mut harness,
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    assert_eq!(instrument_count(&harness, NEW_TITLE), 1);
    assert!(harness.query_all_by_label(NEW_TITLE).count() >= 1);

    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Y);
    assert_eq!(
        instrument_count(&harness, NEW_TITLE),
        1,
        "Ctrl+Y redoes too"
    );
}

#[test]
fn an_invalid_form_says_why_and_cannot_be_saved() {
    let mut harness = sample();
    harness
        .state_mut()
        .send(Command::NewRecord(coopdesk::model::RecordKind::Instrument));
    harness.run();
    harness.get_by_label("Cannot save yet: Title is empty");
    harness.get_by_label("Save").click();
    harness.run();
    assert_eq!(
        harness.state().form_title().as_deref(),
        Some("New instrument"),
        "still open"
    );

    type_into(&mut harness, "Instrument title", "A protocol");
    type_into(&mut harness, "Signed", "2024-02-30");
    harness.get_by_label("Signed 2024-02-30 is not a calendar date (no such month or day)");
    harness.get_by_label("Save").click();
    harness.run();
    assert_eq!(
        harness.state().form_title().as_deref(),
        Some("New instrument")
    );
    assert_eq!(instrument_count(&harness, "A protocol"), 0);

    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().form_title().is_none());
}

#[test]
fn a_negative_or_malformed_value_is_refused_in_the_figure_form() {
    let mut harness = sample();
    harness
        .state_mut()
        .send(Command::NewRecord(coopdesk::model::RecordKind::Observation));
    harness.run();
    // A new figure starts from the last one's period: typed over.
    retype(&mut harness, "From", "2024-05-01");
    retype(&mut harness, "To", "2024-04-01");
    type_into(&mut harness, "Value", "-5");
    harness.get_by_label("Value -5 is negative: counts are 0 or more");
    harness.get_by_label("End 2024-04-01 is before the start 2024-05-01");
}

#[test]
fn new_with_unsaved_changes_asks_save_discard_or_cancel() {
    let mut harness = sample();
    create_mou(&mut harness);
    assert!(harness.state().document().is_dirty());

    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::N);
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(
        instrument_count(&harness, NEW_TITLE),
        1,
        "cancel keeps the work"
    );

    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::N);
    harness.get_by_label("Discard changes").click();
    harness.run();
    assert!(
        harness
            .state()
            .document()
            .workspace()
            .instruments
            .is_empty()
    );
    assert_eq!(harness.state().document().display_name(), "Untitled");
}

#[test]
fn closing_the_window_with_unsaved_changes_is_cancelled_and_asks() {
    let mut harness = sample();
    create_mou(&mut harness);
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
    let cancelled = harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::CancelClose));
    assert!(cancelled);
    harness.run();
    harness.get_by_label("Unsaved changes");
}

#[test]
fn the_palette_finds_save_as_by_typing_sav() {
    let mut harness = sample();
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::K);
    type_into(&mut harness, "Type a command", "sav");
    harness.get_by_label("Save As…").click();
    harness.run();
    harness.get_by_label("Path to a .ron workspace file");
}

#[test]
fn deleting_a_cited_source_lists_who_cites_it_and_cascades_only_when_confirmed() {
    let mut harness = sample();
    harness.get_by_label("Sources").click();
    harness.run();
    harness
        .get_by_label(
            "Ministry of National Defence weekly press briefing, 25 April 2024 (news report)",
        )
        .click();
    harness.run();
    harness.get_by_label("Delete…").click();
    harness.run();
    harness.get_by_label_contains("24 other record(s) refer to it");
    harness.get_by_label("• Instrument “Security Joint Coordination Center”");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().document().workspace().sources.len(), 1);

    harness.get_by_label("Delete…").click();
    harness.run();
    harness.get_by_label("Delete").click();
    harness.run();
    let ws = harness.state().document().workspace();
    assert!(ws.sources.is_empty());
    assert_eq!(ws.validate(), [], "no dangling citation");

    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    let ws = harness.state().document().workspace();
    assert_eq!(ws, &coopdesk::store::sample().unwrap());
}

#[test]
fn find_ignores_accents_and_opens_the_record_in_its_tab() {
    let mut harness = sample();
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::F);
    type_into(&mut harness, FIND_FIELD, "erdogan visit");
    // The hit in the Find dialog, drawn above the Overview's link of the same name.
    harness
        .get_all_by_label("President Erdoğan's visit to Iraq")
        .last()
        .expect("a hit")
        .click();
    harness.run();
    assert_eq!(harness.state().tab(), Tab::Events);
    harness.get_by_label("Monday 22 April 2024");
}

#[test]
fn editing_a_figure_refreshes_the_series() {
    let mut harness = sample();
    harness
        .state_mut()
        .send(Command::EditRecord(coopdesk::model::RecordId::Observation(
            coopdesk::model::ObservationId::new("2024-04-25-neutralised-ytd"),
        )));
    harness.run();
    field(&harness, "Value").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    field(&harness, "Value").type_text("812");
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    let ws = harness.state().document().workspace();
    let analysis = coopdesk::analysis::Analysis::compute(ws);
    let series = analysis
        .series(
            &coopdesk::model::MetricId::new("neutralised"),
            &coopdesk::analysis::RegionScope::All,
        )
        .unwrap();
    assert_eq!(series.total(), 812);
    // The regional figures no longer add up, and the Statistics tab says so.
    assert_eq!(harness.state().tab(), Tab::Statistics);
    harness.get_by_label_contains("add up to 802, 10 less than the total 812");
}

#[test]
fn importing_a_csv_previews_rejected_rows_and_adds_the_good_ones_in_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("briefing-2024-05-02.csv");
    std::fs::write(
        &csv,
        "metric,regions,start,end,value,reported_on,source\n\
         neutralised,northern Iraq;northern Syria,2024-04-26,2024-05-02,\"1,031\",2024-05-02,Briefing of 2 May 2024\n\
         neutralised,northern Syria,2024-04-26,2024-05-02,-2,2024-05-02,Briefing of 2 May 2024\n\
         neutralised,northern Iraq;northern Syria,2024-01-01,2024-04-25,802,2024-04-25,\n",
    )
    .unwrap();
    let mut harness = sample();
    let before = harness.state().document().workspace().clone();
    harness.state_mut().send(Command::ImportFigures);
    harness.run();
    type_into(
        &mut harness,
        "Path to a .csv file",
        &csv.display().to_string(),
    );
    harness.get_by_label("Read file").click();
    harness.step();
    wait(&mut harness);

    harness.get_by_label("3 rows read: 1 to add, 1 already present (skipped), 1 rejected.");
    harness.get_by_label("line 3");
    harness.get_by_label("-2 is negative: counts are 0 or more");
    harness.get_by_label("New sources: Briefing of 2 May 2024");
    // Import stays disabled until the user agrees to leave out the bad row.
    harness.get_by_label("Import").click();
    harness.run();
    assert_eq!(harness.state().document().workspace(), &before);
    harness
        .get_by_label("Import the good rows and leave out the rejected ones (1 row)")
        .click();
    harness.run();
    harness.get_by_label("Import").click();
    harness.run();

    let ws = harness.state().document().workspace();
    assert_eq!(ws.observations.len(), before.observations.len() + 1);
    assert!(ws.observations.iter().any(|o| o.value == 1031));
    assert_eq!(harness.state().tab(), Tab::Statistics);
    harness.get_by_label_contains("Imported 1 figure from");

    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(
        harness.state().document().workspace(),
        &before,
        "one undo step"
    );
}

fn open_through_the_prompt(harness: &mut Harness<'_, App>, path: &std::path::Path) {
    harness.state_mut().send(Command::Open);
    harness.run();
    // Replace whatever path is suggested.
    field(harness, "Path to a .ron workspace file").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    type_into(
        harness,
        "Path to a .ron workspace file",
        &path.display().to_string(),
    );
    harness.get_by_label("Open").click();
    harness.step();
    wait(harness);
}

#[test]
fn unsaved_changes_are_autosaved_beside_the_file_and_removed_by_saving() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    coopdesk::store::save(&coopdesk::store::sample().unwrap(), &path).unwrap();
    let recovery = dir.path().join(".w.ron.recovery");

    let mut harness = sample();
    open_through_the_prompt(&mut harness, &path);
    harness
        .state_mut()
        .set_autosave_interval(std::time::Duration::ZERO);
    create_mou(&mut harness);
    // The next frame starts the recovery write; wait for it to finish.
    harness.step();
    wait(&mut harness);
    assert!(recovery.is_file(), "the recovery file appears");
    let kept = coopdesk::store::load(&recovery).unwrap();
    assert_eq!(instrument_count(&harness, NEW_TITLE), 1);
    assert!(
        kept.instruments.iter().any(|i| i.title == NEW_TITLE),
        "the recovery file holds the change"
    );
    assert!(
        coopdesk::store::load(&path)
            .unwrap()
            .instruments
            .iter()
            .all(|i| i.title != NEW_TITLE),
        "the workspace file itself is untouched until saved"
    );

    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::S);
    wait(&mut harness);
    assert!(!harness.state().document().is_dirty());
    assert!(
        !recovery.exists(),
        "a successful save removes the recovery file"
    );
}

#[test]
fn reopening_after_a_crash_offers_the_unsaved_changes_with_what_differs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    let saved = coopdesk::store::sample().unwrap();
    coopdesk::store::save(&saved, &path).unwrap();
    let mut unsaved = saved.clone();
    unsaved.title = "Edited before the crash".into();
    unsaved.parties.remove("aus");
    coopdesk::store::write_recovery(&dir.path().join(".w.ron.recovery"), &unsaved, None).unwrap();

    let mut harness = sample();
    open_through_the_prompt(&mut harness, &path);
    harness.get_by_label("Recover unsaved changes?");
    harness.get_by_label_contains("0 records added, 1 changed, 1 removed");
    harness.get_by_label("Restore changes").click();
    harness.run();
    let restored = harness.state().document().workspace();
    assert_eq!(common::content(restored), unsaved);
    assert_eq!(restored.history.len(), 1, "restoring is in the history");
    assert!(harness.state().document().is_dirty());
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(
        harness.state().document().workspace(),
        &saved,
        "restoring is one undoable step"
    );
}

#[test]
fn a_file_open_in_another_coopdesk_opens_read_only_or_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    coopdesk::store::save(&coopdesk::store::sample().unwrap(), &path).unwrap();
    let other_editor = coopdesk::store::lock(&path).unwrap();

    let mut harness = sample();
    open_through_the_prompt(&mut harness, &path);
    harness.get_by_label("Open in another coopdesk");
    harness.get_by_label_contains(&format!("process {}", std::process::id()));
    harness.get_by_label("Open read-only").click();
    harness.run();
    assert!(harness.state().document().is_read_only());
    assert_eq!(harness.state().title(), "w.ron (read-only) — coopdesk");
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::S);
    harness.get_by_label("Path to a .ron workspace file");
    harness.get_by_label("Cancel").click();
    harness.run();

    open_through_the_prompt(&mut harness, &path);
    harness.get_by_label("Take over").click();
    harness.run();
    assert!(!harness.state().document().is_read_only());
    drop(other_editor);
}

#[test]
fn opening_a_file_locks_it_against_a_second_editor() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    coopdesk::store::save(&coopdesk::store::sample().unwrap(), &path).unwrap();
    let mut harness = sample();
    open_through_the_prompt(&mut harness, &path);
    assert!(!harness.state().document().is_read_only());
    let err = coopdesk::store::lock(&path).unwrap_err();
    assert!(
        err.to_string().contains("is open in another coopdesk"),
        "{err}"
    );
}

#[test]
fn an_edit_made_while_a_save_runs_stays_unsaved_and_out_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    coopdesk::store::save(&coopdesk::store::sample().unwrap(), &path).unwrap();
    let mut harness = sample();
    open_through_the_prompt(&mut harness, &path);
    let original_title = harness.state().document().workspace().title.clone();
    let set_title = |title: &str| {
        Command::Apply(Box::new(coopdesk::ui::Change::from(
            coopdesk::model::Edit::SetTitle(title.to_owned()),
        )))
    };
    harness.state_mut().send(set_title("Saved title"));
    harness.run();
    // Save and a later edit in the same frame: the save job starts with the
    // first title and cannot finish before the second edit is made.
    harness.state_mut().send(Command::Save);
    harness.state_mut().send(set_title("Later title"));
    harness.step();
    assert!(harness.state().is_busy(), "the save is under way");
    wait(&mut harness);

    let doc = harness.state().document();
    assert_eq!(doc.workspace().title, "Later title");
    assert!(doc.is_dirty(), "the later edit is not saved");
    assert_eq!(
        coopdesk::store::load(&path).unwrap().title,
        "Saved title",
        "the file holds the state the save started with"
    );
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert!(
        !harness.state().document().is_dirty(),
        "undoing the later edit returns to the saved state"
    );
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(harness.state().document().workspace().title, original_title);
    assert!(harness.state().document().is_dirty());
}

#[test]
fn undo_and_redo_say_what_they_took_back() {
    let mut harness = sample();
    create_mou(&mut harness);
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(
        harness.state().message(),
        Some(format!("Undid: new instrument “{NEW_TITLE}”").as_str())
    );
    press(
        &mut harness,
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    assert_eq!(
        harness.state().message(),
        Some(format!("Redid: new instrument “{NEW_TITLE}”").as_str())
    );
}

#[test]
fn the_saved_notice_goes_with_the_next_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    coopdesk::store::save(&coopdesk::store::sample().unwrap(), &path).unwrap();
    let mut harness = sample();
    open_through_the_prompt(&mut harness, &path);
    create_mou(&mut harness);
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::S);
    wait(&mut harness);
    assert!(
        harness
            .state()
            .message()
            .is_some_and(|m| m.starts_with("Saved ")),
        "saving says so"
    );
    harness
        .state_mut()
        .send(Command::Apply(Box::new(coopdesk::ui::Change::from(
            coopdesk::model::Edit::SetTitle("Later".to_owned()),
        ))));
    harness.run();
    assert_eq!(harness.state().message(), None);
}

#[test]
fn workspace_properties_change_title_and_marking_in_one_undoable_step() {
    let mut harness = sample();
    let before = harness.state().document().workspace().clone();
    harness.get_by_label("Workspace").click();
    harness.run();
    harness.get_by_label("Properties…").click();
    harness.run();
    retype(&mut harness, "Workspace title", "Türkiye–Iraq desk");
    harness.get_by_label("Workspace marking").click();
    harness.run();
    choose_option(&mut harness, "RESTRICTED");
    type_into(&mut harness, "Caveats, separated by commas", "REL TUR");
    harness.get_by_label("Save").click();
    harness.run();

    let ws = harness.state().document().workspace();
    assert_eq!(ws.title, "Türkiye–Iraq desk");
    assert_eq!(ws.marking.to_string(), "RESTRICTED // REL TUR");
    assert_eq!(
        harness.query_all_by_label("RESTRICTED // REL TUR").count(),
        2,
        "the banners show the new marking at top and bottom"
    );
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(harness.state().document().workspace(), &before);
    assert_eq!(
        harness.state().message(),
        Some("Undid: the workspace's properties")
    );
}

#[test]
fn workspace_properties_refuse_an_empty_title() {
    let mut harness = sample();
    harness.state_mut().send(Command::WorkspaceProperties);
    harness.run();
    retype(&mut harness, "Workspace title", "   ");
    harness.get_by_label("The title is empty.");
    harness.get_by_label("Save").click();
    harness.run();
    assert_ne!(harness.state().document().workspace().title.trim(), "");
}

#[test]
fn find_searches_the_sentences_figures_quote_and_counts_what_it_finds() {
    let mut harness = sample();
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::F);
    type_into(&mut harness, FIND_FIELD, "past week");
    harness.get_by_label_contains("records found");
    let figure = harness
        .get_all_by_label_contains("284 apprehended")
        .last()
        .expect("the weekly border figure, found by its quote");
    figure.click();
    harness.run();
    assert_eq!(harness.state().tab(), Tab::Statistics);
}

#[test]
fn a_bare_file_name_is_written_beside_the_workspace_not_where_coopdesk_started() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = sample();
    harness
        .state_mut()
        .set_default_folder(dir.path().to_owned());
    harness.state_mut().send(Command::FileChosen(
        coopdesk::ui::FileAction::ExportCsv,
        std::path::PathBuf::from("figures-bare-name.csv"),
    ));
    wait(&mut harness);
    assert!(dir.path().join("figures-bare-name.csv").is_file());
    assert!(!std::path::Path::new("figures-bare-name.csv").exists());
}
