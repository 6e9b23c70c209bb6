//! Numbers as briefings write them: `1,427`, `2.013`, `1 017`, `3 bin 164`,
//! `38 bin 235`, `bin 8`, `9 binden`, and in words (`six`, `twenty-five`,
//! `a member`, `iki`, `altı`, `üç`). Which of them cannot be a figure is
//! [`super::not_figures`]'s to say.

use std::ops::Range;

use super::Lang;
use super::tokens::{Kind, Token};

/// A number in a sentence: tokens `[tokens.start, tokens.end)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Num {
    pub tokens: Range<usize>,
    pub value: u64,
    /// Written in words (`six`, `iki`).
    pub words: bool,
    /// `2.5`: never a count.
    pub decimal: bool,
}

#[rustfmt::skip]
const EN_WORDS: &[(&str, u64)] = &[
    ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
    ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13),
    ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18),
    ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60),
    ("seventy", 70), ("eighty", 80), ("ninety", 90),
];

#[rustfmt::skip]
const TR_WORDS: &[(&str, u64)] = &[
    ("bir", 1), ("iki", 2), ("uc", 3), ("dort", 4), ("bes", 5), ("alti", 6), ("yedi", 7),
    ("sekiz", 8), ("dokuz", 9), ("on", 10), ("yirmi", 20), ("otuz", 30), ("kirk", 40),
    ("elli", 50), ("altmis", 60), ("yetmis", 70), ("seksen", 80), ("doksan", 90),
];

/// What a number written in words must count (within three words), else
/// the word is ordinary language ("one of the", "bir şekilde").
#[rustfmt::skip]
pub(super) const COUNTED: &[&str] = &[
    "terrorist", "member", "people", "person", "individual", "militant", "suspect", "pkk", "feto",
    "daesh", "isis", "ypg", "other", "more", "teror", "kisi", "sahis", "sahs", "mensub", "uye",
    "militan", "daha",
];

fn word_value(lang: Lang, word: &str) -> Option<u64> {
    let list = match lang {
        Lang::En => EN_WORDS,
        Lang::Tr => TR_WORDS,
    };
    list.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

fn multiplier(lang: Lang, token: &Token) -> Option<u64> {
    if token.kind != Kind::Word {
        return None;
    }
    let word = token.fold.as_str();
    match lang {
        Lang::En => match word {
            "hundred" => Some(100),
            "thousand" => Some(1_000),
            "million" => Some(1_000_000),
            _ => None,
        },
        Lang::Tr => match word {
            "yuz" => Some(100),
            "bin" | "binden" | "bine" | "bini" | "binin" | "binde" => Some(1_000),
            "milyon" => Some(1_000_000),
            _ => None,
        },
    }
}

/// Every number of the sentence, skipping tokens already `consumed` (dates
/// and periods).
pub fn find(tokens: &[Token], lang: Lang, consumed: &[bool]) -> Vec<Num> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if consumed[i] {
            i += 1;
            continue;
        }
        let num = if tokens[i].kind == Kind::Digits {
            Some(digits_at(tokens, i, lang, consumed))
        } else {
            words_at(tokens, i, lang, consumed)
        };
        match num {
            Some(num) => {
                i = num.tokens.end;
                found.push(num);
            }
            None => i += 1,
        }
    }
    found
}

fn free<'a>(tokens: &'a [Token], consumed: &[bool], j: usize) -> Option<&'a Token> {
    (!consumed.get(j).copied().unwrap_or(true)).then(|| &tokens[j])
}

fn digits_at(tokens: &[Token], i: usize, lang: Lang, consumed: &[bool]) -> Num {
    let first = &tokens[i];
    let mut value: u64 = first.fold.parse().unwrap_or(u64::MAX);
    let mut j = i + 1;
    let mut decimal = false;
    let grouped = first.fold.len() <= 3;
    loop {
        let sep = free(tokens, consumed, j);
        let next = free(tokens, consumed, j + 1);
        let glued = |t: &Token| !t.space_before;
        if let (Some(sep), Some(next)) = (sep, next)
            && (sep.is_punct(',') || sep.is_punct('.'))
            && glued(sep)
            && glued(next)
            && next.kind == Kind::Digits
        {
            if grouped && next.fold.len() == 3 {
                value = value
                    .saturating_mul(1000)
                    .saturating_add(next.fold.parse().unwrap_or(0));
                j += 2;
                continue;
            }
            if j == i + 1 {
                decimal = true;
                j += 2;
            }
            break;
        }
        if let Some(next) = sep
            && grouped
            && j > i
            && next.kind == Kind::Digits
            && next.fold.len() == 3
            && next.space_before
            && next.span.start - tokens[j - 1].span.end <= 3
            && !followed_by_group(tokens, j + 1)
        {
            value = value
                .saturating_mul(1000)
                .saturating_add(next.fold.parse().unwrap_or(0));
            j += 1;
            continue;
        }
        break;
    }
    if !decimal {
        (value, j) = scale(tokens, consumed, lang, value, j);
    }
    Num {
        tokens: i..j,
        value,
        words: false,
        decimal,
    }
}

/// `1 017 235` would be read greedily; a group followed by another
/// separator-joined group belongs to the next number instead.
fn followed_by_group(tokens: &[Token], j: usize) -> bool {
    tokens
        .get(j)
        .is_some_and(|t| (t.is_punct(',') || t.is_punct('.')) && !t.space_before)
        && tokens
            .get(j + 1)
            .is_some_and(|t| t.kind == Kind::Digits && !t.space_before)
}

