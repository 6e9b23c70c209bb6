//! Every record form, driven as a user would: open it, fill it by label,
//! save, see the record where the user would, edit one field, then undo the
//! edit and the creation with Ctrl+Z.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use coopdesk::model::{RecordId, RecordKind, Workspace};
use coopdesk::ui::{App, Command, Tab};

mod common;

use common::{retype, sample, type_into};

fn workspace(harness: &Harness<'_, App>) -> Workspace {
    harness.state().document().workspace().clone()
}

fn send(harness: &mut Harness<'_, App>, command: Command) {
    harness.state_mut().send(command);
    harness.run();
}

/// Opens the form for a new record of `kind` and checks its title.
fn open_new(harness: &mut Harness<'_, App>, kind: RecordKind, title: &str) {
    send(harness, Command::NewRecord(kind));
    assert_eq!(harness.state().form_title().as_deref(), Some(title));
}

/// Opens the form for a new record of `kind`, types `fields` (name, text)
/// and saves; returns the workspace with the record.
fn create(
    harness: &mut Harness<'_, App>,
    kind: RecordKind,
    title: &str,
    fields: &[(&str, &str)],
) -> Workspace {
    open_new(harness, kind, title);
    for (name, text) in fields {
        type_into(harness, name, text);
    }
    save(harness);
    workspace(harness)
}

/// Opens the form for `id`, checks its title, replaces the text of the
/// field `name` and saves.
fn edit(harness: &mut Harness<'_, App>, id: RecordId, title: &str, name: &str, text: &str) {
    send(harness, Command::EditRecord(id));
    assert_eq!(harness.state().form_title().as_deref(), Some(title));
    retype(harness, name, text);
    save(harness);
}

/// Clicks Save and checks that the form closed, i.e. that it had no problems.
fn save(harness: &mut Harness<'_, App>) {
    harness.get_by_label("Save").click();
    harness.run();
    assert_eq!(
        harness.state().form_title(),
        None,
        "the form saved and closed"
    );
}

/// The one record that `added` has and `before` does not, of the kind that
/// `ids` lists.
fn added_id<Id: PartialEq + Clone>(
    ids: impl Fn(&Workspace) -> Vec<Id>,
    before: &Workspace,
    after: &Workspace,
) -> Id {
    let old = ids(before);
    let new: Vec<Id> = ids(after)
        .into_iter()
        .filter(|id| !old.contains(id))
        .collect();
    assert_eq!(new.len(), 1, "exactly one record was added");
    new[0].clone()
}

/// Checks that `text` is on screen (in a table, a details pane or both).
fn assert_shown(harness: &Harness<'_, App>, text: &str) {
    assert!(
        harness.query_all_by_label(text).count() > 0,
        "{text:?} is shown"
    );
}

fn assert_not_shown(harness: &Harness<'_, App>, text: &str) {
    assert_eq!(
        harness.query_all_by_label(text).count(),
        0,
        "{text:?} is not shown"
    );
}

/// The first Ctrl+Z undoes the edit, the second the creation.
fn undo_edit_then_creation(harness: &mut Harness<'_, App>, created: &Workspace, start: &Workspace) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(
        &workspace(harness),
        created,
        "Ctrl+Z restores the created version"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(
        &workspace(harness),
        start,
        "Ctrl+Z again removes the record"
    );
}

#[test]
fn party_form_creates_edits_and_undoes() {
    let mut harness = sample();
    let start = workspace(&harness);

    let created = create(
        &mut harness,
        RecordKind::Party,
        "New party",
        &[("Party name", "Republic of Kosovo"), ("Code", "XKX")],
    );
    let id = added_id(
        |ws| ws.parties.iter().map(|p| p.id.clone()).collect(),
        &start,
        &created,
    );
    let party = created.parties.get(id.as_str()).expect("added");
    assert_eq!(
        (party.name.as_str(), party.code.as_str()),
        ("Republic of Kosovo", "XKX")
    );
    assert_eq!(harness.state().tab(), Tab::Reference);
    assert_shown(&harness, "Republic of Kosovo");
    assert_shown(&harness, "XKX");

    edit(
        &mut harness,
        RecordId::Party(id.clone()),
        "Edit party",
        "Party name",
        "Kosovo",
    );
    assert_eq!(
        workspace(&harness)
            .parties
            .get(id.as_str())
            .map(|p| p.name.as_str()),
        Some("Kosovo")
    );
    assert_shown(&harness, "Kosovo");
    assert_not_shown(&harness, "Republic of Kosovo");

    undo_edit_then_creation(&mut harness, &created, &start);
    assert_not_shown(&harness, "XKX");
}

