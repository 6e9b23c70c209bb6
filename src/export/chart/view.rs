//! What a chart shows: regions, month range, per month or cumulative,
//! stacked or side by side, and "as known on" a date. The Statistics tab
//! edits it; the series CSV and the chart exports read it, so an export is
//! what the chart on screen shows.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, MonthValue, RegionScope, YearMonth};
use crate::export::SeriesCsv;
use crate::model::{MetricId, parse_date};
use crate::text::regions_label;

#[derive(Default, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartView {
    /// Regions left out of the chart (none: every region is drawn).
    pub hidden_regions: BTreeSet<String>,
    /// First and last month shown, `YYYY-MM`; empty: open.
    pub from: String,
    pub to: String,
    pub cumulative: bool,
    pub side_by_side: bool,
    pub compare_years: bool,
    /// Only figures reported on or before this date (`YYYY-MM-DD`); empty: all.
    pub as_of: String,
}

/// One drawn series: its legend label and its months.
pub struct ChartSeries {
    pub label: String,
    pub months: Vec<MonthValue>,
}

impl ChartView {
    pub fn range(&self) -> (Option<YearMonth>, Option<YearMonth>) {
        (YearMonth::parse(&self.from), YearMonth::parse(&self.to))
    }

    /// `Ok(None)` when empty.
    pub fn as_of_date(&self) -> Result<Option<NaiveDate>, String> {
        if self.as_of.trim().is_empty() {
            Ok(None)
        } else {
            parse_date(&self.as_of).map(Some)
        }
    }

    /// The series the monthly chart draws, in region order: each region
    /// shown, or the whole metric when it is not broken down.
    pub fn series(&self, analysis: &Analysis, metric: &MetricId) -> Vec<ChartSeries> {
        let regions = analysis.region_series(metric);
        let mut chosen: Vec<(String, &crate::analysis::MonthlySeries)> = if regions.len() > 1 {
            regions
                .iter()
                .filter(|(r, _)| !self.hidden_regions.contains(*r))
                .map(|(r, s)| ((*r).to_owned(), *s))
                .collect()
        } else {
            let label = regions_label(regions.first().map(|(region, _)| *region));
            analysis
                .series(metric, &RegionScope::All)
                .map(|s| vec![(label, s)])
                .unwrap_or_default()
        };
        let (from, to) = self.range();
        let mut drawn: Vec<ChartSeries> = chosen
            .drain(..)
            .map(|(label, series)| ChartSeries {
                label,
                months: series.range(from, to).to_vec(),
            })
            .collect();
        if drawn.len() > MAX_SERIES {
            drawn = fold_smallest(drawn);
        }
        if self.cumulative {
            for series in &mut drawn {
                cumulate(&mut series.months);
            }
        }
        drawn
    }

    /// The chart's series as CSV: `month,value,estimated,partial`, with a `region`
    /// column when it shows several.
    pub fn csv(&self, analysis: &Analysis, metric: &MetricId) -> String {
        let series = self.series(analysis, metric);
        let csv = match series.as_slice() {
            [] => SeriesCsv::One(&[]),
            [one] => SeriesCsv::One(&one.months),
            several => SeriesCsv::ByRegion(
                several
                    .iter()
                    .map(|s| (s.label.as_str(), s.months.as_slice()))
                    .collect(),
            ),
        };
        csv.to_string()
    }
}

/// More regions than this are not told apart in a chart (nor drawn fast):
/// the largest keep their own series, the rest are added up as one.
pub const MAX_SERIES: usize = 8;

