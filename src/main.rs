//! The `coopdesk` command: opens the dashboard, or runs a headless command.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use coopdesk::analysis::{Analysis, RegionScope, YearMonth};
use coopdesk::generate::GenerateParams;
use coopdesk::model::{MetricId, Workspace};
use coopdesk::text::{count, group_thousands};
use coopdesk::{export, generate, store};

/// Offline dashboard for tracking bilateral security cooperation.
///
/// With no command, opens the dashboard on FILE, or on the embedded sample
/// workspace when no FILE is given.
#[derive(Parser)]
#[command(version, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Workspace file (.ron) to open in the dashboard.
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Lists invalid data (error:) and figures that do not reconcile (warning:).
    ///
    /// Exits 1 when there are errors, or with --strict also warnings.
    Check {
        file: PathBuf,
        /// Also fail on warnings.
        #[arg(long)]
        strict: bool,
    },
    /// Imports observations from a CSV file into a workspace.
    ///
    /// Figures already in the workspace are skipped. Rows that cannot be read
    /// are listed and nothing is written, unless --skip-bad is given.
    Import {
        /// The workspace (.ron); created when it does not exist.
        workspace: PathBuf,
        /// The CSV of observations.
        csv: PathBuf,
        /// Write the result here instead of over WORKSPACE.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Import the good rows even when some rows are rejected.
        #[arg(long)]
        skip_bad: bool,
    },
    /// Writes every observation of a workspace as CSV, in the import format.
    ExportObservations { file: PathBuf, out: PathBuf },
    /// Prints a metric's derived monthly series as CSV: month,value,estimated.
    Series {
        file: PathBuf,
        /// Metric id, e.g. neutralised.
        #[arg(long)]
        metric: String,
        /// Only this region (default: all regions together).
        #[arg(long)]
        region: Option<String>,
        /// First month, YYYY-MM.
        #[arg(long, value_parser = parse_month)]
        from: Option<YearMonth>,
        /// Last month, YYYY-MM.
        #[arg(long, value_parser = parse_month)]
        to: Option<YearMonth>,
    },
    /// Draws a chart as SVG or PNG (chosen by the extension of --out), with
    /// the marking banner, legend and sources.
    Chart(ChartArgs),
    /// Writes the brief as self-contained HTML or as PDF (chosen by the
    /// extension of --out): instruments by status, milestones, recent events,
    /// key figures with sources, charts and reconciliation problems.
    Brief {
        file: PathBuf,
        /// The brief to write: .html or .pdf.
        #[arg(long)]
        out: PathBuf,
        /// The date the brief speaks of, YYYY-MM-DD (default: the latest date
        /// in the workspace). Figures reported later are left out.
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
    },
    /// Writes a seeded, SYNTHETIC workspace for benchmarks.
    ///
    /// The same options give the same file. Without --size: 200 instruments,
    /// 1,000 events and 10,000 observations. Counts given override the size's.
    Generate {
        #[arg(long, value_enum)]
        size: Option<Size>,
        #[arg(long)]
        instruments: Option<usize>,
        #[arg(long)]
        events: Option<usize>,
        #[arg(long)]
        observations: Option<usize>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The workspace file (.ron) to write.
        #[arg(long)]
        out: PathBuf,
        /// Replace OUT if it exists (the old file is kept as OUT.bak).
        #[arg(long)]
        force: bool,
    },
}

#[derive(clap::Args)]
struct ChartArgs {
    file: PathBuf,
    /// Metric id, e.g. neutralised (not needed for --kind border).
    #[arg(long)]
    metric: Option<String>,
    /// Which chart: the Statistics tab's charts.
    #[arg(long, value_enum, default_value = "monthly")]
    kind: export::ChartKind,
    /// Only these regions (repeat the option for several; default: all).
    #[arg(long)]
    region: Vec<String>,
    /// First month, YYYY-MM.
    #[arg(long, value_parser = parse_month)]
    from: Option<YearMonth>,
    /// Last month, YYYY-MM.
    #[arg(long, value_parser = parse_month)]
    to: Option<YearMonth>,
    /// Running totals instead of monthly figures (monthly chart).
    #[arg(long)]
    cumulative: bool,
    /// Bars side by side instead of stacked (monthly chart).
    #[arg(long)]
    side_by_side: bool,
    /// Only figures reported on or before this date, YYYY-MM-DD.
    #[arg(long, value_parser = parse_day)]
    as_of: Option<NaiveDate>,
    /// The image to write: .svg or .png.
    #[arg(long)]
    out: PathBuf,
    /// Width in pixels.
    #[arg(long, default_value_t = export::ChartSize::default().width)]
    width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = export::ChartSize::default().height)]
    height: u32,
    /// Resolution recorded in the PNG (print size = pixels / dpi).
    #[arg(long, default_value_t = export::ChartSize::default().dpi)]
    dpi: u32,
}

