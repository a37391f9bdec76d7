//! The local ledger: one SQLite database per staff member that records every
//! request and its status history, and queues drafts until they are pushed.
//!
//! Several cake-okta processes may use the same ledger at once. The database
//! runs in WAL mode, every write is a `BEGIN IMMEDIATE` transaction, and a
//! busy timeout makes a second writer wait instead of failing. Times are
//! stored as RFC 3339 text in UTC with whole seconds.
//!
//! Opening never damages a file: a file that is not a ledger, is damaged or
//! comes from a newer build yields a [`LedgerFileError`] naming the path, and
//! the file's bytes stay as they were.

mod error;
mod events;
mod files;
mod lifecycle;
mod requests;
mod schema;
mod status;
#[cfg(unix)]
mod storage;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use jiff::Timestamp;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use error::{LedgerFileError, RequestNotFound, StatusConflict};
pub use events::Event;
pub use lifecycle::StatusChange;
pub use requests::{
    Difference, IntegrationOption, NewRequest, Recorded, Request, RequestFilter, RequestRef,
    TenantChanged, VisitOrder,
};
pub use schema::{AppliedMigration, latest_version};
pub use status::{ALL_STATUSES, OPEN_STATUSES, Status, TransitionError, UnknownStatus};

use files::{FileState, Scan};
use schema::APPLICATION_ID;

/// File name of the ledger inside the data directory.
pub const FILE_NAME: &str = "ledger.sqlite3";

/// Time a process waits for another process's write lock before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Returns the ledger path inside a data directory.
pub fn path_in(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE_NAME)
}

/// An open ledger.
pub struct Ledger {
    connection: Connection,
    path: PathBuf,
    /// Every page passed `PRAGMA quick_check` since the file was opened.
    integrity_checked: bool,
}

impl Ledger {
    /// Opens the ledger at `path` for reading and writing, creating it and its
    /// directory when missing and applying pending migrations.
    /// `on_migration` is called once for each migration this call applies.
    pub fn open(
        path: &Path,
        on_migration: &mut dyn FnMut(&AppliedMigration),
    ) -> anyhow::Result<Ledger> {
        if let Some(dir) = path.parent() {
            files::create_directory(dir)?;
        }

        let state = files::inspect(path, Scan::Full)?;
        if state == FileState::Missing {
            files::create_file(path)?;
        }

        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut connection = Connection::open_with_flags(path, flags)
            .map_err(|error| files::classify(path, error))?;
        configure(&connection, path)?;
        files::restrict_permissions(path)?;

        claim(&mut connection, path)?;
        enable_wal(&connection, path)?;
        schema::migrate(&mut connection, on_migration)
            .map_err(|error| files::classify(path, error))?;

        Ok(Ledger {
            connection,
            path: path.to_path_buf(),
            integrity_checked: true,
        })
    }

    /// Opens the ledger for a command that mostly reads it, such as a list.
    ///
    /// A ledger at the current schema is opened without the full-file
    /// integrity check, whose cost grows with the file. SQLite still
    /// reports damage in every page a query reads, and the first write
    /// through this ledger runs the full check before it changes anything.
    /// A missing ledger, or one at an older schema, is opened as
    /// [`Ledger::open`] does, which creates or migrates it.
    pub fn open_for_reading(
        path: &Path,
        on_migration: &mut dyn FnMut(&AppliedMigration),
    ) -> anyhow::Result<Ledger> {
        match files::inspect(path, Scan::Structure)? {
            FileState::Ledger { version } if version == schema::latest_version() => {}
            FileState::Missing => return Ledger::empty(path),
            _ => return Ledger::open(path, on_migration),
        }

        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(path, flags)
            .map_err(|error| files::classify(path, error))?;
        configure(&connection, path)?;
        Ok(Ledger {
            connection,
            path: path.to_path_buf(),
            integrity_checked: false,
        })
    }

    /// Returns an empty ledger held in memory, so that reading a ledger that
    /// does not exist yet shows no requests and creates no file. `path` is
    /// where the first write would create it, for messages.
    fn empty(path: &Path) -> anyhow::Result<Ledger> {
        let mut connection = Connection::open_in_memory().context("failed to open an in-memory ledger")?;
        schema::migrate(&mut connection, &mut |_| {}).context("failed to prepare an in-memory ledger")?;
        Ok(Ledger {
            connection,
            path: path.to_path_buf(),
            integrity_checked: true,
        })
    }

