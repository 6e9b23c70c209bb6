//! Nothing of an encrypted workspace reaches the disk in the clear.
//!
//! The app opens an encrypted workspace holding a planted string, edits
//! it, autosaves, saves, edits and autosaves again, and its settings are
//! stored as eframe would store them; then every file under the
//! workspace's folder, the data folder and the temporary folder is read:
//! the string (and the passphrase) is in none of them. The same run on the
//! workspace unencrypted finds the string in the file, its backup, the
//! recovery copy and the settings, so the scan can see what it looks for.
//!
//! One test in this binary: it points TMPDIR at its own folder, which no
//! other test thread may read meanwhile.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{sample, type_into, wait};
use coopdesk::model::{Edit, Record, Source, SourceId};
use coopdesk::store::{self, Key};
use coopdesk::ui::{App, Change, Command, Tab};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const PLANTED: &str = "Kestrel-Ridge-7f3a9";
const PASSPHRASE: &str = "granite lantern 42";

/// eframe's storage, in memory: what `App::save` hands it.
#[derive(Default)]
struct Storage(BTreeMap<String, String>);

impl eframe::Storage for Storage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

fn planted_source(n: u32) -> Change {
    Change::from(Edit::put(Record::Source(Source {
        id: SourceId::new(format!("planted-{n}")),
        title: format!("{PLANTED} field notes {n}"),
        ..Source::default()
    })))
}

/// Edits through the app's command path, then lets the autosave run.
fn edit_and_autosave(harness: &mut Harness<'_, App>, n: u32, recovery: &Path) {
    harness
        .state_mut()
        .send(Command::Apply(Box::new(planted_source(n))));
    harness.run();
    harness.state_mut().set_autosave_interval(Duration::ZERO);
    harness.step();
    wait(harness);
    harness
        .state_mut()
        .set_autosave_interval(Duration::from_secs(3600));
    assert!(recovery.is_file(), "autosave wrote {}", recovery.display());
}

fn files_under(folder: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, found);
        } else {
            found.push(path);
        }
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

/// Runs the whole session on a workspace (encrypted or not) and returns
/// every file written, relative to `root`, with whether it holds the
/// planted string; the passphrase must be in none.
fn session(root: &Path, encrypted: bool) -> BTreeMap<String, bool> {
    let work = root.join("work");
    let data = root.join("data");
    for folder in [&work, &data] {
        std::fs::create_dir_all(folder).unwrap();
    }
    let path = work.join("w.ron");
    let mut workspace = store::sample().unwrap();
    workspace.title = format!("{PLANTED} desk");
    let key = Key::new(PASSPHRASE.into()).with_work_factor(Some(10));
    store::save_keyed(&workspace, &path, encrypted.then_some(&key)).unwrap();

    let mut harness = sample();
    harness.state_mut().set_encryption_work_factor(10);
    harness.state_mut().set_data_dir(data.clone());
    harness.state_mut().set_default_folder(work.clone());
    harness.state_mut().send(Command::Open);
    harness.run();
    common::retype(
        &mut harness,
        "Path to a .ron workspace file",
        &path.display().to_string(),
    );
    harness.get_by_label("Open").click();
    harness.step();
    wait(&mut harness);
    if encrypted {
        let field = harness.get_by_role_and_label(Role::PasswordInput, "Passphrase");
        field.focus();
        harness.run();
        harness
            .get_by_role_and_label(Role::PasswordInput, "Passphrase")
            .type_text(PASSPHRASE);
        harness.run();
        harness.get_by_label("Open").click();
        harness.step();
        wait(&mut harness);
    }
    assert_eq!(harness.state().document().path(), Some(path.as_path()));
    assert_eq!(harness.state().document().is_encrypted(), encrypted);

    let recovery = work.join(".w.ron.recovery");
    edit_and_autosave(&mut harness, 1, &recovery);
    harness.state_mut().send(Command::Save);
    harness.step();
    wait(&mut harness);
    assert!(!harness.state().document().is_dirty(), "saved");
    edit_and_autosave(&mut harness, 2, &recovery);
    // A filter typed from the workspace, which settings would keep.
    harness.state_mut().send(Command::ShowTab(Tab::Sources));
    harness.run();
    type_into(&mut harness, "Filter sources", PLANTED);

    // What eframe would write to its storage in the data folder on exit:
    // the app's settings and egui's memory.
    let mut storage = Storage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let memory = harness.ctx.memory(|m| ron::ser::to_string(m).unwrap());
    storage.0.insert("egui".to_owned(), memory);
    for (name, value) in &storage.0 {
        std::fs::write(data.join(format!("{name}.ron")), value).unwrap();
    }

    // Scanned while the app is still open: the lock file is there too.
    let mut files = Vec::new();
    for folder in [&work, &data, &std::env::temp_dir()] {
        files_under(folder, &mut files);
    }
    let mut found = BTreeMap::new();
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !contains(&bytes, PASSPHRASE),
            "the passphrase is in {}",
            file.display()
        );
        // Files in the temporary folder are named by their full path.
        let name = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        found.insert(name, contains(&bytes, PLANTED));
    }
    drop(harness);
    found
}

#[test]
fn an_encrypted_workspace_leaves_no_plaintext_in_any_file_written() {
    let root = tempfile::tempdir().unwrap();
    let temp = root.path().join("tmp");
    std::fs::create_dir_all(&temp).unwrap();
    // SAFETY: the only test in this binary, set before it starts any
    // thread of its own.
    unsafe { std::env::set_var("TMPDIR", &temp) };
    assert_eq!(std::env::temp_dir(), temp);

    let written = [
        "work/w.ron",
        "work/w.ron.bak",
        "work/.w.ron.recovery",
        "work/w.ron.lock",
        "data/app.ron",
        "data/egui.ron",
    ];

    let encrypted = session(&root.path().join("encrypted"), true);
    for file in written {
        assert!(encrypted.contains_key(file), "{file} in {encrypted:?}");
    }
    let leaks: Vec<_> = encrypted.iter().filter(|(_, has)| **has).collect();
    assert!(leaks.is_empty(), "plaintext in {leaks:?}");
    for file in ["w.ron", "w.ron.bak", ".w.ron.recovery"] {
        let path = root.path().join("encrypted/work").join(file);
        assert!(store::file_is_encrypted(&path), "{file} is an age file");
    }

    // Unencrypted, the same scan finds the string where it is written.
    let plain = session(&root.path().join("plain"), false);
    for file in [
        "work/w.ron",
        "work/w.ron.bak",
        "work/.w.ron.recovery",
        "data/app.ron",
    ] {
        assert_eq!(plain.get(file), Some(&true), "{file} in {plain:?}");
    }
}
