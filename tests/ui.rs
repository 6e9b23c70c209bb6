//! The whole app, driven headless with egui_kittest: find widgets by label,
//! click, and check what is shown.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use coopdesk::ui::{App, Command, Tab};

mod common;

use common::{sample, wait};

/// Replaces the suggested path in the in-app path prompt, confirms with
/// `button` and waits for the file work it starts.
fn answer_path_prompt(
    harness: &mut Harness<'_, App>,
    field: &str,
    path: &std::path::Path,
    button: &str,
) {
    harness.get_by_label(field).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label(field)
        .type_text(&path.display().to_string());
    harness.run();
    harness.get_by_label(button).click();
    harness.step();
    wait(harness);
}

#[test]
fn overview_shows_the_latest_figures_and_instrument_counts() {
    let harness = sample();
    assert_eq!(harness.state().tab(), Tab::Overview);
    harness.get_by_label("802");
    harness.get_by_label("48,596");
    harness.get_by_label("Instruments by kind and status");
    harness.get_by_label("All reported figures reconcile.");
    assert_eq!(
        harness.query_all_by_label("UNCLASSIFIED").count(),
        2,
        "banner at top and bottom"
    );
}

#[test]
fn clicking_every_tab_shows_its_content() {
    let mut harness = sample();
    // Walks the tab list itself: a new tab does not compile here until it
    // says what it shows. Overview last, to come back from another tab.
    let mut tabs = Tab::ALL.to_vec();
    tabs.rotate_left(1);
    for tab in tabs {
        let expected = match tab {
            Tab::Overview => "Latest figures",
            Tab::Instruments => "Memorandum of Understanding on the Strategic Framework",
            Tab::Events => "President Erdoğan's visit to Iraq",
            Tab::Statistics => "Neutralised per month, by region",
            Tab::Sources => {
                "Ministry of National Defence weekly press briefing, 25 April 2024 (news report)"
            }
            Tab::Reference => "Parties",
            Tab::Timeline => "Security Joint Coordination Center",
        };
        harness.get_by_label(tab.label()).click();
        harness.run();
        assert_eq!(harness.state().tab(), tab);
        harness.get_by_label(expected);
    }
}

#[test]
fn selecting_an_instrument_shows_its_dates_and_sources() {
    let mut harness = sample();
    harness.get_by_label("Instruments").click();
    harness.run();
    harness
        .get_by_label("Memorandum of Understanding on the Strategic Framework")
        .click();
    harness.run();
    harness.get_by_label(
        "Signed during the President's visit to Iraq on Monday 22 April 2024; entry into force not reported.",
    );
    harness.get_by_label_contains(
        "under the Memorandum of Understanding on the Strategic Framework that was signed",
    );
    // Its events link back to the Events tab.
    harness
        .get_by_label("22 Apr 2024  President Erdoğan's visit to Iraq")
        .click();
    harness.run();
    assert_eq!(harness.state().tab(), Tab::Events);
    harness.get_by_label("Monday 22 April 2024");
}

#[test]
fn the_instrument_filter_narrows_the_table() {
    let mut harness = sample();
    harness.get_by_label("Instruments").click();
    harness.run();
    harness.get_by_label("9 instruments");
    harness.get_by_label("Filter instruments").click();
    harness.run();
    harness
        .get_by_label("Filter instruments")
        .type_text("health");
    harness.run();
    harness.get_by_label("Protocol on education and cooperation in military health");
    harness.get_by_label("1 of 9 instruments");
    assert!(
        harness
            .query_by_label("Security Joint Coordination Center")
            .is_none()
    );
}

#[test]
fn statistics_draws_estimated_months_distinctly_with_a_legend() {
    let mut harness = sample();
    harness.get_by_label("Statistics").click();
    harness.run();
    // A region's checkbox, and its one legend entry (solid and light bars
    // share it; the note under the chart says which is which).
    for region in ["northern Iraq", "northern Syria"] {
        assert_eq!(harness.get_all_by_label(region).count(), 2, "{region}");
    }
    harness.get_by_label_contains("Light: estimated, allocated pro rata by day");
    harness.get_by_label("Cumulative total");
    harness.get_by_label("Prevented");
    harness.get_by_label("The reported figures for this metric reconcile.");
}

#[test]
fn ctrl_and_a_number_switches_tabs() {
    let mut harness = sample();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num4);
    harness.run();
    assert_eq!(harness.state().tab(), Tab::Statistics);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num2);
    harness.run();
    assert_eq!(harness.state().tab(), Tab::Instruments);
}

#[test]
fn the_shortcuts_window_lists_shortcuts_from_the_command_enum() {
    let mut harness = sample();
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label_contains("Keyboard shortcuts").click();
    harness.run();
    harness.get_by_label("Ctrl+Shift+S");
    harness.get_by_label("Save As…");
}

