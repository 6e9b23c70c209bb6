//! `coopdesk generate`, run for real.

use std::process::{Command, Output};

fn coopdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coopdesk"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const SMALL: [&str; 8] = [
    "--instruments",
    "30",
    "--events",
    "80",
    "--observations",
    "1500",
    "--seed",
    "7",
];

fn generate(out: &str, extra: &[&str]) -> Output {
    let mut args = vec!["generate", "--out", out];
    args.extend(SMALL);
    args.extend(extra);
    coopdesk(&args)
}

#[test]
fn the_same_options_write_the_same_bytes_and_check_accepts_them() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.ron");
    let second = dir.path().join("second.ron");
    for path in [&first, &second] {
        let output = generate(path.to_str().unwrap(), &[]);
        assert!(output.status.success(), "{}", stderr(&output));
        let line = stdout(&output);
        assert!(
            line.contains("30 instruments, 80 events, 1,500 observations (SYNTHETIC, seed 7)"),
            "{line}"
        );
        assert!(line.starts_with(path.to_str().unwrap()), "{line}");
    }
    let bytes = std::fs::read(&first).unwrap();
    assert!(bytes == std::fs::read(&second).unwrap(), "the files differ");

    let check = coopdesk(&["check", first.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stderr(&check).contains(": 0 errors,"), "{}", stderr(&check));
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taken.ron");
    std::fs::write(&path, "keep me").unwrap();
    let refused = generate(path.to_str().unwrap(), &[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("already exists"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");

    let forced = generate(path.to_str().unwrap(), &["--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(coopdesk::store::load(&path).is_ok());
}

#[test]
fn counts_given_override_the_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("heavy-but-small.ron");
    let output = generate(path.to_str().unwrap(), &["--size", "heavy"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let ws = coopdesk::store::load(&path).unwrap();
    assert_eq!(
        (ws.instruments.len(), ws.events.len(), ws.observations.len()),
        (30, 80, 1_500)
    );
    assert!(ws.title.contains("SYNTHETIC"));
}
