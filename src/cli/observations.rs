//! Observations as CSV, in and out: `coopdesk import` adds figures from a
//! CSV to a workspace, `coopdesk export-observations` writes every figure in
//! the same format, so the two round-trip.
//!
//! Import is all or nothing unless asked: every bad row is listed, and
//! nothing is written while any row is rejected, because a half-imported
//! briefing is harder to notice and fix than a refused one.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Error, ReleaseArgs, load, save_workspace, write_output};
use crate::document::{Document, Origin, Recorder};
use crate::model::Workspace;
use crate::store::{self, ImportPlan};

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The workspace (.ron); created when it does not exist.
    pub workspace: PathBuf,
    /// The CSV of observations.
    pub csv: PathBuf,
    /// Write the result here instead of over WORKSPACE.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Import the good rows even when some rows are rejected.
    #[arg(long)]
    pub skip_bad: bool,
}

#[derive(clap::Args)]
pub struct ExportObservationsArgs {
    pub file: PathBuf,
    pub out: PathBuf,
    #[command(flatten)]
    pub release: ReleaseArgs,
}

/// Imports the CSV: plans it against the workspace (created when missing),
/// lists the rejected rows on stderr, and unless some were rejected without
/// `--skip-bad` (exit code 1, nothing written) adds the new figures and
/// saves to `--out` or over the workspace.
pub fn run_import(args: &ImportArgs) -> Result<ExitCode, Error> {
    let workspace = if args.workspace.exists() {
        load(&args.workspace)?
    } else {
        new_workspace(&args.workspace)
    };
    let csv = &args.csv;
    let bytes = std::fs::read(csv).map_err(|source| Error::Read {
        path: csv.clone(),
        source,
    })?;
    let plan =
        store::plan_import(&workspace, &bytes, |_, _| true).map_err(|error| Error::ImportFile {
            csv: csv.clone(),
            error,
        })?;
    report_bad_rows(csv, &plan);
    if !plan.rejected.is_empty() && !args.skip_bad {
        eprintln!(
            "coopdesk: {}: {} of {} rows rejected; nothing was imported (use --skip-bad to import the good rows)",
            csv.display(),
            plan.rejected.len(),
            plan.rows
        );
        return Ok(ExitCode::from(1));
    }
    // Through a document, so that the import is in the change history.
    let mut doc = Document::new(workspace, Origin::New);
    doc.set_recorder(Some(Recorder::system("")));
    let figures = crate::text::count(plan.to_add.len(), "figure", "figures");
    doc.apply_as(
        plan.edit(),
        format!("import of {figures} from a CSV file (command line)"),
    )
    .map_err(|error| Error::ImportEdit {
        csv: csv.clone(),
        error,
    })?;
    let workspace = doc.workspace();
    let target = args.out.as_deref().unwrap_or(&args.workspace);
    save_workspace(workspace, target)?;
    println!(
        "{}: {}; written to {}",
        csv.display(),
        plan.summary(),
        target.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The empty workspace a first import creates, titled after its file name.
fn new_workspace(path: &Path) -> Workspace {
    let title = path.file_stem().map_or_else(
        || "Imported figures".to_owned(),
        |stem| stem.to_string_lossy().into_owned(),
    );
    Workspace {
        title,
        ..Workspace::default()
    }
}

/// Lists each rejected row as `FILE:LINE: COLUMN: REASON`, and the columns
/// that were not read.
fn report_bad_rows(csv: &Path, plan: &ImportPlan) {
    for rejected in &plan.rejected {
        eprintln!(
            "{}:{}: {}: {}",
            csv.display(),
            rejected.line,
            rejected.column,
            rejected.reason
        );
    }
    for left_out in &plan.links_left_out {
        eprintln!(
            "{}:{}: {}: {} (imported without it)",
            csv.display(),
            left_out.line,
            left_out.column,
            left_out.reason
        );
    }
    if !plan.ignored_columns.is_empty() {
        eprintln!(
            "{}: ignored unknown columns: {}",
            csv.display(),
            plan.ignored_columns.join(", ")
        );
    }
}

/// Writes every observation as CSV, in the import format.
pub fn run_export(args: &ExportObservationsArgs) -> Result<ExitCode, Error> {
    let exported = args.release.apply(load(&args.file)?)?;
    let workspace = &exported.workspace;
    let mut text = Vec::new();
    store::write_observations_csv(workspace, &mut text)?;
    write_output(&args.out, &text)?;
    println!(
        "{}: {} observations written",
        args.out.display(),
        workspace.observations.len()
    );
    exported.print_notice();
    Ok(ExitCode::SUCCESS)
}
