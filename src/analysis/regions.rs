//! Checks that figures for regions add up to the figure for all of them.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::problem::{Problem, ProblemKind};
use super::region_set::{RegionSet, Regions, SetId};
use super::scope::RegionScope;
use crate::model::{MetricId, Observation, Qualifier};
use crate::text::{count, group_thousands, period_label, regions_label, saturating_sum};

/// An observation with the regions it stands for.
type Figure<'a> = (&'a Observation, SetId);

/// For each period, compares every figure with the figures for its parts.
/// `union` is the set of every region the metric is reported for, which a
/// figure with no regions stands for. Returns the periods found wrong.
pub fn check_region_sums(
    metric: &MetricId,
    observations: &[&Observation],
    union: &BTreeSet<String>,
    problems: &mut Vec<Problem>,
) -> Vec<(NaiveDate, NaiveDate)> {
    let mut contested = Vec::new();
    let mut names = Regions::new(union);
    // Sorted by period (stable: a period's figures keep their order), so
    // each period's figures sit side by side without a map of periods.
    let mut by_period: Vec<Figure<'_>> = observations
        .iter()
        .map(|&o| (o, names.of(&o.regions)))
        .collect();
    by_period.sort_by_key(|(o, _)| (o.start, o.end));
    for figures in by_period.chunk_by(|a, b| (a.0.start, a.0.end) == (b.0.start, b.0.end)) {
        for (total, total_id) in figures {
            let total_regions = names.set(*total_id);
            // A single region has no parts; skipping it keeps a period with
            // hundreds of regional figures linear rather than quadratic.
            if total_regions.len() < 2 {
                continue;
            }
            let mut parts: Vec<(&Observation, &RegionSet)> = figures
                .iter()
                .map(|&(o, id)| (o, names.set(id)))
                .filter(|(_, regions)| {
                    !regions.is_empty()
                        && regions.len() < total_regions.len()
                        && regions.is_subset(total_regions)
                })
                .collect();
            // Largest parts first, then pick those that do not overlap.
            parts.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.id.cmp(&b.0.id)));
            let mut covered = names.empty();
            let mut chosen = Vec::new();
            for part in parts {
                if part.1.is_disjoint(&covered) {
                    covered.extend(part.1);
                    chosen.push(part);
                }
            }
            if chosen.is_empty() {
                continue;
            }
            let sum = saturating_sum(chosen.iter().map(|(o, _)| o.value));
            let complete = &covered == total_regions;
            let all_exact = total.qualifier == Qualifier::Exact
                && chosen.iter().all(|(o, _)| o.qualifier == Qualifier::Exact);
            let wrong = if complete && all_exact {
                sum != total.value
            } else {
                sum > total.value
            };
            if !wrong {
                continue;
            }
            let details: Vec<String> = chosen
                .iter()
                .map(|(o, regions)| {
                    let label = regions_label(names.names(regions));
                    format!("{label} {}", group_thousands(o.value))
                })
                .collect();
            let difference = sum.abs_diff(total.value);
            let relation = if sum > total.value { "more" } else { "less" };
            // Counted, not named: a split over 39 regions stays one line.
            let parts = if complete {
                count(covered.len(), "region", "regions")
            } else {
                format!(
                    "{} of {}",
                    covered.len(),
                    count(total_regions.len(), "region", "regions")
                )
            };
            let verb = if covered.len() == 1 { "adds" } else { "add" };
            contested.push((total.start, total.end));
            let mut ids = vec![total.id.clone()];
            ids.extend(chosen.iter().map(|(o, _)| o.id.clone()));
            problems.push(Problem {
                kind: ProblemKind::RegionsDoNotSum,
                metric: metric.clone(),
                scope: if *total_id == Regions::ALL {
                    RegionScope::All
                } else {
                    RegionScope::Only(names.names(total_regions).map(str::to_owned).collect())
                },
                observations: ids,
                message: format!(
                    "{}: {parts} {verb} up to {}, {} {} than the total {}",
                    period_label(total.start, total.end),
                    group_thousands(sum),
                    group_thousands(difference),
                    relation,
                    group_thousands(total.value)
                ),
                details,
            });
        }
    }
    contested
}

/// Totals the regional figures imply: for a period every single region is
/// reported for, once each, and no figure for all regions is, their sum as
/// a figure for all regions ("381 in northern Iraq and 446 in northern
/// Syria since 1 January" without the 827). The all-regions series then
/// holds the days they cover, as the regions do, so the two can add up
/// (a week missing from the weekly totals is still counted). Each carries
/// the id of its first part, so that what a month is derived from names
/// real figures.
pub fn implied_totals(observations: &[&Observation], union: &BTreeSet<String>) -> Vec<Observation> {
    if union.len() < 2 {
        return Vec::new();
    }
    let mut singles: Vec<&Observation> = Vec::new();
    let mut with_total: BTreeSet<(NaiveDate, NaiveDate)> = BTreeSet::new();
    for o in observations {
        if o.regions.is_empty() || o.regions.len() == union.len() {
            with_total.insert((o.start, o.end));
        } else if o.regions.len() == 1 {
            singles.push(o);
        }
    }
    // By period, each period's figures in their order, side by side.
    singles.sort_by_key(|o| (o.start, o.end));
    let by_start: Vec<(NaiveDate, NaiveDate)> = with_total.iter().copied().collect();
    let mut by_end = by_start.clone();
    by_end.sort_by_key(|&(start, end)| (end, start));
    // A figure for all regions whose period overlaps without one containing
    // the other could not stay in the series beside it: the reported
    // figure is kept and nothing implied.
    let crosses_a_total = |(start, end): (NaiveDate, NaiveDate)| {
        let from = by_start.partition_point(|p| p.0 <= start);
        let to = by_start.partition_point(|p| p.0 <= end);
        let later = by_start[from..to].iter().any(|p| p.1 > end);
        let from = by_end.partition_point(|p| p.1 < start);
        let to = by_end.partition_point(|p| p.1 < end);
        let earlier = by_end[from..to].iter().any(|p| p.0 < start);
        later || earlier
    };
    singles
        .chunk_by(|a, b| (a.start, a.end) == (b.start, b.end))
        .filter_map(|parts| Some(((parts.first()?.start, parts.first()?.end), parts)))
        .filter(|(period, parts)| {
            let distinct = || {
                let regions: BTreeSet<&str> = parts.iter().map(|o| o.regions[0].as_str()).collect();
                regions.len() == parts.len()
            };
            parts.len() == union.len()
                && !with_total.contains(period)
                && distinct()
                && !crosses_a_total(*period)
        })
        .filter_map(|((start, end), parts)| {
            let first = parts.first()?;
            Some(Observation {
                id: first.id.clone(),
                metric: first.metric.clone(),
                regions: Vec::new(),
                start,
                end,
                value: saturating_sum(parts.iter().map(|o| o.value)),
                qualifier: parts
                    .iter()
                    .fold(Qualifier::Exact, |q, o| q.weakest(o.qualifier)),
                reported_on: parts.iter().filter_map(|o| o.reported_on).max(),
                ..Observation::default()
            })
        })
        .collect()
}
