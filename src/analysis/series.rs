//! Monthly series from reported figures of mixed periods.
//!
//! Reported figures for one metric and one region scope are arranged as a
//! tree of nested periods (a week inside a year-to-date total, an earlier
//! year-to-date total inside a later one). Each figure's *residual* — its
//! value less the figures nested inside it — is spread over its days not
//! covered by those figures, month by month, pro rata by day, in whole
//! numbers by largest remainder. So every reported total is kept exactly by
//! the months it covers, a difference of successive cumulative totals becomes
//! a period figure, and nothing is counted twice. A month whose value needed
//! pro-rata allocation is *estimated*.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

pub use self::value::{MonthValue, MonthlySeries, month_axis};
use super::apportion::largest_remainder;
use super::month::{YearMonth, days_between, split_by_month};
use super::problem::{Problem, ProblemKind};
use super::scope::RegionScope;
use crate::model::{MetricId, Observation, ObservationId, Qualifier};
use crate::text::{group_thousands, period_label, saturating_sum};

/// A reported figure as the derivation sees it: one period, one value.
#[derive(Clone, Debug)]
struct Fact<'a> {
    start: NaiveDate,
    end: NaiveDate,
    value: u64,
    qualifier: Qualifier,
    /// The observation used and any identical duplicates of it.
    ids: Vec<&'a ObservationId>,
    children: Vec<Fact<'a>>,
}

impl Fact<'_> {
    fn contains(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.start <= start && end <= self.end
    }

    fn overlaps(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.start <= end && start <= self.end
    }

    fn describe(&self) -> String {
        format!(
            "{} ({})",
            group_thousands(self.value),
            period_label(self.start, self.end)
        )
    }
}

/// A figure as a conflict names it: its value and when it was reported
/// (people tell figures apart by their briefing, not by their ids).
fn reported_value(o: &Observation) -> String {
    match o.reported_on {
        Some(date) => format!(
            "{} (reported {})",
            group_thousands(o.value),
            period_label(date, date)
        ),
        None => format!("{} (no reporting date)", group_thousands(o.value)),
    }
}

/// Derives the monthly series of already-selected observations (one metric,
/// one region scope, superseded figures removed). Problems met on the way
/// are appended to `problems`.
pub fn derive(
    metric: &MetricId,
    scope: &RegionScope,
    observations: &[&Observation],
    problems: &mut Vec<Problem>,
) -> MonthlySeries {
    derive_blocks(metric, scope, observations, problems).series
}

/// A series with what the joint allocation of regions needs to re-spread
/// it: the figures spread over several months, and the days covered.
#[derive(Clone, Debug, Default)]
pub(crate) struct Derivation {
    pub series: MonthlySeries,
    /// Every residual spread pro rata over more than one month, in the
    /// order allocated.
    pub blocks: Vec<Block>,
    /// The days reported figures cover, as `(month, first, last)` ranges of
    /// 1-based days in ascending order, adjacent ranges merged (one flat
    /// list: a scope has few, and there are many scopes).
    pub cover: Vec<(YearMonth, u32, u32)>,
}

impl Derivation {
    /// The covered day ranges in `month`.
    pub fn cover_in(&self, month: YearMonth) -> &[(YearMonth, u32, u32)] {
        let start = self.cover.partition_point(|c| c.0 < month);
        let end = self.cover.partition_point(|c| c.0 <= month);
        self.cover.get(start..end).unwrap_or(&[])
    }
}

/// A figure's residual spread over the free days of several months.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub value: u64,
    /// Each month with the block's free days in it and the share the
    /// pro-rata spreading gave it, in month order.
    pub months: Vec<BlockMonth>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct BlockMonth {
    pub month: YearMonth,
    pub days: u32,
    pub share: u64,
}

