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

use chrono::NaiveDate;

use super::month::{YearMonth, days_between, split_by_month};
use super::problem::{Problem, ProblemKind};
use super::scope::RegionScope;
use crate::model::{MetricId, Observation, ObservationId, Qualifier};
use crate::text::{group_thousands, saturating_sum};

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
    /// The observations the value comes from.
    pub observations: Vec<ObservationId>,
}

impl MonthValue {
    pub fn is_complete(&self) -> bool {
        self.covered_days >= self.month.days()
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

    /// The months in `[from, to]` (either bound may be open).
    pub fn range(&self, from: Option<YearMonth>, to: Option<YearMonth>) -> &[MonthValue] {
        let start = from.map_or(0, |f| self.months.partition_point(|m| m.month < f));
        let end = to.map_or(self.months.len(), |t| {
            self.months.partition_point(|m| m.month <= t)
        });
        self.months.get(start..end.max(start)).unwrap_or(&[])
    }
}

/// A reported figure as the derivation sees it: one period, one value.
#[derive(Clone, Debug)]
struct Fact {
    start: NaiveDate,
    end: NaiveDate,
    value: u64,
    qualifier: Qualifier,
    /// The observation used and any identical duplicates of it.
    ids: Vec<ObservationId>,
    children: Vec<Fact>,
}

impl Fact {
    fn contains(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.start <= start && end <= self.end
    }

    fn overlaps(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.start <= end && start <= self.end
    }

    fn describe(&self) -> String {
        format!(
            "{} ({} to {})",
            group_thousands(self.value),
            self.start,
            self.end
        )
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

/// Derives the monthly series of already-selected observations (one metric,
/// one region scope, superseded figures removed). Problems met on the way
/// are appended to `problems`.
pub fn derive(
    metric: &MetricId,
    scope: &RegionScope,
    observations: &[&Observation],
    problems: &mut Vec<Problem>,
) -> MonthlySeries {
    let mut context = Context {
        metric,
        scope,
        problems,
        months: BTreeMap::new(),
    };
    let facts = context.merge_same_periods(observations);
    let roots = context.build_tree(facts);
    for root in &roots {
        context.allocate(root);
        context.cover(root);
    }
    MonthlySeries {
        months: context
            .months
            .into_values()
            .filter(|m| m.covered_days > 0)
            .collect(),
    }
}

struct Context<'a> {
    metric: &'a MetricId,
    scope: &'a RegionScope,
    problems: &'a mut Vec<Problem>,
    months: BTreeMap<YearMonth, MonthValue>,
}

impl Context<'_> {
    fn problem(&mut self, kind: ProblemKind, observations: Vec<ObservationId>, message: String) {
        self.problems.push(Problem {
            kind,
            metric: self.metric.clone(),
            scope: self.scope.clone(),
            observations,
            message,
        });
    }

