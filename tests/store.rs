//! The file format: round trips, stable bytes, and clear errors on bad files.

use std::path::Path;

use coopdesk::model::{Classification, Workspace};
use coopdesk::store::{self, LoadError, SAMPLE_RON};

fn parse_err(text: &[u8]) -> String {
    match store::parse(text) {
        Ok(_) => panic!("expected an error"),
        Err(err) => err.in_file(Path::new("bad.ron")).to_string(),
    }
}

#[test]
fn the_sample_is_valid_and_already_in_canonical_form() {
    let workspace = store::sample().expect("sample parses");
    assert_eq!(workspace.validate(), []);
    let printed = store::to_ron_string(&workspace).unwrap();
    // The shipped file is exactly what coopdesk writes, so it diffs cleanly.
    assert!(
        printed == SAMPLE_RON,
        "sample.ron is not canonical:\n{printed}"
    );
}

#[test]
fn load_save_load_is_exact_and_saving_twice_gives_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.ron");
    let second = dir.path().join("second.ron");
    let sample = store::sample().unwrap();
    store::save(&sample, &first).unwrap();
    let loaded = store::load(&first).unwrap();
    assert_eq!(loaded, sample);
    store::save(&loaded, &second).unwrap();
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
}

#[test]
fn turkish_letters_are_written_as_text_not_escapes() {
    assert!(SAMPLE_RON.contains("Türkiye"));
    assert!(SAMPLE_RON.contains("Yaşar Güler"));
    assert!(!SAMPLE_RON.contains("\\u{"));
}

#[test]
fn records_are_written_in_id_order_whatever_order_they_were_read_in() {
    let text = SAMPLE_RON.replace(
        "(id: \"aus\", name: \"Australia\"",
        "(id: \"zzz\", name: \"Zed\", code: \"\", kind: State, note: \"\"),\n            (id: \"aus\", name: \"Australia\"",
    );
    let workspace = store::parse(text.as_bytes()).unwrap();
    let ids: Vec<&str> = workspace.parties.iter().map(|p| p.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(SAMPLE_RON.as_bytes());
    assert!(store::parse(&bytes).is_ok());
}

#[test]
fn a_truncated_file_says_it_ends_too_early() {
    // Cut mid-token, mid-string and between records.
    for eighths in 1..8 {
        let cut = &SAMPLE_RON.as_bytes()[..SAMPLE_RON.len() * eighths / 8];
        let message = parse_err(cut);
        assert!(message.starts_with("bad.ron: "), "{message}");
        assert!(
            message.contains("the file ends too early"),
            "cut at {eighths}/8: {message}"
        );
    }
}

#[test]
fn a_file_cut_inside_a_character_says_it_ends_too_early() {
    let at = SAMPLE_RON.find('ü').unwrap() + 1;
    let message = parse_err(&SAMPLE_RON.as_bytes()[..at]);
    assert!(message.contains("the file ends too early"), "{message}");
}

#[test]
fn an_empty_file_is_refused_with_what_a_workspace_starts_with() {
    assert_eq!(
        parse_err(b"  \n"),
        "bad.ron: the file is empty; a workspace file starts with `(format_version: 4,`"
    );
}

#[test]
fn a_wrong_type_names_the_line_column_and_field() {
    let text = SAMPLE_RON.replacen("value: 6,", "value: \"six\",", 1);
    let message = parse_err(text.as_bytes());
    let line = text.lines().position(|l| l.contains("\"six\"")).unwrap() + 1;
    assert!(
        message.starts_with(&format!("bad.ron: {line}:")),
        "{message}"
    );
    assert!(
        message.contains("workspace.observations[1].value"),
        "{message}"
    );
    assert!(message.contains("Expected integer"), "{message}");
}

#[test]
fn a_negative_count_is_an_error_at_its_field() {
    let text = SAMPLE_RON.replacen("value: 6,", "value: -6,", 1);
    let message = parse_err(text.as_bytes());
    assert!(
        message.ends_with("number out of range: counts are whole numbers, 0 or more (in workspace.observations[1].value)"),
        "{message}"
    );
}

#[test]
fn an_unknown_field_is_an_error_not_silently_dropped() {
    let text = SAMPLE_RON.replacen("code: \"AUS\",", "code: \"AUS\", colour: \"red\",", 1);
    let message = parse_err(text.as_bytes());
    assert!(message.contains("colour"), "{message}");
    assert!(message.contains("workspace.parties[0]"), "{message}");
}

#[test]
fn an_impossible_date_is_an_error_at_its_field() {
    let text = SAMPLE_RON.replacen("start: \"2024-04-19\"", "start: \"2024-02-30\"", 1);
    let message = parse_err(text.as_bytes());
    assert!(
        message.ends_with("2024-02-30 is not a calendar date (no such month or day) (in workspace.observations[1].start)"),
        "{message}"
    );
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let mut bytes = b"(format_version: 1,\n  wor".to_vec();
    bytes.push(0xFF);
    assert_eq!(
        parse_err(&bytes),
        "bad.ron: 2:6: the file is not valid UTF-8 text (is it a workspace file?)"
    );
}

#[test]
fn a_newer_format_version_is_refused_before_reading_the_rest() {
    assert_eq!(
        parse_err(b"(format_version: 9, workspace: (future_field: 1))"),
        "bad.ron: this file was written by a newer coopdesk (format 9); this build reads up to 4. Open it with a newer coopdesk."
    );
}

#[test]
fn deeply_nested_brackets_are_a_clean_error_not_a_crash() {
    for open in ["[", "(", "{"] {
        let text = format!("(format_version: 1, workspace: {})", open.repeat(100_000));
        let message = parse_err(text.as_bytes());
        assert!(message.starts_with("bad.ron: 1:"), "{message}");
    }
    let text = format!(
        "(format_version: 1, workspace: (title: \"t\", marking: (classification: Unclassified, caveats: {})))",
        "[".repeat(100_000)
    );
    let message = parse_err(text.as_bytes());
    assert!(message.starts_with("bad.ron: 1:"), "{message}");
}

#[test]
fn a_missing_file_and_a_folder_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.ron");
    let err = store::load(&missing).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }));
    assert!(err.to_string().contains("nope.ron: cannot read"), "{err}");
    let err = store::load(dir.path()).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("is a folder, not a workspace file"),
        "{err}"
    );
}

