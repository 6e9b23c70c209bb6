//! Outputs for briefers: charts (SVG, PNG), the brief (HTML, PDF) and CSV.
//! Every output is a pure function of the workspace and the options (no
//! clock, no machine state), so the same input gives the same bytes.

pub mod brief;
pub mod chart;
mod fonts;

use std::io::{self, Write};

use thiserror::Error;

pub use brief::{Brief, BriefFormat, BriefOptions};
pub use chart::{Chart, ChartError, ChartKind, ChartSize, ChartView, OutputFormat};
pub use fonts::FAMILY as FONT_FAMILY;

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

use crate::analysis::MonthValue;

/// Writes a monthly series as CSV: `month,value,estimated`.
pub fn write_series_csv(mut out: impl Write, months: &[MonthValue]) -> io::Result<()> {
    writeln!(out, "month,value,estimated")?;
    for month in months {
        writeln!(out, "{},{},{}", month.month, month.value, month.estimated)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::YearMonth;
    use crate::model::Qualifier;

    #[test]
    fn series_csv_has_a_header_and_one_line_per_month() {
        let month = |m, value, estimated| MonthValue {
            month: YearMonth::new(2024, m).unwrap(),
            value,
            estimated,
            qualifier: Qualifier::Exact,
            covered_days: 1,
            observations: Vec::new(),
        };
        let mut out = Vec::new();
        write_series_csv(&mut out, &[month(1, 213, true), month(2, 0, false)]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "month,value,estimated\n2024-01,213,true\n2024-02,0,false\n"
        );
    }
}