/// `3 bin 164`, `2 million`: the multiplier after a number and the rest.
fn scale(tokens: &[Token], consumed: &[bool], lang: Lang, value: u64, j: usize) -> (u64, usize) {
    let Some(m) = free(tokens, consumed, j).and_then(|t| multiplier(lang, t)) else {
        return (value, j);
    };
    let mut value = value.max(1).saturating_mul(m);
    let mut j = j + 1;
    let plain = matches!(
        tokens[j - 1].fold.as_str(),
        "bin" | "thousand" | "yuz" | "hundred" | "milyon" | "million"
    );
    if plain
        && let Some(rest) = free(tokens, consumed, j)
        && rest.kind == Kind::Digits
        && rest.fold.len() <= 3
        && !followed_by_group(tokens, j + 1)
    {
        value = value.saturating_add(rest.fold.parse().unwrap_or(0));
        j += 1;
    }
    (value, j)
}

fn words_at(tokens: &[Token], i: usize, lang: Lang, consumed: &[bool]) -> Option<Num> {
    let first = &tokens[i];
    if first.kind != Kind::Word || first.suffix {
        return None;
    }
    // "a member", "an individual": one.
    if lang == Lang::En && matches!(first.fold.as_str(), "a" | "an") {
        let next = free(tokens, consumed, i + 1)?;
        return (next.starts_with("member") || next.starts_with("individual")).then(|| Num {
            tokens: i..i + 1,
            value: 1,
            words: true,
            decimal: false,
        });
    }
    if lang == Lang::Tr && first.fold == "bin" {
        let (value, end) = scale(tokens, consumed, lang, 1, i);
        return Some(Num {
            tokens: i..end,
            value,
            words: true,
            decimal: false,
        });
    }
    word_value(lang, &first.fold)?;
    let (mut total, mut current, mut j) = (0u64, 0u64, i);
    while let Some(t) = free(tokens, consumed, j) {
        if let Some(v) = word_value(lang, &t.fold).filter(|_| !t.suffix) {
            current += v;
        } else if let Some(m) = multiplier(lang, t).filter(|&m| m >= 1000) {
            total += current.max(1) * m;
            current = 0;
        } else if multiplier(lang, t) == Some(100) {
            current = current.max(1) * 100;
        } else if t.is_punct('-') && !t.space_before && j > i {
            // twenty-five
        } else {
            break;
        }
        j += 1;
    }
    while j > i + 1 && tokens[j - 1].is_punct('-') {
        j -= 1;
    }
    let value = total + current;
    counts_something(tokens, j).then_some(Num {
        tokens: i..j,
        value,
        words: true,
        decimal: false,
    })
}

/// A counted noun within the next three words.
fn counts_something(tokens: &[Token], after: usize) -> bool {
    tokens
        .iter()
        .skip(after)
        .filter(|t| t.kind == Kind::Word && !t.suffix)
        .take(3)
        .any(|t| COUNTED.iter().any(|c| t.fold.starts_with(c)))
}

#[cfg(test)]
mod tests {
    use super::super::not_figures::not_a_figure;
    use super::super::tokens::tokenize;
    use super::*;

    fn values(text: &str, lang: Lang) -> Vec<(u64, Option<&'static str>)> {
        let tokens = tokenize(text, 0..text.len());
        let consumed = vec![false; tokens.len()];
        find(&tokens, lang, &consumed)
            .iter()
            .map(|n| (n.value, not_a_figure(&tokens, n)))
            .collect()
    }

    fn figures(text: &str, lang: Lang) -> Vec<u64> {
        values(text, lang)
            .into_iter()
            .filter(|(_, why)| why.is_none())
            .map(|(v, _)| v)
            .collect()
    }

    #[test]
    fn thousands_are_grouped_with_commas_dots_and_spaces() {
        assert_eq!(
            figures(
                "1,427 and 2.013 and 1 017 and 48596 and 1,234,567 people",
                Lang::En
            ),
            [1427, 2013, 1017, 48596, 1_234_567]
        );
        assert_eq!(figures("381, 446 and 360 in", Lang::En), [381, 446, 360]);
    }

    #[test]
    fn turkish_bin_counts_thousands() {
        assert_eq!(
            figures(
                "3 bin 164 şahıs, 38 bin 235'e, bin 8 kişi, 9 binden fazla, 2 bin 103",
                Lang::Tr
            ),
            [3164, 38235, 1008, 9000, 2103]
        );
    }

    #[test]
    fn number_words_count_when_they_count_people() {
        assert_eq!(
            figures(
                "including six members, two PKK terrorists, twenty-five people",
                Lang::En
            ),
            [6, 2, 25]
        );
        assert_eq!(figures("a member of the PKK surrendered", Lang::En), [1]);
        assert_eq!(
            figures("one of the reasons, a total of", Lang::En),
            Vec::<u64>::new()
        );
        assert_eq!(
            figures(
                "iki terörist, altı kişi, üç PKK'lı terörist, bir terör örgütü mensubu",
                Lang::Tr
            ),
            [2, 6, 3, 1]
        );
        assert_eq!(figures("bir şekilde", Lang::Tr), Vec::<u64>::new());
    }

    #[test]
    fn years_decimals_names_and_units_are_not_figures() {
        let why = values(
            "in 2024 , 2.5 tonnes , F-16 , 21st , 14:00 , 37 targets , 140 kilograms of drugs , aged 19 years",
            Lang::En,
        );
        assert!(why.iter().all(|(_, why)| why.is_some()), "{why:?}");
        let tr = values("%40 , 12 mağara , 19 yaşındaki , 4 EYP", Lang::Tr);
        assert!(tr.iter().all(|(_, why)| why.is_some()), "{tr:?}");
        assert_eq!(figures("2013 terrorists", Lang::En), [2013]);
    }
}
