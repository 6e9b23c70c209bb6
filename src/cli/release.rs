//! `--release-level LEVEL` on every export command: the export is made from
//! what may be released at LEVEL ([`crate::model::for_release`]), so series,
//! charts and the brief are computed without the withheld records.

use crate::model::{Marking, Workspace, for_release};

use super::Error;

#[derive(clap::Args, Clone, Debug, Default)]
pub struct ReleaseArgs {
    /// Leave out every record marked above this level or with a caveat it
    /// does not carry, e.g. UNCLASSIFIED or "RESTRICTED // REL TUR"; the
    /// output says how many records were withheld and carries the marking
    /// of what it includes.
    #[arg(long, value_name = "LEVEL", value_parser = parse_level)]
    pub release_level: Option<Marking>,
}

/// The workspace an export is made from, and the line it carries when
/// records were considered for release ("Released at …: N records
/// withheld").
pub struct Exported {
    pub workspace: Workspace,
    pub notice: Option<String>,
}

impl ReleaseArgs {
    pub fn apply(&self, workspace: Workspace) -> Result<Exported, Error> {
        let Some(level) = &self.release_level else {
            return Ok(Exported {
                workspace,
                notice: None,
            });
        };
        let release = for_release(&workspace, level)?;
        Ok(Exported {
            notice: Some(release.notice()),
            workspace: release.workspace,
        })
    }
}

fn parse_level(text: &str) -> Result<Marking, String> {
    text.parse()
}

impl Exported {
    /// Says on standard error how many records were withheld (standard
    /// output may be the CSV itself).
    pub fn print_notice(&self) {
        if let Some(notice) = &self.notice {
            eprintln!("coopdesk: {notice}");
        }
    }
}
