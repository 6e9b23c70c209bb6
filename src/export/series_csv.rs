//! The series CSV: `month,value,estimated,partial`, one line per month,
//! and a `region` column after the month when it holds several series.
//! `partial` is `true` for a month the figures reach only in part (the
//! month in progress), whose value is not a whole month's.
//! `coopdesk series` and the Statistics tab (what its chart shows) both
//! write it here, so the two files read the same.

use std::fmt;
use std::io::{self, Write};

use crate::analysis::MonthValue;

/// The series a CSV holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeriesCsv<'a> {
    /// One series, without a region column.
    One(&'a [MonthValue]),
    /// Several series one after another, each named in the region column
    /// (by its legend label, such as `northern Iraq` or `3 other regions`).
    ByRegion(Vec<(&'a str, &'a [MonthValue])>),
}

impl<'a> From<&'a [MonthValue]> for SeriesCsv<'a> {
    fn from(months: &'a [MonthValue]) -> Self {
        Self::One(months)
    }
}

impl fmt::Display for SeriesCsv<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::One(months) => {
                writeln!(f, "month,value,estimated,partial")?;
                for m in *months {
                    let (month, value, estimated, partial) =
                        (m.month, m.value, m.estimated, m.partial);
                    writeln!(f, "{month},{value},{estimated},{partial}")?;
                }
            }
            Self::ByRegion(series) => {
                writeln!(f, "month,region,value,estimated,partial")?;
                for (region, months) in series {
                    let region = csv_field(region);
                    for m in *months {
                        let (month, value, estimated, partial) =
                            (m.month, m.value, m.estimated, m.partial);
                        writeln!(f, "{month},{region},{value},{estimated},{partial}")?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// Writes monthly series as CSV (see [`SeriesCsv`]); a plain slice of
/// months is one series.
pub fn write_series_csv<'a>(
    mut out: impl Write,
    series: impl Into<SeriesCsv<'a>>,
) -> io::Result<()> {
    write!(out, "{}", series.into())
}

/// A field as CSV needs it: quoted, with quotes doubled, when it holds a
/// comma, a quote or a line break (the rule the `csv` crate follows).
fn csv_field(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\"")).into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::YearMonth;
    use crate::model::Qualifier;

    /// A whole month; May 2024 is known only to its 2nd.
    fn month(m: u32, value: u64, estimated: bool) -> MonthValue {
        let month = YearMonth::new(2024, m).unwrap();
        let last = if m == 5 { 2 } else { month.days() };
        MonthValue {
            month,
            value,
            estimated,
            qualifier: Qualifier::Exact,
            covered_days: last,
            partial: last < month.days(),
            days: (1, last),
            observations: Vec::new(),
        }
    }

    #[test]
    fn series_csv_has_a_header_and_one_line_per_month() {
        let mut out = Vec::new();
        let months = [month(1, 213, true), month(2, 0, false), month(5, 7, true)];
        write_series_csv(&mut out, months.as_slice()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "month,value,estimated,partial\n2024-01,213,true,false\n2024-02,0,false,false\n2024-05,7,true,true\n"
        );
    }

    #[test]
    fn several_series_are_told_apart_by_a_quoted_region_column() {
        let first = [month(1, 5, false)];
        let second = [month(1, 7, true)];
        let csv = SeriesCsv::ByRegion(vec![
            ("north", first.as_slice()),
            ("Şırnak, \"east\"", second.as_slice()),
        ]);
        assert_eq!(
            csv.to_string(),
            "month,region,value,estimated,partial\n2024-01,north,5,false,false\n2024-01,\"Şırnak, \"\"east\"\"\",7,true,false\n"
        );
    }
}
