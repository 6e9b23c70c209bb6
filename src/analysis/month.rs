//! Calendar months and the day arithmetic the series need.

use chrono::{Datelike, NaiveDate};

/// A calendar month, ordered in time; printed as `YYYY-MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    /// 1..=12
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self { year, month })
    }

    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        // Only fails for years outside chrono's range (±262,000).
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    pub fn days(self) -> u32 {
        days_between(self.first_day(), self.last_day())
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// Parses `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Self> {
        let (year, month) = text.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        Self::new(year.parse().ok()?, month.parse().ok()?)
    }

    /// A short label for axes and tables, e.g. `Apr 2024`.
    pub fn short_label(self) -> String {
        self.first_day().format("%b %Y").to_string()
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Days in the inclusive range `[start, end]`; 0 when `end < start`.
pub fn days_between(start: NaiveDate, end: NaiveDate) -> u32 {
    u32::try_from((end - start).num_days() + 1).unwrap_or(0)
}

/// Splits an inclusive date range into `(month, days in range)` pieces.
pub fn split_by_month(start: NaiveDate, end: NaiveDate) -> Vec<(YearMonth, u32)> {
    let mut pieces = Vec::new();
    let mut month = YearMonth::of(start);
    let mut from = start;
    while from <= end {
        let until = month.last_day().min(end);
        pieces.push((month, days_between(from, until)));
        month = month.next();
        let next = month.first_day();
        // At the end of the calendar chrono can represent, stop.
        if next <= from {
            break;
        }
        from = next;
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn splitting_a_period_counts_days_in_each_month() {
        assert_eq!(
            split_by_month(date(2024, 1, 1), date(2024, 4, 18)),
            [
                (
                    YearMonth {
                        year: 2024,
                        month: 1
                    },
                    31
                ),
                (
                    YearMonth {
                        year: 2024,
                        month: 2
                    },
                    29
                ),
                (
                    YearMonth {
                        year: 2024,
                        month: 3
                    },
                    31
                ),
                (
                    YearMonth {
                        year: 2024,
                        month: 4
                    },
                    18
                ),
            ]
        );
        assert_eq!(
            split_by_month(date(2023, 12, 30), date(2024, 1, 2)),
            [
                (
                    YearMonth {
                        year: 2023,
                        month: 12
                    },
                    2
                ),
                (
                    YearMonth {
                        year: 2024,
                        month: 1
                    },
                    2
                ),
            ]
        );
        assert!(split_by_month(date(2024, 1, 2), date(2024, 1, 1)).is_empty());
    }

    #[test]
    fn the_last_representable_month_ends_the_split() {
        let pieces = split_by_month(NaiveDate::MAX.with_day(1).unwrap(), NaiveDate::MAX);
        assert_eq!(pieces.len(), 1);
    }

    #[test]
    fn parse_and_display_agree() {
        let month = YearMonth::parse("2024-02").unwrap();
        assert_eq!(month.to_string(), "2024-02");
        assert_eq!(month.days(), 29);
        assert_eq!(YearMonth::parse("2024-13"), None);
        assert_eq!(YearMonth::parse("24-01"), None);
    }
}
