//! coopdesk: an offline dashboard for tracking bilateral security cooperation.
//!
//! The layers, from the bottom: [`model`] (the domain and its `Edit`s),
//! [`store`] (the file format), [`analysis`] (derived series and problems),
//! [`document`] (the open workspace with undo history), and at the top
//! [`ui`] (egui) and [`cli`] (the headless commands of the binary).
//! ARCHITECTURE.md says what each may depend on.

pub mod analysis;
pub mod cli;
pub mod compare;
pub mod document;
pub mod export;
pub mod extract;
pub mod generate;
pub mod model;
pub mod store;
pub mod text;
pub mod ui;
