//! Serde for calendar dates as `YYYY-MM-DD` with an error that says what was
//! wrong ("2024-02-30 is not a calendar date"), not chrono's bare
//! "input is out of range".

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serializer};

const FORMAT: &str = "%Y-%m-%d";

/// Parses `YYYY-MM-DD`, explaining what is wrong when it is not a date.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    // The common case without chrono's format interpreter: a file holds
    // millions of dates.
    if let Some(date) = plain_date(text) {
        return Ok(date);
    }
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

/// `YYYY-MM-DD` with every digit in place and the day in the calendar.
fn plain_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(5..7)?,
        number(8..10)?,
    )
}

/// `YYYY-MM-DD`, as chrono's `%Y-%m-%d` prints it.
fn format_date(date: &NaiveDate) -> String {
    use chrono::Datelike;
    if (0..=9999).contains(&date.year()) {
        format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
    } else {
        date.format(FORMAT).to_string()
    }
}

pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format_date(date))
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
            Some(date) => serializer.serialize_some(&format_date(date)),
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
    fn dates_print_and_read_as_chrono_does() {
        for (y, m, d) in [
            (2024, 2, 29),
            (1, 1, 1),
            (9999, 12, 31),
            (-5, 3, 4),
            (12345, 6, 7),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(format_date(&date), date.format(FORMAT).to_string());
            assert_eq!(parse_date(&format_date(&date)), Ok(date));
        }
        assert_eq!(plain_date("2024-13-01"), None);
        assert_eq!(plain_date("2024-1-011"), None);
        assert_eq!(plain_date("+024-01-01"), None);
    }

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
