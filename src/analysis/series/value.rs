//! What a derived series is made of: months with their value, how sure it
//! is and how much of the month the figures reach. Kept apart from the
//! derivation so that readers of a series (charts, CSV, the brief) need
//! only these types.

use super::super::month::YearMonth;
use crate::model::{ObservationId, Qualifier};
use crate::text::saturating_sum;

/// One month of a derived series.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthValue {
    pub month: YearMonth,
    pub value: u64,
    /// Part of the value was allocated pro rata from a longer period.
    pub estimated: bool,
    /// The weakest qualifier of the figures the value comes from.
    pub qualifier: Qualifier,
    /// Days of the month covered by reported figures (less than the month's
    /// length for the month in progress).
    pub covered_days: u32,
    /// The figures reach only part of the month (`covered_days` is less
    /// than its length): the value is not a whole month's, and a chart or a
    /// year-over-year comparison must not show it as one.
    pub partial: bool,
    /// The first and last day of the month the figures reach (1-based, both
    /// included): `(1, 2)` for a month known to its 2nd.
    pub days: (u32, u32),
    /// The observations the value comes from.
    pub observations: Vec<ObservationId>,
}

impl MonthValue {
    pub fn is_complete(&self) -> bool {
        !self.partial
    }

    /// The month as axes, tables and exports name it, with the days the
    /// figures reach when they reach only part of it: `Apr 2024`,
    /// `May 2024 (1–2)`, `May 2024 (2)`; with a gap inside the month,
    /// `May 2024 (20 of 31 days)`.
    pub fn label(&self) -> String {
        let month = self.month.short_label();
        if !self.partial {
            return month;
        }
        let (first, last) = self.days;
        let span = last.saturating_sub(first).saturating_add(1);
        if self.covered_days < span {
            format!(
                "{month} ({} of {} days)",
                self.covered_days,
                self.month.days()
            )
        } else if first == last {
            format!("{month} ({first})")
        } else {
            format!("{month} ({first}–{last})")
        }
    }
}

/// A derived monthly series, in month order, holding only months that
/// reported figures cover (a month without figures is unknown, not zero).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MonthlySeries {
    pub months: Vec<MonthValue>,
}

impl MonthlySeries {
    pub fn total(&self) -> u64 {
        saturating_sum(self.months.iter().map(|m| m.value))
    }

    pub fn get(&self, month: YearMonth) -> Option<&MonthValue> {
        self.months
            .binary_search_by_key(&month, |m| m.month)
            .ok()
            .and_then(|i| self.months.get(i))
    }

    pub(crate) fn get_mut(&mut self, month: YearMonth) -> Option<&mut MonthValue> {
        self.months
            .binary_search_by_key(&month, |m| m.month)
            .ok()
            .and_then(|i| self.months.get_mut(i))
    }

    /// The months in `[from, to]` (either bound may be open).
    pub fn range(&self, from: Option<YearMonth>, to: Option<YearMonth>) -> &[MonthValue] {
        let start = from.map_or(0, |f| self.months.partition_point(|m| m.month < f));
        let end = to.map_or(self.months.len(), |t| {
            self.months.partition_point(|m| m.month <= t)
        });
        self.months.get(start..end.max(start)).unwrap_or(&[])
    }
}

/// The months along the x axis: every month from the first to the last
/// month any of the series covers (bar i sits at x = i).
pub fn month_axis<'a>(series: impl IntoIterator<Item = &'a [MonthValue]>) -> Vec<YearMonth> {
    let mut first = None::<YearMonth>;
    let mut last = None::<YearMonth>;
    for months in series {
        if let (Some(a), Some(b)) = (months.first(), months.last()) {
            first = Some(first.map_or(a.month, |f| f.min(a.month)));
            last = Some(last.map_or(b.month, |l| l.max(b.month)));
        }
    }
    let (Some(mut month), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let mut axis = Vec::new();
    while month <= last {
        axis.push(month);
        month = month.next();
    }
    axis
}
