//! Outputs for briefers: charts (SVG, PNG), the brief (HTML, PDF) and CSV.
//! Every output is a pure function of the workspace and the options (no
//! clock, no machine state), so the same input gives the same bytes.

pub mod brief;
pub mod chart;
mod fonts;
mod series_csv;
pub mod timeline;

use thiserror::Error;

pub use brief::{Brief, BriefFormat, BriefOptions};
pub use chart::{Chart, ChartError, ChartKind, ChartSize, ChartView, OutputFormat};
pub use fonts::FAMILY as FONT_FAMILY;
pub use series_csv::{SeriesCsv, write_series_csv};

/// A path's extension in lower case: what decides an export's format.
pub(crate) fn extension(path: &std::path::Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

#[derive(Debug, Error)]
pub enum ExportError {
    #[error(transparent)]
    Chart(#[from] ChartError),
    #[error("{0}")]
    BadSize(String),
    #[error("cannot tell the format of {path} from its name: end it in {expected}")]
    UnknownFormat {
        path: String,
        expected: &'static str,
    },
    #[error("could not draw the chart: {0}")]
    Render(String),
    #[error("could not make the PDF: {0}")]
    Pdf(String),
}
