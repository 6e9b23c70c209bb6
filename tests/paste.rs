//! File > Paste briefing text, driven headless: paste a briefing, check the
//! proposals, confirm, undo.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use coopdesk::model::{EventKind, Workspace};
use coopdesk::ui::{App, Command};

mod common;

use common::{field, sample};

const BRIEFING: &str = include_str!("data/briefings/2024-05-02-en.txt");

/// Counts what the user does: each click, key or paste is one action.
struct User<'a, 'h> {
    harness: &'a mut Harness<'h, App>,
    actions: usize,
}

impl User<'_, '_> {
    fn command(&mut self, command: Command) {
        // A menu item or shortcut: one action.
        self.actions += 1;
        self.harness.state_mut().send(command);
        self.harness.run();
    }

    fn paste_into(&mut self, name: &str, text: &str) {
        // Click into the box, then Ctrl+V.
        self.actions += 2;
        self.harness.get_by_label(name).focus();
        self.harness.run();
        self.harness.event(egui::Event::Paste(text.to_owned()));
        self.harness.run();
    }

    fn type_into(&mut self, name: &str, text: &str) {
        self.actions += 2;
        field(self.harness, name).focus();
        self.harness.run();
        field(self.harness, name).type_text(text);
        self.harness.run();
    }

    fn click(&mut self, label: &str) {
        self.actions += 1;
        let node = self.harness.get_by_label(label);
        node.scroll_to_me();
        self.harness.run();
        self.harness.get_by_label(label).click();
        self.harness.run();
    }
}

fn ws(harness: &Harness<'_, App>) -> Workspace {
    harness.state().document().workspace().clone()
}

fn figure(ws: &Workspace, metric: &str, regions: &[&str], start: &str, end: &str) -> Option<u64> {
    ws.observations
        .iter()
        .find(|o| {
            o.metric.as_str() == metric
                && o.regions
                    .iter()
                    .map(String::as_str)
                    .eq(regions.iter().copied())
                && o.start.to_string() == start
                && o.end.to_string() == end
        })
        .map(|o| o.value)
}

#[test]
fn the_2_may_briefing_becomes_figures_a_source_and_an_event_in_one_undoable_step() {
    let mut harness = sample();
    let before = ws(&harness);
    let mut user = User {
        harness: &mut harness,
        actions: 0,
    };
    user.command(Command::PasteBriefing);
    user.paste_into("Briefing text", BRIEFING);
    // The text says "on Thursday", not the date.
    user.type_into("Reported on", "2024-05-02");
    user.click("Confirm (7 figures)");
    let actions = user.actions;
    assert!(actions <= 10, "{actions} user actions");

    let after = ws(&harness);
    let neutralised =
        |regions: &[&str], start| figure(&after, "neutralised", regions, start, "2024-05-02");
    assert_eq!(neutralised(&[], "2024-04-26"), Some(25));
    assert_eq!(
        neutralised(&["northern Iraq", "northern Syria"], "2024-01-01"),
        Some(827)
    );
    assert_eq!(neutralised(&["northern Iraq"], "2024-01-01"), Some(381));
    assert_eq!(neutralised(&["northern Syria"], "2024-01-01"), Some(446));
    let added: Vec<_> = after
        .observations
        .iter()
        .filter(|o| !before.observations.contains(o.id.as_str()))
        .collect();
    let values: Vec<u64> = added.iter().map(|o| o.value).collect();
    assert_eq!(
        figure(
            &after,
            "apprehended_border",
            &[],
            "2024-04-26",
            "2024-05-02"
        ),
        Some(312)
    );
    assert_eq!(
        figure(
            &after,
            "apprehended_border_terrorist_members",
            &[],
            "2024-04-26",
            "2024-05-02"
        ),
        Some(6)
    );
    assert_eq!(
        figure(&after, "prevented_border", &[], "2024-04-26", "2024-05-02"),
        Some(2103)
    );
    for value in [25, 827, 381, 446, 312, 6, 2103] {
        assert!(values.contains(&value), "{value} not in {values:?}");
    }
    let event = after
        .events
        .iter()
        .find(|e| !before.events.contains(e.id.as_str()))
        .expect("a briefing event");
    assert_eq!(event.kind, EventKind::Briefing);
    assert_eq!(
        event.date.map(|d| d.to_string()).as_deref(),
        Some("2024-05-02")
    );
    let source = after
        .sources
        .iter()
        .find(|s| !before.sources.contains(s.id.as_str()))
        .expect("a source");
    assert_eq!(source.excerpt, BRIEFING);
    assert_eq!(event.sources[0].source, source.id);
    for o in &added {
        assert_eq!(o.reported_at.as_ref(), Some(&event.id));
        assert_eq!(
            o.reported_on.map(|d| d.to_string()).as_deref(),
            Some("2024-05-02")
        );
        assert_eq!(o.sources[0].source, source.id);
        assert!(
            BRIEFING
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(&o.sources[0].quote)
        );
    }

    harness.state_mut().send(Command::Undo);
    harness.run();
    let undone = ws(&harness);
    assert_eq!(undone.observations.len(), before.observations.len());
    assert_eq!(undone.events.len(), before.events.len());
    assert_eq!(undone.sources.len(), before.sources.len());
}