/// [`derive`], keeping the blocks and the cover.
pub(crate) fn derive_blocks(
    metric: &MetricId,
    scope: &RegionScope,
    observations: &[&Observation],
    problems: &mut Vec<Problem>,
) -> Derivation {
    let mut context = Context {
        metric,
        scope,
        problems,
        months: BTreeMap::new(),
        blocks: Vec::new(),
        cover: Vec::new(),
    };
    let facts = context.merge_same_periods(observations);
    let roots = context.build_tree(facts);
    for root in &roots {
        context.allocate(root);
        context.cover(root);
    }
    let Context {
        mut months,
        blocks,
        cover,
        ..
    } = context;
    for &(month, first, last) in &cover {
        if let Some(entry) = months.get_mut(&month) {
            if entry.covered_days == 0 {
                entry.days.0 = first;
            }
            entry.covered_days += last - first + 1;
            entry.days.1 = last;
            entry.partial = entry.covered_days < month.days();
        }
    }
    Derivation {
        series: MonthlySeries {
            months: months
                .into_values()
                .filter(|m| m.covered_days > 0)
                .collect(),
        },
        blocks,
        cover,
    }
}

struct Context<'a> {
    metric: &'a MetricId,
    scope: &'a RegionScope,
    problems: &'a mut Vec<Problem>,
    months: BTreeMap<YearMonth, MonthValue>,
    blocks: Vec<Block>,
    cover: Vec<(YearMonth, u32, u32)>,
}

