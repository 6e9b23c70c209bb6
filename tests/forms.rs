//! Every record form, driven as a user would: open it, fill it by label,
//! save, see the record where the user would, edit one field, then undo the
//! edit and the creation with Ctrl+Z.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use coopdesk::model::{RecordId, RecordKind, Workspace};
use coopdesk::ui::{App, Command, Tab};

mod common;

use common::{field, press, retype, sample, type_into};

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
    // Retyped: a new figure starts from the last one's period.
    for (name, text) in fields {
        retype(harness, name, text);
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
            ("Reported on", "2024-07-04"),
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
    let metric = created.metric_name(&figure.metric).to_lowercase();
    harness.get_by_label_contains(&format!("4,321 {metric}"));

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
    harness.get_by_label_contains(&format!("4,400 {metric}"));
    assert_eq!(
        harness
            .query_all_by_label_contains(&format!("4,321 {metric}"))
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
fn a_new_figure_does_not_hold_its_empty_value_against_the_user() {
    let mut harness = sample();
    open_new(&mut harness, RecordKind::Observation, "New figure");
    assert_shown(&harness, "Cannot save yet: Value is empty");
    assert_not_shown(&harness, "Value is empty");
    type_into(&mut harness, "Value", "x");
    assert_shown(&harness, "Value \"x\" is not a whole number");
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

#[test]
fn a_figure_is_linked_to_its_briefing_and_the_briefing_lists_its_figures() {
    let mut harness = sample();
    let briefing = "Ministry of National Defence weekly press briefing";
    open_new(&mut harness, RecordKind::Observation, "New figure");
    retype(&mut harness, "From", "2024-04-22");
    retype(&mut harness, "To", "2024-04-24");
    type_into(&mut harness, "Value", "25");
    // The new figure starts at the last figure's briefing: start from none,
    // so that picking one is seen to work.
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Reported at")
        .click();
    harness.run();
    harness.get_by_label("No event").click();
    harness.run();
    retype(&mut harness, "Reported on", "");
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Reported at")
        .click();
    harness.run();
    type_into(&mut harness, "Filter Reported at", "weekly press");
    harness
        .get_by_label(&format!("2024-04-25  {briefing}"))
        .click();
    harness.run();
    save(&mut harness);

    let ws = workspace(&harness);
    let figure = ws
        .observations
        .iter()
        .find(|o| o.value == 25)
        .expect("the new figure");
    assert_eq!(
        figure.reported_at.as_ref().map(|e| e.as_str()),
        Some("2024-04-25-mnd-weekly-briefing")
    );
    assert_eq!(
        figure.reported_on,
        chrono::NaiveDate::from_ymd_opt(2024, 4, 25),
        "an empty reporting date takes the briefing's"
    );

    // The figure's details link to the briefing, whose details list it.
    let name = format!("event “{briefing}”");
    harness.get_by_label(&name).scroll_to_me();
    harness.run();
    harness.get_by_label(&name).click();
    harness.run();
    assert_eq!(harness.state().tab(), Tab::Events);
    assert_shown(&harness, "Figures reported (11)");
    let label = ws.figure_label(figure);
    harness.get_by_label(&label).scroll_to_me();
    harness.run();
    harness.get_by_label(&label).click();
    harness.run();
    assert_eq!(harness.state().tab(), Tab::Statistics);
}

/// The text the field named `name` holds.
fn text_of(harness: &Harness<'_, App>, name: &str) -> String {
    field(harness, name)
        .accesskit_node()
        .value()
        .unwrap_or_default()
}

#[test]
fn a_new_figure_starts_from_the_statistics_metric_and_the_last_figure() {
    let mut harness = sample();
    send(&mut harness, Command::ShowTab(Tab::Statistics));
    open_new(&mut harness, RecordKind::Observation, "New figure");
    // The sample's figures were all reported at the briefing of 25 April
    // 2024; the tab shows people neutralised.
    assert_eq!(text_of(&harness, "Reported on"), "2024-04-25");
    assert!(
        !text_of(&harness, "From").is_empty(),
        "the last figure's period"
    );
    assert_eq!(
        text_of(&harness, "Value"),
        "",
        "the value is the user's to type"
    );

    // The next briefing: Save and add another keeps what its figures share.
    retype(&mut harness, "From", "2024-04-26");
    retype(&mut harness, "To", "2024-05-02");
    retype(&mut harness, "Reported on", "2024-05-02");
    type_into(&mut harness, "Value", "25");
    harness.get_by_label("Save and add another").click();
    harness.run();
    assert_eq!(harness.state().form_title().as_deref(), Some("New figure"));
    assert_eq!(text_of(&harness, "From"), "2024-04-26");
    assert_eq!(text_of(&harness, "To"), "2024-05-02");
    assert_eq!(text_of(&harness, "Reported on"), "2024-05-02");
    assert_eq!(text_of(&harness, "Value"), "");
    let saved = workspace(&harness);
    let figure = saved
        .observations
        .iter()
        .find(|o| o.value == 25 && o.start.to_string() == "2024-04-26")
        .expect("the first figure was saved");
    assert_eq!(figure.metric.as_str(), "neutralised", "the tab's metric");
    assert_eq!(
        figure.sources.first().map(|c| c.source.as_str()),
        Some("src-mnd-briefing-2024-04-25"),
        "it cites the last figure's source"
    );
    assert_eq!(
        figure.reported_at.as_ref().map(|e| e.as_str()),
        Some("2024-04-25-mnd-weekly-briefing")
    );

    // Ctrl+Enter saves from any field.
    type_into(&mut harness, "Value", "827");
    retype(&mut harness, "From", "2024-01-01");
    press(&mut harness, Modifiers::COMMAND, Key::Enter);
    assert_eq!(harness.state().form_title(), None, "Ctrl+Enter saved");
    assert!(
        workspace(&harness)
            .observations
            .iter()
            .any(|o| o.value == 827 && o.start.to_string() == "2024-01-01")
    );
}

#[test]
fn focus_starts_in_the_first_field_and_tab_goes_from_date_to_date() {
    let mut harness = sample();
    open_new(&mut harness, RecordKind::Source, "New source");
    harness.run();
    assert!(
        field(&harness, "Source title")
            .accesskit_node()
            .is_focused(),
        "typing goes to the first field at once"
    );

    harness.get_by_label("Cancel").click();
    harness.run();
    open_new(&mut harness, RecordKind::Observation, "New figure");
    retype(&mut harness, "From", "2024-05-01");
    // Tab passes over Calendar… and Clear to the end date.
    press(&mut harness, Modifiers::NONE, Key::Tab);
    harness.run();
    assert!(field(&harness, "To").accesskit_node().is_focused());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    field(&harness, "To").type_text("2024-05-31");
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Tab);
    assert_eq!(text_of(&harness, "From"), "2024-05-01");
    assert_eq!(
        text_of(&harness, "To"),
        "2024-05-31",
        "nothing typed was lost"
    );
    // And Shift+Tab comes back.
    field(&harness, "To").focus();
    harness.run();
    press(&mut harness, Modifiers::SHIFT, Key::Tab);
    harness.run();
    assert!(field(&harness, "From").accesskit_node().is_focused());
}

#[test]
fn the_region_picker_finds_known_regions_and_asks_about_near_duplicates() {
    let mut harness = sample();
    open_new(&mut harness, RecordKind::Observation, "New figure");
    type_into(&mut harness, "Find or add a region", "northen iraq");
    assert_shown(&harness, "Did you mean northern Iraq?");
    harness.get_by_label("Tick northern Iraq").click();
    harness.run();
    // Typed another way, a known region is ticked with Enter.
    type_into(&mut harness, "Find or add a region", "NORTHERN SYRIA");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    // A new one is added when nothing known resembles it.
    type_into(&mut harness, "Find or add a region", "Hakkari");
    harness
        .get_by_label("Add \u{201c}Hakkari\u{201d} as a new region")
        .click();
    harness.run();
    for region in ["northern Iraq", "northern Syria", "Hakkari"] {
        let checkbox = harness.get_by_role_and_label(Role::CheckBox, region);
        assert_eq!(
            checkbox.accesskit_node().toggled(),
            Some(egui::accesskit::Toggled::True),
            "{region} is ticked"
        );
    }
    assert_eq!(
        harness
            .query_all_by_role_and_label(Role::CheckBox, "northen iraq")
            .count(),
        0,
        "no near-duplicate region was made"
    );
}

#[test]
fn a_new_source_is_made_inside_the_figure_form_and_saved_with_it_in_one_step() {
    let mut harness = sample();
    let start = workspace(&harness);
    open_new(&mut harness, RecordKind::Observation, "New figure");
    harness.get_by_label("New source…").click();
    harness.run();
    type_into(
        &mut harness,
        "New source's title",
        "MND weekly briefing, 2 May 2024",
    );
    type_into(&mut harness, "New source's date", "2024-05-02");
    harness.get_by_label("Add and cite").click();
    harness.run();
    retype(&mut harness, "From", "2024-04-26");
    retype(&mut harness, "To", "2024-05-02");
    retype(&mut harness, "Reported on", "2024-05-02");
    type_into(&mut harness, "Value", "25");
    save(&mut harness);

    let ws = workspace(&harness);
    let source = ws
        .sources
        .iter()
        .find(|s| s.title == "MND weekly briefing, 2 May 2024")
        .expect("the source was made");
    let figure = ws
        .observations
        .iter()
        .find(|o| o.value == 25 && o.start.to_string() == "2024-04-26")
        .expect("the figure was saved");
    assert!(figure.sources.iter().any(|c| c.source == source.id));
    assert!(ws.validate().is_empty());

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(workspace(&harness), start, "one undo takes back both");
}

#[test]
fn escape_on_a_form_with_changes_asks_before_discarding() {
    let mut harness = sample();
    let start = workspace(&harness);
    // Nothing typed: Escape just closes.
    open_new(&mut harness, RecordKind::Party, "New party");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().form_title(), None);

    open_new(&mut harness, RecordKind::Party, "New party");
    type_into(&mut harness, "Party name", "Kurdistan Regional Government");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_shown(&harness, "Discard your changes?");
    harness.get_by_label("Keep editing").click();
    harness.run();
    assert_eq!(harness.state().form_title().as_deref(), Some("New party"));
    assert_eq!(
        text_of(&harness, "Party name"),
        "Kurdistan Regional Government"
    );

    press(&mut harness, Modifiers::NONE, Key::Escape);
    harness.get_by_label("Discard changes").click();
    harness.run();
    assert_eq!(harness.state().form_title(), None);
    assert_eq!(workspace(&harness), start);
}

#[test]
fn a_metric_id_with_a_control_character_is_refused_in_the_form() {
    let mut harness = sample();
    open_new(&mut harness, RecordKind::Metric, "New metric");
    type_into(&mut harness, "Id, e.g. neutralised", "bell\u{7}");
    type_into(&mut harness, "Metric name", "Bell");
    assert_shown(
        &harness,
        "Cannot save yet: Id has leading or trailing spaces or control characters",
    );
}
