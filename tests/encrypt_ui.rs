//! The app's encryption dialogs, clicked through: opening an encrypted
//! workspace asks for its passphrase (again after a wrong one; Cancel
//! leaves things as they were), and Encrypt with passphrase… saves an age
//! file.

mod common;

use std::path::Path;

use common::{field, sample, type_into, wait};
use coopdesk::store::{self, Key};
use coopdesk::ui::{App, Command};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const PASSPHRASE: &str = "kestrel over the ridge";

fn key(passphrase: &str) -> Key {
    Key::new(passphrase.into()).with_work_factor(Some(10))
}

/// The app with a low scrypt work factor, so that encrypting is quick.
fn app() -> Harness<'static, App> {
    let mut harness = sample();
    harness.state_mut().set_encryption_work_factor(10);
    harness
}

/// Types `path` into the Open prompt and opens it.
fn choose_to_open(harness: &mut Harness<'_, App>, path: &Path) {
    choose(harness, Command::Open, "Open", path);
}

/// Sends `command`, types `path` into its path prompt and presses `button`.
fn choose(harness: &mut Harness<'_, App>, command: Command, button: &str, path: &Path) {
    harness.state_mut().send(command);
    harness.run();
    field(harness, "Path to a .ron workspace file").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    type_into(
        harness,
        "Path to a .ron workspace file",
        &path.display().to_string(),
    );
    harness.get_by_label(button).click();
    harness.step();
    wait(harness);
}

/// Types into the masked field named `name`, as a user who clicked it would.
fn type_secret(harness: &mut Harness<'_, App>, name: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::PasswordInput, name)
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::PasswordInput, name)
        .type_text(text);
    harness.run();
}

fn type_passphrase_and_open(harness: &mut Harness<'_, App>, passphrase: &str) {
    type_secret(harness, "Passphrase", passphrase);
    harness.get_by_label("Open").click();
    harness.step();
    wait(harness);
}

fn encrypted_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("w.ron");
    let mut workspace = store::sample().unwrap();
    workspace.title = "Encrypted desk".into();
    store::save_keyed(&workspace, &path, Some(&key(PASSPHRASE))).unwrap();
    path
}

#[test]
fn a_wrong_passphrase_says_so_and_the_right_one_opens_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let path = encrypted_file(dir.path());
    let mut harness = app();
    choose_to_open(&mut harness, &path);
    harness.get_by_label("w.ron is encrypted. Type its passphrase to open it.");
    assert_eq!(
        harness.state().document().path(),
        None,
        "nothing opened yet"
    );

    type_passphrase_and_open(&mut harness, "not the passphrase");
    harness.get_by_label("Wrong passphrase: it does not open w.ron. Try again.");
    assert_eq!(harness.state().document().path(), None);

    type_passphrase_and_open(&mut harness, PASSPHRASE);
    let doc = harness.state().document();
    assert_eq!(doc.path(), Some(path.as_path()));
    assert_eq!(doc.workspace().title, "Encrypted desk");
    assert!(doc.is_encrypted());
    assert!(
        harness.state().title().contains("w.ron (encrypted)"),
        "{}",
        harness.state().title()
    );
    harness.get_by_label("encrypted");
}

#[test]
fn cancelling_the_passphrase_leaves_the_open_workspace_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = encrypted_file(dir.path());
    let mut harness = app();
    let generation = harness.state().generation();
    choose_to_open(&mut harness, &path);
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Passphrase").is_none(), "closed");
    assert_eq!(harness.state().generation(), generation);
    assert_eq!(harness.state().document().path(), None);
    assert!(!harness.state().document().is_encrypted());
}

#[test]
fn encrypt_with_passphrase_saves_an_age_file_that_opens_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.ron");
    store::save(&store::sample().unwrap(), &path).unwrap();
    let mut harness = app();
    choose_to_open(&mut harness, &path);
    assert_eq!(harness.state().document().path(), Some(path.as_path()));

    harness.state_mut().send(Command::EncryptWorkspace);
    harness.run();
    harness.get_by_label(
        "If the passphrase is lost, the workspace cannot be recovered: coopdesk keeps no copy of it.",
    );
    type_secret(&mut harness, "Passphrase", PASSPHRASE);
    type_secret(&mut harness, "Passphrase again", "a different one");
    harness.get_by_label("The two passphrases differ.");
    harness
        .get_by_role_and_label(Role::PasswordInput, "Passphrase again")
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    type_secret(&mut harness, "Passphrase again", PASSPHRASE);
    harness.get_by_label("Encrypt and save").click();
    harness.step();
    wait(&mut harness);

    assert!(harness.state().document().is_encrypted());
    assert!(!harness.state().document().is_dirty());
    let bytes = std::fs::read(&path).unwrap();
    assert!(store::is_encrypted(&bytes), "the file itself is encrypted");
    let backup = std::fs::read(store::backup_path(&path)).unwrap();
    assert!(store::is_encrypted(&backup), "and so is its backup");
    let reopened = store::load_keyed(&path, Some(&key(PASSPHRASE)), &store::Quiet).unwrap();
    assert_eq!(reopened.title, store::sample().unwrap().title);

    // Remove encryption: saved plain again at once.
    harness.state_mut().send(Command::RemoveEncryption);
    harness.run();
    harness.get_by_label("Remove encryption and save").click();
    harness.step();
    wait(&mut harness);
    assert!(!harness.state().document().is_encrypted());
    assert!(!store::file_is_encrypted(&path));
    assert!(store::load(&path).is_ok());
}

#[test]
fn comparing_with_an_encrypted_copy_asks_for_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = encrypted_file(dir.path());
    let mut harness = app();
    choose(&mut harness, Command::CompareWith, "Compare", &path);
    harness.get_by_label("w.ron is encrypted. Type its passphrase to open it.");
    type_secret(&mut harness, "Passphrase", PASSPHRASE);
    harness.get_by_label("Compare").click();
    harness.step();
    wait(&mut harness);
    // The other copy's title differs: the comparison lists it.
    harness.get_by_label_contains("Encrypted desk");
    assert!(
        !harness.state().document().is_encrypted(),
        "the open one is not"
    );
}
