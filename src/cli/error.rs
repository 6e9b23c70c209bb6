//! Why a headless command failed. `main` prints it as `coopdesk: {err:#}`,
//! which shows each error's source after it, the way `anyhow` context did
//! before the commands moved into the library; the messages are unchanged.

use std::path::PathBuf;

use crate::export::{ChartError, ExportError};
use crate::model::{EditError, MetricId, ReleaseError};
use crate::store::{CsvError, LoadError, SaveError};

/// A failure that stops a command (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Chart(#[from] ChartError),
    #[error("cannot release at the level asked for")]
    Release(#[from] ReleaseError),
    /// Writing to standard output failed (a closed pipe, a full disk).
    #[error(transparent)]
    Stdout(std::io::Error),
    #[error("cannot write the series")]
    SeriesOutput(#[source] std::io::Error),
    #[error("{}: cannot read", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{}: line {line}: not UTF-8 text (is it a binary file?); save the briefing as plain UTF-8 text",
        path.display()
    )]
    NotText { path: PathBuf, line: usize },
    #[error("{}: cannot print the workspace", path.display())]
    Print {
        path: PathBuf,
        #[source]
        source: ron::Error,
    },
    #[error("cannot {what}")]
    Git {
        what: String,
        #[source]
        source: Option<std::io::Error>,
    },
    #[error("{}: cannot write", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot read what was written", path.display())]
    ReadBack {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    ObservationsCsv(#[from] csv::Error),
    // The reason is part of the message, not a `source`, as it always was
    // for these two: printing the chain must not repeat it.
    #[error("{}: {error}", csv.display())]
    ImportFile { csv: PathBuf, error: CsvError },
    #[error("{}: {error}", csv.display())]
    ImportEdit { csv: PathBuf, error: EditError },
    #[error("{}: no metric {:?}; the metrics are: {}", file.display(), metric.as_str(), known.join(", "))]
    UnknownMetric {
        file: PathBuf,
        metric: MetricId,
        known: Vec<String>,
    },
    #[error(
        "{}: metric {metric} has no region {region:?}; its regions are: {}",
        file.display(),
        region_list(known)
    )]
    UnknownRegion {
        file: PathBuf,
        metric: MetricId,
        region: String,
        known: Vec<String>,
    },
    #[error("--metric is needed for a {kind} chart; this workspace has: {}", known.join(", "))]
    MetricNeeded {
        kind: &'static str,
        known: Vec<String>,
    },
    /// No usable passphrase, or a file that is (or is not) encrypted.
    #[error("{what}")]
    Passphrase { what: String },
    #[error(
        "{}: already exists; choose another --out or add --force to replace it",
        path.display()
    )]
    OutExists { path: PathBuf },
}

fn region_list(known: &[String]) -> String {
    if known.is_empty() {
        "none (it is not broken down by region)".to_owned()
    } else {
        known.join(", ")
    }
}
