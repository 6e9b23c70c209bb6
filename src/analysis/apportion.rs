//! Whole-number shares of a whole number: the one rounding rule of the
//! derivation. The pro-rata spreading of a figure over its months and the
//! scaling of regional months to an all-regions month both use it, so a
//! value is never split two ways.

use crate::text::saturating_sum;

/// Splits `total` in proportion to `weights`, in whole numbers that add up
/// to `total` exactly (largest remainder; ties go to the earlier weight).
/// All-zero weights get nothing: there is no proportion to follow.
pub fn largest_remainder(total: u64, weights: &[u64]) -> Vec<u64> {
    let sum: u128 = weights.iter().map(|w| u128::from(*w)).sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (index, weight) in weights.iter().enumerate() {
        let exact = u128::from(total) * u128::from(*weight);
        // The quotient is at most `total`, so it fits in u64.
        shares.push(u64::try_from(exact / sum).unwrap_or(u64::MAX));
        remainders.push((exact % sum, index));
    }
    let handed_out = saturating_sum(shares.iter().copied());
    let left = usize::try_from(total.saturating_sub(handed_out)).unwrap_or(usize::MAX);
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, index) in remainders.into_iter().take(left) {
        if let Some(share) = shares.get_mut(index) {
            *share += 1;
        }
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_always_add_up_to_the_total() {
        let days: Vec<u64> = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].to_vec();
        for total in [0, 1, 7, 364, 365, 366, 1_000_003, u64::MAX / 400] {
            let shares = largest_remainder(total, &days);
            assert_eq!(shares.iter().sum::<u64>(), total, "total {total}");
        }
    }

    #[test]
    fn the_largest_remainders_get_the_units_left_and_ties_go_first() {
        // 748 over 31, 29, 31, 18 days: 212.73, 199.01, 212.73, 123.52.
        assert_eq!(
            largest_remainder(748, &[31, 29, 31, 18]),
            [213, 199, 213, 123]
        );
        assert_eq!(largest_remainder(1, &[1, 1]), [1, 0]);
        assert_eq!(largest_remainder(5, &[0, 0]), [0, 0]);
    }
}
