//! Splits a briefing into sentences, as byte ranges of the text.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (and any closing quotes) when
//! the next one starts with a capital, a digit or an opening quote, unless
//! the word before the full stop is an abbreviation (`Adm.`, `Jan.`,
//! `Tuğg.`) or an initial; at a blank line; at a line break before a line
//! that does not continue in lower case (headings); and, so that no
//! sentence grows without bound, after [`MAX_SENTENCE_BYTES`].

use std::ops::Range;

/// Longer runs are cut at the next white space (or anywhere): a text with
/// no full stops must still be read in linear time.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

/// Words that end with a full stop without ending a sentence (folded,
/// without the stop).
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "adm", "brig", "cmdr",
    "sgt", "st", "no", "nos", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "approx", "tugg", "tumg", "korg", "org", "alb", "yb", "bnb",
    "utgm", "tgm", "asb", "kur", "dz", "hv", "sn", "doc", "vb", "bkz", "yrd", "cav", "mah",
];

/// The sentences of `text`, trimmed, in order; blank ones are left out.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let cut = match c {
            '.' | '!' | '?' | '…' => {
                let after = skip_closers(text, end);
                ends_sentence(text, start, i, c, after).then_some(after)
            }
            '\n' => line_break_ends(text, start, end).then_some(end),
            _ if end - start >= MAX_SENTENCE_BYTES
                && (c.is_whitespace() || end - start >= 2 * MAX_SENTENCE_BYTES) =>
            {
                Some(end)
            }
            _ => None,
        };
        if let Some(cut) = cut {
            push(&mut sentences, text, start..cut);
            start = cut;
            while chars.peek().is_some_and(|&(j, _)| j < cut) {
                chars.next();
            }
        }
    }
    if start < bytes.len() {
        push(&mut sentences, text, start..bytes.len());
    }
    sentences
}

fn push(sentences: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let slice = &text[range.clone()];
    let trimmed_start = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        let begin = range.start + trimmed_start;
        sentences.push(begin..begin + trimmed.len());
    }
}

/// The index just after any closing quotes or brackets at `at`.
fn skip_closers(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let closers = rest
        .char_indices()
        .take_while(|&(_, c)| matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']'))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    at + closers
}

fn ends_sentence(text: &str, start: usize, stop: usize, mark: char, after: usize) -> bool {
    let rest = &text[after..];
    let next = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    if next.len() == rest.len() && !next.starts_with(['\n', '\r']) && !next.is_empty() {
        // No space after the mark: `2.013`, `U.S.`, `e.g.`
        return false;
    }
    let Some(first) = next.chars().next() else {
        return true;
    };
    if first == '\n' || first == '\r' {
        return true;
    }
    let starts_new = first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(
            first,
            '"' | '“' | '‘' | '\'' | '«' | '(' | '-' | '–' | '—' | '•'
        );
    if !starts_new {
        return false;
    }
    if mark != '.' {
        return true;
    }
    let word = text[start..stop]
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    !(single_letter || ABBREVIATIONS.contains(&crate::text::fold(word).as_str()))
}

/// A line break ends a sentence at a blank line, or when the next line
/// does not continue in lower case (a heading, a new paragraph).
fn line_break_ends(text: &str, start: usize, end: usize) -> bool {
    let rest = text[end..].trim_start_matches([' ', '\t', '\r', '\u{a0}']);
    if rest.starts_with('\n') || rest.is_empty() {
        return true;
    }
    if text[start..end].trim().is_empty() {
        return false;
    }
    !rest.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn full_stops_end_sentences_but_not_abbreviations_or_numbers() {
        assert_eq!(
            sentences(
                "Rear Adm. Zeki Akturk spoke. Since Jan. 1, 2.013 were neutralised. U.S. forces left! Next?"
            ),
            [
                "Rear Adm. Zeki Akturk spoke.",
                "Since Jan. 1, 2.013 were neutralised.",
                "U.S. forces left!",
                "Next?"
            ]
        );
    }

    #[test]
    fn a_quote_that_ends_mid_sentence_does_not_split_it() {
        assert_eq!(
            sentences("Aktürk, \"Sayı 827'ye ulaştı.\" dedi. Son bir haftada 25."),
            [
                "Aktürk, \"Sayı 827'ye ulaştı.\" dedi.",
                "Son bir haftada 25."
            ]
        );
        assert_eq!(
            sentences("He said: “We are ready.” The rest followed."),
            ["He said: “We are ready.”", "The rest followed."]
        );
    }

    #[test]
    fn headings_and_blank_lines_end_sentences_but_wrapped_lines_do_not() {
        assert_eq!(
            sentences(
                "Counter-terrorism operations\nAkturk said 54 were\nneutralised.\n\nNext para"
            ),
            [
                "Counter-terrorism operations",
                "Akturk said 54 were\nneutralised.",
                "Next para"
            ]
        );
    }

    #[test]
    fn a_text_without_stops_is_cut_into_bounded_pieces() {
        let text = "word ".repeat(10_000);
        let pieces = split(&text);
        assert!(pieces.len() > 5);
        assert!(pieces.iter().all(|r| r.len() <= 2 * MAX_SENTENCE_BYTES));
        let no_spaces = "x".repeat(3 * MAX_SENTENCE_BYTES);
        assert!(
            split(&no_spaces)
                .iter()
                .all(|r| r.len() <= 2 * MAX_SENTENCE_BYTES)
        );
    }

    #[test]
    fn empty_and_blank_texts_have_no_sentences() {
        assert!(split("").is_empty());
        assert!(split(" \n\n\t ").is_empty());
    }
}
