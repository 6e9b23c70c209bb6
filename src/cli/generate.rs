//! `coopdesk generate`: a seeded SYNTHETIC workspace for benchmarks, from
//! [`crate::generate`]. The same options give the same bytes.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::Error;
use crate::generate::{GenerateParams, generate};
use crate::store;
use crate::text::group_thousands;

#[derive(clap::Args)]
pub struct GenerateArgs {
    #[arg(long, value_enum)]
    pub size: Option<Size>,
    #[arg(long)]
    pub instruments: Option<usize>,
    #[arg(long)]
    pub events: Option<usize>,
    #[arg(long)]
    pub observations: Option<usize>,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The workspace file (.ron) to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Replace OUT if it exists (the old file is kept as OUT.bak).
    #[arg(long)]
    pub force: bool,
}

/// Preset sizes of generated workspaces.
#[derive(Clone, Copy, ValueEnum)]
pub enum Size {
    /// 5,000 instruments, 20,000 events, 100,000 observations.
    Heavy,
    /// 10,000 instruments, 100,000 events, 1,000,000 observations.
    Stress,
}

impl GenerateArgs {
    /// The size's counts (the small preset without `--size`), overridden by
    /// any count given.
    pub fn params(&self) -> GenerateParams {
        let preset = match self.size {
            None => GenerateParams::small(self.seed),
            Some(Size::Heavy) => GenerateParams::heavy(self.seed),
            Some(Size::Stress) => GenerateParams::stress(self.seed),
        };
        GenerateParams {
            instruments: self.instruments.unwrap_or(preset.instruments),
            events: self.events.unwrap_or(preset.events),
            observations: self.observations.unwrap_or(preset.observations),
            seed: self.seed,
        }
    }
}

/// Writes the workspace to `--out`, refusing to replace a file without
/// `--force`, and prints what it holds.
pub fn run(args: &GenerateArgs) -> Result<ExitCode, Error> {
    let out = &args.out;
    if out.exists() && !args.force {
        return Err(Error::OutExists { path: out.clone() });
    }
    let params = args.params();
    let workspace = generate(&params);
    store::save(&workspace, out)?;
    let bytes = std::fs::metadata(out)
        .map_err(|source| Error::ReadBack {
            path: out.clone(),
            source,
        })?
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
