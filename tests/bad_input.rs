//! Bad input never panics: every file in tests/data/bad/ gives the message
//! in its `.expected` twin (a part of the error, or of `validate`'s report
//! for files that parse but hold invalid data; `loads` for files that must
//! load cleanly).

use std::path::Path;

use coopdesk::store;

fn corpus() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_bad_file_gives_its_expected_message() {
    let files = corpus();
    assert!(files.len() >= 20, "the corpus is there");
    let mut failures = Vec::new();
    for file in &files {
        let expected = std::fs::read_to_string(file.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{} has no .expected", file.display()));
        let expected = expected.trim();
        let outcome = match store::load(file) {
            Err(err) => err.to_string(),
            Ok(workspace) => {
                let errors: Vec<String> = workspace
                    .validate()
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                if errors.is_empty() {
                    "loads".to_owned()
                } else {
                    errors.join("\n")
                }
            }
        };
        let name = file.file_name().unwrap().to_string_lossy();
        if !outcome.contains(expected) {
            failures.push(format!("{name}: expected {expected:?}, got {outcome:?}"));
        }
        if outcome != "loads"
            && !outcome.starts_with(&*file.to_string_lossy())
            && !outcome.contains(':')
        {
            failures.push(format!(
                "{name}: the message does not say where: {outcome:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_single_line_of_hundreds_of_megabytes_is_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let mut text = String::from("(format_version: 1, workspace: (title: \"");
    text.push_str(&"a".repeat(200 << 20));
    // No closing quote: the file ends inside the string.
    std::fs::write(&path, text).unwrap();
    let message = store::load(&path).unwrap_err().to_string();
    assert!(
        message.contains("huge.ron: 1:"),
        "{}",
        &message[..message.len().min(300)]
    );
    assert!(
        message.contains("the file ends too early"),
        "{}",
        &message[..message.len().min(300)]
    );
}
