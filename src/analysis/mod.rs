//! Derived data: monthly series per metric and region, reconciliation
//! problems, and the latest figures. Each scope is derived on its own
//! (`series`), then the single regions are allocated jointly with the
//! all-regions series (`joint`, with `rake` and `flow`) so that they add
//! up to it month by month.
//!
//! Everything here is a pure function of `&Workspace`. The UI computes an
//! [`Analysis`] once per workspace revision and draws from it, so nothing
//! here runs every frame.

mod apportion;
mod flow;
mod joint;
mod month;
mod problem;
mod rake;
mod region_name;
mod region_set;
mod regions;
mod remainder;
mod scope;
mod search;
mod series;
mod timeline;
#[cfg(test)]
mod update_tests;

pub use joint::ALLOCATION_RULE;
pub use month::{YearMonth, days_between, split_by_month};
pub use problem::{Problem, ProblemKind};
pub use region_name::{find_region, similar_region};
pub use scope::RegionScope;
pub use search::{Hit, SearchIndex};
pub use series::{MonthValue, MonthlySeries, derive, month_axis};
pub use timeline::{
    EventMark, MilestoneMark, Phase, PhaseEnd, Timeline, TimelineFilter, TimelineRow, next_day,
};

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{MetricId, Observation, ObservationId, Workspace};
use region_set::{Regions, SetId};
use series::{Derivation, derive_blocks};

/// Everything derived from one revision of a workspace.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Every region each metric is reported for.
    pub regions: BTreeMap<MetricId, BTreeSet<String>>,
    /// Shared, so that an analysis is cloned (before an update) without
    /// copying every month.
    pub series: BTreeMap<(MetricId, RegionScope), Arc<MonthlySeries>>,
    /// Figures that do not reconcile, in metric order.
    pub problems: Vec<Problem>,
    /// For each metric, the figures with the latest period end.
    pub latest: BTreeMap<MetricId, Vec<ObservationId>>,
    /// For each metric, the months whose regional values were scaled to the
    /// all-regions month because the regional figures contradict it (see
    /// [`ALLOCATION_RULE`]).
    pub adjusted: BTreeMap<MetricId, BTreeSet<YearMonth>>,
    /// For each metric, a fingerprint of the figures it was derived from:
    /// [`Analysis::update`] re-derives only the metrics whose figures
    /// changed.
    inputs: BTreeMap<MetricId, u64>,
    /// For each metric, each scope as derived on its own (before the joint
    /// allocation): an update re-derives only the scopes whose figures
    /// changed, then allocates the metric's regions jointly again.
    scopes: BTreeMap<MetricId, ScopeParts>,
}

/// A metric's scopes, each derived on its own, with a fingerprint of the
/// figures it was derived from. Shared, so cloning an analysis is cheap.
type ScopeParts = BTreeMap<RegionScope, Arc<ScopePart>>;

/// A metric to derive: its figures, its scopes as derived before, and the
/// fingerprint of its figures when already known.
type MetricWork<'o> = (&'o MetricId, Vec<&'o Observation>, ScopeParts, Option<u64>);

/// A scope to derive: its figures, and how it was derived before.
type ScopeWork<'o> = (RegionScope, Vec<&'o Observation>, Option<Arc<ScopePart>>);

#[derive(Debug)]
struct ScopePart {
    print: u64,
    derivation: Derivation,
    problems: Vec<Problem>,
}

impl Analysis {
    /// Derives everything from all figures known.
    pub fn compute(ws: &Workspace) -> Self {
        Self::compute_as_of(ws, None)
    }

    /// Derives everything from the figures reported on or before `as_of`
    /// (all figures when `None`).
    pub fn compute_as_of(ws: &Workspace, as_of: Option<NaiveDate>) -> Self {
        let mut analysis = Self::default();
        let work = current_observations(ws, as_of)
            .into_iter()
            .map(|(metric, observations)| (metric, observations, ScopeParts::new(), None))
            .collect();
        for (metric, print, part) in derive_metrics(work) {
            analysis.merge(metric, print, part);
        }
        analysis
    }

    /// `self` brought up to date with `ws`, as [`Analysis::compute`] would
    /// derive it, re-deriving only the metrics whose figures changed since
    /// (after an edit to one figure: its metric, and the metric of the
    /// figure it revises).
    pub fn update(self, ws: &Workspace) -> Self {
        self.update_as_of(ws, None)
    }