#[test]
fn a_failed_save_leaves_the_existing_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    let mut workspace = Workspace {
        title: "first".into(),
        ..Workspace::default()
    };
    store::save(&workspace, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    // A folder where the temporary file would go makes the save fail.
    workspace.title = "second".into();
    workspace.marking.classification = Classification::Secret;
    let blocked = dir.path().join("folder.ron");
    std::fs::create_dir(&blocked).unwrap();
    let err = store::save(&workspace, &blocked).unwrap_err();
    assert!(
        err.to_string().contains("The file on disk was not changed"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_permissions_of_the_file_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    let workspace = store::sample().unwrap();
    store::save(&workspace, &path).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode(&path),
        0o644,
        "a new file is readable, not private to the temp file's 0600"
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    store::save(&workspace, &path).unwrap();
    assert_eq!(mode(&path), 0o640);
}

#[test]
fn saving_keeps_the_previous_version_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    let mut workspace = store::sample().unwrap();
    store::save(&workspace, &path).unwrap();
    assert!(
        !store::backup_path(&path).exists(),
        "nothing to back up the first time"
    );
    let first = std::fs::read(&path).unwrap();

    workspace.title = "Second version".into();
    store::save(&workspace, &path).unwrap();
    let backup = store::backup_path(&path);
    assert_eq!(backup.file_name().unwrap(), "w.ron.bak");
    assert_eq!(std::fs::read(&backup).unwrap(), first);
    assert_eq!(store::load(&path).unwrap().title, "Second version");

    workspace.title = "Third version".into();
    store::save(&workspace, &path).unwrap();
    assert_eq!(store::load(&backup).unwrap().title, "Second version");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
}

#[test]
fn a_format_0_file_is_migrated_and_saved_as_the_current_format() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/v0/workspace-v0.ron");
    let workspace = store::load(&fixture).expect("format 0 loads");
    assert_eq!(workspace.validate(), []);
    let figure = workspace.observations.get("o1").unwrap();
    assert_eq!(figure.value, 360, "count became value");
    assert_eq!(figure.regions, ["northern Iraq"]);
    let mou = workspace.instruments.get("mou").unwrap();
    assert!(mou.status_history.is_empty());
    assert_eq!(
        mou.dates.signed.map(|d| d.to_string()).as_deref(),
        Some("2024-04-22")
    );

    let text = store::to_ron_string(&workspace).unwrap();
    assert!(
        text.starts_with("(\n    format_version: 4,"),
        "{}",
        &text[..40]
    );
    assert_eq!(store::parse(text.as_bytes()).unwrap(), workspace);
}

