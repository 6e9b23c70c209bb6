//! `coopdesk check`: one line per problem, `error:` for invalid data and
//! `warning:` for figures that do not reconcile, then a count on stderr.
//! With `--verbose`, the parts behind a warning (each region's figure of a
//! region sum) follow it, one indented line each.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Error, load};
use crate::analysis::Analysis;
use crate::text::count;

#[derive(clap::Args)]
pub struct CheckArgs {
    pub file: PathBuf,
    /// Also fail on warnings.
    #[arg(long)]
    pub strict: bool,
    /// List the parts behind each warning under it (for a region sum, each
    /// region with its figure).
    #[arg(long, short)]
    pub verbose: bool,
}

/// Lists the problems; exit code 1 when there are errors, or with
/// `--strict` also warnings.
pub fn run(args: &CheckArgs) -> Result<ExitCode, Error> {
    let workspace = load(&args.file)?;
    let errors = workspace.validate();
    let warnings = Analysis::compute(&workspace).problems;
    let mut out = std::io::stdout().lock();
    for error in &errors {
        writeln!(out, "error: {error}").map_err(Error::Stdout)?;
    }
    for warning in &warnings {
        writeln!(out, "warning: {warning}").map_err(Error::Stdout)?;
        if !args.verbose {
            continue;
        }
        for detail in &warning.details {
            writeln!(out, "    {detail}").map_err(Error::Stdout)?;
        }
        for figure in &warning.observations {
            let label = workspace
                .observations
                .get(figure.as_str())
                .map_or_else(|| figure.to_string(), |o| workspace.figure_label(o));
            writeln!(out, "    figure: {label}").map_err(Error::Stdout)?;
        }
    }
    eprintln!(
        "{}: {}, {}",
        args.file.display(),
        count(errors.len(), "error", "errors"),
        count(warnings.len(), "warning", "warnings")
    );
    let failed = !errors.is_empty() || (args.strict && !warnings.is_empty());
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