#[test]
fn opening_a_bad_file_shows_where_it_is_wrong_and_keeps_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.ron");
    std::fs::write(&bad, "(format_version: 1, workspace: (title: 5))").unwrap();

    let mut harness = sample();
    let title_before = harness.state().document().workspace().title.clone();
    harness.state_mut().send(Command::Open);
    harness.run();
    harness
        .get_by_label("Path to a .ron workspace file")
        .type_text(&bad.display().to_string());
    harness.run();
    harness.get_by_label("Open").click();
    harness.step();
    wait(&mut harness);

    let message = harness.state().message().unwrap_or_default().to_owned();
    assert!(message.contains("broken.ron: 1:39"), "{message}");
    assert!(message.contains("workspace.title"), "{message}");
    assert_eq!(harness.state().document().workspace().title, title_before);
}

#[test]
fn save_as_writes_the_file_and_the_title_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("copy");

    let mut harness = sample();
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    harness.run();
    let field = harness.get_by_label("Path to a .ron workspace file");
    field.focus();
    harness.run();
    // Replace the suggested path.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Path to a .ron workspace file")
        .type_text(&target.display().to_string());
    harness.run();
    harness.get_by_label("Save").click();
    harness.step();
    wait(&mut harness);

    let saved = dir.path().join("copy.ron");
    let loaded = coopdesk::store::load(&saved).expect("saved file loads");
    assert_eq!(&loaded, harness.state().document().workspace());
    assert_eq!(harness.state().title(), "copy.ron — coopdesk");
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn export_chart_writes_what_the_statistics_tab_shows() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("iraq-only.svg");

    let mut harness = sample();
    harness.state_mut().send(Command::ShowTab(Tab::Statistics));
    harness.run();
    // Show one region only: the export must follow.
    // The controls' checkbox, drawn before the legend entry of that name.
    harness
        .get_all_by_label("northern Syria")
        .next()
        .unwrap()
        .click();
    harness.run();
    let export_buttons = harness.get_all_by_label("Export chart…").count();
    assert_eq!(export_buttons, 3, "monthly, cumulative and border charts");
    harness
        .get_all_by_label("Export chart…")
        .next()
        .unwrap()
        .click();
    harness.run();
    answer_path_prompt(
        &mut harness,
        "Path to a .png or .svg file",
        &target,
        "Export",
    );

    let message = harness.state().message().unwrap_or_default().to_owned();
    assert!(message.starts_with("Exported the chart"), "{message}");
    let svg = std::fs::read_to_string(&target).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let text: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    assert!(
        text.contains(&"Neutralised per month, northern Iraq"),
        "{text:?}"
    );
    assert!(!text.contains(&"northern Syria"));
    assert_eq!(text.iter().filter(|t| **t == "UNCLASSIFIED").count(), 2);
}

#[test]
fn copy_chart_puts_an_image_on_the_clipboard() {
    let mut harness = sample();
    harness.state_mut().send(Command::ShowTab(Tab::Statistics));
    harness.run();
    harness
        .get_all_by_label("Copy chart")
        .next()
        .unwrap()
        .click();
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyImage(image) => Some(image.size),
            _ => None,
        });
    assert_eq!(copied, Some([1600, 900]));
    harness.run();
    let message = harness.state().message().unwrap_or_default().to_owned();
    assert!(message.starts_with("Copied the chart"), "{message}");
}

#[test]
fn export_brief_from_the_file_menu_writes_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("brief");

    let mut harness = sample();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export brief…").click();
    harness.run();
    answer_path_prompt(
        &mut harness,
        "Path to a .pdf or .html file",
        &target,
        "Export",
    );

    let message = harness.state().message().unwrap_or_default().to_owned();
    assert!(message.contains("the brief (UNCLASSIFIED)"), "{message}");
    let bytes = std::fs::read(dir.path().join("brief.pdf")).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
}

#[test]
fn events_list_newest_first() {
    let mut harness = sample();
    harness.get_by_label("Events").click();
    harness.run();
    let top = |label: &str| harness.get_by_label(label).rect().top();
    let briefing = top("Ministry of National Defence weekly press briefing");
    let surrender = top("Two PKK members surrender at the Habur border post");
    assert!(
        briefing < surrender,
        "25 April ({briefing}) is listed above 21 April ({surrender})"
    );
}

/// The sample plus an instrument with one overdue milestone and one due
/// within 30 days of 2 December 2026, taken as today.
fn with_milestones() -> egui_kittest::Harness<'static, App> {
    use chrono::NaiveDate;
    use coopdesk::model::{Instrument, InstrumentId, Milestone};
    let mut ws = coopdesk::store::sample().unwrap();
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d);
    let instrument = Instrument {
        id: InstrumentId::new("border-protocol"),
        title: "Protocol on joint border patrols".to_owned(),
        milestones: vec![
            Milestone {
                title: "Exchange the patrol schedules".to_owned(),
                due: day(11, 1),
                ..Milestone::default()
            },
            Milestone {
                title: "First joint patrol".to_owned(),
                due: day(12, 20),
                ..Milestone::default()
            },
        ],
        ..Instrument::default()
    };
    ws.instruments.put(instrument);
    let doc = coopdesk::document::Document::new(ws, coopdesk::document::Origin::New);
    let mut app = App::with_document(doc);
    app.set_today(day(12, 2).unwrap());
    common::harness(app)
}

