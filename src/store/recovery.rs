//! Autosave and recovery: while there are unsaved changes the workspace is
//! also written to a recovery file, so that a crash loses at most the last
//! few seconds. A successful save removes it; the next start offers it.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{Key, LoadError, Quiet, load_keyed, workspace_bytes, write_atomically};
use crate::model::Workspace;

/// Where unsaved work is kept: beside the workspace file (`.NAME.ron.recovery`,
/// hidden), or for a workspace without a file, in `data_dir`.
pub fn recovery_path(file: Option<&Path>, data_dir: Option<&Path>) -> Option<PathBuf> {
    match file {
        Some(file) => {
            let name = file.file_name()?.to_string_lossy();
            Some(file.with_file_name(format!(".{name}.recovery")))
        }
        None => data_dir.map(|dir| dir.join("untitled.ron.recovery")),
    }
}

/// Writes the recovery file atomically, encrypted with `key` when given.
pub fn write_recovery(
    path: &Path,
    workspace: &Workspace,
    key: Option<&Key>,
) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let bytes = workspace_bytes(workspace, key).map_err(|error| match error {
        super::Printed::Serialize(error) => std::io::Error::other(error),
        super::Printed::Encrypt(error) => error,
    })?;
    write_atomically(path, &bytes)
}

/// Unsaved work found at `path`.
pub struct Recovered {
    pub path: PathBuf,
    pub written: Option<SystemTime>,
    pub workspace: Workspace,
}

/// The recovery file at `path`, if there is one, decrypted with `key` when
/// encrypted. A damaged one is an error (it is kept, not deleted, so
/// nothing is lost).
pub fn read_recovery(path: &Path, key: Option<&Key>) -> Option<Result<Recovered, LoadError>> {
    if !path.is_file() {
        return None;
    }
    let written = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    Some(load_keyed(path, key, &Quiet).map(|workspace| Recovered {
        path: path.to_owned(),
        written,
        workspace,
    }))
}

/// Removes the recovery file once its content is safe elsewhere.
pub fn remove_recovery(path: &Path) {
    // Already gone is as good as removed.
    let _ = std::fs::remove_file(path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_files_sit_beside_the_workspace_or_in_the_data_folder() {
        assert_eq!(
            recovery_path(Some(Path::new("/desk/iraq.ron")), None),
            Some(PathBuf::from("/desk/.iraq.ron.recovery"))
        );
        assert_eq!(
            recovery_path(None, Some(Path::new("/home/u/.local/share/coopdesk"))),
            Some(PathBuf::from(
                "/home/u/.local/share/coopdesk/untitled.ron.recovery"
            ))
        );
        assert_eq!(recovery_path(None, None), None);
    }

    #[test]
    fn a_recovery_file_round_trips_and_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = recovery_path(Some(&dir.path().join("w.ron")), None).unwrap();
        let mut workspace = crate::store::sample().unwrap();
        workspace.title = "Unsaved title".into();
        write_recovery(&path, &workspace, None).unwrap();
        let recovered = read_recovery(&path, None).unwrap().unwrap();
        assert_eq!(recovered.workspace, workspace);
        assert!(recovered.written.is_some());
        remove_recovery(&path);
        assert!(read_recovery(&path, None).is_none());
    }

    #[test]
    fn an_encrypted_workspace_has_an_encrypted_recovery_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = recovery_path(Some(&dir.path().join("w.ron")), None).unwrap();
        let mut workspace = crate::store::sample().unwrap();
        workspace.title = "Planted unsaved title".into();
        let key = Key::new("pass".into()).with_work_factor(Some(10));
        write_recovery(&path, &workspace, Some(&key)).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(crate::store::is_encrypted(&bytes));
        assert!(!String::from_utf8_lossy(&bytes).contains("Planted"));
        let locked = read_recovery(&path, None).unwrap();
        assert!(matches!(locked, Err(LoadError::Locked { .. })));
        let recovered = read_recovery(&path, Some(&key)).unwrap().unwrap();
        assert_eq!(recovered.workspace, workspace);
    }
}