    /// [`Analysis::update`] for the figures known on `as_of`; equal to
    /// [`Analysis::compute_as_of`] whatever `self` was computed from.
    pub fn update_as_of(mut self, ws: &Workspace, as_of: Option<NaiveDate>) -> Self {
        let current = current_observations(ws, as_of);
        let prints: Vec<u64> = current
            .par_iter()
            .map(|(_, observations)| fingerprint(observations))
            .collect();
        let mut stale: BTreeSet<MetricId> = self
            .inputs
            .keys()
            .filter(|m| !current.contains_key(m))
            .cloned()
            .collect();
        let mut changed: Vec<MetricWork<'_>> = current
            .into_iter()
            .zip(prints)
            .filter(|((metric, _), print)| self.inputs.get(*metric) != Some(print))
            .map(|((metric, observations), print)| {
                (metric, observations, ScopeParts::new(), Some(print))
            })
            .collect();
        for (metric, _, scopes, _) in &mut changed {
            *scopes = self.scopes.remove(*metric).unwrap_or_default();
        }
        stale.extend(changed.iter().map(|(m, ..)| (*m).clone()));
        if stale.is_empty() {
            return self;
        }
        self.series.retain(|(metric, _), _| !stale.contains(metric));
        self.problems.retain(|p| !stale.contains(&p.metric));
        for metric in &stale {
            self.regions.remove(metric);
            self.latest.remove(metric);
            self.adjusted.remove(metric);
            self.inputs.remove(metric);
            self.scopes.remove(metric);
        }
        for (metric, print, mut part) in derive_metrics(changed) {
            // Problems stay in metric order: this metric's go where it sorts.
            let at = self.problems.partition_point(|p| p.metric < metric);
            self.problems
                .splice(at..at, std::mem::take(&mut part.problems));
            self.merge(metric, print, part);
        }
        self
    }

    /// Adds the analysis of one metric alone (`part`), whose problems sort
    /// after every one held.
    fn merge(&mut self, metric: MetricId, print: u64, part: Analysis) {
        self.regions.extend(part.regions);
        self.series.extend(part.series);
        self.problems.extend(part.problems);
        self.latest.extend(part.latest);
        self.adjusted.extend(part.adjusted);
        self.scopes.extend(part.scopes);
        self.inputs.insert(metric, print);
    }

    /// Derives one metric; `previous` holds its scopes as derived before,
    /// of which those whose figures are unchanged are taken as they were.
    fn add_metric(
        &mut self,
        metric: &MetricId,
        observations: &[&Observation],
        mut previous: ScopeParts,
    ) {
        // Names gathered as borrowed strings, then owned once each.
        let names: FxHashSet<&str> = observations
            .iter()
            .flat_map(|o| o.regions.iter().map(String::as_str))
            .collect();
        let union: BTreeSet<String> = names.into_iter().map(str::to_owned).collect();
        // Each figure belongs to exactly one scope: all regions, or the set
        // of regions it names. Grouping once keeps this linear in the
        // figures, however many regions there are.
        let implied = regions::implied_totals(observations, &union);
        let mut names = Regions::new(&union);
        let mut by_regions: FxHashMap<SetId, Vec<&Observation>> = FxHashMap::default();
        for observation in observations.iter().copied().chain(&implied) {
            by_regions
                .entry(names.of(&observation.regions))
                .or_default()
                .push(observation);
        }
        let mut by_scope: BTreeMap<RegionScope, Vec<&Observation>> = by_regions
            .into_iter()
            .map(|(id, selected)| {
                let scope = if id == Regions::ALL {
                    RegionScope::All
                } else {
                    let regions = names.set(id);
                    RegionScope::Only(names.names(regions).map(str::to_owned).collect())
                };
                (scope, selected)
            })
            .collect();
        let mut scopes: BTreeSet<RegionScope> = by_scope.keys().cloned().collect();
        scopes.insert(RegionScope::All);
        scopes.extend(
            union
                .iter()
                .filter(|_| union.len() > 1)
                .map(|r| RegionScope::region(r)),
        );
        // Scopes are independent until the joint allocation: derived in
        // parallel (or taken as derived before), their problems kept in
        // scope order.
        let work: Vec<_> = scopes
            .into_iter()
            .map(|scope| {
                let selected = by_scope.remove(&scope).unwrap_or_default();
                let before = previous.remove(&scope);
                (scope, selected, before)
            })
            .collect();
        // The region-sum check reads only the figures: it runs beside the
        // scopes, and its problems follow theirs.
        let mut sum_problems = Vec::new();
        let (parts, contested): (Vec<(RegionScope, Arc<ScopePart>)>, _) = rayon::join(
            || derive_scopes(metric, work),
            || regions::check_region_sums(metric, observations, &union, &mut sum_problems),
        );
        let mut derived: BTreeMap<RegionScope, Derivation> = BTreeMap::new();
        let mut kept = ScopeParts::new();
        for (scope, part) in parts {
            self.problems.extend(part.problems.iter().cloned());
            derived.insert(scope.clone(), part.derivation.clone());
            kept.insert(scope, part);
        }
        self.scopes.insert(metric.clone(), kept);
        self.problems.extend(sum_problems);
        let contested: BTreeSet<YearMonth> = contested
            .into_iter()
            .flat_map(|(start, end)| split_by_month(start, end))
            .map(|(month, _)| month)
            .collect();
        self.allocate_jointly(metric, &union, &mut derived, &contested);
        for (scope, derivation) in derived {
            if !derivation.series.months.is_empty() {
                self.series
                    .insert((metric.clone(), scope), Arc::new(derivation.series));
            }
        }
        self.fill_total_from_regions(metric, &union);

        if let Some(last_end) = observations.iter().map(|o| o.end).max() {
            self.latest.insert(
                metric.clone(),
                observations
                    .iter()
                    .filter(|o| o.end == last_end)
                    .map(|o| o.id.clone())
                    .collect(),
            );
        }
        self.regions.insert(metric.clone(), union);
    }

