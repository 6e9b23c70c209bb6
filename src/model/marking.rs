//! Handling markings: the label shown in the banner and on every export.

use serde::{Deserialize, Serialize};

/// Classification levels, in increasing order of sensitivity, so that the
/// highest marking of a set of records is simply their maximum.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Classification {
    #[default]
    Unclassified,
    Restricted,
    Confidential,
    Secret,
    TopSecret,
}

impl Classification {
    pub const ALL: [Self; 5] = [
        Self::Unclassified,
        Self::Restricted,
        Self::Confidential,
        Self::Secret,
        Self::TopSecret,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Unclassified => "UNCLASSIFIED",
            Self::Restricted => "RESTRICTED",
            Self::Confidential => "CONFIDENTIAL",
            Self::Secret => "SECRET",
            Self::TopSecret => "TOP SECRET",
        }
    }

    /// The banner's fill and text colours (RGB), the same on screen and in
    /// every export.
    pub fn banner_colors(self) -> ([u8; 3], [u8; 3]) {
        const WHITE: [u8; 3] = [255, 255, 255];
        match self {
            Self::Unclassified => ([0, 122, 51], WHITE),
            Self::Restricted => ([146, 76, 0], WHITE),
            Self::Confidential => ([0, 51, 160], WHITE),
            Self::Secret => ([200, 16, 46], WHITE),
            Self::TopSecret => ([255, 140, 0], [0, 0, 0]),
        }
    }
}

/// A classification plus caveats such as `SYNTHETIC` or `REL TUR`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marking {
    pub classification: Classification,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<String>,
}

impl Marking {
    pub fn new(classification: Classification) -> Self {
        Self {
            classification,
            caveats: Vec::new(),
        }
    }

    /// The marking that covers both: the higher classification and every
    /// caveat of either (caveats restrict further, so none may be dropped).
    pub fn combine(&self, other: &Marking) -> Marking {
        let mut caveats = self.caveats.clone();
        for caveat in &other.caveats {
            if !caveats.contains(caveat) {
                caveats.push(caveat.clone());
            }
        }
        Marking {
            classification: self.classification.max(other.classification),
            caveats,
        }
    }
}

impl std::fmt::Display for Marking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.classification.label())?;
        for caveat in &self.caveats {
            write!(f, " // {caveat}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Marking {
    type Err = String;

    /// Reads what `Display` writes: `RESTRICTED // REL TUR`, ignoring case
    /// and spacing around the separators.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts = text.split("//").map(str::trim);
        let level = parts.next().unwrap_or_default();
        let wanted = level
            .to_uppercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let classification = Classification::ALL
            .into_iter()
            .find(|c| c.label() == wanted)
            .ok_or_else(|| {
                let labels: Vec<&str> = Classification::ALL.iter().map(|c| c.label()).collect();
                format!(
                    "{level:?} is not a classification ({}), optionally followed by \"// CAVEAT\"",
                    labels.join(", ")
                )
            })?;
        let caveats: Vec<String> = parts.map(str::to_owned).collect();
        if caveats.iter().any(String::is_empty) {
            return Err(format!("{text:?} has an empty caveat between \"//\""));
        }
        Ok(Self {
            classification,
            caveats,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marking_reads_back_what_it_prints() {
        for text in ["UNCLASSIFIED", "TOP SECRET // REL TUR // SYNTHETIC"] {
            let marking: Marking = text.parse().unwrap();
            assert_eq!(marking.to_string(), text);
        }
        let marking: Marking = " restricted//rel tur ".parse().unwrap();
        assert_eq!(marking.classification, Classification::Restricted);
        assert_eq!(marking.caveats, ["rel tur"]);
        assert!(
            "SECRETIVE"
                .parse::<Marking>()
                .unwrap_err()
                .contains("\"SECRETIVE\" is not a classification")
        );
        assert!("SECRET // ".parse::<Marking>().is_err());
    }

    #[test]
    fn combine_takes_the_higher_level_and_all_caveats() {
        let a = Marking {
            classification: Classification::Restricted,
            caveats: vec!["REL TUR".into()],
        };
        let b = Marking {
            classification: Classification::Unclassified,
            caveats: vec!["SYNTHETIC".into(), "REL TUR".into()],
        };
        let combined = a.combine(&b);
        assert_eq!(combined.to_string(), "RESTRICTED // REL TUR // SYNTHETIC");
    }
}
