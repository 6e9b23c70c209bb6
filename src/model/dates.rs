//! Serde for calendar dates as `YYYY-MM-DD` with an error that says what was
//! wrong ("2024-02-30 is not a calendar date"), not chrono's bare
//! "input is out of range".

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serializer};

const FORMAT: &str = "%Y-%m-%d";

/// Parses `YYYY-MM-DD`, explaining what is wrong when it is not a date.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, FORMAT).map_err(|err| {
        let shape_ok = text.len() == 10
            && text.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if shape_ok && err.kind() == chrono::format::ParseErrorKind::OutOfRange {
            format!("{text} is not a calendar date (no such month or day)")
        } else {
            format!("expected a date as YYYY-MM-DD, found {text:?}")
        }
    })
}

pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&date.format(FORMAT))
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
    parse_date(&text).map_err(serde::de::Error::custom)
}

/// The same for `Option<NaiveDate>` (written `Some("2024-04-25")` / `None`).
pub mod optional {
    use super::*;

    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.serialize_some(&date.format(FORMAT).to_string()),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        let text = Option::<std::borrow::Cow<str>>::deserialize(deserializer)?;
        text.map(|t| parse_date(&t).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_and_malformed_dates_are_explained() {
        assert_eq!(
            parse_date("2024-02-30").unwrap_err(),
            "2024-02-30 is not a calendar date (no such month or day)"
        );
        assert_eq!(
            parse_date("25/04/2024").unwrap_err(),
            "expected a date as YYYY-MM-DD, found \"25/04/2024\""
        );
        assert_eq!(
            parse_date(" 2024-02-29 ").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
    }
}
