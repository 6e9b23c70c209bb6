//! `coopdesk timeline`: the Timeline tab as SVG or PNG (chosen by the
//! extension of `--out`), with the marking banners, title and legend, drawn
//! by [`crate::export::timeline`].

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{Error, ReleaseArgs, load, parse_day, parse_month, write_output};
use crate::analysis::{Timeline, TimelineFilter, YearMonth};
use crate::export::OutputFormat;
use crate::export::timeline::{WIDTH, page_size, to_png, to_svg};

#[derive(clap::Args)]
pub struct TimelineArgs {
    pub file: PathBuf,
    /// The image to write: .svg or .png.
    #[arg(long)]
    pub out: PathBuf,
    /// First month, YYYY-MM (default: the earliest date shown).
    #[arg(long, value_parser = parse_month)]
    pub from: Option<YearMonth>,
    /// Last month, YYYY-MM (default: the latest date shown, or today).
    #[arg(long, value_parser = parse_month)]
    pub to: Option<YearMonth>,
    /// The date taken as today, YYYY-MM-DD: the today line and what is
    /// overdue (default: the computer's date; give it for the same bytes
    /// on another day).
    #[arg(long, value_parser = parse_day)]
    pub today: Option<NaiveDate>,
    /// Width in pixels (the height follows the rows).
    #[arg(long, default_value_t = WIDTH)]
    pub width: u32,
    #[command(flatten)]
    pub release: ReleaseArgs,
}

/// Draws the timeline and writes it to `--out`. The format is checked
/// before the workspace is read, so a typo fails at once.
pub fn run(args: &TimelineArgs) -> Result<ExitCode, Error> {
    let format = OutputFormat::from_path(&args.out)?;
    let exported = args.release.apply(load(&args.file)?)?;
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let filter = TimelineFilter {
        from: args.from,
        to: args.to,
        ..TimelineFilter::default()
    };
    let mut timeline = Timeline::build(&exported.workspace, &filter, today);
    timeline.release_note = exported.notice.clone();
    let bytes = match format {
        OutputFormat::Svg => to_svg(&timeline, args.width)?.into_bytes(),
        OutputFormat::Png => to_png(&timeline, args.width)?,
    };
    write_output(&args.out, &bytes)?;
    let size = page_size(&timeline, args.width);
    println!(
        "{}: {} ({}), {}, {}×{} pixels",
        args.out.display(),
        timeline.title,
        timeline.period(),
        timeline.marking,
        size.width,
        size.height
    );
    exported.print_notice();
    Ok(ExitCode::SUCCESS)
}
