//! The dashboard's tabs: one enum walked by both the tab bar and the body,
//! and one file (or folder) per tab.

pub mod events;
pub mod instruments;
pub mod overview;
pub mod reference;
pub mod sources;
pub mod statistics;
pub mod timeline;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::Workspace;
use crate::ui::Command;
use crate::ui::derived::Derived;

/// What a tab draws from, plus where it sends commands.
pub struct TabContext<'a> {
    pub ws: &'a Arc<Workspace>,
    pub derived: &'a Derived,
    /// Changes whenever the workspace does: keys the tabs' row caches.
    pub key: (u64, u64),
    pub commands: &'a mut Vec<Command>,
    /// The date taken as today: what is overdue.
    pub today: chrono::NaiveDate,
    /// The login of the user, whose last review the Overview counts from.
    pub reviewer: &'a str,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tab {
    #[default]
    Overview,
    Instruments,
    Events,
    Statistics,
    Sources,
    Reference,
    Timeline,
}

impl Tab {
    pub const ALL: [Tab; 7] = [
        Tab::Overview,
        Tab::Instruments,
        Tab::Events,
        Tab::Statistics,
        Tab::Sources,
        Tab::Reference,
        Tab::Timeline,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Instruments => "Instruments",
            Tab::Events => "Events",
            Tab::Statistics => "Statistics",
            Tab::Sources => "Sources",
            Tab::Reference => "Parties & metrics",
            Tab::Timeline => "Timeline",
        }
    }

    /// Ctrl+1 … Ctrl+7.
    pub fn key(self) -> egui::Key {
        match self {
            Tab::Overview => egui::Key::Num1,
            Tab::Instruments => egui::Key::Num2,
            Tab::Events => egui::Key::Num3,
            Tab::Statistics => egui::Key::Num4,
            Tab::Sources => egui::Key::Num5,
            Tab::Reference => egui::Key::Num6,
            Tab::Timeline => egui::Key::Num7,
        }
    }
}
