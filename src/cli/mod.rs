//! The headless commands of the `coopdesk` binary: `check`, `series`,
//! `import`, `export-observations`, `extract`, `chart`, `timeline`, `brief`,
//! `generate`, `diff`, `merge`, `git-setup`, `git-diff`, `history`,
//! `encrypt` and `decrypt`. Every command reads encrypted workspaces
//! (`passphrase.rs`).
//!
//! `main.rs` parses [`Cli`], opens the dashboard when no command is given,
//! and otherwise calls [`run`]; everything a command does lives here, one
//! file per command (its clap arguments beside its code), so the binary
//! stays a few lines and every command can be called from Rust. A command
//! returns its exit code (1 when it ran and found a problem: errors in
//! `check`, rejected rows in `import`) or an [`Error`], which `main` prints
//! and exits 2 on.

mod brief;
mod chart;
mod check;
mod crypt;
mod diff;
mod error;
mod extract;
mod generate;
mod history;
mod merge;
mod observations;
mod passphrase;
mod release;
mod series;
mod timeline;

pub use brief::BriefArgs;
pub use chart::ChartArgs;
pub use check::CheckArgs;
pub use crypt::{DecryptArgs, EncryptArgs};
pub use diff::{DiffArgs, DiffFormat};
pub use error::Error;
pub use extract::{ExtractArgs, LangArg};
pub use generate::{GenerateArgs, Size};
pub use history::HistoryArgs;
pub use merge::{GitDiffArgs, GitSetupArgs, MergeArgs};
pub use observations::{ExportObservationsArgs, ImportArgs};
pub use release::ReleaseArgs;
pub use series::SeriesArgs;
pub use timeline::TimelineArgs;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::analysis::YearMonth;
use crate::model::Workspace;
use crate::store;

/// Offline dashboard for tracking bilateral security cooperation.
///
/// With no command, opens the dashboard on FILE, or on the embedded sample
/// workspace when no FILE is given.
#[derive(Parser)]
#[command(version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Workspace file (.ron) to open in the dashboard.
    pub file: Option<PathBuf>,
    /// The passphrase of encrypted workspaces, in a file (its whole content,
    /// less a final line break). Without it, a command that meets an
    /// encrypted workspace asks on the terminal. The dashboard does not use
    /// it: it always asks in its window.
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

