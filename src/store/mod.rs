//! The workspace file format: RON with `format_version` first.
//!
//! Loading is strict (unknown fields, newer versions and invalid UTF-8 are
//! errors) because an older coopdesk that half-read a newer file would lose
//! data when it saved. Every error names the file, the line:column and what
//! was expected. Saving is atomic: a temporary file in the same folder,
//! fsynced, renamed over the target. An encrypted workspace (`crypt`) is
//! the same text inside an age file; given its [`Key`], every function here
//! reads and writes it encrypted (the file, its backup, the recovery copy
//! and the temporary files), so no plaintext of it reaches the disk.

mod crypt;
mod csv_import;
mod error;
mod format;
mod lock;
mod migrate;
mod records;
mod recovery;
mod write;

pub use crypt::{DecryptError, Key, WORK_FACTORS, file_is_encrypted, is_encrypted};
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
    open_keyed(path, None, progress)
}

/// [`open_with`], decrypting an encrypted file with `key`.
pub fn open_keyed(
    path: &Path,
    key: Option<&Key>,
    progress: &dyn Progress,
) -> Result<Workspace, LoadError> {
    if let Some(folder) = path.parent() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        remove_stray_temp_files(folder, STRAY_TEMP_MIN_AGE);
    }
    load_keyed(path, key, progress)
}

/// Reads and parses a workspace file.
pub fn load(path: &Path) -> Result<Workspace, LoadError> {
    load_with(path, &Quiet)
}

/// [`load`], reporting progress and stopping when asked.
pub fn load_with(path: &Path, progress: &dyn Progress) -> Result<Workspace, LoadError> {
    load_keyed(path, None, progress)
}

/// [`load_with`], decrypting an encrypted file with `key`. Without a key an
/// encrypted file is [`LoadError::Locked`]; a key that does not open it is
/// [`LoadError::is_wrong_passphrase`].
pub fn load_keyed(
    path: &Path,
    key: Option<&Key>,
    progress: &dyn Progress,
) -> Result<Workspace, LoadError> {
    let bytes = read_decrypted(path, key)?;
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

/// The bytes of a workspace file, decrypted when it is encrypted (and then
/// wiped when dropped).
pub fn read_decrypted(
    path: &Path,
    key: Option<&Key>,
) -> Result<zeroize::Zeroizing<Vec<u8>>, LoadError> {
    let bytes = read_limited(path)?;
    if !is_encrypted(&bytes) {
        return Ok(zeroize::Zeroizing::new(bytes));
    }
    let key = key.ok_or_else(|| LoadError::Locked {
        path: path.to_owned(),
    })?;
    key.decrypt(&bytes).map_err(|error| LoadError::Decrypt {
        path: path.to_owned(),
        error,
    })
}

/// A file's bytes, refusing folders and files too large to be workspaces.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
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
    std::fs::read(path).map_err(|error| LoadError::Io {
        path: path.to_owned(),
        error,
    })
}

/// Writes a workspace file atomically.
pub fn save(workspace: &Workspace, path: &Path) -> Result<(), SaveError> {
    save_keyed(workspace, path, None)
}

/// [`save`], encrypted with `key` when given (the backup too).
pub fn save_keyed(workspace: &Workspace, path: &Path, key: Option<&Key>) -> Result<(), SaveError> {
    let bytes = workspace_bytes(workspace, key).map_err(|error| match error {
        Printed::Serialize(error) => SaveError::Serialize {
            path: path.to_owned(),
            error,
        },
        Printed::Encrypt(error) => SaveError::Io {
            path: path.to_owned(),
            error,
        },
    })?;
    let io_error = |error| SaveError::Io {
        path: path.to_owned(),
        error,
    };
    keep_backup(path, key).map_err(io_error)?;
    write_atomically(path, &bytes).map_err(io_error)
}

/// Why a workspace could not be turned into the bytes of its file.
pub enum Printed {
    Serialize(ron::Error),
    Encrypt(std::io::Error),
}

/// The bytes of a workspace file: its RON text, encrypted with `key` when
/// given (the plaintext is then wiped).
pub fn workspace_bytes(workspace: &Workspace, key: Option<&Key>) -> Result<Vec<u8>, Printed> {
    let text = to_ron_string(workspace).map_err(Printed::Serialize)?;
    match key {
        None => Ok(text.into_bytes()),
        Some(key) => {
            let text = zeroize::Zeroizing::new(text);
            key.encrypt(text.as_bytes()).map_err(Printed::Encrypt)
        }
    }
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
/// Saving encrypted over a plain file (just after Encrypt) keeps the old
/// content as an encrypted backup, so no plaintext backup is left.
fn keep_backup(path: &Path, key: Option<&Key>) -> std::io::Result<()> {
    if !path.is_file() {
        return Ok(());
    }
    let backup = backup_path(path);
    if let Some(key) = key.filter(|_| !file_is_encrypted(path)) {
        let plain = zeroize::Zeroizing::new(std::fs::read(path)?);
        return write_atomically(&backup, &key.encrypt(&plain)?);
    }
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
