//! Which regions a series or a problem is about. Its own module because
//! series, problems and the region check all name it; kept here, the
//! modules of `analysis` depend on each other one way only.

use std::collections::BTreeSet;

use crate::text::{ALL_REGIONS, regions_label};

/// Which regions a series covers.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RegionScope {
    /// The whole metric: figures not broken down by region, or covering
    /// every region the metric is reported for.
    All,
    /// Exactly these regions together.
    Only(BTreeSet<String>),
}

impl RegionScope {
    pub fn region(name: &str) -> Self {
        Self::Only(BTreeSet::from([name.to_owned()]))
    }

    /// `all regions`, or the regions as [`regions_label`] writes them.
    pub fn label(&self) -> String {
        match self {
            Self::All => ALL_REGIONS.to_owned(),
            Self::Only(regions) => regions_label(regions),
        }
    }
}
