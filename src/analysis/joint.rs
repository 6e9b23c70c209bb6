//! Joint allocation: the monthly series of the single regions made to add
//! up, month by month and in whole numbers, to the all-regions series.
//!
//! Each scope is derived on its own first (`series`): a figure's residual
//! is spread pro rata by day over its free days. Where a residual spans
//! several months (a *block*), how much of it falls in each month is a
//! guess, and the regions' guesses need not add up to the all-regions
//! month. This module keeps the all-regions series as derived (it holds
//! every all-regions figure, and the weekly figures that have no regional
//! split) and re-spreads the regions' blocks so that, in every *joint*
//! month, the regions add up to it: a transportation problem (blocks
//! supply their residual, months demand what their fixed parts leave of
//! the all-regions month) fitted by raking and controlled rounding
//! (`rake`). A block's total never changes, so every regional figure is
//! still kept by its months; a month reported as such is a block of one
//! month and never moves.
//!
//! A month is joint when every single region's figures cover exactly the
//! days the all-regions figures cover in it. Blocks and joint months that
//! share no block are solved apart (connected components), and within a
//! stretch that cannot be fitted the months of the region-sum problems are
//! set aside first, so figures that contradict each other change as few
//! months as possible.
//! Elsewhere (days the regions do not reach) `remainder` shares out what
//! the all-regions month holds beyond the regions.

use std::collections::{BTreeMap, BTreeSet};

use super::apportion::largest_remainder;
use super::month::YearMonth;
use super::rake::{Cell, Fit, Row, Table, fit};
use super::series::{Block, Derivation};

/// What the Statistics tab and the documentation say about the allocation,
/// in one place.
pub const ALLOCATION_RULE: &str = "Regional months add up to the all-regions month wherever \
every region is reported for the same days. A figure covering several months is shared out \
between them in proportion to the all-regions months (not just by day), in whole numbers, so \
that every reported figure is still kept exactly by the months it covers. Where regional \
figures contradict the all-regions figures (they do not add up to them), the all-regions \
figures are followed: in the months of the figures that do not add up, the all-regions month \
is shared out between the regions in proportion to their own figures; such months are marked \
estimated, and the difference is listed under problems. Days the all-regions figures cover but the regional ones do not (a week reported without a regional split) are shared out between the regions in proportion to their figures that month, and marked estimated.";

/// Re-spreads the blocks of `regions` (each single region of one metric,
/// derived on its own) so that they add up to `total` in every joint month.
/// `contested` are the months of periods whose regional figures are known
/// to contradict the total (the region-sum problems): where a stretch of
/// months cannot be fitted, only those are scaled if that is enough.
/// Returns the months whose regional values scaling to the total changed.
pub(super) fn allocate(
    total: &Derivation,
    regions: &mut [Derivation],
    contested: &BTreeSet<YearMonth>,
) -> BTreeSet<YearMonth> {
    let mut adjusted = BTreeSet::new();
    if regions.len() < 2 {
        return adjusted;
    }
    let joint: Vec<(YearMonth, u64)> = total
        .series
        .months
        .iter()
        .filter(|m| {
            let cover = total.cover_in(m.month);
            !cover.is_empty() && regions.iter().all(|r| r.cover_in(m.month) == cover)
        })
        .map(|m| (m.month, m.value))
        .collect();
    if joint.is_empty() {
        return adjusted;
    }
    let transport = Transport::new(&joint, regions);
    let mut changes = Changes::default();
    for component in components(&transport.blocks, joint.len(), |m| transport.column(m)) {
        match fit(&transport.table(&component, &component.columns)) {
            Fit::Whole(cells) => transport.shift(&component, &cells, &mut changes),
            Fit::Contradiction(raked) => {
                // Free the contested months, fit the rest exactly, and scale
                // only those; failing that, scale every month of the stretch.
                let kept: Vec<usize> = component
                    .columns
                    .iter()
                    .copied()
                    .filter(|&c| !contested.contains(&joint[c].0))
                    .collect();
                let local = (kept.len() < component.columns.len())
                    .then(|| fit(&transport.table(&component, &kept)));
                let (freed, values): (Vec<usize>, Vec<Vec<f64>>) = match local {
                    Some(Fit::Whole(cells)) => {
                        transport.shift(&component, &cells, &mut changes);
                        let freed = component
                            .columns
                            .iter()
                            .copied()
                            .filter(|c| kept.binary_search(c).is_err())
                            .collect();
                        let values = cells
                            .iter()
                            .map(|row| row.iter().map(|&v| v as f64).collect())
                            .collect();
                        (freed, values)
                    }
                    _ => (component.columns.clone(), raked),
                };
                for c in freed {
                    let (month, value) = joint[c];
                    let weights = transport.weights(&component, c, &values);
                    for (r, share) in share_out(value, &weights).into_iter().enumerate() {
                        changes.set(r, month, share);
                    }
                    adjusted.insert(month);
                }
            }
        }
    }
    let changed = changes.apply(regions);
    adjusted.retain(|month| changed.contains(month));
    adjusted
}

