//! The ledger file on disk: its directory and permissions, and a read-only
//! inspection that decides whether a file is safe to open for writing.
//!
//! Inspection never writes. It first reads the 100-byte SQLite header by
//! hand, so a file in another format, or another program's database in WAL
//! mode, is rejected before SQLite opens it. Opening such a database would
//! make SQLite create `-wal` and `-shm` files next to it.

use std::fs;
use std::io::{ErrorKind, Read};
use std::path::Path;

use anyhow::Context as _;
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::error::LedgerFileError;
use super::schema::{self, APPLICATION_ID};

/// Content found at the ledger path before it is opened for writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FileState {
    /// No file yet.
    Missing,
    /// A file with no schema: zero bytes, or an SQLite database with no
    /// tables that no program has claimed.
    Empty,
    /// A cake-okta ledger at a schema version this build can read.
    Ledger { version: u32 },
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_LEN: usize = 100;

/// Creates the data directory, readable by its owner only. An existing
/// directory keeps its permissions, because `CAKE_OKTA_DATA_DIR` may name a
/// directory the user shares on purpose.
pub(super) fn create_directory(dir: &Path) -> anyhow::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }

    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .with_context(|| format!("failed to create the data directory {}", dir.display()))
}

/// Creates an empty ledger file readable by its owner only. A file another
/// process created first is left alone.
pub(super) fn create_file(path: &Path) -> anyhow::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);

    match options.open(path) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(error) => {
            Err(error).with_context(|| format!("failed to create the ledger {}", path.display()))
        }
    }
}

/// Makes the ledger file readable by its owner only, whatever the umask was
/// when it was created. SQLite gives its `-wal` and `-shm` files the mode of
/// the database file, so they follow.
pub(super) fn restrict_permissions(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;

        let mode = fs::metadata(path)
            .with_context(|| format!("failed to read the permissions of {}", path.display()))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(0o600)).with_context(|| {
                format!(
                    "failed to make {} readable by its owner only",
                    path.display()
                )
            })?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// How much of the file [`inspect`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scan {
    /// The header, the identity and the schema version. SQLite also rejects
    /// a file shorter than the page count in its header.
    Structure,
    /// All of the above and every page, through [`check_integrity`].
    Full,
}

/// Decides whether `path` can be opened as a ledger, without writing to it.
pub(super) fn inspect(path: &Path, scan: Scan) -> anyhow::Result<FileState> {
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(FileState::Missing),
        Err(error) => {
            return Err(error)
                .with_context(|| format!("failed to read the ledger {}", path.display()));
        }
    };
    if !metadata.is_file() {
        return Err(not_a_ledger(path, "it is not a regular file"));
    }
    if metadata.len() == 0 {
        return Ok(FileState::Empty);
    }

    let header = read_header(path)?;
    check_header(path, &header)?;
    inspect_database(path, scan)
}

fn read_header(path: &Path) -> anyhow::Result<Vec<u8>> {
    let file = fs::File::open(path)
        .with_context(|| format!("failed to read the ledger {}", path.display()))?;
    let mut header = Vec::with_capacity(HEADER_LEN);
    file.take(HEADER_LEN as u64)
        .read_to_end(&mut header)
        .with_context(|| format!("failed to read the ledger {}", path.display()))?;
    Ok(header)
}

/// Rejects files that are not SQLite, and SQLite files another program
/// claimed through `application_id` or put in WAL mode before any ledger
/// schema existed (a new ledger sets its id before it switches to WAL).
fn check_header(path: &Path, header: &[u8]) -> anyhow::Result<()> {
    if header.len() < HEADER_LEN || !header.starts_with(SQLITE_MAGIC) {
        return Err(not_a_ledger(path, "it is not an SQLite database"));
    }

    let application_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    let wal_mode = header[18] == 2 || header[19] == 2;
    if application_id == APPLICATION_ID {
        return Ok(());
    }
    if application_id != 0 {
        return Err(not_a_ledger(
            path,
            &format!(
                "it is an SQLite database of another program (application_id {application_id:#x})"
            ),
        ));
    }
    if wal_mode {
        return Err(not_a_ledger(
            path,
            "it is an SQLite database of another program",
        ));
    }
    Ok(())
}

