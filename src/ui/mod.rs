//! The egui dashboard. The app struct routes; each tab and dialog is its
//! own small type with a `ui` method; every user action is a [`Command`].

mod app;
mod background;
mod command;
mod derived;
mod dialogs;
mod forms;
mod tabs;
mod widgets;

pub use app::{App, FileAction, GuardedAction};
pub use command::{Change, Command, ExportStep, Passphrase};
pub use tabs::Tab;

use std::path::PathBuf;

/// Opens the dashboard window on `file`, or on the embedded sample.
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("coopdesk")
            .with_app_id("coopdesk")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([720.0, 480.0]),
        ..Default::default()
    };
    eframe::run_native(
        "coopdesk",
        options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, file)))),
    )
}
