//! Versioned schema migrations, tracked in `PRAGMA user_version`.
//!
//! Each migration runs in its own `BEGIN IMMEDIATE` transaction that first
//! re-reads the version, so several processes opening a new ledger at once
//! apply each migration exactly once. Migrations are append-only: a released
//! one is never edited, a change is a new entry at the end.

use rusqlite::{Connection, TransactionBehavior};

/// Marks a file as a cake-okta ledger in the SQLite header
/// (`PRAGMA application_id`). The value is the ASCII bytes "CKOK".
pub const APPLICATION_ID: i32 = 0x434B_4F4B;

/// One schema step: the version it produces and the SQL that gets there.
pub struct Migration {
    pub version: u32,
    pub description: &'static str,
    sql: &'static str,
}

/// A migration that was applied while opening the ledger, for `--debug` logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedMigration {
    pub version: u32,
    pub description: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        description: "create requests and events",
        sql: r#"
        CREATE TABLE requests (
            number            INTEGER PRIMARY KEY AUTOINCREMENT,
            id                TEXT NOT NULL UNIQUE,
            tenant            TEXT NOT NULL,
            client_ids        TEXT NOT NULL,
            issuer_input      TEXT NOT NULL,
            issuer            TEXT NOT NULL,
            option            TEXT NOT NULL CHECK (option IN ('hybrid', 'okta_only')),
            ticket            TEXT,
            contact           TEXT,
            note              TEXT,
            status            TEXT NOT NULL CHECK (status IN
                ('draft', 'submitted', 'in_progress', 'active', 'failed', 'cancelled')),
            created_at        TEXT NOT NULL,
            accepted_at       TEXT,
            updated_at        TEXT NOT NULL,
            validation_report TEXT,
            last_error        TEXT
        );

        -- Listing open requests reads only the rows with an open status.
        CREATE INDEX requests_by_status ON requests (status, number);
        CREATE INDEX requests_by_tenant ON requests (tenant, status);

        CREATE TABLE events (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            request_number INTEGER NOT NULL REFERENCES requests (number),
            at             TEXT NOT NULL,
            actor          TEXT NOT NULL,
            old_status     TEXT,
            new_status     TEXT NOT NULL,
            note           TEXT
        );

        CREATE INDEX events_by_request ON events (request_number, id);

        -- History is never rewritten.
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN
            SELECT RAISE(ABORT, 'ledger events are append-only');
        END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN
            SELECT RAISE(ABORT, 'ledger events are append-only');
        END;
    "#,
    },
    Migration {
        version: 2,
        description: "move validation reports out of request rows, index requests by acceptance time",
        sql: r#"
        -- A validation report is a few kilobytes, and SQLite reaches the
        -- columns stored after it only by reading its overflow pages, so
        -- every list read the reports it never shows. Only 'requests show'
        -- needs them.
        -- NOTE: the space the reports took stays in the file as free pages
        -- that later writes reuse; VACUUM returns it. For 100,000 requests
        -- this step took 2.9 s and the file grew from 450 to 840 MiB.
        CREATE TABLE validation_reports (
            request_number INTEGER PRIMARY KEY REFERENCES requests (number),
            report         TEXT NOT NULL
        );
        INSERT INTO validation_reports (request_number, report)
            SELECT number, validation_report FROM requests WHERE validation_report IS NOT NULL;
        ALTER TABLE requests DROP COLUMN validation_report;

        -- Activation windows end in the order the backend accepted the
        -- requests, so a list in window order reads closed requests through
        -- this index one row at a time instead of sorting them all.
        CREATE INDEX requests_by_acceptance ON requests (accepted_at, number);
    "#,
    },
];

impl Migration {
    /// The SQL, for tests that build a ledger at an older version.
    #[cfg(test)]
    pub(super) fn sql(&self) -> &'static str {
        self.sql
    }
}

/// Returns the newest schema version this build supports.
pub fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |migration| migration.version)
}

/// Reads `PRAGMA user_version`.
pub fn read_version(connection: &Connection) -> rusqlite::Result<u32> {
    connection.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Applies every migration newer than the file's version. Returns the ones
/// this call applied; a migration another process applied meanwhile is
/// skipped.
pub fn migrate(
    connection: &mut Connection,
    on_applied: &mut dyn FnMut(&AppliedMigration),
) -> rusqlite::Result<Vec<AppliedMigration>> {
    let mut applied = Vec::new();
    for migration in MIGRATIONS {
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if read_version(&transaction)? >= migration.version {
            continue;
        }

        transaction.execute_batch(migration.sql)?;
        transaction.pragma_update(None, "user_version", migration.version)?;
        transaction.commit()?;

        let record = AppliedMigration {
            version: migration.version,
            description: migration.description,
        };
        on_applied(&record);
        applied.push(record);
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_versions_increase_by_one() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(
                migration.version as usize,
                index + 1,
                "{}",
                migration.description
            );
        }
    }

    #[test]
    fn migrate_twice_applies_once() {
        let mut connection = Connection::open_in_memory().unwrap();
        let mut logged = Vec::new();

        let first = migrate(&mut connection, &mut |step| logged.push(step.version)).unwrap();
        assert_eq!(first.len(), MIGRATIONS.len());
        assert_eq!(read_version(&connection).unwrap(), latest_version());

        let second = migrate(&mut connection, &mut |step| logged.push(step.version)).unwrap();
        assert!(second.is_empty());
        assert_eq!(logged, (1..=latest_version()).collect::<Vec<_>>());
    }
}
