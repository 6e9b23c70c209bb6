//! Fitting a table of non-negative cells to fixed row and column totals,
//! in whole numbers: the joint allocation's transportation problem.
//!
//! Rows are figures' residuals to spread (their totals are the figures'),
//! columns are months whose total is known, and a cell exists where a row
//! has days in a column's month. A cell may also lie in a month without a
//! known total (a *free* cell), constrained only by its row.
//!
//! 1. **Raking** (iterative proportional fitting, Deming & Stephan 1940):
//!    starting from the pro-rata seed, scale the rows to their totals and
//!    the columns to theirs, alternately, until both hold. The result is the
//!    table closest to the seed, in the Kullback–Leibler sense, that keeps
//!    both margins, when one exists.
//! 2. **Controlled rounding** (Cox & Ernst 1982; Cox 1987): every cell goes
//!    to the whole number just below or just above its real value, and all
//!    margins are kept exactly. Found as an integral flow (see `flow`) whose
//!    arcs are bounded by each cell's floor and ceiling; cells are offered
//!    in order of their fractional part, largest first, so the units left
//!    go where the real table had most of one.
//!
//! When rounding within floor and ceiling fails (raking stops after a
//! bounded number of rounds, short of a fit that empties cells), a window
//! one wider and then any whole-number table keeping the totals is tried;
//! if none exists the totals contradict each other, and the raked table
//! (columns kept, rows as near as raking got them) is handed back for the
//! caller's rule.

use super::flow::Flow;

/// Rows with their totals and cells, and the totals of the columns.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub rows: Vec<Row>,
    /// What each column must add up to; may be negative when the months'
    /// fixed parts already exceed their total (then nothing fits).
    pub columns: Vec<i128>,
}

#[derive(Clone, Debug, Default)]
pub struct Row {
    pub total: u64,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Copy, Debug)]
pub struct Cell {
    /// The column the cell adds to; `None` for a free cell.
    pub column: Option<usize>,
    /// The starting value (the pro-rata share), not negative.
    pub seed: f64,
}

/// The fitted table, cell by cell in the rows' order.
#[derive(Clone, Debug, PartialEq)]
pub enum Fit {
    /// Whole numbers keeping every row and column total.
    Whole(Vec<Vec<u64>>),
    /// No whole-number (hence no real) table keeps every total: the raked
    /// real table, which keeps the column totals where they are not
    /// negative and the rows as near as raking got.
    Contradiction(Vec<Vec<f64>>),
}

/// Raking stops when every row is this close to its total, relative to it.
const TOLERANCE: f64 = 1e-9;
/// ... or after this many rounds: the flow below checks the result anyway.
const MAX_ROUNDS: usize = 30;
/// Rounds enough for proportions when no fit exists.
const FEW_ROUNDS: usize = 20;

pub fn fit(table: &Table) -> Fit {
    if margins_disagree(table) {
        // No table can keep both; raking only has to give the proportions
        // the caller shares out by, which a few rounds settle.
        return Fit::Contradiction(rake(table, FEW_ROUNDS));
    }
    // Even unconverged (a fit with cells at zero is only approached), the
    // raked table is near one; the flow checks every total exactly.
    let raked = rake(table, MAX_ROUNDS);
    for widen in [0, 1] {
        if let Some(whole) = round(table, Some((&raked, widen))) {
            return Fit::Whole(whole);
        }
    }
    match round(table, None) {
        Some(whole) => Fit::Whole(whole),
        None => Fit::Contradiction(raked),
    }
}

/// Whether the totals alone rule out a fit: a negative column, or rows that
/// add up to less than the columns (or, with no free cells, to anything
/// but the columns' sum). The common contradiction (regions that do not
/// add up to their total) is found here without raking to the end.
fn margins_disagree(table: &Table) -> bool {
    let rows: i128 = table.rows.iter().map(|r| i128::from(r.total)).sum();
    let columns: i128 = table.columns.iter().sum();
    let free = table
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .any(|c| c.column.is_none());
    table.columns.iter().any(|&c| c < 0) || rows < columns || (!free && rows != columns)
}