impl Context<'_> {
    fn problem<'i>(
        &mut self,
        kind: ProblemKind,
        observations: impl IntoIterator<Item = &'i ObservationId>,
        message: String,
    ) {
        self.problems.push(Problem {
            kind,
            metric: self.metric.clone(),
            scope: self.scope.clone(),
            observations: observations.into_iter().cloned().collect(),
            message,
            details: Vec::new(),
        });
    }

    /// One fact per period. Several figures for the same period agree (kept
    /// once) or conflict (the latest reported wins, and it is flagged).
    fn merge_same_periods<'o>(&mut self, observations: &[&'o Observation]) -> Vec<Fact<'o>> {
        // One sort puts figures of a period side by side, periods in order
        // and, within one, the latest reported last (among equals, id order
        // keeps it stable); no map of periods is built.
        let mut sorted: Vec<&Observation> = observations
            .iter()
            .copied()
            .filter(|o| o.end >= o.start)
            .collect();
        sorted.sort_by(|a, b| {
            (a.start, a.end, a.reported_on, &a.id).cmp(&(b.start, b.end, b.reported_on, &b.id))
        });
        let mut facts = Vec::with_capacity(sorted.len());
        for same in sorted.chunk_by(|a, b| (a.start, a.end) == (b.start, b.end)) {
            let Some(chosen) = same.last() else { continue };
            let (start, end) = (chosen.start, chosen.end);
            if same.iter().any(|o| o.value != chosen.value) {
                let values: Vec<String> = same.iter().map(|o| reported_value(o)).collect();
                self.problem(
                    ProblemKind::ConflictingFigures,
                    same.iter().map(|o| &o.id),
                    format!(
                        "different figures for the same period {}: {}; using the latest reported, {}",
                        period_label(start, end),
                        values.join(", "),
                        reported_value(chosen)
                    ),
                );
            }
            facts.push(Fact {
                start,
                end,
                value: chosen.value,
                qualifier: same
                    .iter()
                    .filter(|o| o.value == chosen.value)
                    .fold(Qualifier::Exact, |q, o| q.weakest(o.qualifier)),
                ids: same
                    .iter()
                    .filter(|o| o.value == chosen.value)
                    .map(|o| &o.id)
                    .collect(),
                children: Vec::new(),
            });
        }
        facts
    }

    /// Arranges facts as a forest of nested periods. Longer periods go in
    /// first, so a period that crosses one already placed (neither inside it
    /// nor around it) is the shorter one, and it is left out and flagged: the
    /// long totals, which keep the year's sum, always survive.
    fn build_tree<'o>(&mut self, mut facts: Vec<Fact<'o>>) -> Vec<Fact<'o>> {
        // Keys computed once per fact, not twice per comparison.
        facts.sort_by_cached_key(|f| (std::cmp::Reverse(days_between(f.start, f.end)), f.start));
        let mut roots: Vec<Fact<'_>> = Vec::new();
        for fact in facts {
            if let Err(crossing) = insert(&mut roots, fact) {
                let (fact, blocker) = *crossing;
                let mut ids = fact.ids.clone();
                ids.extend(blocker.1.iter().copied());
                self.problem(
                    ProblemKind::OverlappingPeriods,
                    ids,
                    format!(
                        "{} overlaps {} without one containing the other; the shorter period is left out of the monthly series",
                        fact.describe(),
                        blocker.0
                    ),
                );
            }
        }
        roots
    }

    /// Spreads a fact's residual over its free days and recurses.
    fn allocate(&mut self, fact: &Fact<'_>) {
        let children_sum = saturating_sum(fact.children.iter().map(|c| c.value));
        let residual = match fact.value.checked_sub(children_sum) {
            Some(residual) => residual,
            None => {
                self.flag_excess(fact, children_sum);
                0
            }
        };
        let free = free_days_by_month(fact);
        let free_total: u64 = free.iter().map(|(_, days)| u64::from(*days)).sum();
        let qualifier = fact
            .children
            .iter()
            .fold(fact.qualifier, |q, c| q.weakest(c.qualifier));
        if free_total == 0 {
            if residual > 0 {
                let mut ids = fact.ids.clone();
                ids.extend(fact.children.iter().flat_map(|c| c.ids.iter().copied()));
                self.problem(
                    ProblemKind::TotalExceedsParts,
                    ids,
                    format!(
                        "{} is {} more than the figures that cover all of its days ({})",
                        fact.describe(),
                        group_thousands(residual),
                        group_thousands(children_sum)
                    ),
                );
            }
        } else {
            // Spread over several months, a positive residual is a guess;
            // zero is certain, since counts cannot be negative.
            let estimated = free.len() > 1 && residual > 0;
            // One month, or nothing to spread (most figures: a week inside a
            // month): the first month takes it all, no proportions needed.
            let shares = estimated.then(|| {
                let days: Vec<u64> = free.iter().map(|(_, days)| u64::from(*days)).collect();
                let shares = largest_remainder(residual, &days);
                self.blocks.push(Block {
                    value: residual,
                    months: free
                        .iter()
                        .zip(&shares)
                        .map(|(&(month, days), &share)| BlockMonth { month, days, share })
                        .collect(),
                });
                shares
            });
            for (i, (month, _)) in free.iter().enumerate() {
                let share = match &shares {
                    Some(shares) => shares.get(i).copied().unwrap_or(0),
                    None if i == 0 => residual,
                    None => 0,
                };
                let entry = self.month_entry(*month);
                entry.value = entry.value.saturating_add(share);
                entry.estimated |= estimated;
                entry.qualifier = entry.qualifier.weakest(qualifier);
                for &id in &fact.ids {
                    if !entry.observations.contains(id) {
                        entry.observations.push(id.clone());
                    }
                }
            }
        }
        for child in &fact.children {
            self.allocate(child);
        }
    }

    /// Explains why the figures inside `fact` add up to more than it.
    fn flag_excess(&mut self, fact: &Fact<'_>, children_sum: u64) {
        let over = children_sum.saturating_sub(fact.value);
        let larger: Vec<&Fact<'_>> = fact
            .children
            .iter()
            .filter(|c| c.value > fact.value)
            .collect();
        if larger.is_empty() {
            let mut ids = fact.ids.clone();
            ids.extend(fact.children.iter().flat_map(|c| c.ids.iter().copied()));
            self.problem(
                ProblemKind::PartsExceedTotal,
                ids,
                format!(
                    "figures within {} add up to {}, {} more than that total",
                    fact.describe(),
                    group_thousands(children_sum),
                    group_thousands(over)
                ),
            );
        }
        for child in larger {
            let over = child.value - fact.value;
            let mut ids = child.ids.clone();
            ids.extend(fact.ids.iter().copied());
            if child.start == fact.start {
                self.problem(
                    ProblemKind::CumulativeDecreased,
                    ids,
                    format!(
                        "cumulative total fell from {} to {}: {} less",
                        child.describe(),
                        fact.describe(),
                        group_thousands(over)
                    ),
                );
            } else {
                self.problem(
                    ProblemKind::PartsExceedTotal,
                    ids,
                    format!(
                        "{} is larger than {}, the total that contains it, by {}",
                        child.describe(),
                        fact.describe(),
                        group_thousands(over)
                    ),
                );
            }
        }
    }

    /// Notes the days a top-level fact covers in each month. Roots come in
    /// start order and never overlap, so ranges are appended in order.
    fn cover(&mut self, root: &Fact<'_>) {
        for (month, _) in split_by_month(root.start, root.end) {
            let first = root.start.max(month.first_day()).day();
            let last = root.end.min(month.last_day()).day();
            self.month_entry(month);
            match self.cover.last_mut() {
                Some(range) if range.0 == month && range.2 + 1 >= first => {
                    range.2 = range.2.max(last);
                }
                _ => self.cover.push((month, first, last)),
            }
        }
    }

    fn month_entry(&mut self, month: YearMonth) -> &mut MonthValue {
        self.months.entry(month).or_insert_with(|| MonthValue {
            month,
            value: 0,
            estimated: false,
            qualifier: Qualifier::Exact,
            covered_days: 0,
            partial: false,
            days: (0, 0),
            observations: Vec::new(),
        })
    }
}