#[test]
fn escape_changes_nothing() {
    let mut harness = sample();
    let before = ws(&harness);
    harness.state_mut().send(Command::PasteBriefing);
    harness.run();
    harness.get_by_label("Briefing text").focus();
    harness.run();
    harness.event(egui::Event::Paste(BRIEFING.to_owned()));
    harness.run();
    common::type_into(&mut harness, "Reported on", "2024-05-02");
    harness.get_by_label("Confirm (7 figures)");
    common::press(&mut harness, egui::Modifiers::NONE, egui::Key::Escape);
    assert!(harness.query_by_label("Paste briefing text").is_none());
    assert_eq!(ws(&harness), before);
    assert!(!harness.state().document().can_undo());
}

#[test]
fn a_text_without_figures_says_why() {
    // Pasted emoji and Arabic have no glyph in the embedded font: the app
    // draws a box for them, as here.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .with_max_steps(16)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut App| app.draw(ui), App::sample());
    harness.run();
    harness.state_mut().send(Command::PasteBriefing);
    harness.run();
    harness.get_by_label("Briefing text").focus();
    harness.run();
    harness.event(egui::Event::Paste(
        "The minister met his counterpart in Baghdad. They discussed water. 🌊 مرحبا".to_owned(),
    ));
    harness.run();
    common::type_into(&mut harness, "Reported on", "2024-05-02");
    assert_eq!(
        harness.query_all_by_label_contains("No figures:").count(),
        1
    );
    harness.get_by_label("Confirm (0 figures)");
}

#[test]
fn a_figure_already_present_is_shown_as_skipped() {
    let mut harness = sample();
    // A figure of the 25 April briefing, which the sample holds.
    let text = "The number of individuals prevented from crossing the border since January 1, 2024, has reached 48,596, he said.".to_owned();
    harness.state_mut().send(Command::PasteBriefing);
    harness.run();
    harness.get_by_label("Briefing text").focus();
    harness.run();
    harness.event(egui::Event::Paste(text));
    harness.run();
    common::type_into(&mut harness, "Reported on", "2024-04-25");
    harness.get_by_label("Already present (skipped).");
}