#[test]
fn source_form_creates_edits_and_undoes() {
    let mut harness = sample();
    let start = workspace(&harness);

    let created = create(
        &mut harness,
        RecordKind::Source,
        "New source",
        &[
            ("Source title", "Statement on border security, 3 June 2024"),
            ("Publisher", "Anadolu Agency"),
            ("Published", "2024-06-03"),
        ],
    );
    let id = added_id(
        |ws| ws.sources.iter().map(|s| s.id.clone()).collect(),
        &start,
        &created,
    );
    let source = created.sources.get(id.as_str()).expect("added");
    assert_eq!(source.publisher, "Anadolu Agency");
    assert_eq!(
        source.published_on.map(|d| d.to_string()).as_deref(),
        Some("2024-06-03")
    );
    assert_eq!(harness.state().tab(), Tab::Sources);
    // The details pane of the selected source.
    assert_shown(&harness, "Anadolu Agency");

    edit(
        &mut harness,
        RecordId::Source(id.clone()),
        "Edit source",
        "Publisher",
        "Ministry of National Defence",
    );
    assert_eq!(
        workspace(&harness)
            .sources
            .get(id.as_str())
            .map(|s| s.publisher.as_str()),
        Some("Ministry of National Defence")
    );
    assert_shown(&harness, "Ministry of National Defence");
    assert_not_shown(&harness, "Anadolu Agency");

    undo_edit_then_creation(&mut harness, &created, &start);
}

#[test]
fn metric_form_creates_edits_and_undoes() {
    let mut harness = sample();
    let start = workspace(&harness);

    let created = create(
        &mut harness,
        RecordKind::Metric,
        "New metric",
        &[
            ("Id, e.g. neutralised", "detained_checkpoints"),
            ("Metric name", "Detained at checkpoints"),
        ],
    );
    let metric = created
        .metrics
        .get("detained_checkpoints")
        .expect("added under the id typed");
    assert_eq!(metric.name, "Detained at checkpoints");
    assert_eq!(harness.state().tab(), Tab::Reference);
    assert_shown(&harness, "detained_checkpoints");
    assert_shown(&harness, "Detained at checkpoints");

    let id = metric.id.clone();
    edit(
        &mut harness,
        RecordId::Metric(id),
        "Edit metric",
        "Metric name",
        "Detained at border checkpoints",
    );
    assert_eq!(
        workspace(&harness)
            .metrics
            .get("detained_checkpoints")
            .map(|m| m.name.as_str()),
        Some("Detained at border checkpoints")
    );
    assert_shown(&harness, "Detained at border checkpoints");
    assert_not_shown(&harness, "Detained at checkpoints");

    undo_edit_then_creation(&mut harness, &created, &start);
    assert_not_shown(&harness, "detained_checkpoints");
}

#[test]
fn instrument_form_creates_edits_and_undoes() {
    let mut harness = sample();
    let start = workspace(&harness);

    let created = create(
        &mut harness,
        RecordKind::Instrument,
        "New instrument",
        &[
            ("Instrument title", "Protocol on joint border patrols"),
            (
                "What is known about the dates",
                "Signing is expected in June.",
            ),
        ],
    );
    let id = added_id(
        |ws| ws.instruments.iter().map(|i| i.id.clone()).collect(),
        &start,
        &created,
    );
    let instrument = created.instruments.get(id.as_str()).expect("added");
    assert_eq!(instrument.title, "Protocol on joint border patrols");
    assert_eq!(harness.state().tab(), Tab::Instruments);
    // The note is shown only in the details pane of the selected instrument.
    assert_shown(&harness, "Signing is expected in June.");

    edit(
        &mut harness,
        RecordId::Instrument(id.clone()),
        "Edit instrument",
        "What is known about the dates",
        "Signed on 12 June 2024.",
    );
    assert_eq!(
        workspace(&harness)
            .instruments
            .get(id.as_str())
            .map(|i| i.dates.note.as_str()),
        Some("Signed on 12 June 2024.")
    );
    assert_shown(&harness, "Signed on 12 June 2024.");
    assert_not_shown(&harness, "Signing is expected in June.");

    undo_edit_then_creation(&mut harness, &created, &start);
}

