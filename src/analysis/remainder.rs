//! The part of an all-regions month that no regional figure covers: a week
//! reported without a regional split after the last split, say. The joint
//! allocation (`joint`) makes regions add up only in months where every
//! region is reported for the same days as the total; elsewhere the total
//! still holds days the regions do not. Those days' count is shared out
//! between the regions here, in whole numbers and marked estimated, so that
//! the regional months add up to the all-regions month in every month and a
//! stacked chart never shows a different month from the series.

use super::apportion::largest_remainder;
use super::month::YearMonth;
use super::series::{Derivation, MonthValue};

/// Shares out, in every month where the all-regions series holds more than
/// the single regions add up to and covers days they do not, the difference
/// between the regions: in proportion to their own values that month when
/// every region has one, otherwise to their values over all months,
/// otherwise equally. Months where the regions already hold more than the
/// total are left as they are (the region-sum problems report them).
pub(super) fn share_out_uncovered(total: &Derivation, regions: &mut [Derivation]) {
    if regions.len() < 2 {
        return;
    }
    let overall: Vec<u64> = regions.iter().map(|r| r.series.total()).collect();
    for month in &total.series.months {
        let cover = total.cover_in(month.month);
        if regions.iter().all(|r| r.cover_in(month.month) == cover) {
            continue;
        }
        let own: Vec<Option<u64>> = regions
            .iter()
            .map(|r| r.series.get(month.month).map(|m| m.value))
            .collect();
        let sum: u64 = own.iter().map(|v| v.unwrap_or(0)).sum();
        let Some(remainder) = month.value.checked_sub(sum) else {
            continue;
        };
        let weights = weights(&own, &overall);
        let shares = largest_remainder(remainder, &weights);
        let cover = cover.to_vec();
        for (region, share) in regions.iter_mut().zip(shares) {
            add(region, month, share, &cover);
        }
    }
}

fn weights(own: &[Option<u64>], overall: &[u64]) -> Vec<u64> {
    let this_month: Option<Vec<u64>> = own.iter().copied().collect();
    if let Some(values) = this_month.filter(|v| v.iter().any(|&x| x > 0)) {
        return values;
    }
    if overall.iter().any(|&x| x > 0) {
        return overall.to_vec();
    }
    vec![1; own.len()]
}

/// Adds `share` of the total's `month` to a region's month, which then
/// covers the days the total covers.
fn add(region: &mut Derivation, month: &MonthValue, share: u64, cover: &[(YearMonth, u32, u32)]) {
    let months = &mut region.series.months;
    let at = months.partition_point(|m| m.month < month.month);
    if months.get(at).is_none_or(|m| m.month != month.month) {
        months.insert(
            at,
            MonthValue {
                month: month.month,
                value: 0,
                estimated: true,
                qualifier: month.qualifier,
                covered_days: 0,
                partial: false,
                days: month.days,
                observations: Vec::new(),
            },
        );
    }
    let value = &mut months[at];
    value.value = value.value.saturating_add(share);
    value.estimated = true;
    value.qualifier = value.qualifier.weakest(month.qualifier);
    value.covered_days = month.covered_days;
    value.partial = month.partial;
    value.days = month.days;
    for id in &month.observations {
        if !value.observations.contains(id) {
            value.observations.push(id.clone());
        }
    }
    let start = region.cover.partition_point(|c| c.0 < month.month);
    let end = region.cover.partition_point(|c| c.0 <= month.month);
    region.cover.splice(start..end, cover.iter().copied());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_prefer_the_month_then_all_months_then_equal_shares() {
        assert_eq!(weights(&[Some(39), Some(71)], &[900, 100]), vec![39, 71]);
        assert_eq!(weights(&[Some(39), None], &[900, 100]), vec![900, 100]);
        assert_eq!(weights(&[Some(0), Some(0)], &[0, 0]), vec![1, 1]);
    }
}
