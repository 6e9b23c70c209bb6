//! The passphrase of encrypted workspaces on the command line: read from
//! `--passphrase-file`, or asked on the terminal without echo, once per
//! command; and what a command writes back is encrypted again with it.
//!
//! It is held for the length of one command in a thread-local, set by
//! [`super::run_with`]: every command reads workspaces through
//! [`super::load`], which then needs no passphrase argument of its own, and
//! commands that never meet an encrypted file never ask.

use std::cell::RefCell;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use secrecy::SecretString;
use zeroize::Zeroizing;

use super::Error;
use crate::store::{self, Key};

#[derive(Default)]
struct Session {
    /// `--passphrase-file`, if given.
    file: Option<PathBuf>,
    /// The passphrase once read or typed: asked once per command.
    key: Option<Key>,
    /// The command has read an encrypted workspace: what it writes back
    /// is encrypted too.
    read_encrypted: bool,
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
}

/// Runs `command` with `file` as the passphrase source, forgetting the
/// passphrase afterwards (the key is wiped on drop).
pub(super) fn session<R>(file: Option<&Path>, command: impl FnOnce() -> R) -> R {
    SESSION.with(|s| {
        *s.borrow_mut() = Some(Session {
            file: file.map(ToOwned::to_owned),
            ..Session::default()
        })
    });
    let result = command();
    SESSION.with(|s| s.borrow_mut().take());
    result
}

/// Reads a workspace, decrypting it with the command's passphrase (read or
/// asked for the first encrypted file) when it is encrypted.
pub(super) fn load(path: &Path) -> Result<crate::model::Workspace, Error> {
    if !store::file_is_encrypted(path) {
        return Ok(store::open(path)?);
    }
    let key = key_for(path, false)?;
    let workspace = store::open_keyed(path, Some(&key), &store::Quiet)?;
    SESSION.with(|s| {
        if let Some(session) = s.borrow_mut().as_mut() {
            session.read_encrypted = true;
        }
    });
    Ok(workspace)
}

/// The key to write a workspace back with: the command's passphrase when
/// it read an encrypted workspace (so nothing read encrypted is written in
/// the clear), else none.
pub(super) fn write_key() -> Option<Key> {
    SESSION.with(|s| {
        s.borrow()
            .as_ref()
            .filter(|session| session.read_encrypted)
            .and_then(|session| session.key.clone())
    })
}

/// The command's passphrase for `path`: already known, from
/// `--passphrase-file`, or typed on the terminal (twice when `confirm`,
/// for a new encrypted file).
pub(super) fn key_for(path: &Path, confirm: bool) -> Result<Key, Error> {
    if let Some(key) = SESSION.with(|s| s.borrow().as_ref().and_then(|s| s.key.clone())) {
        return Ok(key);
    }
    let file = SESSION.with(|s| s.borrow().as_ref().and_then(|s| s.file.clone()));
    let passphrase = match file {
        Some(file) => read_passphrase_file(&file)?,
        None => ask(path, confirm)?,
    };
    let key = Key::new(passphrase);
    SESSION.with(|s| {
        if let Some(session) = s.borrow_mut().as_mut() {
            session.key = Some(key.clone());
        }
    });
    Ok(key)
}

/// The passphrase in `file`: its whole content less one final line break.
fn read_passphrase_file(file: &Path) -> Result<SecretString, Error> {
    let bytes = Zeroizing::new(std::fs::read(file).map_err(|source| Error::Read {
        path: file.to_owned(),
        source,
    })?);
    let text = std::str::from_utf8(&bytes).map_err(|_| Error::Passphrase {
        what: format!("{}: the passphrase file is not UTF-8 text", file.display()),
    })?;
    let text = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(text);
    if text.is_empty() {
        return Err(Error::Passphrase {
            what: format!("{}: the passphrase file is empty", file.display()),
        });
    }
    Ok(SecretString::from(text))
}

/// Asks on the terminal without echo; refuses when there is no terminal
/// to ask on (a script, a pipe, git), rather than hang or read the data.
fn ask(path: &Path, confirm: bool) -> Result<SecretString, Error> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::Passphrase {
            what: format!(
                "{}: is encrypted and no passphrase was given: add --passphrase-file FILE, or run coopdesk in a terminal to be asked",
                path.display()
            ),
        });
    }
    let prompt = format!("Passphrase for {}: ", path.display());
    let typed = Zeroizing::new(read_hidden(&prompt)?);
    if typed.is_empty() {
        return Err(Error::Passphrase {
            what: "no passphrase was typed".to_owned(),
        });
    }
    if confirm {
        let again = Zeroizing::new(read_hidden("The same passphrase again: ")?);
        if *again != *typed {
            return Err(Error::Passphrase {
                what: "the two passphrases typed differ; nothing was written".to_owned(),
            });
        }
    }
    Ok(SecretString::from(typed.as_str()))
}

fn read_hidden(prompt: &str) -> Result<String, Error> {
    rpassword::prompt_password(prompt).map_err(|source| Error::Read {
        path: PathBuf::from("the terminal"),
        source,
    })
}
