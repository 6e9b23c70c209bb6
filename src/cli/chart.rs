//! `coopdesk chart`: one of the Statistics tab's charts as SVG or PNG
//! (chosen by the extension of `--out`), with the marking banner, legend and
//! sources, drawn by [`crate::export::chart`].

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{Error, ReleaseArgs, load, parse_day, parse_month, write_output};
use crate::analysis::{Analysis, YearMonth};
use crate::export::chart::{OutputFormat, to_png, to_svg};
use crate::export::{Chart, ChartKind, ChartSize, ChartView};
use crate::model::metric_ids::APPREHENDED_BORDER;
use crate::model::{MetricId, Workspace};

#[derive(clap::Args)]
pub struct ChartArgs {
    pub file: PathBuf,
    /// Metric id, e.g. neutralised (not needed for --kind border).
    #[arg(long)]
    pub metric: Option<String>,
    /// Which chart: the Statistics tab's charts.
    #[arg(long, value_enum, default_value = "monthly")]
    pub kind: ChartKind,
    /// Only these regions (repeat the option for several; default: all).
    #[arg(long)]
    pub region: Vec<String>,
    /// First month, YYYY-MM.
    #[arg(long, value_parser = parse_month)]
    pub from: Option<YearMonth>,
    /// Last month, YYYY-MM.
    #[arg(long, value_parser = parse_month)]
    pub to: Option<YearMonth>,
    /// Running totals instead of monthly figures (monthly chart).
    #[arg(long)]
    pub cumulative: bool,
    /// Bars side by side instead of stacked (monthly chart).
    #[arg(long)]
    pub side_by_side: bool,
    /// Only figures reported on or before this date, YYYY-MM-DD.
    #[arg(long, value_parser = parse_day)]
    pub as_of: Option<NaiveDate>,
    /// The image to write: .svg or .png.
    #[arg(long)]
    pub out: PathBuf,
    /// Width in pixels.
    #[arg(long, default_value_t = ChartSize::default().width)]
    pub width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = ChartSize::default().height)]
    pub height: u32,
    /// Resolution recorded in the PNG (print size = pixels / dpi).
    #[arg(long, default_value_t = ChartSize::default().dpi)]
    pub dpi: u32,
    #[command(flatten)]
    pub release: ReleaseArgs,
}

/// Draws the chart and writes it to `--out`. The format and size are
/// checked before the workspace is read, so a typo fails at once.
pub fn run(args: &ChartArgs) -> Result<ExitCode, Error> {
    let format = OutputFormat::from_path(&args.out)?;
    let size = ChartSize {
        width: args.width,
        height: args.height,
        dpi: args.dpi,
    }
    .check()?;
    let exported = args.release.apply(load(&args.file)?)?;
    let workspace = &exported.workspace;
    let metric = metric(args, workspace)?;
    let analysis = Analysis::compute_as_of(workspace, args.as_of);
    let view = view(args, &analysis, &metric)?;
    let mut chart = Chart::build(workspace, &analysis, args.kind, &metric, &view)?;
    chart.release_note = exported.notice.clone();
    let bytes = match format {
        OutputFormat::Svg => to_svg(&chart, size)?.into_bytes(),
        OutputFormat::Png => to_png(&chart, size)?,
    };
    write_output(&args.out, &bytes)?;
    println!(
        "{}: {} ({}), {}",
        args.out.display(),
        chart.title,
        chart.period,
        chart.marking
    );
    exported.print_notice();
    Ok(ExitCode::SUCCESS)
}

/// The metric asked for; the border chart has its own default.
fn metric(args: &ChartArgs, workspace: &Workspace) -> Result<MetricId, Error> {
    match (&args.metric, args.kind) {
        (Some(metric), _) => Ok(MetricId::new(metric)),
        (None, ChartKind::Border) => Ok(MetricId::new(APPREHENDED_BORDER)),
        (None, _) => Err(Error::MetricNeeded {
            kind: args.kind.slug(),
            known: workspace.metrics.iter().map(|m| m.id.to_string()).collect(),
        }),
    }
}

/// The chart options as the Statistics tab holds them; `--region` names are
/// matched as `series --region` matches them ([`crate::analysis::find_region`]).
fn view(args: &ChartArgs, analysis: &Analysis, metric: &MetricId) -> Result<ChartView, Error> {
    let month = |m: Option<YearMonth>| m.map(|m| m.to_string()).unwrap_or_default();
    let mut view = ChartView {
        from: month(args.from),
        to: month(args.to),
        cumulative: args.cumulative,
        side_by_side: args.side_by_side,
        as_of: args.as_of.map(|d| d.to_string()).unwrap_or_default(),
        ..ChartView::default()
    };
    let known = analysis.regions.get(metric).cloned().unwrap_or_default();
    view.show_only(&args.region, &known)?;
    Ok(view)
}