    /// One fact per period. Several figures for the same period agree (kept
    /// once) or conflict (the latest reported wins, and it is flagged).
    fn merge_same_periods(&mut self, observations: &[&Observation]) -> Vec<Fact> {
        let mut by_period: BTreeMap<(NaiveDate, NaiveDate), Vec<&Observation>> = BTreeMap::new();
        for observation in observations {
            if observation.end >= observation.start {
                by_period
                    .entry((observation.start, observation.end))
                    .or_default()
                    .push(observation);
            }
        }
        let mut facts = Vec::with_capacity(by_period.len());
        for ((start, end), mut same) in by_period {
            // Latest reported last; among equals, id order keeps it stable.
            same.sort_by(|a, b| (a.reported_on, &a.id).cmp(&(b.reported_on, &b.id)));
            let Some(chosen) = same.last() else { continue };
            if same.iter().any(|o| o.value != chosen.value) {
                let values: Vec<String> = same
                    .iter()
                    .map(|o| format!("{} says {}", o.id, group_thousands(o.value)))
                    .collect();
                self.problem(
                    ProblemKind::ConflictingFigures,
                    same.iter().map(|o| o.id.clone()).collect(),
                    format!(
                        "different figures for the same period {start} to {end}: {}; using the latest reported ({})",
                        values.join(", "),
                        chosen.id
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
                    .map(|o| o.id.clone())
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
    fn build_tree(&mut self, mut facts: Vec<Fact>) -> Vec<Fact> {
        facts.sort_by(|a, b| {
            let len_a = days_between(a.start, a.end);
            let len_b = days_between(b.start, b.end);
            len_b.cmp(&len_a).then(a.start.cmp(&b.start))
        });
        let mut roots: Vec<Fact> = Vec::new();
        for fact in facts {
            if let Err(crossing) = insert(&mut roots, fact) {
                let (fact, blocker) = *crossing;
                let mut ids = fact.ids.clone();
                ids.extend(blocker.1.iter().cloned());
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
    fn allocate(&mut self, fact: &Fact) {
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
                ids.extend(fact.children.iter().flat_map(|c| c.ids.iter().cloned()));
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
            for ((month, _), share) in free.iter().zip(largest_remainder(residual, &free)) {
                let entry = self.month_entry(*month);
                entry.value = entry.value.saturating_add(share);
                entry.estimated |= estimated;
                entry.qualifier = entry.qualifier.weakest(qualifier);
                for id in &fact.ids {
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
    fn flag_excess(&mut self, fact: &Fact, children_sum: u64) {
        let over = children_sum.saturating_sub(fact.value);
        let larger: Vec<&Fact> = fact
            .children
            .iter()
            .filter(|c| c.value > fact.value)
            .collect();
        if larger.is_empty() {
            let mut ids = fact.ids.clone();
            ids.extend(fact.children.iter().flat_map(|c| c.ids.iter().cloned()));
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
            ids.extend(fact.ids.iter().cloned());
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

    /// Counts the days a top-level fact covers in each month.
    fn cover(&mut self, root: &Fact) {
        for (month, days) in split_by_month(root.start, root.end) {
            self.month_entry(month).covered_days += days;
        }
    }

    fn month_entry(&mut self, month: YearMonth) -> &mut MonthValue {
        self.months.entry(month).or_insert_with(|| MonthValue {
            month,
            value: 0,
            estimated: false,
            qualifier: Qualifier::Exact,
            covered_days: 0,
            observations: Vec::new(),
        })
    }
}

/// The fact that could not be placed, with the description and ids of the
/// fact it crosses.
type Crossing = (Fact, (String, Vec<ObservationId>));

/// Inserts `fact` under the deepest fact that contains it; a fact that
/// crosses one already placed is handed back (then nothing changes).
fn insert(level: &mut Vec<Fact>, fact: Fact) -> Result<(), Box<Crossing>> {
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
fn free_days_by_month(fact: &Fact) -> Vec<(YearMonth, u32)> {
    let mut free: BTreeMap<YearMonth, u32> = BTreeMap::new();
    let mut from = Some(fact.start);
    for child in &fact.children {
        if let Some(start) = from
            && child.start > start
            && let Some(until) = child.start.pred_opt()
        {
            for (month, days) in split_by_month(start, until) {
                *free.entry(month).or_default() += days;
            }
        }
        from = child.end.succ_opt();
    }
    if let Some(start) = from
        && start <= fact.end
    {
        for (month, days) in split_by_month(start, fact.end) {
            *free.entry(month).or_default() += days;
        }
    }
    free.into_iter().collect()
}

/// Splits `total` in proportion to the day counts, in whole numbers that add
/// up to `total` exactly (largest remainder; ties go to the earlier month).
fn largest_remainder(total: u64, weights: &[(YearMonth, u32)]) -> Vec<u64> {
    let sum: u128 = weights.iter().map(|(_, w)| u128::from(*w)).sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (index, (_, weight)) in weights.iter().enumerate() {
        let exact = u128::from(total) * u128::from(*weight);
        // The quotient is at most `total`, so it fits in u64.
        shares.push(u64::try_from(exact / sum).unwrap_or(u64::MAX));
        remainders.push((exact % sum, index));
    }
    let handed_out = saturating_sum(shares.iter().copied());
    let left = usize::try_from(total - handed_out).unwrap_or(usize::MAX);
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, index) in remainders.into_iter().take(left) {
        if let Some(share) = shares.get_mut(index) {
            *share += 1;
        }
    }
    shares
}

#[cfg(test)]
mod tests;
