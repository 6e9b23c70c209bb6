//! One editor per file: an advisory lock on `NAME.ron.lock` (not on the
//! workspace itself, which every save replaces), holding who has it open.
//! The system releases the lock when the holder exits or crashes, so a
//! lock left behind by a crash is simply taken over.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub struct WorkspaceLock {
    file: File,
    path: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{} is open in another coopdesk ({holder})", workspace.display())]
    Held { workspace: PathBuf, holder: String },
    #[error("{}: cannot lock: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// `NAME.ron` → `NAME.ron.lock`.
pub fn lock_path(workspace: &Path) -> PathBuf {
    let mut name = workspace.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    workspace.with_file_name(name)
}

/// Takes the lock of `workspace`, or says who holds it.
pub fn lock(workspace: &Path) -> Result<WorkspaceLock, LockError> {
    let path = lock_path(workspace);
    let io = |source| LockError::Io {
        path: path.clone(),
        source,
    };
    let mut file = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => {
            file.set_len(0).map_err(io)?;
            file.rewind().map_err(io)?;
            file.write_all(holder_description().as_bytes())
                .map_err(io)?;
            file.sync_all().map_err(io)?;
            Ok(WorkspaceLock { file, path })
        }
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            // Who holds it is a courtesy; an unreadable note still means "held".
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            Err(LockError::Held {
                workspace: workspace.to_owned(),
                holder: if holder.is_empty() {
                    "someone".to_owned()
                } else {
                    holder.to_owned()
                },
            })
        }
        Err(TryLockError::Error(source)) => Err(io(source)),
    }
}

impl WorkspaceLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for WorkspaceLock {
    fn drop(&mut self) {
        // Unlocking happens with the close anyway; removing the note keeps
        // the folder tidy. Another coopdesk may already hold a new lock on a
        // new file of the same name only after this one is gone.
        let _ = self.file.unlock();
        let _ = std::fs::remove_file(&self.path);
    }
}

/// `user on host, process 1234`.
fn holder_description() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown user".to_owned());
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "unknown host".to_owned());
    format!("{user} on {host}, process {}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_editor_is_told_who_has_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let workspace = dir.path().join("w.ron");
        let held = lock(&workspace).unwrap();
        assert_eq!(held.path(), dir.path().join("w.ron.lock"));
        let err = lock(&workspace).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("w.ron is open in another coopdesk ("),
            "{message}"
        );
        assert!(
            message.contains(&format!("process {}", std::process::id())),
            "{message}"
        );
        drop(held);
        assert!(lock(&workspace).is_ok(), "released on drop");
    }

    #[test]
    fn a_lock_file_left_by_a_crash_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let workspace = dir.path().join("w.ron");
        std::fs::write(lock_path(&workspace), "ghost on nowhere, process 1").unwrap();
        let held = lock(&workspace).expect("nobody holds it any more");
        let note = std::fs::read_to_string(held.path()).unwrap();
        assert!(
            note.ends_with(&format!("process {}", std::process::id())),
            "{note}"
        );
    }
}
