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
//! share no block are solved apart (connected components), so figures that
//! contradict each other change only the stretch of months they touch.
//! Elsewhere (a region not reported, days the regions do not reach) the
//! regions stay as derived on their own.

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
figures are followed: in the months concerned, the all-regions month is shared out between \
the regions in proportion to their own figures, and the difference is listed under problems.";

/// Re-spreads the blocks of `regions` (each single region of one metric,
/// derived on its own) so that they add up to `total` in every joint month.
/// Returns the months where the regions contradicted the total and were
/// scaled to it.
pub(super) fn allocate(total: &Derivation, regions: &mut [Derivation]) -> BTreeSet<YearMonth> {
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
    let column = |month: YearMonth| joint.binary_search_by_key(&month, |j| j.0).ok();

    // The blocks that touch a joint month, with their region.
    let blocks: Vec<(usize, &Block)> = regions
        .iter()
        .enumerate()
        .flat_map(|(r, d)| d.blocks.iter().map(move |b| (r, b)))
        .filter(|(_, b)| b.months.iter().any(|m| column(m.month).is_some()))
        .collect();
    // What each region has in each joint month apart from those blocks.
    let mut fixed = vec![vec![0i128; joint.len()]; regions.len()];
    for (r, region) in regions.iter().enumerate() {
        for (c, (month, _)) in joint.iter().enumerate() {
            fixed[r][c] = region.series.get(*month).map_or(0, |m| i128::from(m.value));
        }
    }
    for (r, block) in &blocks {
        for part in &block.months {
            if let Some(c) = column(part.month) {
                fixed[*r][c] -= i128::from(part.share);
            }
        }
    }
    let demand: Vec<i128> = joint
        .iter()
        .enumerate()
        .map(|(c, (_, value))| i128::from(*value) - fixed.iter().map(|f| f[c]).sum::<i128>())
        .collect();

    let mut changes = Changes::default();
    for component in components(&blocks, joint.len(), column) {
        let table = Table {
            rows: component
                .blocks
                .iter()
                .map(|&b| row(blocks[b].1, |m| component.local(column(m)?)))
                .collect(),
            columns: component.columns.iter().map(|&c| demand[c]).collect(),
        };
        match fit(&table) {
            Fit::Whole(cells) => {
                for (&b, values) in component.blocks.iter().zip(cells) {
                    let (r, block) = blocks[b];
                    for (part, value) in block.months.iter().zip(values) {
                        changes.shift(r, part.month, i128::from(value) - i128::from(part.share));
                    }
                }
            }
            Fit::Contradiction(raked) => {
                // The all-regions month wins: share it out in proportion to
                // what each region would have in it.
                for &c in &component.columns {
                    let mut weights: Vec<f64> = fixed.iter().map(|f| f[c].max(0) as f64).collect();
                    for (&b, values) in component.blocks.iter().zip(&raked) {
                        let (r, block) = blocks[b];
                        for (part, value) in block.months.iter().zip(values) {
                            if column(part.month) == Some(c)
                                && let Some(w) = weights.get_mut(r)
                            {
                                *w += value;
                            }
                        }
                    }
                    let (month, value) = joint[c];
                    for (r, share) in share_out(value, &weights).into_iter().enumerate() {
                        changes.set(r, month, share);
                    }
                    adjusted.insert(month);
                }
            }
        }
    }
    changes.apply(regions);
    adjusted
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

impl Component {
    fn local(&self, column: usize) -> Option<usize> {
        self.columns.binary_search(&column).ok()
    }
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

    fn apply(self, regions: &mut [Derivation]) {
        for ((r, month), by) in self.shifts {
            if let Some(m) = regions.get_mut(r).and_then(|d| d.series.get_mut(month)) {
                m.value = u64::try_from((i128::from(m.value) + by).max(0)).unwrap_or(u64::MAX);
            }
        }
        for ((r, month), value) in self.sets {
            if let Some(m) = regions.get_mut(r).and_then(|d| d.series.get_mut(month)) {
                // Scaled to the total, the month is no longer as reported.
                m.estimated |= m.value != value;
                m.value = value;
            }
        }
    }
}

#[cfg(test)]
mod tests;
