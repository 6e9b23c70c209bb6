//! The workspace file format: RON with `format_version` first.
//!
//! Loading is strict (unknown fields, newer versions and invalid UTF-8 are
//! errors) because an older coopdesk that half-read a newer file would lose
//! data when it saved. Every error names the file, the line:column and what
//! was expected. Saving is atomic: a temporary file in the same folder,
//! fsynced, renamed over the target.

mod csv_import;
mod error;
mod format;
mod lock;
mod migrate;
mod records;
mod recovery;
mod write;

pub use csv_import::{
    COLUMNS, CsvError, FiguresCsv, ImportPlan, RejectedRow, plan_import, write_observations_csv,
};
pub use error::{LoadError, SaveError};
pub use format::{CURRENT_FORMAT_VERSION, MAX_FILE_BYTES, parse, to_ron_string};
pub use lock::{LockError, WorkspaceLock, lock, lock_path};
pub use records::{Progress, Quiet};
pub use recovery::{Recovered, read_recovery, recovery_path, remove_recovery, write_recovery};
pub use write::{remove_stray_temp_files, write_atomically};

/// Temporary files younger than this may belong to a save still running.
pub const STRAY_TEMP_MIN_AGE: std::time::Duration = std::time::Duration::from_secs(600);

use std::path::Path;

use crate::model::Workspace;

/// Reads a workspace file, first clearing what interrupted saves left in
/// its folder: the way files are opened in the app and by the CLI.
pub fn open(path: &Path) -> Result<Workspace, LoadError> {
    open_with(path, &Quiet)
}

/// [`open`], reporting progress and stopping when asked.
pub fn open_with(path: &Path, progress: &dyn Progress) -> Result<Workspace, LoadError> {
    if let Some(folder) = path.parent() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        remove_stray_temp_files(folder, STRAY_TEMP_MIN_AGE);
    }
    load_with(path, progress)
}

/// Reads and parses a workspace file.
pub fn load(path: &Path) -> Result<Workspace, LoadError> {
    load_with(path, &Quiet)
}

/// [`load`], reporting progress and stopping when asked.
pub fn load_with(path: &Path, progress: &dyn Progress) -> Result<Workspace, LoadError> {
    let metadata = std::fs::metadata(path).map_err(|error| LoadError::Io {
        path: path.to_owned(),
        error,
    })?;
    if metadata.is_dir() {
        return Err(LoadError::NotAFile {
            path: path.to_owned(),
        });
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            bytes: metadata.len(),
        });
    }
    let bytes = std::fs::read(path).map_err(|error| LoadError::Io {
        path: path.to_owned(),
        error,
    })?;
    if progress.cancelled() {
        return Err(LoadError::Cancelled {
            path: path.to_owned(),
        });
    }
    format::parse_with(&bytes, progress).map_err(|error| match error {
        format::ParseOutcome::Cancelled => LoadError::Cancelled {
            path: path.to_owned(),
        },
        format::ParseOutcome::Failed(error) => error.in_file(path),
    })
}

/// Writes a workspace file atomically.
pub fn save(workspace: &Workspace, path: &Path) -> Result<(), SaveError> {
    let text = to_ron_string(workspace).map_err(|error| SaveError::Serialize {
        path: path.to_owned(),
        error,
    })?;
    let io_error = |error| SaveError::Io {
        path: path.to_owned(),
        error,
    };
    keep_backup(path).map_err(io_error)?;
    write_atomically(path, text.as_bytes()).map_err(io_error)
}

/// Where the previous version of `path` is kept: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Keeps the file about to be replaced as `NAME.ron.bak`. A hard link costs
/// nothing and survives the rename that replaces the file; where links are
/// not possible the file is copied. The backup itself appears atomically.
fn keep_backup(path: &Path) -> std::io::Result<()> {
    if !path.is_file() {
        return Ok(());
    }
    let backup = backup_path(path);
    let mut staging = backup.clone().into_os_string();
    staging.push(".tmp");
    let staging = std::path::PathBuf::from(staging);
    // A leftover from an interrupted save would block the link.
    let _ = std::fs::remove_file(&staging);
    if std::fs::hard_link(path, &staging).is_err() {
        std::fs::copy(path, &staging)?;
    }
    std::fs::rename(&staging, &backup)
}

/// The sample workspace shipped inside the binary.
pub const SAMPLE_RON: &str = include_str!("../../assets/sample.ron");

/// Parses the embedded sample workspace.
pub fn sample() -> Result<Workspace, LoadError> {
    parse(SAMPLE_RON.as_bytes()).map_err(|error| error.in_file(Path::new("assets/sample.ron")))
}
