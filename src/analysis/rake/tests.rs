//! Hand-computed fits.

use super::*;

fn row(total: u64, cells: &[(Option<usize>, f64)]) -> Row {
    Row {
        total,
        cells: cells
            .iter()
            .map(|&(column, seed)| Cell { column, seed })
            .collect(),
    }
}

/// Jan–Apr 2024 to 25 April: 31, 29, 31 and 25 days.
fn by_day(total: u64) -> Row {
    let days = [31.0, 29.0, 31.0, 25.0];
    let cells: Vec<(Option<usize>, f64)> = days
        .iter()
        .enumerate()
        .map(|(i, d)| (Some(i), total as f64 * d / 116.0))
        .collect();
    row(total, &cells)
}

#[test]
fn the_sample_regions_are_fitted_to_the_all_regions_months() {
    // Raked: 360 × T/802 and 442 × T/802 for T = 213, 199, 213, 177:
    // northern Iraq 95.61, 89.33, 95.61, 79.45 (floors 358, 2 to add);
    // northern Syria 117.39, 109.67, 117.39, 97.55 (floors 440, 2 to add).
    // Each month needs one unit more; the largest fractions take them.
    let table = Table {
        rows: vec![by_day(360), by_day(442)],
        columns: vec![213, 199, 213, 177],
    };
    assert_eq!(
        fit(&table),
        Fit::Whole(vec![vec![96, 89, 96, 79], vec![117, 110, 117, 98]])
    );
}

#[test]
fn free_cells_take_what_the_columns_leave() {
    let table = Table {
        rows: vec![row(10, &[(Some(0), 5.0), (None, 5.0)])],
        columns: vec![3],
    };
    assert_eq!(fit(&table), Fit::Whole(vec![vec![3, 7]]));
}

#[test]
fn a_table_whose_only_fit_empties_a_cell_is_still_found() {
    // The second row fills column 1, so the first must give it nothing:
    // raking only approaches that zero, the exact flow reaches it.
    let table = Table {
        rows: vec![
            row(10, &[(Some(0), 5.0), (Some(1), 5.0)]),
            row(5, &[(Some(1), 5.0)]),
        ],
        columns: vec![10, 5],
    };
    assert_eq!(fit(&table), Fit::Whole(vec![vec![10, 0], vec![5]]));
}

#[test]
fn totals_that_contradict_hand_back_the_raked_columns() {
    // 360 + 440 = 800 against months adding up to 802.
    let table = Table {
        rows: vec![by_day(360), by_day(440)],
        columns: vec![213, 199, 213, 177],
    };
    let Fit::Contradiction(raked) = fit(&table) else {
        panic!("800 cannot fill 802");
    };
    for (c, total) in [213.0, 199.0, 213.0, 177.0].iter().enumerate() {
        let sum: f64 = raked.iter().map(|r| r[c]).sum();
        assert!((sum - total).abs() < 1e-9, "column {c}: {sum}");
    }
}

#[test]
fn a_negative_column_cannot_be_met() {
    let table = Table {
        rows: vec![row(4, &[(Some(0), 4.0)])],
        columns: vec![-1],
    };
    assert!(matches!(fit(&table), Fit::Contradiction(_)));
}

#[test]
fn windows_snap_whole_values_and_stay_in_range() {
    assert_eq!(window(2.0000000001, 0, 10), (2, 2));
    assert_eq!(window(2.4, 0, 10), (2, 3));
    assert_eq!(window(2.4, 1, 10), (1, 4));
    assert_eq!(window(0.2, 1, 10), (0, 2));
    assert_eq!(window(9.5, 1, 10), (8, 10));
}
