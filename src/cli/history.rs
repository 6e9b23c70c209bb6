//! `coopdesk history FILE [--since YYYY-MM-DD] [--record ID]`: the changes
//! recorded in a workspace, newest first, one line each: when (UTC), who,
//! what, and the fields it changed.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{Error, load, parse_day};
use crate::model::HistoryEntry;

#[derive(clap::Args)]
pub struct HistoryArgs {
    pub file: PathBuf,
    /// Only changes made on or after this day (UTC), YYYY-MM-DD.
    #[arg(long, value_parser = parse_day)]
    pub since: Option<NaiveDate>,
    /// Only changes to this record (its id, as in the file).
    #[arg(long)]
    pub record: Option<String>,
}

pub fn run(args: &HistoryArgs) -> Result<ExitCode, Error> {
    let workspace = load(&args.file)?;
    let since = args.since.map(|d| d.format("%Y-%m-%d").to_string());
    let mut out = std::io::stdout().lock();
    for entry in workspace.history.iter().rev() {
        if since.as_deref().is_some_and(|since| entry.day() < since) {
            continue;
        }
        if args.record.as_deref().is_some_and(|id| !entry.touches(id)) {
            continue;
        }
        writeln!(out, "{}", line(entry)).map_err(Error::Stdout)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `2026-12-03 07:15 UTC  Ayşe Demir (ademir)  changed figure …; Value: 54 → 56`
pub fn line(entry: &HistoryEntry) -> String {
    let when = entry
        .at
        .get(..16)
        .unwrap_or(&entry.at)
        .replacen('T', " ", 1);
    let mut line = format!("{when} UTC  {}  {}", entry.who(), entry.what);
    for field in &entry.fields {
        line.push_str(&format!("; {}: {} → {}", field.field, field.old, field.new));
    }
    line
}
