//! `coopdesk encrypt` / `decrypt`, and every command reading and writing
//! back encrypted workspaces, run for real.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample.ron");

fn coopdesk(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coopdesk"))
        .args(args)
        // Never a terminal here: a missing passphrase must fail, not hang.
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("pass"), "correct horse battery\n").unwrap();
        std::fs::write(dir.path().join("wrong"), "incorrect horse\n").unwrap();
        std::fs::copy(SAMPLE, dir.path().join("w.ron")).unwrap();
        Self { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `w.ron.age`, encrypted with a low work factor to run fast.
    fn encrypted(&self) -> PathBuf {
        let out = self.path("w.ron.age");
        let run = coopdesk(&[
            Path::new("encrypt"),
            &self.path("w.ron"),
            &out,
            Path::new("--passphrase-file"),
            &self.path("pass"),
            Path::new("--work-factor"),
            Path::new("10"),
        ]);
        assert!(run.status.success(), "{}", stderr(&run));
        out
    }
}

#[test]
fn encrypt_then_decrypt_gives_back_the_exact_bytes() {
    let files = Files::new();
    let encrypted = files.encrypted();
    let bytes = std::fs::read(&encrypted).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    assert!(!String::from_utf8_lossy(&bytes).contains("neutralised"));
    let back = files.path("back.ron");
    let run = coopdesk(&[
        Path::new("decrypt"),
        &encrypted,
        &back,
        Path::new("--passphrase-file"),
        &files.path("pass"),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(std::fs::read(back).unwrap(), std::fs::read(SAMPLE).unwrap());
}

#[test]
fn every_reading_command_reads_an_encrypted_workspace_by_its_header() {
    let files = Files::new();
    // Named without .age: the header decides, not the extension.
    let renamed = files.path("renamed.ron");
    std::fs::rename(files.encrypted(), &renamed).unwrap();
    let series = |file: &Path| {
        coopdesk(&[
            Path::new("series"),
            file,
            Path::new("--metric"),
            Path::new("neutralised"),
            Path::new("--passphrase-file"),
            &files.path("pass"),
        ])
    };
    let plain = series(&files.path("w.ron"));
    let encrypted = series(&renamed);
    assert!(encrypted.status.success(), "{}", stderr(&encrypted));
    assert_eq!(encrypted.stdout, plain.stdout);
    let check = coopdesk(&[
        Path::new("check"),
        &renamed,
        Path::new("--passphrase-file"),
        &files.path("pass"),
    ]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_wrong_passphrase_exits_2_and_says_the_passphrase_is_wrong() {
    let files = Files::new();
    let encrypted = files.encrypted();
    for command in ["check", "history"] {
        let run = coopdesk(&[
            Path::new(command),
            &encrypted,
            Path::new("--passphrase-file"),
            &files.path("wrong"),
        ]);
        assert_eq!(run.status.code(), Some(2), "{command}");
        let message = stderr(&run);
        assert!(message.contains("w.ron.age: wrong passphrase"), "{message}");
    }
}

#[test]
fn no_passphrase_and_no_terminal_is_a_clear_error() {
    let files = Files::new();
    let run = coopdesk(&[Path::new("check"), &files.encrypted()]);
    assert_eq!(run.status.code(), Some(2));
    let message = stderr(&run);
    assert!(
        message.contains("is encrypted and no passphrase was given: add --passphrase-file"),
        "{message}"
    );
}

#[test]
fn truncated_and_tampered_files_are_clear_errors_never_partial_reads() {
    let files = Files::new();
    let bytes = std::fs::read(files.encrypted()).unwrap();
    let broken = files.path("broken.ron.age");
    let cases = [
        ("cut in the header", bytes[..40].to_vec()),
        ("cut in the body", bytes[..bytes.len() / 2].to_vec()),
        ("last byte missing", bytes[..bytes.len() - 1].to_vec()),
        ("a byte of the body changed", {
            let mut b = bytes.clone();
            let i = b.len() - 100;
            b[i] ^= 0x20;
            b
        }),
    ];
    for (what, content) in cases {
        std::fs::write(&broken, content).unwrap();
        let out = files.path("out.ron");
        let run = coopdesk(&[
            Path::new("decrypt"),
            &broken,
            &out,
            Path::new("--passphrase-file"),
            &files.path("pass"),
        ]);
        assert_eq!(run.status.code(), Some(2), "{what}");
        let message = stderr(&run);
        assert!(
            message.contains("broken.ron.age: the encrypted file is damaged or truncated"),
            "{what}: {message}"
        );
        assert!(!message.contains("panicked"), "{what}: {message}");
        assert!(!out.exists(), "{what}: nothing may be written");
    }
}

#[test]
fn import_and_merge_write_an_encrypted_workspace_back_encrypted() {
    let files = Files::new();
    let encrypted = files.encrypted();
    let csv = files.path("figures.csv");
    let export = coopdesk(&[Path::new("export-observations"), &files.path("w.ron"), &csv]);
    assert!(export.status.success(), "{}", stderr(&export));
    let imported = files.path("imported.ron");
    let import = coopdesk(&[
        Path::new("import"),
        &encrypted,
        &csv,
        Path::new("--out"),
        &imported,
        Path::new("--passphrase-file"),
        &files.path("pass"),
    ]);
    assert!(import.status.success(), "{}", stderr(&import));
    assert!(
        std::fs::read(&imported)
            .unwrap()
            .starts_with(b"age-encryption.org/v1\n")
    );

    let merged = files.path("merged.ron");
    let merge = coopdesk(&[
        Path::new("merge"),
        &files.path("w.ron"),
        &encrypted,
        &files.path("w.ron"),
        Path::new("-o"),
        &merged,
        Path::new("--passphrase-file"),
        &files.path("pass"),
    ]);
    assert!(merge.status.success(), "{}", stderr(&merge));
    assert!(
        std::fs::read(&merged)
            .unwrap()
            .starts_with(b"age-encryption.org/v1\n")
    );
    let check = coopdesk(&[
        Path::new("check"),
        &merged,
        Path::new("--passphrase-file"),
        &files.path("pass"),
    ]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn encrypt_refuses_what_is_not_a_workspace_and_decrypt_what_is_not_encrypted() {
    let files = Files::new();
    let text = files.path("notes.txt");
    std::fs::write(&text, "just some notes").unwrap();
    let pass = files.path("pass");
    let run = coopdesk(&[
        Path::new("encrypt"),
        &text,
        &files.path("x.age"),
        Path::new("--passphrase-file"),
        &pass,
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("notes.txt: 1:1"), "{}", stderr(&run));
    let run = coopdesk(&[
        Path::new("decrypt"),
        &files.path("w.ron"),
        &files.path("y.ron"),
        Path::new("--passphrase-file"),
        &pass,
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("w.ron: is not an encrypted workspace"),
        "{}",
        stderr(&run)
    );
}