    /// Makes the single regions add up to the all-regions series (see
    /// [`joint`]); notes the months where they contradicted it.
    /// `contested` are the months of periods whose regions do not add up to
    /// their total, where a contradiction is looked for first.
    fn allocate_jointly(
        &mut self,
        metric: &MetricId,
        union: &BTreeSet<String>,
        derived: &mut BTreeMap<RegionScope, Derivation>,
        contested: &BTreeSet<YearMonth>,
    ) {
        if union.len() < 2 {
            return;
        }
        let Some(total) = derived.remove(&RegionScope::All) else {
            return;
        };
        let scopes: Vec<RegionScope> = union.iter().map(|r| RegionScope::region(r)).collect();
        let mut regions: Vec<Derivation> = scopes
            .iter()
            .map(|scope| derived.remove(scope).unwrap_or_default())
            .collect();
        let adjusted = joint::allocate(&total, &mut regions, contested);
        remainder::share_out_uncovered(&total, &mut regions);
        derived.insert(RegionScope::All, total);
        for (scope, region) in scopes.into_iter().zip(regions) {
            derived.insert(scope, region);
        }
        if !adjusted.is_empty() {
            self.adjusted.insert(metric.clone(), adjusted);
        }
    }

    /// Months that no figure for all regions covers, but a figure for every
    /// single region does, get the sum of the regions in the all-regions
    /// series: a metric reported only by region still has a total.
    fn fill_total_from_regions(&mut self, metric: &MetricId, union: &BTreeSet<String>) {
        if union.len() < 2 {
            return;
        }
        let parts: Vec<&MonthlySeries> = union
            .iter()
            .filter_map(|r| self.series(metric, &RegionScope::region(r)))
            .collect();
        let (Some(first), true) = (parts.first(), parts.len() == union.len()) else {
            return;
        };
        let total = self.series(metric, &RegionScope::All);
        let mut added = Vec::new();
        for month in first.months.iter().map(|m| m.month) {
            if total.is_some_and(|t| t.get(month).is_some()) {
                continue;
            }
            let values: Option<Vec<&MonthValue>> = parts.iter().map(|p| p.get(month)).collect();
            let Some(values) = values else { continue };
            added.push(MonthValue {
                month,
                value: crate::text::saturating_sum(values.iter().map(|v| v.value)),
                estimated: values.iter().any(|v| v.estimated),
                qualifier: values.iter().fold(crate::model::Qualifier::Exact, |q, v| {
                    q.weakest(v.qualifier)
                }),
                covered_days: values.iter().map(|v| v.covered_days).min().unwrap_or(0),
                partial: values.iter().any(|v| v.partial),
                days: (
                    values.iter().map(|v| v.days.0).max().unwrap_or(0),
                    values.iter().map(|v| v.days.1).min().unwrap_or(0),
                ),
                observations: values
                    .iter()
                    .flat_map(|v| v.observations.iter().cloned())
                    .collect(),
            });
        }
        if added.is_empty() {
            return;
        }
        let total = Arc::make_mut(
            self.series
                .entry((metric.clone(), RegionScope::All))
                .or_default(),
        );
        total.months.extend(added);
        total.months.sort_by_key(|m| m.month);
    }

