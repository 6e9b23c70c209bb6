//! Words, digit runs and punctuation of one sentence, each with its byte
//! span in the whole text and its folded form (`Türkiye` → `turkiye`), so
//! that every rule compares folded words and every proposal can still point
//! at the original characters.
//!
//! Letters and digits are separate tokens (`T129` → `t`, `129`). A Turkish
//! ending after an apostrophe is a token of its own marked `suffix`
//! (`Ocak'tan` → `ocak`, `tan`; `827'ye` → `827`, `ye`).

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Digits,
    Punct,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub kind: Kind,
    pub span: Range<usize>,
    /// Folded word, the digits, or the punctuation character.
    pub fold: String,
    /// A Turkish ending glued to the previous token by an apostrophe.
    pub suffix: bool,
    /// White space stands between this token and the previous one.
    pub space_before: bool,
}

impl Token {
    pub fn is_word(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.fold == word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.fold.starts_with(c) && self.fold.len() == c.len_utf8()
    }

    pub fn starts_with(&self, prefix: &str) -> bool {
        self.kind == Kind::Word && self.fold.starts_with(prefix)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic() || ('\u{0300}'..='\u{036f}').contains(&c)
}

/// The tokens of `text[range]`.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let slice = &text[range.clone()];
    let mut tokens: Vec<Token> = Vec::new();
    let mut chars = slice.char_indices().peekable();
    let mut space_before = false;
    let mut after_apostrophe = false;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            space_before = true;
            after_apostrophe = false;
            continue;
        }
        let (kind, end) = if is_letter(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek().filter(|&&(_, d)| is_letter(d)) {
                end = j + d.len_utf8();
                chars.next();
            }
            (Kind::Word, end)
        } else if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, _)) = chars.peek().filter(|&&(_, d)| d.is_ascii_digit()) {
                end = j + 1;
                chars.next();
            }
            (Kind::Digits, end)
        } else if is_apostrophe(c)
            && !space_before
            && tokens.last().is_some_and(|t| t.kind != Kind::Punct)
            && chars.peek().is_some_and(|&(_, d)| is_letter(d))
        {
            after_apostrophe = true;
            continue;
        } else {
            (Kind::Punct, i + c.len_utf8())
        };
        let raw = &slice[i..end];
        let fold = match kind {
            Kind::Word if raw.is_ascii() => raw.to_ascii_lowercase(),
            Kind::Word => crate::text::fold(raw),
            _ => raw.to_owned(),
        };
        tokens.push(Token {
            kind,
            span: range.start + i..range.start + end,
            fold,
            suffix: after_apostrophe && kind == Kind::Word,
            space_before,
        });
        space_before = false;
        after_apostrophe = false;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folds(text: &str) -> Vec<String> {
        tokenize(text, 0..text.len())
            .into_iter()
            .map(|t| {
                if t.suffix {
                    format!("~{}", t.fold)
                } else {
                    t.fold
                }
            })
            .collect()
    }

    #[test]
    fn words_digits_and_punctuation_are_separate_and_folded() {
        assert_eq!(
            folds("Türkiye “neutralised” 1,427 PKK/YPG T129"),
            [
                "turkiye",
                "“",
                "neutralised",
                "”",
                "1",
                ",",
                "427",
                "pkk",
                "/",
                "ypg",
                "t",
                "129"
            ]
        );
    }

    #[test]
    fn turkish_endings_after_an_apostrophe_are_marked() {
        assert_eq!(
            folds("1 Ocak'tan bu yana 827'ye, Irak’ın kuzeyinde 'quoted'"),
            [
                "1",
                "ocak",
                "~tan",
                "bu",
                "yana",
                "827",
                "~ye",
                ",",
                "irak",
                "~in",
                "kuzeyinde",
                "'",
                "quoted",
                "'"
            ]
        );
    }

    #[test]
    fn spans_point_into_the_whole_text() {
        let text = "xx Şırnak'ta 5";
        let tokens = tokenize(text, 3..text.len());
        assert_eq!(&text[tokens[0].span.clone()], "Şırnak");
        assert_eq!(&text[tokens[2].span.clone()], "5");
        assert!(tokens[2].space_before && !tokens[1].space_before);
    }

    #[test]
    fn right_to_left_text_and_emoji_are_tokens_too() {
        assert_eq!(folds("١٢ مقاتل 😀 12"), ["١", "٢", "مقاتل", "😀", "12"]);
    }
}