/// Iterative proportional fitting from the seed, ending with the columns,
/// until every total holds or for at most `rounds` rounds.
fn rake(table: &Table, rounds: usize) -> Vec<Vec<f64>> {
    let mut x: Vec<Vec<f64>> = table
        .rows
        .iter()
        .map(|row| row.cells.iter().map(|c| c.seed.max(0.0)).collect())
        .collect();
    let targets: Vec<f64> = table.columns.iter().map(|&t| t.max(0) as f64).collect();
    let mut sums = vec![0.0; table.columns.len()];
    for _ in 0..rounds {
        for (cells, row) in x.iter_mut().zip(&table.rows) {
            scale(cells, row.total as f64);
        }
        sums.iter_mut().for_each(|s| *s = 0.0);
        for (cells, row) in x.iter().zip(&table.rows) {
            for (value, cell) in cells.iter().zip(&row.cells) {
                if let Some(sum) = cell.column.and_then(|c| sums.get_mut(c)) {
                    *sum += value;
                }
            }
        }
        let factors: Vec<f64> = sums
            .iter()
            .zip(&targets)
            .map(|(&sum, &target)| if sum > 0.0 { target / sum } else { 1.0 })
            .collect();
        for (cells, row) in x.iter_mut().zip(&table.rows) {
            for (value, cell) in cells.iter_mut().zip(&row.cells) {
                if let Some(factor) = cell.column.and_then(|c| factors.get(c)) {
                    *value *= factor;
                }
            }
        }
        let rows_hold = x.iter().zip(&table.rows).all(|(cells, row)| {
            let total = row.total as f64;
            (cells.iter().sum::<f64>() - total).abs() <= TOLERANCE * total.max(1.0)
        });
        let columns_hold = sums
            .iter()
            .zip(&table.columns)
            .all(|(&sum, &target)| target >= 0 && (sum > 0.0 || target == 0));
        if rows_hold && columns_hold {
            break;
        }
    }
    x
}

/// Scales `cells` to add up to `total` (left alone when they are all zero).
fn scale(cells: &mut [f64], total: f64) {
    let sum: f64 = cells.iter().sum();
    if sum > 0.0 {
        cells.iter_mut().for_each(|c| *c *= total / sum);
    }
}

/// A whole-number table keeping every total, each cell within `widen` of
/// the floor and ceiling of its raked value; any such table when no raked
/// values are given.
fn round(table: &Table, raked: Option<(&Vec<Vec<f64>>, u64)>) -> Option<Vec<Vec<u64>>> {
    let rows = table.rows.len();
    let columns = table.columns.len();
    let free = rows + columns;
    let mut flow = Flow::new(free + 1);
    let mut spread: i128 = 0;
    for (r, row) in table.rows.iter().enumerate() {
        flow.supply(r, i128::from(row.total));
        spread += i128::from(row.total);
    }
    for (c, &total) in table.columns.iter().enumerate() {
        flow.supply(rows + c, -total);
        spread -= total;
    }
    // Whatever the rows do not give the columns goes to the free cells.
    flow.supply(free, -spread);
    // Arcs in row order; within a row, the cells with the largest fractional
    // part first, so the flow prefers rounding those up.
    let mut order: Vec<(usize, usize)> = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        let mut cells: Vec<usize> = (0..row.cells.len()).collect();
        if let Some((values, _)) = raked {
            let fraction = |i: &usize| {
                let v = values
                    .get(r)
                    .and_then(|v| v.get(*i))
                    .copied()
                    .unwrap_or(0.0);
                v - v.floor()
            };
            cells.sort_by(|a, b| fraction(b).total_cmp(&fraction(a)).then(a.cmp(b)));
        }
        for i in cells {
            let Some(cell) = row.cells.get(i) else {
                continue;
            };
            let (lower, upper) = match raked {
                Some((values, widen)) => {
                    let v = values.get(r).and_then(|v| v.get(i)).copied().unwrap_or(0.0);
                    window(v, widen, row.total)
                }
                None => (0, row.total),
            };
            let to = cell.column.map_or(free, |c| rows + c);
            flow.arc(r, to, lower, upper);
            order.push((r, i));
        }
    }
    let arcs = flow.solve()?;
    let mut whole: Vec<Vec<u64>> = table
        .rows
        .iter()
        .map(|row| vec![0; row.cells.len()])
        .collect();
    for ((r, i), value) in order.into_iter().zip(arcs) {
        if let Some(cell) = whole.get_mut(r).and_then(|w| w.get_mut(i)) {
            *cell = value;
        }
    }
    Some(whole)
}

/// The whole numbers a cell of real value `v` may take: its floor and
/// ceiling (one value when `v` is whole to within raking's precision),
/// `widen` more either way, never beyond `0..=max`.
fn window(v: f64, widen: u64, max: u64) -> (u64, u64) {
    // Raking leaves whole values a hair off; snap those.
    const SNAP: f64 = 1e-6;
    let nearest = v.round();
    let (low, high) = if (v - nearest).abs() <= SNAP {
        (nearest, nearest)
    } else {
        (v.floor(), v.ceil())
    };
    // `as` saturates: a negative value becomes 0, a huge one u64::MAX.
    let low = (low as u64).saturating_sub(widen).min(max);
    let high = (high as u64).saturating_add(widen).min(max);
    (low, high)
}

#[cfg(test)]
mod tests;
