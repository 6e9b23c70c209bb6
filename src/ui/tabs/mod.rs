//! The dashboard's tabs: one enum walked by both the tab bar and the body,
//! and one file (or folder) per tab.

pub mod events;
pub mod instruments;
pub mod overview;
pub mod reference;
pub mod sources;
pub mod statistics;

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
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Overview,
        Tab::Instruments,
        Tab::Events,
        Tab::Statistics,
        Tab::Sources,
        Tab::Reference,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Instruments => "Instruments",
            Tab::Events => "Events",
            Tab::Statistics => "Statistics",
            Tab::Sources => "Sources",
            Tab::Reference => "Parties & metrics",
        }
    }

    /// Ctrl+1 … Ctrl+6.
    pub fn key(self) -> egui::Key {
        match self {
            Tab::Overview => egui::Key::Num1,
            Tab::Instruments => egui::Key::Num2,
            Tab::Events => egui::Key::Num3,
            Tab::Statistics => egui::Key::Num4,
            Tab::Sources => egui::Key::Num5,
            Tab::Reference => egui::Key::Num6,
        }
    }
}