// The doc comment of each variant is the command's help; the argument
// structs carry none, so that it is the only one.
#[derive(Subcommand)]
pub enum Command {
    /// Lists invalid data (error:) and figures that do not reconcile (warning:).
    ///
    /// Exits 1 when there are errors, or with --strict also warnings.
    Check(CheckArgs),
    /// Imports observations from a CSV file into a workspace.
    ///
    /// Figures already in the workspace are skipped. Rows that cannot be read
    /// are listed and nothing is written, unless --skip-bad is given.
    Import(ImportArgs),
    /// Writes every observation of a workspace as CSV, in the import format.
    ExportObservations(ExportObservationsArgs),
    /// Proposes the figures a briefing's text reports, as CSV in the import
    /// format with a quote column (the sentence each came from).
    ///
    /// Metrics (with their phrases) and regions are the workspace's, or the
    /// built-in sample's. Standard error says how many figures were proposed
    /// and lists each sentence holding a number that was not understood.
    Extract(ExtractArgs),
    /// Prints a metric's derived monthly series as CSV: month,value,estimated,partial.
    Series(SeriesArgs),
    /// Draws a chart as SVG or PNG (chosen by the extension of --out), with
    /// the marking banner, legend and sources.
    Chart(ChartArgs),
    /// Draws the timeline of instruments, milestones and events as SVG or
    /// PNG (chosen by the extension of --out), with the marking banners,
    /// title and legend.
    Timeline(TimelineArgs),
    /// Writes the brief as self-contained HTML or as PDF (chosen by the
    /// extension of --out): instruments by status, milestones, recent events,
    /// key figures with sources, charts and reconciliation problems.
    Brief(BriefArgs),
    /// Lists what changed between two workspace files: records added, removed
    /// and changed, each changed field as old → new, named as the app names
    /// them.
    ///
    /// Exits 0 when the files hold the same, 1 when they differ, 2 on errors.
    Diff(DiffArgs),
    /// Merges two copies of a workspace that share a base, by record and
    /// field, and writes the result (to OURS unless -o is given).
    ///
    /// Where both changed one field differently, our value is kept and the
    /// conflict is recorded in the workspace (`check` lists it, the app
    /// resolves it). Exits 0 when clean, 1 with conflicts, 2 on errors.
    Merge(MergeArgs),
    /// Makes git merge and diff workspace files with coopdesk: sets the merge
    /// and diff drivers in the repository's config and adds them to
    /// .gitattributes, printing each step.
    GitSetup(GitSetupArgs),
    /// Lists the changes recorded in a workspace, newest first: when (UTC),
    /// who, what, and each field changed.
    History(HistoryArgs),
    /// The diff driver git calls (set up by git-setup).
    #[command(hide = true)]
    GitDiff(GitDiffArgs),
    /// Encrypts a workspace file with a passphrase (age, scrypt): OUT can be
    /// opened by the app and every command, with the passphrase.
    ///
    /// The passphrase comes from --passphrase-file or is asked twice on the
    /// terminal. A lost passphrase cannot be recovered.
    Encrypt(EncryptArgs),
    /// Decrypts an encrypted workspace file: OUT holds exactly the bytes
    /// that were encrypted.
    Decrypt(DecryptArgs),
    /// Writes a seeded, SYNTHETIC workspace for benchmarks.
    ///
    /// The same options give the same file. Without --size: 200 instruments,
    /// 1,000 events and 10,000 observations. Counts given override the size's.
    Generate(GenerateArgs),
}

/// Runs a headless command.
pub fn run(command: &Command) -> Result<ExitCode, Error> {
    run_with(command, None)
}

/// Runs a headless command, reading the passphrase of encrypted workspaces
/// from `passphrase_file` (else asking on the terminal).
pub fn run_with(command: &Command, passphrase_file: Option<&Path>) -> Result<ExitCode, Error> {
    passphrase::session(passphrase_file, || run_command(command))
}

fn run_command(command: &Command) -> Result<ExitCode, Error> {
    match command {
        Command::Check(args) => check::run(args),
        Command::Import(args) => observations::run_import(args),
        Command::ExportObservations(args) => observations::run_export(args),
        Command::Extract(args) => extract::run(args),
        Command::Series(args) => series::run(args),
        Command::Chart(args) => chart::run(args),
        Command::Timeline(args) => timeline::run(args),
        Command::Brief(args) => brief::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Merge(args) => merge::run(args),
        Command::GitSetup(args) => merge::run_git_setup(args),
        Command::GitDiff(args) => merge::run_git_diff(args),
        Command::History(args) => history::run(args),
        Command::Encrypt(args) => crypt::run_encrypt(args),
        Command::Decrypt(args) => crypt::run_decrypt(args),
    }
}

/// Opens a workspace file as the app does (clearing what interrupted saves
/// left beside it), decrypting it when it is encrypted.
fn load(file: &Path) -> Result<Workspace, Error> {
    passphrase::load(file)
}

/// Saves a workspace the command read (with a backup), encrypted again
/// when what it read was encrypted.
fn save_workspace(workspace: &Workspace, path: &Path) -> Result<(), Error> {
    Ok(store::save_keyed(
        workspace,
        path,
        passphrase::write_key().as_ref(),
    )?)
}

/// Writes an output file (chart, brief, CSV) atomically.
fn write_output(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    store::write_atomically(path, bytes).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })
}

fn parse_month(text: &str) -> Result<YearMonth, String> {
    YearMonth::parse(text).ok_or_else(|| format!("expected a month as YYYY-MM, found {text:?}"))
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    crate::model::parse_date(text)
}
