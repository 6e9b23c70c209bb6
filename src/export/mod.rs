//! Outputs for briefers, written to any `impl Write` so tests need no files.

use std::io::{self, Write};

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
