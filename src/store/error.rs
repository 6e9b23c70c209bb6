//! Load and save errors: each says which file, where, and what is wrong.

use std::path::{Path, PathBuf};

/// Why a workspace could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    // The reason is part of the message (not a `source`), so that it is
    // printed once, whether the caller shows the chain or not.
    #[error("{}: cannot read: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}: is a folder, not a workspace file", path.display())]
    NotAFile { path: PathBuf },
    #[error(
        "{}: the file is {bytes} bytes, more than the {} bytes coopdesk opens; is it really a workspace?",
        path.display(),
        super::MAX_FILE_BYTES
    )]
    TooLarge { path: PathBuf, bytes: u64 },
    #[error("{}: reading was cancelled", path.display())]
    Cancelled { path: PathBuf },
    #[error("{}: is an encrypted workspace; its passphrase is needed to open it", path.display())]
    Locked { path: PathBuf },
    #[error("{}: {error}", path.display())]
    Decrypt {
        path: PathBuf,
        error: super::DecryptError,
    },
    #[error("{}: {detail}", display_path(path))]
    Parse {
        /// `None` until the caller says which file the text came from.
        path: Option<PathBuf>,
        detail: ParseDetail,
    },
}

/// What is wrong inside the text of a workspace file.
#[derive(Debug, thiserror::Error)]
pub enum ParseDetail {
    #[error("{line}:{column}: the file is not valid UTF-8 text (is it a workspace file?)")]
    NotUtf8 { line: usize, column: usize },
    #[error("reading was cancelled")]
    Cancelled,
    #[error("the file is empty; a workspace file starts with `(format_version: {current},`", current = super::CURRENT_FORMAT_VERSION)]
    Empty,
    #[error(
        "this file was written by a newer coopdesk (format {found}); this build reads up to {supported}. Open it with a newer coopdesk."
    )]
    NewerVersion { found: u64, supported: u32 },
    #[error("{line}:{column}: {message}{}", field_suffix(field))]
    Syntax {
        line: usize,
        column: usize,
        /// Where in the workspace, e.g. `workspace.observations[3].value`.
        field: Option<String>,
        message: String,
    },
}

fn field_suffix(field: &Option<String>) -> String {
    match field {
        Some(field) => format!(" (in {field})"),
        None => String::new(),
    }
}

fn display_path(path: &Option<PathBuf>) -> String {
    path.as_deref()
        .map_or_else(|| "workspace".to_owned(), |p| p.display().to_string())
}

impl LoadError {
    /// The file is encrypted and the passphrase given does not open it.
    pub fn is_wrong_passphrase(&self) -> bool {
        matches!(
            self,
            LoadError::Decrypt {
                error: super::DecryptError::WrongPassphrase,
                ..
            }
        )
    }

    /// Names the file a parse error came from.
    pub fn in_file(self, file: &Path) -> Self {
        match self {
            LoadError::Parse { path: None, detail } => LoadError::Parse {
                path: Some(file.to_owned()),
                detail,
            },
            other => other,
        }
    }

    pub(crate) fn parse(detail: ParseDetail) -> Self {
        LoadError::Parse { path: None, detail }
    }
}

/// Why a workspace could not be written. The file on disk is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{}: cannot write the workspace: {error}", path.display())]
    Serialize { path: PathBuf, error: ron::Error },
    #[error("{}: cannot save: {error}. The file on disk was not changed.", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}