#[test]
fn a_format_1_file_is_migrated_and_its_metrics_have_no_phrases() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/v1/workspace-v1.ron");
    let workspace = store::load(&fixture).expect("format 1 loads");
    assert_eq!(workspace.validate(), []);
    let metric = workspace.metrics.get("neutralised").unwrap();
    assert_eq!(metric.description, "Reported as neutralised.");
    assert!(metric.phrases.is_empty());
    assert_eq!(workspace.observations.get("o1").unwrap().value, 360);

    let text = store::to_ron_string(&workspace).unwrap();
    assert!(text.starts_with("(\n    format_version: 4,"));
    assert!(!text.contains("phrases"), "empty phrases are left out");
    assert_eq!(store::parse(text.as_bytes()).unwrap(), workspace);
}

#[test]
fn metric_phrases_are_saved_and_read_back() {
    let mut workspace = store::sample().unwrap();
    let mut metric = workspace.metrics.get("surrendered").unwrap().clone();
    metric.phrases = vec!["gave themselves up".into(), "teslim ol".into()];
    workspace.metrics.put(metric);
    let text = store::to_ron_string(&workspace).unwrap();
    assert!(text.contains(r#"phrases: ["gave themselves up", "teslim ol"]"#));
    assert_eq!(store::parse(text.as_bytes()).unwrap(), workspace);
}

#[test]
fn opening_a_file_clears_old_temporary_files_left_by_a_killed_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    store::save(&store::sample().unwrap(), &path).unwrap();
    let stray = dir.path().join(".coopdesk-save-AbC123.tmp");
    let fresh = dir.path().join(".coopdesk-save-XyZ789.tmp");
    let unrelated = dir.path().join("notes.tmp");
    for file in [&stray, &fresh, &unrelated] {
        std::fs::write(file, "partial").unwrap();
    }
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for file in [&stray, &unrelated] {
        std::fs::File::options()
            .write(true)
            .open(file)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
    }
    store::open(&path).unwrap();
    assert!(!stray.exists(), "an old leftover is removed");
    assert!(
        fresh.exists(),
        "a recent one may be another save in progress"
    );
    assert!(unrelated.exists(), "other files are never touched");
}

#[test]
fn a_format_2_file_loads_with_no_figure_linked_to_its_briefing() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/v2/workspace-v2.ron");
    let old = store::load(&fixture).expect("format 2 loads");
    assert_eq!(old.validate(), []);
    assert!(old.observations.iter().all(|o| o.reported_at.is_none()));
    // The fixture is the sample as format 2 wrote it; format 3 adds only
    // the links from its figures to the briefing they were reported at.
    let mut linked = store::sample().unwrap();
    assert_eq!(linked.observations.len(), old.observations.len());
    for o in linked.observations.iter() {
        assert_eq!(
            o.reported_at.as_ref().map(|e| e.as_str()),
            Some("2024-04-25-mnd-weekly-briefing"),
            "{}",
            o.id
        );
    }
    let unlinked: Vec<_> = linked
        .observations
        .iter()
        .map(|o| coopdesk::model::Observation {
            reported_at: None,
            ..o.clone()
        })
        .collect();
    for o in unlinked {
        linked.observations.put(o);
    }
    assert_eq!(linked, old);
}