/// The fact that could not be placed, with the description and ids of the
/// fact it crosses.
type Crossing<'a> = (Fact<'a>, (String, Vec<&'a ObservationId>));

/// Inserts `fact` under the deepest fact that contains it; a fact that
/// crosses one already placed is handed back (then nothing changes).
fn insert<'a>(level: &mut Vec<Fact<'a>>, fact: Fact<'a>) -> Result<(), Box<Crossing<'a>>> {
    // Children are kept in start order and never overlap each other.
    let i = level.partition_point(|f| f.end < fact.start);
    match level.get_mut(i) {
        Some(existing) if existing.contains(fact.start, fact.end) => {
            insert(&mut existing.children, fact)
        }
        Some(existing) if existing.overlaps(fact.start, fact.end) => {
            let blocker = (existing.describe(), existing.ids.clone());
            Err(Box::new((fact, blocker)))
        }
        _ => {
            // Longer facts were placed first, so `fact` cannot contain one.
            level.insert(i, fact);
            Ok(())
        }
    }
}

/// Days of `fact` not covered by its children, per month, in month order.
fn free_days_by_month(fact: &Fact<'_>) -> Vec<(YearMonth, u32)> {
    // Children are in start order and do not overlap, so the gaps, and the
    // months they fall in, come in order: a month is added to or appended.
    let mut free: Vec<(YearMonth, u32)> = Vec::new();
    let mut add = |start: NaiveDate, end: NaiveDate| {
        for (month, days) in split_by_month(start, end) {
            match free.last_mut() {
                Some((last, total)) if *last == month => *total += days,
                _ => free.push((month, days)),
            }
        }
    };
    let mut from = Some(fact.start);
    for child in &fact.children {
        if let Some(start) = from
            && child.start > start
            && let Some(until) = child.start.pred_opt()
        {
            add(start, until);
        }
        from = child.end.succ_opt();
    }
    if let Some(start) = from
        && start <= fact.end
    {
        add(start, fact.end);
    }
    free
}

#[cfg(test)]
mod tests;
mod value;
