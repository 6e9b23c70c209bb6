//! Encrypted workspaces: the whole file is an age file (the format of age
//! and rage) encrypted with a passphrase, which scrypt turns into the key.
//!
//! A file is told encrypted by its first bytes (age's header line), never
//! by its name, so a renamed file still opens. Decryption reads the whole
//! file and checks every chunk before anything is parsed: a truncated or
//! tampered file is an error, never a partial workspace. The passphrase is
//! held as a [`SecretString`] (wiped on drop) and the plaintext of a save
//! or an open is wiped once it has been encrypted or parsed.

use std::io::{Read, Write};

use secrecy::SecretString;
use zeroize::Zeroizing;

/// The first line of every binary age file.
const AGE_HEADER: &[u8] = b"age-encryption.org/v1\n";
/// The first line of an age file in ASCII armour (`age -a`), which
/// coopdesk does not read but must not mistake for a workspace.
const ARMORED_HEADER: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// Whether `bytes` (a file's start is enough) are an age file.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_HEADER) || bytes.starts_with(ARMORED_HEADER)
}

/// Whether the file at `path` is an age file (false if it cannot be read).
pub fn file_is_encrypted(path: &std::path::Path) -> bool {
    let mut start = [0u8; ARMORED_HEADER.len()];
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut read = 0;
    let mut file = file.take(start.len() as u64);
    while let Ok(n) = file.read(&mut start[read..]) {
        if n == 0 {
            break;
        }
        read += n;
    }
    is_encrypted(start.get(..read).unwrap_or_default())
}

/// Work factors (log2 of scrypt's N) coopdesk accepts when asked for one:
/// below 10 is too weak to call encryption, above 30 takes minutes and
/// gigabytes.
pub const WORK_FACTORS: std::ops::RangeInclusive<u8> = 10..=30;

/// A workspace's passphrase, and the scrypt work factor files encrypted
/// with it get. Cloning copies the secret (it is wiped again on drop).
#[derive(Clone)]
pub struct Key {
    passphrase: SecretString,
    /// `None`: age's choice, about one second of work on this machine.
    work_factor: Option<u8>,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key")
            .field("work_factor", &self.work_factor)
            .finish_non_exhaustive()
    }
}

/// Why an encrypted file could not be read. Nothing of it was parsed.
#[derive(Debug, thiserror::Error)]
pub enum DecryptError {
    #[error(
        "wrong passphrase: it does not unlock this encrypted workspace (check the passphrase and try again)"
    )]
    WrongPassphrase,
    #[error(
        "the encrypted file is damaged or truncated ({0}); nothing was read from it. Its backup (.bak) may still open"
    )]
    Damaged(String),
    #[error(
        "the file is an ASCII-armoured age file; coopdesk reads binary age files (convert it with `age -d` and `coopdesk encrypt`)"
    )]
    Armored,
    #[error(
        "the file needs more work to decrypt than coopdesk allows on this machine (scrypt work factor {required}); was it encrypted with another tool?"
    )]
    TooMuchWork { required: u8 },
    #[error(
        "the file is encrypted for an age key, not with a passphrase; coopdesk opens passphrase-encrypted files only"
    )]
    NotPassphrase,
}

impl Key {
    /// A key with age's work factor (about a second on this machine).
    pub fn new(passphrase: SecretString) -> Self {
        Self {
            passphrase,
            work_factor: None,
        }
    }

    /// The same passphrase with a set work factor (clamped to
    /// [`WORK_FACTORS`]): tests use a low one to run fast.
    pub fn with_work_factor(mut self, work_factor: Option<u8>) -> Self {
        self.work_factor = work_factor.map(|f| f.clamp(*WORK_FACTORS.start(), *WORK_FACTORS.end()));
        self
    }

    pub fn work_factor(&self) -> Option<u8> {
        self.work_factor
    }

