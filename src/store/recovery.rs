//! Autosave and recovery: while there are unsaved changes the workspace is
//! also written to a recovery file, so that a crash loses at most the last
//! few seconds. A successful save removes it; the next start offers it.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{LoadError, load, to_ron_string, write_atomically};
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

/// Writes the recovery file atomically.
pub fn write_recovery(path: &Path, workspace: &Workspace) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let text = to_ron_string(workspace).map_err(std::io::Error::other)?;
    write_atomically(path, text.as_bytes())
}

/// Unsaved work found at `path`.
pub struct Recovered {
    pub path: PathBuf,
    pub written: Option<SystemTime>,
    pub workspace: Workspace,
}

/// The recovery file at `path`, if there is one. A damaged one is an error
/// (it is kept, not deleted, so nothing is lost).
pub fn read_recovery(path: &Path) -> Option<Result<Recovered, LoadError>> {
    if !path.is_file() {
        return None;
    }
    let written = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    Some(load(path).map(|workspace| Recovered {
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
        write_recovery(&path, &workspace).unwrap();
        let recovered = read_recovery(&path).unwrap().unwrap();
        assert_eq!(recovered.workspace, workspace);
        assert!(recovered.written.is_some());
        remove_recovery(&path);
        assert!(read_recovery(&path).is_none());
    }
}