/// Runs frames until `label` is shown: a long text is read on its own
/// thread. Bounded, so that a reading that never ends fails the test.
fn run_until_shown(harness: &mut Harness<'_, App>, label: &str) {
    for _ in 0..1_200 {
        harness.run();
        if harness.query_by_label(label).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("{label:?} was never shown");
}

fn paste(harness: &mut Harness<'_, App>, text: String) {
    harness.state_mut().send(Command::PasteBriefing);
    harness.run();
    harness.get_by_label("Briefing text").focus();
    harness.run();
    harness.event(egui::Event::Paste(text));
    harness.run();
}

#[test]
fn a_long_text_is_read_off_the_ui_thread_without_being_laid_out() {
    let mut harness = sample();
    // Repeated, the briefing's figures are proposed once.
    let long = BRIEFING.repeat(300_000 / BRIEFING.len() + 1);
    paste(&mut harness, long);
    harness.get_by_label_contains("too long to show here");
    assert!(harness.query_by_label("Briefing text").is_none());
    common::type_into(&mut harness, "Reported on", "2024-05-02");
    run_until_shown(&mut harness, "Confirm (7 figures)");
    harness.get_by_label("Clear text").click();
    harness.run();
    harness.get_by_label("Briefing text");
    harness.get_by_label_contains("Paste the text of a briefing");
}

#[test]
fn reading_a_long_text_can_be_stopped_and_changes_nothing() {
    let mut harness = sample();
    let before = ws(&harness);
    let long = format!(
        "2 May 2024. {}",
        BRIEFING.repeat(2_000_000 / BRIEFING.len() + 1)
    );
    paste(&mut harness, long);
    // The text states its date, so reading starts at once.
    harness.get_by_label_contains("Reading the text (2.0 MB)");
    harness.get_by_label("Stop reading").click();
    harness.run();
    harness.get_by_label_contains("Reading stopped: nothing proposed");
    assert!(
        harness
            .query_by_label_contains("Reading the text")
            .is_none()
    );
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(ws(&harness), before);
}

#[test]
fn a_reported_on_date_that_does_not_exist_says_so() {
    let mut harness = sample();
    paste(&mut harness, BRIEFING.to_owned());
    common::type_into(&mut harness, "Reported on", "2024-02-30");
    harness.get_by_label_contains("Reported on: ");
    assert!(
        harness
            .query_by_label_contains("Confirm (0 figures)")
            .is_some()
    );
}

#[test]
fn binary_data_says_so() {
    let mut harness = sample();
    paste(&mut harness, "PK\u{3}\u{4}\0\0\u{8}".to_owned());
    harness.get_by_label_contains("not text");
}

#[test]
fn instruments_the_briefing_names_are_offered_and_linked_to_its_event() {
    let mut harness = sample();
    let before = ws(&harness);
    let named = before
        .instruments
        .iter()
        .next()
        .expect("the sample has instruments");
    let text = format!("{BRIEFING}\nThe {} was also discussed.", named.title);
    paste(&mut harness, text);
    common::type_into(&mut harness, "Reported on", "2024-05-02");
    harness.get_by_label("Mentioned in this briefing");
    // Offered ticked: confirming links it.
    let offered = harness.get_by_label(named.title.as_str());
    offered.scroll_to_me();
    harness.run();
    let confirm = harness.get_by_label_contains("Confirm (");
    confirm.scroll_to_me();
    harness.run();
    harness.get_by_label_contains("Confirm (").click();
    harness.run();
    let after = ws(&harness);
    let event = after
        .events
        .iter()
        .find(|e| !before.events.contains(e.id.as_str()))
        .expect("a briefing event");
    assert_eq!(event.instruments, vec![named.id.clone()]);
}

#[test]
fn a_briefing_is_read_from_a_text_file_and_a_binary_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("2024-05-02.txt");
    // With a byte-order mark, as some editors save.
    std::fs::write(&text, format!("\u{feff}{BRIEFING}")).unwrap();
    let mut harness = sample();
    harness.state_mut().send(Command::PasteBriefing);
    harness.run();
    harness.get_by_label("Open .txt…").click();
    harness.run();
    // Headless, the app asks for the path in the window.
    common::type_into(
        &mut harness,
        "Path to a .txt file",
        &text.display().to_string(),
    );
    harness.get_by_label("Read text").click();
    harness.step();
    common::wait(&mut harness);
    harness.get_by_label("Paste briefing text");
    common::type_into(&mut harness, "Reported on", "2024-05-02");
    harness.get_by_label("Confirm (7 figures)");

    let binary = dir.path().join("scan.txt");
    std::fs::write(&binary, [0xffu8, 0xfe, 0x00, 0x9c, 0x80]).unwrap();
    harness.state_mut().send(Command::FileChosen(
        coopdesk::ui::FileAction::OpenBriefingText,
        binary,
    ));
    common::wait(&mut harness);
    harness.get_by_label_contains("not UTF-8 text");
}