    /// Encrypts `plain` into a complete age file.
    pub fn encrypt(&self, plain: &[u8]) -> std::io::Result<Vec<u8>> {
        let mut recipient = age::scrypt::Recipient::new(self.passphrase.clone());
        if let Some(factor) = self.work_factor {
            recipient.set_work_factor(factor);
        }
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(std::io::Error::other)?;
        let mut out = Vec::with_capacity(plain.len() + 256);
        let mut writer = encryptor.wrap_output(&mut out)?;
        writer.write_all(plain)?;
        writer.finish()?;
        Ok(out)
    }

    /// Decrypts a whole age file. The plaintext is returned only when every
    /// chunk checked out, and is wiped when dropped.
    pub fn decrypt(&self, file: &[u8]) -> Result<Zeroizing<Vec<u8>>, DecryptError> {
        if file.starts_with(ARMORED_HEADER) {
            return Err(DecryptError::Armored);
        }
        let decryptor = age::Decryptor::new_buffered(file).map_err(damaged)?;
        if !decryptor.is_scrypt() {
            return Err(DecryptError::NotPassphrase);
        }
        let identity = age::scrypt::Identity::new(self.passphrase.clone());
        let mut reader = decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .map_err(|err| match err {
                // The passphrase's key does not open the file key. A changed
                // byte in the scrypt line gives the same answer; the
                // passphrase is far the likelier cause.
                age::DecryptError::DecryptionFailed
                | age::DecryptError::KeyDecryptionFailed
                | age::DecryptError::NoMatchingKeys => DecryptError::WrongPassphrase,
                age::DecryptError::ExcessiveWork { required, .. } => {
                    DecryptError::TooMuchWork { required }
                }
                other => damaged(other),
            })?;
        let mut plain = Zeroizing::new(Vec::with_capacity(file.len()));
        reader
            .read_to_end(&mut plain)
            .map_err(|err| DecryptError::Damaged(err.to_string()))?;
        Ok(plain)
    }
}

fn damaged(err: age::DecryptError) -> DecryptError {
    DecryptError::Damaged(err.to_string().trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(passphrase: &str) -> Key {
        Key::new(SecretString::from(passphrase)).with_work_factor(Some(10))
    }

    #[test]
    fn what_is_encrypted_decrypts_to_the_same_bytes() {
        let plain = b"(format_version: 1, title: \"planted\")\n".repeat(5000);
        let file = key("correct horse").encrypt(&plain).unwrap();
        assert!(is_encrypted(&file));
        assert!(!is_encrypted(&plain));
        assert!(!file.windows(7).any(|w| w == b"planted"));
        assert_eq!(*key("correct horse").decrypt(&file).unwrap(), plain);
    }

    #[test]
    fn a_wrong_passphrase_is_its_own_error() {
        let file = key("right").encrypt(b"secret").unwrap();
        let err = key("wrong").decrypt(&file).unwrap_err();
        assert!(matches!(err, DecryptError::WrongPassphrase), "{err}");
        assert!(err.to_string().starts_with("wrong passphrase"));
    }

    #[test]
    fn every_truncation_and_a_flipped_byte_in_the_body_are_errors() {
        let plain = vec![b'x'; 70_000]; // two chunks
        let file = key("p").encrypt(&plain).unwrap();
        for len in [0, 10, AGE_HEADER.len(), 100, file.len() / 2, file.len() - 1] {
            let cut = file.get(..len).unwrap();
            let result = key("p").decrypt(cut);
            assert!(result.is_err(), "truncated to {len} bytes decrypted");
        }
        let mut tampered = file.clone();
        let last = tampered.len() - 20;
        tampered[last] ^= 1;
        let err = key("p").decrypt(&tampered).unwrap_err();
        assert!(matches!(err, DecryptError::Damaged(_)), "{err}");
        assert!(err.to_string().contains("damaged or truncated"), "{err}");
    }

    #[test]
    fn work_factors_are_kept_within_bounds() {
        assert_eq!(key("p").with_work_factor(Some(1)).work_factor(), Some(10));
        assert_eq!(key("p").with_work_factor(Some(60)).work_factor(), Some(30));
    }
}
