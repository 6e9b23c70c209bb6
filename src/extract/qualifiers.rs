//! How exact a number is said to be: "over", "more than", "at least",
//! "exceeded", "-den fazla", "en az", "üzerinde", "aştı" → at least;
//! "about", "around", "nearly", "approximately", "some", "yaklaşık",
//! "civarında" → approximate.

use super::numbers::Num;
use super::tokens::{Kind, Token};
use crate::model::Qualifier;

/// Phrases just before the number (folded words, the last one nearest it).
const BEFORE: &[(&[&str], Qualifier)] = &[
    (&["more", "than"], Qualifier::AtLeast),
    (&["at", "least"], Qualifier::AtLeast),
    (&["in", "excess", "of"], Qualifier::AtLeast),
    (&["upwards", "of"], Qualifier::AtLeast),
    (&["over"], Qualifier::AtLeast),
    (&["exceeded"], Qualifier::AtLeast),
    (&["exceeding"], Qualifier::AtLeast),
    (&["surpassed"], Qualifier::AtLeast),
    (&["en", "az"], Qualifier::AtLeast),
    (&["close", "to"], Qualifier::Approximate),
    (&["about"], Qualifier::Approximate),
    (&["around"], Qualifier::Approximate),
    (&["nearly"], Qualifier::Approximate),
    (&["almost"], Qualifier::Approximate),
    (&["approximately"], Qualifier::Approximate),
    (&["roughly"], Qualifier::Approximate),
    (&["some"], Qualifier::Approximate),
    (&["an", "estimated"], Qualifier::Approximate),
    (&["yaklasik"], Qualifier::Approximate),
    (&["tahminen"], Qualifier::Approximate),
];

/// The qualifier the words around `num` give it.
pub fn qualifier(tokens: &[Token], num: &Num) -> Qualifier {
    let before: Vec<&str> = tokens[..num.tokens.start]
        .iter()
        .rev()
        .take_while(|t| t.kind == Kind::Word)
        .take(3)
        .map(|t| t.fold.as_str())
        .collect();
    for (words, q) in BEFORE {
        if before.len() >= words.len() && words.iter().rev().zip(&before).all(|(w, b)| w == b) {
            return *q;
        }
    }
    // Turkish, after: 1.900'den fazla, 9 binden fazla, 1.000'in üzerinde,
    // 500'ü aştı, 300 civarında.
    let mut after = tokens[num.tokens.end..]
        .iter()
        .filter(|t| t.kind == Kind::Word)
        .peekable();
    let ablative = match after.peek() {
        Some(t) if t.suffix => {
            let ends = matches!(t.fold.as_str(), "den" | "dan" | "ten" | "tan");
            after.next();
            ends
        }
        _ => tokens[num.tokens.end - 1].fold.ends_with("den"),
    };
    match after.next().map(|t| t.fold.as_str()) {
        Some("fazla") if ablative => Qualifier::AtLeast,
        Some("uzerinde" | "asti" | "askin" | "asmistir") => Qualifier::AtLeast,
        Some("civarinda" | "kadar") => Qualifier::Approximate,
        _ => Qualifier::Exact,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Lang;
    use super::super::numbers::find;
    use super::super::tokens::tokenize;
    use super::*;

    fn qualifiers(text: &str, lang: Lang) -> Vec<Qualifier> {
        let tokens = tokenize(text, 0..text.len());
        let consumed = vec![false; tokens.len()];
        find(&tokens, lang, &consumed)
            .iter()
            .map(|n| qualifier(&tokens, n))
            .collect()
    }

    #[test]
    fn english_qualifiers_come_before_the_number() {
        use Qualifier::*;
        assert_eq!(
            qualifiers(
                "more than 96,000, over 2,000, at least 5, has exceeded 1,900, about 260, nearly 2,800, approximately 7, the 12",
                Lang::En
            ),
            [
                AtLeast,
                AtLeast,
                AtLeast,
                AtLeast,
                Approximate,
                Approximate,
                Approximate,
                Exact
            ]
        );
    }

    #[test]
    fn turkish_qualifiers_come_after_it_or_before_it() {
        use Qualifier::*;
        assert_eq!(
            qualifiers(
                "1.900'den fazla, 9 binden fazla, yaklaşık 260 kişi, 1.000'in üzerinde, 300 civarında, 827'ye ulaştı",
                Lang::Tr
            ),
            [AtLeast, AtLeast, Approximate, AtLeast, Approximate, Exact]
        );
    }
}