/// The `MAX_SERIES - 1` largest series over the months shown (in their
/// order), then one series adding up all the others.
fn fold_smallest(series: Vec<ChartSeries>) -> Vec<ChartSeries> {
    let total = |s: &ChartSeries| s.months.iter().fold(0u64, |t, m| t.saturating_add(m.value));
    let mut by_size: Vec<usize> = (0..series.len()).collect();
    by_size.sort_by_key(|&i| std::cmp::Reverse(total(&series[i])));
    let kept: BTreeSet<usize> = by_size[..MAX_SERIES - 1].iter().copied().collect();
    let (shown, others): (Vec<_>, Vec<_>) = series
        .into_iter()
        .enumerate()
        .partition(|(i, _)| kept.contains(i));
    let count = others.len();
    let mut sums: BTreeMap<YearMonth, MonthValue> = BTreeMap::new();
    for month in others.into_iter().flat_map(|(_, s)| s.months) {
        match sums.entry(month.month) {
            Entry::Vacant(entry) => {
                entry.insert(MonthValue {
                    // Hundreds of figures would not fit a tooltip; the
                    // regions' own series name theirs.
                    observations: Vec::new(),
                    ..month
                });
            }
            Entry::Occupied(mut entry) => {
                let sum = entry.get_mut();
                sum.value = sum.value.saturating_add(month.value);
                sum.estimated |= month.estimated;
                sum.qualifier = sum.qualifier.max(month.qualifier);
                sum.covered_days = sum.covered_days.min(month.covered_days);
                sum.partial |= month.partial;
                sum.days = (sum.days.0.max(month.days.0), sum.days.1.min(month.days.1));
            }
        }
    }
    let mut drawn: Vec<ChartSeries> = shown.into_iter().map(|(_, s)| s).collect();
    drawn.push(ChartSeries {
        label: format!("{count} other regions"),
        months: sums.into_values().collect(),
    });
    drawn
}

/// How much narrower a partial month's bar is than a whole month's, on
/// screen and in exports alike.
pub const PARTIAL_WIDTH: f64 = 0.45;

/// The legend entry that names partial months among bars.
pub const PARTIAL_LEGEND: &str = "Partial month (narrow bar)";

/// The axis labels of `axis`: a month the figures reach only in part is
/// named with its days in any of `series` ("May 2024 (1–2)"), the others
/// by month ("Apr 2024").
pub fn month_labels<'a>(
    axis: &[YearMonth],
    series: impl IntoIterator<Item = &'a [MonthValue]> + Clone,
) -> Vec<String> {
    axis.iter()
        .map(|month| {
            series
                .clone()
                .into_iter()
                .filter_map(|s| {
                    s.binary_search_by_key(month, |m| m.month)
                        .ok()
                        .and_then(|i| s.get(i))
                })
                .find(|v| v.partial)
                .map_or_else(|| month.short_label(), MonthValue::label)
        })
        .collect()
}

/// Whether any month of `series` is partial.
pub fn any_partial<'a>(series: impl IntoIterator<Item = &'a [MonthValue]>) -> bool {
    series.into_iter().any(|s| s.iter().any(|m| m.partial))
}

/// A series split by year for a year-over-year view: whole months by year
/// (month number 1–12 and value); a partial month is left out, not compared
/// with whole months of other years, and named in `left_out`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct YearOverYear<'a> {
    pub years: BTreeMap<i32, Vec<(u32, &'a MonthValue)>>,
    pub left_out: Vec<String>,
}

impl<'a> YearOverYear<'a> {
    pub fn of(months: &'a [MonthValue]) -> Self {
        let mut split = Self::default();
        for m in months {
            if m.partial {
                split.left_out.push(m.label());
            } else {
                split
                    .years
                    .entry(m.month.year)
                    .or_default()
                    .push((m.month.month, m));
            }
        }
        split
    }

    /// "Left out as partial months: May 2024 (1–2)." (empty when none).
    pub fn left_out_note(&self) -> String {
        if self.left_out.is_empty() {
            String::new()
        } else {
            format!("Left out as partial months: {}.", self.left_out.join(", "))
        }
    }
}

/// Running totals; a month is estimated once any month before it was.
pub fn cumulate(months: &mut [MonthValue]) {
    let mut total = 0u64;
    let mut estimated = false;
    for month in months {
        total = total.saturating_add(month.value);
        estimated |= month.estimated;
        month.value = total;
        month.estimated = estimated;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_is_what_the_chart_shows() {
        let ws = crate::store::sample().unwrap();
        let analysis = Analysis::compute(&ws);
        let metric = MetricId::new("neutralised");
        let mut view = ChartView {
            from: "2024-03".into(),
            ..ChartView::default()
        };
        assert_eq!(
            view.csv(&analysis, &metric),
            "month,region,value,estimated,partial\n2024-03,northern Iraq,96,true,false\n2024-04,northern Iraq,79,true,true\n2024-03,northern Syria,117,true,false\n2024-04,northern Syria,98,true,true\n"
        );
        view.hidden_regions.insert("northern Syria".into());
        view.cumulative = true;
        assert_eq!(
            view.csv(&analysis, &metric),
            "month,value,estimated,partial\n2024-03,96,true,false\n2024-04,175,true,true\n"
        );
    }
}