/// Preset sizes of generated workspaces.
#[derive(Clone, Copy, ValueEnum)]
enum Size {
    /// 5,000 instruments, 20,000 events, 100,000 observations.
    Heavy,
    /// 10,000 instruments, 100,000 events, 1,000,000 observations.
    Stress,
}

fn parse_month(text: &str) -> Result<YearMonth, String> {
    YearMonth::parse(text).ok_or_else(|| format!("expected a month as YYYY-MM, found {text:?}"))
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    coopdesk::model::parse_date(text)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("coopdesk: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => {
            coopdesk::ui::run(cli.file).map_err(|err| anyhow::anyhow!("{err}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { file, strict }) => check(&file, strict),
        Some(Command::Import {
            workspace,
            csv,
            out,
            skip_bad,
        }) => import(&workspace, &csv, out.as_deref(), skip_bad),
        Some(Command::ExportObservations { file, out }) => export_observations(&file, &out),
        Some(Command::Series {
            file,
            metric,
            region,
            from,
            to,
        }) => series(&file, &metric, region.as_deref(), from, to),
        Some(Command::Chart(args)) => chart(&args),
        Some(Command::Brief { file, out, as_of }) => brief(&file, &out, as_of),
        Some(Command::Generate {
            size,
            instruments,
            events,
            observations,
            seed,
            out,
            force,
        }) => {
            let preset = match size {
                None => GenerateParams::small(seed),
                Some(Size::Heavy) => GenerateParams::heavy(seed),
                Some(Size::Stress) => GenerateParams::stress(seed),
            };
            let params = GenerateParams {
                instruments: instruments.unwrap_or(preset.instruments),
                events: events.unwrap_or(preset.events),
                observations: observations.unwrap_or(preset.observations),
                seed,
            };
            generate_workspace(&params, &out, force)
        }
    }
}

fn brief(file: &Path, out: &Path, as_of: Option<NaiveDate>) -> anyhow::Result<ExitCode> {
    let format = export::BriefFormat::from_path(out)?;
    let workspace = load(file)?;
    let analysis = Analysis::compute_as_of(&workspace, as_of);
    let brief = export::Brief::build(&workspace, &analysis, &export::BriefOptions { as_of });
    let bytes = brief.render(format)?;
    store::write_atomically(out, &bytes)
        .with_context(|| format!("{}: cannot write", out.display()))?;
    println!("{}: {} — {}", out.display(), brief.title, brief.marking);
    Ok(ExitCode::SUCCESS)
}

fn chart(args: &ChartArgs) -> anyhow::Result<ExitCode> {
    use export::chart::{APPREHENDED, ChartView, OutputFormat};
    let format = OutputFormat::from_path(&args.out)?;
    let size = export::ChartSize {
        width: args.width,
        height: args.height,
        dpi: args.dpi,
    }
    .check()?;
    let workspace = load(&args.file)?;
    let metric = match (&args.metric, args.kind) {
        (Some(metric), _) => MetricId::new(metric),
        (None, export::ChartKind::Border) => MetricId::new(APPREHENDED),
        (None, _) => bail!(
            "--metric is needed for a {} chart; this workspace has: {}",
            args.kind.slug(),
            workspace
                .metrics
                .iter()
                .map(|m| m.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let month = |m: Option<YearMonth>| m.map(|m| m.to_string()).unwrap_or_default();
    let mut view = ChartView {
        from: month(args.from),
        to: month(args.to),
        cumulative: args.cumulative,
        side_by_side: args.side_by_side,
        as_of: args.as_of.map(|d| d.to_string()).unwrap_or_default(),
        ..ChartView::default()
    };
    let analysis = Analysis::compute_as_of(&workspace, args.as_of);
    let known = analysis.regions.get(&metric).cloned().unwrap_or_default();
    view.show_only(&args.region, &known)?;
    let chart = export::Chart::build(&workspace, &analysis, args.kind, &metric, &view)?;
    let bytes = match format {
        OutputFormat::Svg => export::chart::to_svg(&chart, size)?.into_bytes(),
        OutputFormat::Png => export::chart::to_png(&chart, size)?,
    };
    store::write_atomically(&args.out, &bytes)
        .with_context(|| format!("{}: cannot write", args.out.display()))?;
    println!(
        "{}: {} ({}), {}",
        args.out.display(),
        chart.title,
        chart.period,
        chart.marking
    );
    Ok(ExitCode::SUCCESS)
}

fn load(file: &Path) -> anyhow::Result<Workspace> {
    Ok(store::open(file)?)
}

fn import(
    workspace_path: &Path,
    csv: &Path,
    out: Option<&Path>,
    skip_bad: bool,
) -> anyhow::Result<ExitCode> {
    let mut workspace = if workspace_path.exists() {
        load(workspace_path)?
    } else {
        let title = workspace_path.file_stem().map_or_else(
            || "Imported figures".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        Workspace {
            title,
            ..Workspace::default()
        }
    };
    let bytes = std::fs::read(csv).with_context(|| format!("{}: cannot read", csv.display()))?;
    let plan = store::plan_import(&workspace, &bytes, |_, _| true)
        .map_err(|err| anyhow::anyhow!("{}: {err}", csv.display()))?;
    for rejected in &plan.rejected {
        eprintln!(
            "{}:{}: {}: {}",
            csv.display(),
            rejected.line,
            rejected.column,
            rejected.reason
        );
    }
    if !plan.ignored_columns.is_empty() {
        eprintln!(
            "{}: ignored unknown columns: {}",
            csv.display(),
            plan.ignored_columns.join(", ")
        );
    }
    if !plan.rejected.is_empty() && !skip_bad {
        eprintln!(
            "coopdesk: {}: {} of {} rows rejected; nothing was imported (use --skip-bad to import the good rows)",
            csv.display(),
            plan.rejected.len(),
            plan.rows
        );
        return Ok(ExitCode::from(1));
    }
    plan.edit()
        .apply(&mut workspace)
        .map_err(|err| anyhow::anyhow!("{}: {err}", csv.display()))?;
    let target = out.unwrap_or(workspace_path);
    store::save(&workspace, target)?;
    println!(
        "{}: {}; written to {}",
        csv.display(),
        plan.summary(),
        target.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn export_observations(file: &Path, out: &Path) -> anyhow::Result<ExitCode> {
    let workspace = load(file)?;
    let mut text = Vec::new();
    store::write_observations_csv(&workspace, &mut text)?;
    store::write_atomically(out, &text)
        .with_context(|| format!("{}: cannot write", out.display()))?;
    println!(
        "{}: {} observations written",
        out.display(),
        workspace.observations.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn check(file: &Path, strict: bool) -> anyhow::Result<ExitCode> {
    let workspace = load(file)?;
    let errors = workspace.validate();
    let warnings = Analysis::compute(&workspace).problems;
    let mut out = std::io::stdout().lock();
    for error in &errors {
        writeln!(out, "error: {error}")?;
    }
    for warning in &warnings {
        writeln!(out, "warning: {warning}")?;
    }
    eprintln!(
        "{}: {}, {}",
        file.display(),
        count(errors.len(), "error", "errors"),
        count(warnings.len(), "warning", "warnings")
    );
    let failed = !errors.is_empty() || (strict && !warnings.is_empty());
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn generate_workspace(
    params: &GenerateParams,
    out: &Path,
    force: bool,
) -> anyhow::Result<ExitCode> {
    if out.exists() && !force {
        bail!(
            "{}: already exists; choose another --out or add --force to replace it",
            out.display()
        );
    }
    let workspace = generate::generate(params);
    store::save(&workspace, out)?;
    let bytes = std::fs::metadata(out)
        .with_context(|| format!("{}: cannot read what was written", out.display()))?
        .len();
    println!(
        "{}: {} instruments, {} events, {} observations (SYNTHETIC, seed {}); {} bytes",
        out.display(),
        group_thousands(workspace.instruments.len() as u64),
        group_thousands(workspace.events.len() as u64),
        group_thousands(workspace.observations.len() as u64),
        params.seed,
        group_thousands(bytes)
    );
    Ok(ExitCode::SUCCESS)
}

fn series(
    file: &Path,
    metric: &str,
    region: Option<&str>,
    from: Option<YearMonth>,
    to: Option<YearMonth>,
) -> anyhow::Result<ExitCode> {
    let workspace = load(file)?;
    let metric = MetricId::new(metric);
    if !workspace.metrics.contains(metric.as_str()) {
        let known: Vec<&str> = workspace.metrics.iter().map(|m| m.id.as_str()).collect();
        bail!(
            "{}: no metric {:?}; the metrics are: {}",
            file.display(),
            metric.as_str(),
            known.join(", ")
        );
    }
    let analysis = Analysis::compute(&workspace);
    let regions = analysis.regions.get(&metric).cloned().unwrap_or_default();
    let scope = match region {
        None => RegionScope::All,
        Some(region) if regions.len() == 1 && regions.contains(region) => RegionScope::All,
        Some(region) if regions.contains(region) => RegionScope::region(region),
        Some(region) => bail!(
            "{}: metric {metric} has no region {region:?}; its regions are: {}",
            file.display(),
            if regions.is_empty() {
                "none (it is not broken down by region)".to_owned()
            } else {
                regions.iter().cloned().collect::<Vec<_>>().join(", ")
            }
        ),
    };
    let months = analysis
        .series(&metric, &scope)
        .map(|s| s.range(from, to))
        .unwrap_or_default();
    export::write_series_csv(std::io::stdout().lock(), months)
        .context("cannot write the series")?;
    Ok(ExitCode::SUCCESS)
}
