//! `coopdesk merge BASE OURS THEIRS [-o OUT]`: a three-way merge by record
//! and field (see `compare::merge`), and the two commands that make git use
//! coopdesk for workspace files: `git-setup` registers the merge and diff
//! drivers, `git-diff` is the diff driver git calls.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Error, load, write_output};
use crate::compare::{diff, merge};
use crate::model::Workspace;
use crate::store;
use crate::text::count;

#[derive(clap::Args)]
pub struct MergeArgs {
    /// The common ancestor of the two copies.
    pub base: PathBuf,
    /// Our copy (kept where both changed a field differently).
    pub ours: PathBuf,
    /// Their copy.
    pub theirs: PathBuf,
    /// Where to write the result (default: OURS, as git's merge driver expects).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
}

/// Exit 0 when it merged cleanly, 1 when conflicts were recorded (the
/// result is written either way).
pub fn run(args: &MergeArgs) -> Result<ExitCode, Error> {
    let base = load(&args.base)?;
    let ours = load(&args.ours)?;
    let theirs = load(&args.theirs)?;
    let mut merged = merge(&base, &ours, &theirs);
    let changes = diff(&ours, &merged.workspace).entries.len();
    let recorder = crate::document::Recorder::system("");
    let mut entry = recorder.entry(
        &format!(
            "merge of another copy: {} taken, {} recorded",
            count(changes, "record", "records"),
            count(merged.new_conflicts, "conflict", "conflicts")
        ),
        None,
        &merged.workspace,
    );
    entry.records.clear();
    merged.workspace.history.push(entry);
    let out = args.out.as_ref().unwrap_or(&args.ours);
    // Encrypted again when any copy was encrypted: a merge never decrypts.
    let key = super::passphrase::write_key();
    let bytes =
        store::workspace_bytes(&merged.workspace, key.as_ref()).map_err(|error| match error {
            store::Printed::Serialize(source) => Error::Print {
                path: out.clone(),
                source,
            },
            store::Printed::Encrypt(source) => Error::Write {
                path: out.clone(),
                source,
            },
        })?;
    write_output(out, &bytes)?;
    eprintln!(
        "{}: merged; {} taken from {}; {}",
        out.display(),
        count(changes, "record", "records"),
        args.theirs.display(),
        match merged.new_conflicts {
            0 => "no conflicts".to_owned(),
            n => format!(
                "{} kept our value and recorded the conflict (`coopdesk check` lists them; resolve them in the app)",
                count(n, "field", "fields")
            ),
        }
    );
    Ok(if merged.new_conflicts == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[derive(clap::Args)]
pub struct GitSetupArgs {
    /// The repository (default: the current folder).
    #[arg(long, default_value = ".")]
    pub repo: PathBuf,
    /// Which files are workspaces, as a .gitattributes pattern.
    #[arg(long, default_value = "*.ron")]
    pub pattern: String,
}

/// Registers coopdesk as git's merge and diff driver for workspace files,
/// printing each step as it does it.
pub fn run_git_setup(args: &GitSetupArgs) -> Result<ExitCode, Error> {
    let exe = std::env::current_exe().map_err(|source| Error::Git {
        what: "find where coopdesk itself is".to_owned(),
        source: Some(source),
    })?;
    let exe = shell_quote(&exe.to_string_lossy());
    let settings = [
        (
            "merge.coopdesk.name",
            "coopdesk: merge workspaces by record and field".to_owned(),
        ),
        (
            "merge.coopdesk.driver",
            format!("{exe} merge %O %A %B -o %A"),
        ),
        ("diff.coopdesk.command", format!("{exe} git-diff")),
    ];
    for (key, value) in &settings {
        println!("git config {key} '{value}'");
        let status = std::process::Command::new("git")
            .arg("-C")
            .arg(&args.repo)
            .args(["config", key, value])
            .status()
            .map_err(|source| Error::Git {
                what: "run git (is it installed?)".to_owned(),
                source: Some(source),
            })?;
        if !status.success() {
            return Err(Error::Git {
                what: format!(
                    "set {key} in {} (is it a git repository?)",
                    args.repo.display()
                ),
                source: None,
            });
        }
    }
    let attributes = args.repo.join(".gitattributes");
    let line = format!("{} merge=coopdesk diff=coopdesk", args.pattern);
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(Error::Read {
                path: attributes,
                source,
            });
        }
    };
    if existing.lines().any(|l| l.trim() == line) {
        println!("{} already has: {line}", attributes.display());
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&line);
        text.push('\n');
        write_output(&attributes, text.as_bytes())?;
        println!("{}: added {line}", attributes.display());
    }
    println!("Commit .gitattributes so that the whole team merges workspaces by record.");
    Ok(ExitCode::SUCCESS)
}

/// What git passes an external diff driver.
#[derive(clap::Args)]
pub struct GitDiffArgs {
    pub path: String,
    pub old_file: PathBuf,
    pub old_hex: String,
    pub old_mode: String,
    pub new_file: PathBuf,
    pub new_hex: String,
    pub new_mode: String,
}

/// Prints the record changes of one file for `git diff`; always exit 0
/// (git stops when a diff driver fails).
pub fn run_git_diff(args: &GitDiffArgs) -> Result<ExitCode, Error> {
    let old = load_or_empty(&args.old_file)?;
    let new = load_or_empty(&args.new_file)?;
    let difference = diff(&old, &new);
    let heading = format!(
        "coopdesk diff a/{} b/{}: {}",
        args.path,
        args.path,
        difference.summary()
    );
    super::diff::write_text(&mut std::io::stdout().lock(), &heading, &difference)
        .map_err(Error::Stdout)?;
    Ok(ExitCode::SUCCESS)
}

/// git passes /dev/null for the side of an added or deleted file.
fn load_or_empty(path: &Path) -> Result<Workspace, Error> {
    if path == Path::new("/dev/null") {
        Ok(Workspace::default())
    } else {
        load(path)
    }
}

/// Quotes a path for the shell git runs drivers with.
fn shell_quote(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