/// The transportation problem of one metric: joint months (columns), the
/// regional blocks that touch them (rows) and what the months demand.
struct Transport<'a> {
    joint: &'a [(YearMonth, u64)],
    /// The blocks touching a joint month, with their region.
    blocks: Vec<(usize, &'a Block)>,
    /// What each region has in each joint month apart from those blocks.
    fixed: Vec<Vec<i128>>,
    /// Each joint month's all-regions value less the regions' fixed parts.
    demand: Vec<i128>,
}

impl<'a> Transport<'a> {
    fn new(joint: &'a [(YearMonth, u64)], regions: &'a [Derivation]) -> Self {
        let column = |month: YearMonth| joint.binary_search_by_key(&month, |j| j.0).ok();
        let blocks: Vec<(usize, &Block)> = regions
            .iter()
            .enumerate()
            .flat_map(|(r, d)| d.blocks.iter().map(move |b| (r, b)))
            .filter(|(_, b)| b.months.iter().any(|m| column(m.month).is_some()))
            .collect();
        let mut fixed: Vec<Vec<i128>> = regions
            .iter()
            .map(|region| {
                joint
                    .iter()
                    .map(|(month, _)| region.series.get(*month).map_or(0, |m| i128::from(m.value)))
                    .collect()
            })
            .collect();
        for (r, block) in &blocks {
            for part in &block.months {
                if let Some(f) = column(part.month).and_then(|c| fixed[*r].get_mut(c)) {
                    *f -= i128::from(part.share);
                }
            }
        }
        let demand = joint
            .iter()
            .enumerate()
            .map(|(c, (_, value))| i128::from(*value) - fixed.iter().map(|f| f[c]).sum::<i128>())
            .collect();
        Self {
            joint,
            blocks,
            fixed,
            demand,
        }
    }

    fn column(&self, month: YearMonth) -> Option<usize> {
        self.joint.binary_search_by_key(&month, |j| j.0).ok()
    }

    /// The component's blocks as rows, with `columns` (ascending) as the
    /// columns; cells in other months are free.
    fn table(&self, component: &Component, columns: &[usize]) -> Table {
        let local = |month: YearMonth| columns.binary_search(&self.column(month)?).ok();
        Table {
            rows: component
                .blocks
                .iter()
                .map(|&b| row(self.blocks[b].1, local))
                .collect(),
            columns: columns.iter().map(|&c| self.demand[c]).collect(),
        }
    }

    /// Moves the component's blocks from their pro-rata shares to `cells`.
    fn shift(&self, component: &Component, cells: &[Vec<u64>], changes: &mut Changes) {
        for (&b, values) in component.blocks.iter().zip(cells) {
            let (r, block) = self.blocks[b];
            for (part, &value) in block.months.iter().zip(values) {
                changes.shift(r, part.month, i128::from(value) - i128::from(part.share));
            }
        }
    }

    /// What each region has in joint month `c` with the component's blocks
    /// at `values`: the proportions its all-regions value is shared by.
    fn weights(&self, component: &Component, c: usize, values: &[Vec<f64>]) -> Vec<f64> {
        let mut weights: Vec<f64> = self.fixed.iter().map(|f| f[c].max(0) as f64).collect();
        for (&b, values) in component.blocks.iter().zip(values) {
            let (r, block) = self.blocks[b];
            for (part, value) in block.months.iter().zip(values) {
                if self.column(part.month) == Some(c)
                    && let Some(w) = weights.get_mut(r)
                {
                    *w += value;
                }
            }
        }
        weights
    }
}