    pub fn series(&self, metric: &MetricId, scope: &RegionScope) -> Option<&MonthlySeries> {
        self.series
            .get(&(metric.clone(), scope.clone()))
            .map(Arc::as_ref)
    }

    /// The series of each single region of a metric, in region order.
    pub fn region_series(&self, metric: &MetricId) -> Vec<(&str, &MonthlySeries)> {
        let Some(regions) = self.regions.get(metric) else {
            return Vec::new();
        };
        regions
            .iter()
            .filter_map(|region| {
                let scope = if regions.len() == 1 {
                    RegionScope::All
                } else {
                    RegionScope::region(region)
                };
                self.series(metric, &scope).map(|s| (region.as_str(), s))
            })
            .collect()
    }
}

/// Each scope derived on its own, in parallel, or taken as derived before
/// when its figures have the same fingerprint; in the order given.
fn derive_scopes(
    metric: &MetricId,
    work: Vec<ScopeWork<'_>>,
) -> Vec<(RegionScope, Arc<ScopePart>)> {
    work.into_par_iter()
        .map(|(scope, selected, before)| {
            let print = fingerprint(&selected);
            let part = match before {
                Some(part) if part.print == print => part,
                _ => {
                    let mut problems = Vec::new();
                    let derivation = derive_blocks(metric, &scope, &selected, &mut problems);
                    Arc::new(ScopePart {
                        print,
                        derivation,
                        problems,
                    })
                }
            };
            (scope, part)
        })
        .collect()
}

/// Each metric derived on its own, in parallel, with its scopes as derived
/// before (if any): its fingerprint and an analysis of it alone, in the
/// order given (metric order).
fn derive_metrics(metrics: Vec<MetricWork<'_>>) -> Vec<(MetricId, u64, Analysis)> {
    metrics
        .into_par_iter()
        .map(|(metric, observations, previous, print)| {
            let mut part = Analysis::default();
            part.add_metric(metric, &observations, previous);
            let print = print.unwrap_or_else(|| fingerprint(&observations));
            (metric.clone(), print, part)
        })
        .collect()
}

/// A hash of everything derivation reads from a metric's figures, in their
/// order (which decides ties).
fn fingerprint(observations: &[&Observation]) -> u64 {
    // Fx: each step is a bijection of the state, so one changed field
    // always changes the print, and it is several times faster than SipHash.
    let mut hasher = rustc_hash::FxHasher::default();
    for o in observations {
        (
            &o.id,
            &o.regions,
            o.start,
            o.end,
            o.value,
            o.qualifier,
            o.reported_on,
        )
            .hash(&mut hasher);
    }
    hasher.finish()
}

/// Observations per metric, leaving out figures not yet reported on `as_of`
/// and figures replaced by a revision that is known by then.
fn current_observations(
    ws: &Workspace,
    as_of: Option<NaiveDate>,
) -> BTreeMap<&MetricId, Vec<&Observation>> {
    let known = |o: &&Observation| match (as_of, o.reported_on) {
        (Some(as_of), Some(reported)) => reported <= as_of,
        _ => true,
    };
    // Figures are kept in id order, so a revised figure is found by binary
    // search and marked by position: no id is hashed per figure.
    let figures = ws.observations.as_slice();
    let mut replaced = vec![false; figures.len()];
    for id in figures
        .iter()
        .filter(known)
        .filter_map(|o| o.supersedes.as_ref())
    {
        let from = figures.partition_point(|o| o.id.as_str() < id.as_str());
        for (o, mark) in figures[from..].iter().zip(&mut replaced[from..]) {
            if o.id != *id {
                break;
            }
            *mark = true;
        }
    }
    // Hashed while grouping (a few metrics, a hundred thousand figures),
    // put in metric order once.
    let mut by_metric: FxHashMap<&MetricId, Vec<&Observation>> = FxHashMap::default();
    for (observation, _) in figures
        .iter()
        .zip(&replaced)
        .filter(|(o, replaced)| !**replaced && known(o))
    {
        by_metric
            .entry(&observation.metric)
            .or_default()
            .push(observation);
    }
    by_metric.into_iter().collect()
}
