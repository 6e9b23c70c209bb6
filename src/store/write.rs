//! Atomic file replacement: the target is either the old or the new version,
//! never a mix, even if the process dies mid-save.

use std::io::Write;
use std::path::Path;

/// The prefix of the temporary files saves write (and may leave behind when
/// killed).
const TEMP_PREFIX: &str = ".coopdesk-save-";

/// Removes temporary files that an interrupted save left in `folder` and
/// that are older than `min_age` (younger ones may belong to a save still
/// running in another coopdesk). Returns what was removed.
pub fn remove_stray_temp_files(
    folder: &Path,
    min_age: std::time::Duration,
) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let now = std::time::SystemTime::now();
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = (name.starts_with(TEMP_PREFIX) && name.ends_with(".tmp"))
            || name.ends_with(".ron.bak.tmp");
        let old_enough = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age >= min_age);
        if ours
            && old_enough
            && entry.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed.push(entry.path());
        }
    }
    removed
}

/// Writes `bytes` to a temporary file beside `path`, fsyncs it, renames it
/// over `path`, then fsyncs the folder so the rename itself is durable.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "a folder is in the way of the file",
        ));
    }
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(folder)?;
    // The temporary file is private (0600); the saved file keeps the
    // permissions of the file it replaces, or gets the usual ones if new.
    if let Some(permissions) = permissions_for(path) {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| err.error)?;
    sync_folder(folder)
}

/// The permissions the saved file should have: those of the file it
/// replaces, or for a new file the usual read-write-by-owner, readable-by-all
/// (where the system has modes).
fn permissions_for(path: &Path) -> Option<std::fs::Permissions> {
    match std::fs::metadata(path) {
        Ok(existing) => Some(existing.permissions()),
        Err(_) => new_file_permissions(),
    }
}

#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> std::io::Result<()> {
    // Windows offers no folder handle to fsync; the rename is already durable
    // enough there for our purposes.
    Ok(())
}
