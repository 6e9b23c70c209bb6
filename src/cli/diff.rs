//! `coopdesk diff OLD NEW`: what changed between two workspace files,
//! record by record and field by field, named as the app names them. Exit
//! 0 when they hold the same, 1 when they differ (as `diff` does), 2 on
//! errors.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Error, load};
use crate::compare::{Change, Difference, diff};
use crate::model::kind_noun;

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The older workspace file.
    pub old: PathBuf,
    /// The newer workspace file.
    pub new: PathBuf,
    /// `text` for people, `csv` for programs (one row per changed field).
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Csv,
}

pub fn run(args: &DiffArgs) -> Result<ExitCode, Error> {
    let old = load(&args.old)?;
    let new = load(&args.new)?;
    let difference = diff(&old, &new);
    let mut out = std::io::stdout().lock();
    match args.format {
        DiffFormat::Text => {
            let heading = format!(
                "{} → {}: {}",
                args.old.display(),
                args.new.display(),
                difference.summary()
            );
            write_text(&mut out, &heading, &difference)
        }
        DiffFormat::Csv => write_csv(&mut out, &difference),
    }
    .map_err(Error::Stdout)?;
    Ok(if difference.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `+` added, `-` removed, `~` changed with each field as old → new.
pub fn write_text(
    out: &mut impl std::io::Write,
    heading: &str,
    difference: &Difference,
) -> std::io::Result<()> {
    writeln!(out, "{heading}")?;
    for entry in &difference.entries {
        match &entry.change {
            Change::Added => writeln!(out, "+ {}", entry.label)?,
            Change::Removed => writeln!(out, "- {}", entry.label)?,
            Change::Changed(fields) => {
                writeln!(out, "~ {}", entry.label)?;
                for field in fields {
                    writeln!(out, "    {}: {} → {}", field.name, field.old, field.new)?;
                }
            }
        }
    }
    Ok(())
}

/// `change,kind,id,record,field,old,new`: one row per added or removed
/// record and per changed field.
fn write_csv(out: &mut impl std::io::Write, difference: &Difference) -> std::io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(["change", "kind", "id", "record", "field", "old", "new"])?;
    for entry in &difference.entries {
        let (kind, id) = match &entry.record {
            Some(id) => (kind_noun(id.kind(), false), id.as_str()),
            None => ("workspace", ""),
        };
        match &entry.change {
            Change::Added => csv.write_record(["added", kind, id, &entry.label, "", "", ""])?,
            Change::Removed => {
                csv.write_record(["removed", kind, id, &entry.label, "", "", ""])?;
            }
            Change::Changed(fields) => {
                for field in fields {
                    csv.write_record([
                        "changed",
                        kind,
                        id,
                        &entry.label,
                        &field.key,
                        &field.old,
                        &field.new,
                    ])?;
                }
            }
        }
    }
    csv.flush()
}
