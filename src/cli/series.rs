//! `coopdesk series`: a metric's derived monthly series as CSV
//! (`month,value,estimated,partial`), for all regions together or for one.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Error, ReleaseArgs, load, parse_month};
use crate::analysis::{Analysis, RegionScope, YearMonth, find_region};
use crate::export::write_series_csv;
use crate::model::MetricId;

#[derive(clap::Args)]
pub struct SeriesArgs {
    pub file: PathBuf,
    /// Metric id, e.g. neutralised.
    #[arg(long)]
    pub metric: String,
    /// Only this region (default: all regions together).
    #[arg(long)]
    pub region: Option<String>,
    /// First month, YYYY-MM.
    #[arg(long, value_parser = parse_month)]
    pub from: Option<YearMonth>,
    /// Last month, YYYY-MM.
    #[arg(long, value_parser = parse_month)]
    pub to: Option<YearMonth>,
    #[command(flatten)]
    pub release: ReleaseArgs,
}

/// Prints the series to stdout.
pub fn run(args: &SeriesArgs) -> Result<ExitCode, Error> {
    let exported = args.release.apply(load(&args.file)?)?;
    let workspace = &exported.workspace;
    let metric = MetricId::new(&args.metric);
    if !workspace.metrics.contains(metric.as_str()) {
        return Err(Error::UnknownMetric {
            file: args.file.clone(),
            metric,
            known: workspace.metrics.iter().map(|m| m.id.to_string()).collect(),
        });
    }
    let analysis = Analysis::compute(workspace);
    let regions = analysis.regions.get(&metric).cloned().unwrap_or_default();
    let scope = match args.region.as_deref() {
        None => RegionScope::All,
        Some(wanted) => match find_region(&regions, wanted) {
            // The metric's only region is all of it.
            Some(_) if regions.len() == 1 => RegionScope::All,
            Some(region) => RegionScope::region(region),
            None => {
                return Err(Error::UnknownRegion {
                    file: args.file.clone(),
                    metric,
                    region: wanted.to_owned(),
                    known: regions.into_iter().collect(),
                });
            }
        },
    };
    let months = analysis
        .series(&metric, &scope)
        .map(|s| s.range(args.from, args.to))
        .unwrap_or_default();
    write_series_csv(std::io::stdout().lock(), months).map_err(Error::SeriesOutput)?;
    exported.print_notice();
    Ok(ExitCode::SUCCESS)
}