#[test]
fn an_older_file_with_a_reported_at_link_is_refused_where_it_says_so() {
    let sample = SAMPLE_RON.replacen("format_version: 4,", "format_version: 2,", 1);
    let err = parse_err(sample.as_bytes());
    assert!(err.starts_with("bad.ron:"), "{err}");
    assert!(
        err.contains("`reported_at` came with format 3, but the file says format 2"),
        "{err}"
    );
    let line = sample
        .lines()
        .position(|l| l.contains("reported_at"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("bad.ron: {line}:")), "{err}");
}

#[test]
fn a_figure_linked_to_a_missing_event_is_a_problem_and_deleting_the_event_unlinks_it() {
    use coopdesk::model::{EventId, RecordId, delete_with_references, references_to};
    let mut ws = store::sample().unwrap();
    let briefing = RecordId::Event(EventId::new("2024-04-25-mnd-weekly-briefing"));
    let referrers = references_to(&ws, &briefing);
    assert_eq!(referrers.len(), 10, "{referrers:?}");
    let edit = delete_with_references(&ws, &briefing).unwrap();
    edit.apply(&mut ws).unwrap();
    assert_eq!(ws.validate(), []);
    assert!(ws.observations.iter().all(|o| o.reported_at.is_none()));

    let mut o = ws.observations.iter().next().unwrap().clone();
    o.reported_at = Some(EventId::new("no-such-briefing"));
    ws.observations.put(o);
    let problems: Vec<String> = ws.validate().iter().map(|p| p.to_string()).collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("reported_at") && p.contains("no-such-briefing")),
        "{problems:?}"
    );
}

#[test]
fn a_format_3_file_loads_as_it_was_with_no_conflicts() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/v3/workspace-v3.ron");
    let old = store::load(&fixture).expect("format 3 loads");
    // The fixture is the sample as format 3 wrote it; format 4 adds only
    // the merge conflicts, of which a format 3 file has none.
    assert_eq!(old, store::sample().unwrap());
    assert!(old.conflicts.is_empty());
}

#[test]
fn conflicts_are_one_per_line_and_refused_in_an_older_file() {
    let mut ws = store::sample().unwrap();
    ws.conflicts.push(coopdesk::model::Conflict {
        kind: "observation".to_owned(),
        id: "2024-04-25-neutralised-week".to_owned(),
        field: "value".to_owned(),
        base: Some("54".to_owned()),
        ours: Some("56".to_owned()),
        theirs: Some("60".to_owned()),
    });
    let text = store::to_ron_string(&ws).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("neutralised-week\", field:"))
        .expect("the conflict on one line");
    assert!(line.contains("theirs: Some(\"60\")"), "{line}");
    assert_eq!(store::parse(text.as_bytes()).unwrap(), ws);

    let older = text.replacen("format_version: 4,", "format_version: 3,", 1);
    let err = parse_err(older.as_bytes());
    assert!(
        err.contains(
            "the workspace's merge `conflicts` came with format 4, but the file says format 3"
        ),
        "{err}"
    );
}

#[test]
fn saving_encrypted_over_a_plain_file_leaves_no_plaintext_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    let mut workspace = store::sample().unwrap();
    workspace.title = "Planted plain title".into();
    store::save(&workspace, &path).unwrap();
    let key = store::Key::new("pass".into()).with_work_factor(Some(10));
    workspace.title = "Planted second title".into();
    store::save_keyed(&workspace, &path, Some(&key)).unwrap();
    for file in [path.clone(), store::backup_path(&path)] {
        let bytes = std::fs::read(&file).unwrap();
        assert!(store::is_encrypted(&bytes), "{}", file.display());
        assert!(!String::from_utf8_lossy(&bytes).contains("Planted"));
    }
    let backup = store::load_keyed(&store::backup_path(&path), Some(&key), &store::Quiet).unwrap();
    assert_eq!(backup.title, "Planted plain title");
    let err = store::load(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: is an encrypted workspace; its passphrase is needed to open it",
            path.display()
        )
    );
}
