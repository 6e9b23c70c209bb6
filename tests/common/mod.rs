//! What the GUI tests share: the app in a headless harness, keys, typing
//! into a field by its name, replacing a field's text, and waiting for
//! background work without sleeping.

// Each test binary uses its own part of this module.
#![allow(dead_code)]

use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use coopdesk::ui::App;

/// `app` in a window of the default size, after its first frames.
pub fn harness(app: App) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        // Scroll areas in forms settle over a few frames.
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut App| app.draw(ui), app);
    harness.run();
    harness
}

/// The app on the embedded sample workspace.
pub fn sample() -> Harness<'static, App> {
    harness(App::sample())
}

pub fn press(harness: &mut Harness<'_, App>, modifiers: egui::Modifiers, key: egui::Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// The text field named `name` (a row label of the same text may sit
/// beside it).
pub fn field<'a>(harness: &'a Harness<'_, App>, name: &'a str) -> egui_kittest::Node<'a> {
    harness.get_by_role_and_label(Role::TextInput, name)
}

/// Types into the text field named `name`, as a user who clicked it would.
pub fn type_into(harness: &mut Harness<'_, App>, name: &str, text: &str) {
    field(harness, name).focus();
    harness.run();
    field(harness, name).type_text(text);
    harness.run();
}

/// Replaces what the text field named `name` holds with `text`.
pub fn retype(harness: &mut Harness<'_, App>, name: &str, text: &str) {
    field(harness, name).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    type_into(harness, name, text);
}

/// Steps frames until background work is done, blocking on it between
/// frames (never sleeping on a guess).
pub fn wait(harness: &mut Harness<'_, App>) {
    for _ in 0..100 {
        if !harness.state().is_busy() {
            break;
        }
        harness
            .state_mut()
            .wait_for_background(Duration::from_secs(20));
        harness.step();
    }
    assert!(!harness.state().is_busy(), "background work did not finish");
    harness.run_steps(6);
}

/// The workspace without its change history: what a change made, to
/// compare with a workspace built by hand (the history says who and when).
pub fn content(ws: &coopdesk::model::Workspace) -> coopdesk::model::Workspace {
    coopdesk::model::Workspace {
        history: Vec::new(),
        ..ws.clone()
    }
}