/// A block as a row: its residual, with its pro-rata shares as the seed.
fn row(block: &Block, local: impl Fn(YearMonth) -> Option<usize>) -> Row {
    let days: f64 = block.months.iter().map(|m| f64::from(m.days)).sum();
    Row {
        total: block.value,
        cells: block
            .months
            .iter()
            .map(|m| Cell {
                column: local(m.month),
                seed: block.value as f64 * f64::from(m.days) / days.max(1.0),
            })
            .collect(),
    }
}

/// `value` in whole numbers in proportion to `weights`; equally when they
/// are all zero (the all-regions month still has to be shared out).
fn share_out(value: u64, weights: &[f64]) -> Vec<u64> {
    // Weights are counts: a millionth of one is below any difference the
    // rounding could see.
    let mut whole: Vec<u64> = weights.iter().map(|w| (w * 1e6).round() as u64).collect();
    if whole.iter().all(|&w| w == 0) {
        whole.iter_mut().for_each(|w| *w = 1);
    }
    largest_remainder(value, &whole)
}

/// Blocks and joint months linked by the blocks' days, solved together.
struct Component {
    /// Indices into the blocks, ascending.
    blocks: Vec<usize>,
    /// Joint-month columns, ascending.
    columns: Vec<usize>,
}

/// Connected components of blocks and the joint months they touch (union
/// find); a joint month no block touches is a component of its own, so its
/// fixed parts are still checked against the total.
fn components(
    blocks: &[(usize, &Block)],
    columns: usize,
    column: impl Fn(YearMonth) -> Option<usize>,
) -> Vec<Component> {
    let mut parent: Vec<usize> = (0..blocks.len() + columns).collect();
    fn root(parent: &mut [usize], mut node: usize) -> usize {
        while parent[node] != node {
            parent[node] = parent[parent[node]];
            node = parent[node];
        }
        node
    }
    for (b, (_, block)) in blocks.iter().enumerate() {
        for c in block.months.iter().filter_map(|m| column(m.month)) {
            let (x, y) = (root(&mut parent, b), root(&mut parent, blocks.len() + c));
            parent[x.max(y)] = x.min(y);
        }
    }
    let mut by_root: BTreeMap<usize, Component> = BTreeMap::new();
    for node in 0..parent.len() {
        let component = by_root.entry(root(&mut parent, node)).or_insert(Component {
            blocks: Vec::new(),
            columns: Vec::new(),
        });
        if node < blocks.len() {
            component.blocks.push(node);
        } else {
            component.columns.push(node - blocks.len());
        }
    }
    by_root.into_values().collect()
}

/// New regional month values, applied once everything is solved.
#[derive(Default)]
struct Changes {
    shifts: BTreeMap<(usize, YearMonth), i128>,
    sets: BTreeMap<(usize, YearMonth), u64>,
}

impl Changes {
    fn shift(&mut self, region: usize, month: YearMonth, by: i128) {
        *self.shifts.entry((region, month)).or_default() += by;
    }

    fn set(&mut self, region: usize, month: YearMonth, value: u64) {
        self.sets.insert((region, month), value);
    }

    /// Applies the changes; returns the months a scaling changed.
    fn apply(self, regions: &mut [Derivation]) -> BTreeSet<YearMonth> {
        let mut changed = BTreeSet::new();
        for ((r, month), by) in self.shifts {
            if let Some(m) = regions.get_mut(r).and_then(|d| d.series.get_mut(month)) {
                m.value = u64::try_from((i128::from(m.value) + by).max(0)).unwrap_or(u64::MAX);
            }
        }
        for ((r, month), value) in self.sets {
            if let Some(m) = regions.get_mut(r).and_then(|d| d.series.get_mut(month)) {
                // Scaled to the total, the month is no longer as reported.
                if m.value != value {
                    m.estimated = true;
                    m.value = value;
                    changed.insert(month);
                }
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests;