/// Opens the file read-only and reads its identity and version, and with
/// [`Scan::Full`] checks every page.
fn inspect_database(path: &Path, scan: Scan) -> anyhow::Result<FileState> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection =
        Connection::open_with_flags(path, flags).map_err(|error| classify(path, error))?;
    connection
        .busy_timeout(super::BUSY_TIMEOUT)
        .with_context(|| format!("failed to configure the ledger {}", path.display()))?;

    let identity = read_identity(&connection).map_err(|error| classify(path, error))?;
    if identity.application_id != APPLICATION_ID {
        if identity.user_version == 0 && identity.tables.is_empty() {
            return Ok(FileState::Empty);
        }
        let reason = if identity.tables.is_empty() {
            "it is an SQLite database of another program".to_string()
        } else {
            format!(
                "it is an SQLite database of another program (tables: {})",
                identity.tables.join(", ")
            )
        };
        return Err(not_a_ledger(path, &reason));
    }

    let known = schema::latest_version();
    if identity.user_version > known {
        return Err(LedgerFileError::NewerSchema {
            path: path.to_path_buf(),
            found: identity.user_version,
            known,
        }
        .into());
    }

    if scan == Scan::Full {
        check_integrity(path, &connection)?;
    }
    Ok(FileState::Ledger {
        version: identity.user_version,
    })
}

struct Identity {
    application_id: i32,
    user_version: u32,
    tables: Vec<String>,
}

fn read_identity(connection: &Connection) -> rusqlite::Result<Identity> {
    let application_id = connection.pragma_query_value(None, "application_id", |row| row.get(0))?;
    let user_version = schema::read_version(connection)?;
    let mut statement =
        connection.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?;
    let tables = statement
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Identity {
        application_id,
        user_version,
        tables,
    })
}

/// Runs `PRAGMA quick_check`, which reads every page, so a damaged file is
/// found before anything is written to it.
///
/// The cost grows with the file: for 100,000 requests (93 MB) it took
/// 120 to 330 ms in a debug build on a shared 2-core machine
/// (`cargo test --lib list_open_in_large_ledger -- --ignored --nocapture`).
/// That is why a ledger opened for reading runs it only before its first
/// write.
pub(super) fn check_integrity(path: &Path, connection: &Connection) -> anyhow::Result<()> {
    let mut statement = connection
        .prepare("PRAGMA quick_check(5)")
        .map_err(|error| classify(path, error))?;
    let problems: Vec<String> = statement
        .query_map([], |row| row.get(0))
        .and_then(|rows| rows.collect::<rusqlite::Result<_>>())
        .map_err(|error| classify(path, error))?;

    if problems.len() == 1 && problems[0] == "ok" {
        return Ok(());
    }
    Err(LedgerFileError::Damaged {
        path: path.to_path_buf(),
        reason: problems.join("; "),
    }
    .into())
}

/// Turns an SQLite error met while reading the file into a typed error when
/// it describes the file itself or the disk it is on, or adds the path
/// otherwise.
pub(super) fn classify(path: &Path, error: rusqlite::Error) -> anyhow::Error {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => not_a_ledger(path, "it is not an SQLite database"),
        Some(ErrorCode::DatabaseCorrupt) => LedgerFileError::Damaged {
            path: path.to_path_buf(),
            reason: error.to_string(),
        }
        .into(),
        code => {
            let unwritable = is_storage_error(code).then(|| unwritable(path)).flatten();
            match unwritable {
                Some(unwritable) => anyhow::Error::new(error).context(unwritable),
                None => anyhow::Error::new(error)
                    .context(format!("failed to read the ledger {}", path.display())),
            }
        }
    }
}

/// Puts the file system's reason first when a write failed because of the
/// disk, and returns other errors unchanged.
pub(super) fn explain_write_failure(path: &Path, error: anyhow::Error) -> anyhow::Error {
    let from_disk = error.chain().any(|cause| {
        cause
            .downcast_ref::<rusqlite::Error>()
            .is_some_and(|error| is_storage_error(error.sqlite_error_code()))
    });
    match from_disk.then(|| unwritable(path)).flatten() {
        Some(unwritable) => error.context(unwritable),
        None => error,
    }
}

/// SQLite's codes for a file it cannot open or write, which do not give
/// the cause.
fn is_storage_error(code: Option<ErrorCode>) -> bool {
    matches!(
        code,
        Some(
            ErrorCode::CannotOpen
                | ErrorCode::ReadOnly
                | ErrorCode::DiskFull
                | ErrorCode::SystemIoFailure
        )
    )
}

/// Looks up on the file system why the ledger cannot be written, if the
/// reason can be found.
fn unwritable(path: &Path) -> Option<LedgerFileError> {
    #[cfg(unix)]
    {
        let problem = super::storage::diagnose(path)?;
        let dir = path.parent().unwrap_or(path);
        Some(LedgerFileError::Unwritable {
            path: path.to_path_buf(),
            reason: problem.reason(dir),
            fix: problem.fix(),
        })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

fn not_a_ledger(path: &Path, reason: &str) -> anyhow::Error {
    LedgerFileError::NotALedger {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
    .into()
}
