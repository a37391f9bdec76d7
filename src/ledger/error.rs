//! Typed ledger errors that callers branch on: a file the tool must not touch,
//! a request that does not exist, and a status change that lost a race.

use std::path::{Path, PathBuf};

use super::status::Status;

/// A ledger file that cannot be used. The file is left exactly as it was.
#[derive(Debug, thiserror::Error)]
pub enum LedgerFileError {
    #[error(
        "{} is not a cake-okta ledger: {reason}. The file was left unchanged; move it aside or set CAKE_OKTA_DATA_DIR to another directory, then run the command again",
        path.display()
    )]
    NotALedger { path: PathBuf, reason: String },

    #[error(
        "the ledger {} is damaged: {reason}. The file was left unchanged; restore it from a backup, or move it aside to start a new ledger",
        path.display()
    )]
    Damaged { path: PathBuf, reason: String },

    #[error(
        "the ledger {} has schema version {found}, but this cake-okta only supports versions up to {known}. The file was left unchanged; upgrade cake-okta to use it",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        known: u32,
    },

    /// The file system refused a write: read-only, no permission, full, or
    /// past the file size limit.
    #[error(
        "cannot write to the ledger {}: {reason}. The ledger was left unchanged; {fix}",
        path.display()
    )]
    Unwritable {
        path: PathBuf,
        reason: String,
        fix: &'static str,
    },
}

impl LedgerFileError {
    pub fn path(&self) -> &Path {
        match self {
            LedgerFileError::NotALedger { path, .. }
            | LedgerFileError::Damaged { path, .. }
            | LedgerFileError::NewerSchema { path, .. }
            | LedgerFileError::Unwritable { path, .. } => path,
        }
    }
}

/// A request number or UUID with no request behind it.
#[derive(Debug, thiserror::Error)]
#[error("request {reference} not found in the ledger {}", path.display())]
pub struct RequestNotFound {
    pub reference: String,
    pub path: PathBuf,
}

/// The status changed between reading a request and writing its new status,
/// usually because another process recorded a change first.
#[derive(Debug, thiserror::Error)]
#[error(
    "request #{number} is now {actual}, not {expected}: another change was recorded first; look at it again before changing it"
)]
pub struct StatusConflict {
    pub number: i64,
    pub expected: Status,
    pub actual: Status,
}
