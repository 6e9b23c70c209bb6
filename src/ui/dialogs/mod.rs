//! Dialogs: each is its own type whose `show` returns what the user chose;
//! the app turns that into commands.

pub mod find;
pub mod import_preview;
pub mod palette;
pub mod recovery;