    /// Opens an existing ledger without writing to it or creating anything.
    /// Returns `None` when there is no ledger file yet.
    pub fn open_read_only(path: &Path) -> anyhow::Result<Option<Ledger>> {
        let version = match files::inspect(path, Scan::Full)? {
            FileState::Missing | FileState::Empty => return Ok(None),
            FileState::Ledger { version } => version,
        };
        if version < schema::latest_version() {
            anyhow::bail!(
                "the ledger {} uses an older schema; run a command that writes to it (such as 'cake-okta requests list') to upgrade it first",
                path.display()
            );
        }

        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(path, flags)
            .map_err(|error| files::classify(path, error))?;
        configure(&connection, path)?;
        Ok(Some(Ledger {
            connection,
            path: path.to_path_buf(),
            integrity_checked: true,
        }))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` in a `BEGIN IMMEDIATE` transaction and commits it when
    /// `work` succeeds. Taking the write lock up front means two processes
    /// never both read a value and then both write a change based on it.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction, &Path) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let path = self.path.clone();
        if !self.integrity_checked {
            files::check_integrity(&path, &self.connection)?;
            self.integrity_checked = true;
        }

        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|error| files::classify(&path, error))?;

        let value =
            work(&transaction, &path).map_err(|error| files::explain_write_failure(&path, error))?;
        transaction
            .commit()
            .with_context(|| format!("failed to save changes to the ledger {}", path.display()))
            .map_err(|error| files::explain_write_failure(&path, error))?;
        Ok(value)
    }
}

fn configure(connection: &Connection, path: &Path) -> anyhow::Result<()> {
    connection
        .busy_timeout(BUSY_TIMEOUT)
        .and_then(|()| connection.pragma_update(None, "foreign_keys", true))
        .with_context(|| format!("failed to configure the ledger {}", path.display()))
}

/// Marks a new file as a ledger before anything else is written to it. The
/// check is repeated under the write lock, because another program could have
/// written to the file since it was inspected.
fn claim(connection: &mut Connection, path: &Path) -> anyhow::Result<()> {
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|error| files::classify(path, error))?;

    let application_id: i32 = transaction
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .map_err(|error| files::classify(path, error))?;
    if application_id == APPLICATION_ID {
        return Ok(());
    }

    let objects: i64 = transaction
        .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
        .map_err(|error| files::classify(path, error))?;
    if application_id != 0 || objects > 0 || schema::read_version(&transaction)? > 0 {
        return Err(LedgerFileError::NotALedger {
            path: path.to_path_buf(),
            reason: "it is an SQLite database of another program".to_string(),
        }
        .into());
    }

    transaction
        .pragma_update(None, "application_id", APPLICATION_ID)
        .and_then(|()| transaction.commit())
        .with_context(|| format!("failed to initialise the ledger {}", path.display()))
}

/// Switches the ledger to WAL mode once; the mode is stored in the file.
///
/// The switch needs the file to itself. When several processes open a new
/// ledger at once, SQLite may return "database is locked" at once instead of
/// waiting through the busy timeout, so the switch is retried until another
/// process has made it or the busy timeout has passed.
fn enable_wal(connection: &Connection, path: &Path) -> anyhow::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        let attempt = journal_mode(connection).and_then(|mode| {
            if mode.eq_ignore_ascii_case("wal") {
                return Ok(());
            }
            connection
                .pragma_update_and_check(None, "journal_mode", "wal", |row| row.get::<_, String>(0))
                .map(drop)
        });

        match attempt {
            Ok(()) => return Ok(()),
            Err(error) if is_busy(&error) && std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(error) => {
                return Err(error)
                    .with_context(|| format!("failed to switch the ledger {} to WAL mode", path.display()));
            }
        }
    }
}

fn journal_mode(connection: &Connection) -> rusqlite::Result<String> {
    connection.pragma_query_value(None, "journal_mode", |row| row.get(0))
}

/// True for the errors another process's lock causes.
fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Formats an instant for storage: RFC 3339 in UTC, whole seconds.
fn format_time(instant: Timestamp) -> String {
    Timestamp::from_second(instant.as_second())
        .unwrap_or(instant)
        .to_string()
}

fn parse_time(text: &str) -> rusqlite::Result<Timestamp> {
    text.parse().map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(error))
    })
}

#[cfg(test)]
mod tests;
