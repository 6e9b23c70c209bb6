//! How the figures of a sentence hang together: the members of terrorist
//! organisations among those apprehended ("including six members",
//! "6'sı terör örgütü mensubu"), the parts of a total ("with 360 in Iraq
//! and 442 in northern Syria", "72 of them in the last week", "Of these,
//! 681 …", Turkish "… 381, … 446 olmak üzere … 827", "bunlardan 25'i"), and
//! the totals (heads) themselves.

use super::figures::{Context, Fig, Gaps, Role};
use super::metrics::{self, Target};
use super::tokens::{Kind, Token};
use super::{Lang, numbers};

const OF_THESE: &[&[&str]] = &[
    &["of", "these"],
    &["of", "those"],
    &["of", "them"],
    &["of", "this", "number"],
    &["of", "the", "total"],
    &["bunlardan"],
    &["bunlarin"],
    &["bunlarin", "icinde"],
];
const POSSESSIVE: &[&str] = &[
    "i", "u", "si", "su", "inin", "unun", "sinin", "sunun", "inden", "undan", "sinden",
];

/// Decides the role of every figure: parts of a total, members among the
/// apprehended, or totals (heads) of their own.
/// Returns the last total, for the next sentence's "Of these".
pub(super) fn link(
    tokens: &[Token],
    gaps: &Gaps,
    nums: &[numbers::Num],
    clause: &[usize],
    figs: &mut [Fig],
    ctx: &Context<'_>,
) -> Option<usize> {
    let words_before = |k: usize, n: usize| -> Vec<&str> {
        tokens[..nums[k].tokens.start]
            .iter()
            .rev()
            .filter(|t| t.kind == Kind::Word && !t.suffix)
            .take(n)
            .map(|t| t.fold.as_str())
            .collect()
    };
    let punct_before = |k: usize| {
        nums[k]
            .tokens
            .start
            .checked_sub(1)
            .map(|i| &tokens[i])
            .filter(|t| t.kind == Kind::Punct)
    };
    let word_after = |k: usize, skip: usize| {
        tokens[nums[k].tokens.end..]
            .iter()
            .filter(|t| t.kind == Kind::Word && !t.suffix)
            .nth(skip)
            .map(|t| t.fold.as_str())
    };
    let suffix_after = |k: usize| {
        tokens
            .get(nums[k].tokens.end)
            .filter(|t| t.suffix)
            .map(|t| t.fold.as_str())
    };
    let starts_of_these = OF_THESE.iter().any(|phrase| {
        let words: Vec<&str> = tokens
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .take(phrase.len())
            .map(|t| t.fold.as_str())
            .collect();
        words == *phrase
    });
    let olmak_uzere: Vec<usize> = (1..tokens.len())
        .filter(|&i| tokens[i - 1].is_word("olmak") && tokens[i].is_word("uzere"))
        .collect();
    let global = |k: usize| ctx.offset + k;

    // Members of terrorist organisations among the apprehended: the member
    // noun must follow the number before the next number does.
    let members_after = |k: usize| {
        let until = nums.get(k + 1).map_or(tokens.len(), |n| n.tokens.start);
        metrics::member_noun(&tokens[..until], nums[k].tokens.end)
    };
    let apprehended: Vec<usize> = (0..figs.len())
        .filter(|&k| {
            ctx.metrics
                .apprehended()
                .is_some_and(|id| figs[k].metric == Some(Target::Metric(id.clone())))
        })
        .collect();
    for k in 0..figs.len() {
        if ctx.metrics.members().is_none() || !members_after(k) {
            continue;
        }
        if let Some(&parent) = apprehended
            .iter()
            .filter(|&&p| p != k && !members_after(p))
            .min_by_key(|&&p| gaps.between(&nums[k].tokens, &nums[p].tokens))
        {
            figs[k].role = Role::Members {
                parent: global(parent),
            };
            figs[k].metric = ctx.metrics.members().cloned().map(Target::Metric);
        }
    }

    let mut last_head = ctx.last_head;
    let mut previous_part = false;
    for k in 0..figs.len() {
        if figs[k].role != Role::Head {
            continue;
        }
        let has_region = figs[k].regions.is_some() || figs[k].both;
        let has_period = figs[k].period.is_some();
        let before = words_before(k, 2);
        let including = matches!(
            before.first(),
            Some(&("with" | "including" | "them" | "which" | "whom"))
        );
        if including && !has_region && !has_period {
            // "including 3 so-called leaders": a part of something untracked.
            figs[k].metric = None;
            continue;
        }
        let marker = including
            || (before.first() == Some(&"and") && previous_part && has_region)
            || (punct_before(k).is_some_and(|p| p.is_punct(','))
                && has_region
                && word_after(k, 0) == Some("in"));
        let of_them = word_after(k, 0) == Some("of")
            && matches!(word_after(k, 1), Some("them" | "whom" | "these"));
        let first_clause = clause[nums[k].tokens.start] == 0;
        let possessive = ctx.lang == Lang::Tr
            && suffix_after(k).is_some_and(|s| POSSESSIVE.contains(&s))
            && (has_region || has_period);
        let before_olmak = olmak_uzere
            .iter()
            .find(|&&o| o > nums[k].tokens.end && clause[o] == clause[nums[k].tokens.start]);
        let parent = if let Some(&o) = before_olmak.filter(|_| possessive || has_region) {
            (k + 1..figs.len())
                .find(|&p| nums[p].tokens.start > o)
                .map(global)
        } else if (starts_of_these && first_clause) || marker || of_them || possessive {
            last_head
        } else {
            None
        };
        match parent {
            Some(parent) if parent != global(k) => {
                figs[k].role = Role::Part { parent };
                previous_part = true;
            }
            _ => {
                if matches!(figs[k].metric, Some(Target::Metric(_))) {
                    last_head = Some(global(k));
                }
                previous_part = false;
            }
        }
    }
    last_head
}
