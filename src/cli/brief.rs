//! `coopdesk brief`: the brief as self-contained HTML or as PDF (chosen by
//! the extension of `--out`), built by [`crate::export::brief`].

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{Error, ReleaseArgs, load, parse_day, write_output};
use crate::analysis::Analysis;
use crate::export::{Brief, BriefFormat, BriefOptions};

#[derive(clap::Args)]
pub struct BriefArgs {
    pub file: PathBuf,
    /// The brief to write: .html or .pdf.
    #[arg(long)]
    pub out: PathBuf,
    /// The date the brief speaks of, YYYY-MM-DD (default: the latest date
    /// in the workspace). Figures reported later are left out.
    #[arg(long, value_parser = parse_day)]
    pub as_of: Option<NaiveDate>,
    #[command(flatten)]
    pub release: ReleaseArgs,
}

/// Writes the brief to `--out` and prints its title and marking.
pub fn run(args: &BriefArgs) -> Result<ExitCode, Error> {
    let format = BriefFormat::from_path(&args.out)?;
    let exported = args.release.apply(load(&args.file)?)?;
    let workspace = &exported.workspace;
    let analysis = Analysis::compute_as_of(workspace, args.as_of);
    let options = BriefOptions {
        as_of: args.as_of,
        release_note: exported.notice.clone(),
    };
    let brief = Brief::build(workspace, &analysis, &options);
    write_output(&args.out, &brief.render(format)?)?;
    println!(
        "{}: {} — {}",
        args.out.display(),
        brief.title,
        brief.marking
    );
    exported.print_notice();
    Ok(ExitCode::SUCCESS)
}
