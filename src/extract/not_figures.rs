//! Numbers that are not figures: years, decimals, parts of names (`F-16`,
//! `T129`), ordinals and times (`21st`, `14:00`), percentages, and counts of
//! something other than people (`37 targets`, `140 kilograms`, `312
//! kilometres`, `19 yaşındaki`, `12 mağara`). These are understood, so they
//! are neither proposed nor reported as not understood.

use super::numbers::{COUNTED, Num};
use super::tokens::{Kind, Token};

/// Words after a number that say it counts something other than people
/// (prefixes of folded words).
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "km", "kilomet", "meter", "metre", "mile", "kg", "kilogram", "gram", "ton", "litre", "liter",
    "cave", "shelter", "target", "depot", "tunnel", "bunker", "weapon", "rifle", "ammunition",
    "round", "ied", "mine", "explosive", "drug", "pill", "vehicle", "year", "month", "day", "hour",
    "minute", "time", "percent", "per", "magara", "siginak", "hedef", "depo", "tunel", "silah",
    "muhimmat", "eyp", "mayin", "patlayici", "uyusturucu", "arac", "yil", "gun", "saat", "dakika",
    "yas", "hafta", "ay",
];

/// Why `num` is not a figure, or `None` when it may be one.
pub fn not_a_figure(tokens: &[Token], num: &Num) -> Option<&'static str> {
    if num.decimal {
        return Some("a decimal");
    }
    let first = &tokens[num.tokens.start];
    let last = &tokens[num.tokens.end - 1];
    let before = num.tokens.start.checked_sub(1).map(|i| &tokens[i]);
    let after = tokens.get(num.tokens.end);
    if !num.words {
        if before.is_some_and(|b| {
            !first.space_before
                && (b.kind == Kind::Word
                    || b.is_punct('-')
                    || b.is_punct('%')
                    || b.is_punct('#')
                    || b.is_punct('$')
                    || b.is_punct('€'))
        }) {
            return Some("part of a name or a sign (F-16, %40)");
        }
        if after.is_some_and(|a| {
            !a.space_before
                && !a.suffix
                && (a.kind == Kind::Word || a.is_punct(':') || a.is_punct('%'))
        }) {
            return Some("an ordinal, a time or a percentage");
        }
        if before.is_some_and(|b| b.is_word("yuzde") || b.is_word("no") || b.is_word("article")) {
            return Some("a percentage or a reference");
        }
    }
    let single = num.tokens.len() == 1 && first.kind == Kind::Digits;
    if single
        && first.fold.len() == 4
        && (1900..=2100).contains(&num.value)
        && !counted_next(tokens, num.tokens.end)
    {
        return Some("a year");
    }
    let unit = tokens
        .iter()
        .skip(num.tokens.end)
        .filter(|t| t.kind == Kind::Word && !t.suffix)
        .take(3)
        .find(|t| UNITS.iter().any(|u| unit_matches(&t.fold, u)));
    if let Some(unit) = unit
        && !counted_before(tokens, num.tokens.end, unit)
    {
        return Some("counts something else (targets, caves, kilometres, drugs, ages)");
    }
    let _ = last;
    None
}

/// Short units must match whole (`ay`, `km`); longer ones as prefixes.
fn unit_matches(word: &str, unit: &str) -> bool {
    if unit.len() <= 3 {
        word == unit
            || (word.starts_with(unit)
                && matches!(
                    &word[unit.len()..],
                    "s" | "lik" | "lık" | "lar" | "ler" | "in" | "indaki" | "inda"
                ))
    } else {
        word.starts_with(unit)
    }
}

fn counted_next(tokens: &[Token], after: usize) -> bool {
    tokens
        .iter()
        .skip(after)
        .filter(|t| t.kind == Kind::Word && !t.suffix)
        .take(2)
        .any(|t| COUNTED.iter().any(|c| t.fold.starts_with(c)))
}

/// A counted noun comes before the unit (`12 people aged 19`).
fn counted_before(tokens: &[Token], after: usize, unit: &Token) -> bool {
    tokens
        .iter()
        .skip(after)
        .take_while(|t| t.span.start < unit.span.start)
        .any(|t| t.kind == Kind::Word && COUNTED.iter().any(|c| t.fold.starts_with(c)))
}