#[test]
fn event_form_creates_edits_and_undoes() {
    let mut harness = sample();
    let start = workspace(&harness);

    let created = create(
        &mut harness,
        RecordKind::Event,
        "New event",
        &[
            ("Event title", "Defence ministers meet in Ankara"),
            ("Date", "2024-06-10"),
        ],
    );
    let id = added_id(
        |ws| ws.events.iter().map(|e| e.id.clone()).collect(),
        &start,
        &created,
    );
    let event = created.events.get(id.as_str()).expect("added");
    assert_eq!(event.title, "Defence ministers meet in Ankara");
    assert_eq!(harness.state().tab(), Tab::Events);
    // The details pane of the selected event spells the date out.
    assert_shown(&harness, "Monday 10 June 2024");

    edit(
        &mut harness,
        RecordId::Event(id.clone()),
        "Edit event",
        "Date",
        "2024-06-11",
    );
    assert_eq!(
        workspace(&harness)
            .events
            .get(id.as_str())
            .and_then(|e| e.date)
            .map(|d| d.to_string()),
        Some("2024-06-11".to_owned())
    );
    assert_shown(&harness, "Tuesday 11 June 2024");
    assert_not_shown(&harness, "Monday 10 June 2024");

    undo_edit_then_creation(&mut harness, &created, &start);
}

#[test]
fn figure_form_creates_edits_and_undoes() {
    let mut harness = sample();
    let start = workspace(&harness);

    // The UI calls observations figures, the form's title too.
    let created = create(
        &mut harness,
        RecordKind::Observation,
        "New figure",
        &[
            ("From", "2024-06-01"),
            ("To", "2024-06-30"),
            ("Value", "4321"),
        ],
    );
    let id = added_id(
        |ws| ws.observations.iter().map(|o| o.id.clone()).collect(),
        &start,
        &created,
    );
    let figure = created.observations.get(id.as_str()).expect("added");
    assert_eq!(figure.value, 4321);
    assert_eq!(harness.state().tab(), Tab::Statistics);
    // The selected figure's summary under the figures table.
    harness.get_by_label_contains("4,321 apprehended crossing the border illegally");

    edit(
        &mut harness,
        RecordId::Observation(id.clone()),
        "Edit figure",
        "Value",
        "4400",
    );
    assert_eq!(
        workspace(&harness)
            .observations
            .get(id.as_str())
            .map(|o| o.value),
        Some(4400)
    );
    harness.get_by_label_contains("4,400 apprehended crossing the border illegally");
    assert_eq!(
        harness
            .query_all_by_label_contains("4,321 apprehended")
            .count(),
        0
    );

    undo_edit_then_creation(&mut harness, &created, &start);
}

#[test]
fn missing_fields_are_marked_once_the_form_is_touched_and_milestone_problems_show_under_milestones()
{
    let mut harness = sample();
    open_new(&mut harness, RecordKind::Instrument, "New instrument");
    assert_shown(&harness, "Cannot save yet: Title is empty");
    assert_not_shown(&harness, "Title is empty");

    harness.get_by_label("Add a milestone").click();
    harness.run();
    assert_shown(&harness, "Title is empty");
    assert_shown(&harness, "Milestone 1 title is empty");
    assert_shown(&harness, "Cannot save yet: Title is empty (and 1 more)");
}

#[test]
fn fields_stay_put_as_problems_come_and_go() {
    let mut harness = sample();
    send(&mut harness, Command::NewRecord(RecordKind::Observation));
    let marking_top = |harness: &egui_kittest::Harness<'_, coopdesk::ui::App>| {
        // The row label, which moves with its row.
        harness
            .get_by_role_and_label(egui::accesskit::Role::Label, "Marking")
            .rect()
            .top()
    };
    let before = marking_top(&harness);
    type_into(&mut harness, "Value", "abc");
    let with_problem = marking_top(&harness);
    retype(&mut harness, "Value", "25");
    let fixed = marking_top(&harness);
    assert_eq!(before, with_problem, "a problem appearing moves nothing");
    assert_eq!(before, fixed, "a problem going moves nothing");
}