#[test]
fn overdue_milestones_are_counted_coloured_and_filterable() {
    let mut harness = with_milestones();
    assert_eq!(
        harness.query_all_by_label("1 overdue milestone").count(),
        2,
        "on the Overview and in the status bar"
    );
    harness.get_by_label("1 due within 30 days");
    harness.get_by_label_contains("(overdue)");

    harness.get_by_label("Instruments").click();
    harness.run();
    harness.get_by_label("Memorandum of Understanding on the Strategic Framework");
    harness.get_by_label("Has overdue milestones").click();
    harness.run();
    harness.get_by_label("Protocol on joint border patrols");
    assert!(
        harness
            .query_by_label("Memorandum of Understanding on the Strategic Framework")
            .is_none(),
        "instruments without overdue milestones are filtered out"
    );
}

#[test]
fn help_guide_opens_the_built_in_user_guide() {
    let mut harness = sample();
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("Guide").click();
    harness.run();
    harness.get_by_label("coopdesk guide");
    harness.get_by_label("Undo, saving, and nothing lost");
}

#[test]
fn clicking_a_party_shows_it_whole_with_edit_and_delete() {
    let mut harness = sample();
    harness.get_by_label("Parties & metrics").click();
    harness.run();
    assert!(harness.query_by_label("Edit…").is_none(), "no pane yet");
    harness.get_by_label("Daesh").click();
    harness.run();
    harness.get_by_label("Edit…");
    harness.get_by_label("Delete…");
    assert_eq!(
        harness
            .query_all_by_label(
                "Named among the terrorist organisations on the agenda of the visit."
            )
            .count(),
        2,
        "the note in its row and whole in the details pane"
    );
    harness.get_by_label("Edit…").click();
    harness.run();
    assert_eq!(harness.state().form_title().as_deref(), Some("Edit party"));
}

#[test]
fn a_marking_column_appears_once_a_record_has_its_own_marking() {
    use coopdesk::model::{Classification, Marking};
    let mut harness = sample();
    harness.get_by_label("Sources").click();
    harness.run();
    assert!(harness.query_by_label("Marking").is_none());

    let mut ws = coopdesk::store::sample().unwrap();
    let mut source = ws.sources.iter().next().cloned().unwrap();
    source.marking = Some(Marking {
        classification: Classification::Restricted,
        caveats: vec!["REL TUR".to_owned()],
    });
    ws.sources.put(source);
    let doc = coopdesk::document::Document::new(ws, coopdesk::document::Origin::New);
    let mut harness = common::harness(App::with_document(doc));
    harness.get_by_label("Sources").click();
    harness.run();
    harness.get_by_label("Marking");
    assert_eq!(
        harness.query_all_by_label("RESTRICTED // REL TUR").count(),
        3,
        "the source's cell, and the banners at top and bottom"
    );
}

#[test]
fn the_overview_instrument_table_stays_clear_of_the_figures_beside_it() {
    // Every kind and status, with four-digit counts: wider than half a window.
    let ws = coopdesk::generate::generate(&coopdesk::generate::GenerateParams {
        instruments: 5_000,
        events: 20,
        observations: 200,
        seed: 1,
    });
    let doc = coopdesk::document::Document::new(ws, coopdesk::document::Origin::New);
    let harness = common::harness(App::with_document(doc));
    let table_bottom = harness
        .get_all_by_label("Total")
        .map(|n| n.rect().bottom())
        .fold(f32::MIN, f32::max);
    let figures_top = harness.get_by_label("Latest figures").rect().top();
    assert!(
        table_bottom <= figures_top,
        "the table ({table_bottom}) ends above the latest figures ({figures_top})"
    );
}

#[test]
fn a_month_the_figures_reach_in_part_is_named_and_left_out_of_year_over_year() {
    use chrono::NaiveDate;
    use coopdesk::model::{MetricId, Observation, ObservationId};
    // The briefing of 2 May 2024: 827 since 1 January (381 + 446), 25 in
    // the week to 2 May.
    let mut ws = coopdesk::store::sample().unwrap();
    let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    let figure = |id: &str, regions: &[&str], start, value| Observation {
        id: ObservationId::new(id),
        metric: MetricId::new("neutralised"),
        regions: regions.iter().map(|r| (*r).to_owned()).collect(),
        start,
        end: day(5, 2),
        value,
        reported_on: Some(day(5, 2)),
        ..Observation::default()
    };
    for o in [
        figure("ytd-0502", &[], day(1, 1), 827),
        figure("ytd-0502-iraq", &["northern Iraq"], day(1, 1), 381),
        figure("ytd-0502-syria", &["northern Syria"], day(1, 1), 446),
        figure("week-0502", &[], day(4, 26), 25),
    ] {
        ws.observations.put(o);
    }
    let doc = coopdesk::document::Document::new(ws, coopdesk::document::Origin::New);
    let mut harness = common::harness(App::with_document(doc));
    harness.get_by_label("Statistics").click();
    harness.run();
    harness.get_by_label("Partial month (narrow bar)");
    harness.get_by_label("Compare years").click();
    harness.run();
    harness.get_by_label("Left out as partial months: May 2024 (1–2).");
}
