//! The dashboard's tabs: one enum walked by both the tab bar and the body.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tab {
    #[default]
    Overview,
    Instruments,
    Events,
    Statistics,
    Sources,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Overview,
        Tab::Instruments,
        Tab::Events,
        Tab::Statistics,
        Tab::Sources,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Instruments => "Instruments",
            Tab::Events => "Events",
            Tab::Statistics => "Statistics",
            Tab::Sources => "Sources",
        }
    }

    /// Ctrl+1 … Ctrl+5.
    pub fn key(self) -> egui::Key {
        match self {
            Tab::Overview => egui::Key::Num1,
            Tab::Instruments => egui::Key::Num2,
            Tab::Events => egui::Key::Num3,
            Tab::Statistics => egui::Key::Num4,
            Tab::Sources => egui::Key::Num5,
        }
    }
}
