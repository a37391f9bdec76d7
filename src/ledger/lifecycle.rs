//! Changes to recorded requests: status changes with their event, notes,
//! push errors and the acceptance time. Each is one transaction.

use anyhow::Context as _;
use jiff::Timestamp;
use rusqlite::{Connection, params};

use super::error::{RequestNotFound, StatusConflict};
use super::events::insert_event;
use super::requests::{Request, RequestRef, select_one};
use super::status::Status;
use super::{Ledger, format_time};

/// A status change to record.
#[derive(Debug, Clone)]
pub struct StatusChange<'a> {
    pub number: i64,
    /// Status the caller last saw. The change is refused with
    /// [`StatusConflict`] when the request has moved on since.
    pub expected: Status,
    pub to: Status,
    pub actor: &'a str,
    pub note: Option<&'a str>,
    pub at: Timestamp,
    /// Acceptance time to store with the change, for a push the backend
    /// accepted. An acceptance time already stored is kept.
    pub accepted_at: Option<Timestamp>,
}

impl Ledger {
    /// Changes a request's status and appends the event, in one transaction.
    /// The change must be allowed by the lifecycle
    /// ([`Status::check_transition`]) and the request must still have the
    /// expected status. A change to `submitted` clears the last push error.
    pub fn change_status(&mut self, change: &StatusChange) -> anyhow::Result<Request> {
        self.write(|transaction, path| {
            let current = require(transaction, change.number, path)?;
            if current.status != change.expected {
                return Err(StatusConflict {
                    number: change.number,
                    expected: change.expected,
                    actual: current.status,
                }
                .into());
            }
            current.status.check_transition(change.to)?;

            let updated = transaction
                .execute(
                    "UPDATE requests
                     SET status = ?1, updated_at = ?2,
                         accepted_at = coalesce(accepted_at, ?3),
                         last_error = CASE WHEN ?1 = 'submitted' THEN NULL ELSE last_error END
                     WHERE number = ?4 AND status = ?5",
                    params![
                        change.to.as_str(),
                        format_time(change.at),
                        change.accepted_at.map(format_time),
                        change.number,
                        change.expected.as_str(),
                    ],
                )
                .with_context(|| {
                    format!("failed to change the status of request #{}", change.number)
                })?;
            // The write lock is held since the read above, so the row cannot
            // have changed; the status condition guards against a mistake here.
            anyhow::ensure!(
                updated == 1,
                "request #{} changed while it was being updated",
                change.number
            );

            insert_event(
                transaction,
                change.number,
                change.at,
                change.actor,
                Some(current.status),
                change.to,
                change.note,
            )?;
            require(transaction, change.number, path)
        })
    }

    /// Appends a note to a request's history without changing its status.
    pub fn add_note(
        &mut self,
        number: i64,
        actor: &str,
        note: &str,
        at: Timestamp,
    ) -> anyhow::Result<()> {
        self.write(|transaction, path| {
            let current = require(transaction, number, path)?;
            insert_event(
                transaction,
                number,
                at,
                actor,
                Some(current.status),
                current.status,
                Some(note),
            )?;
            touch(transaction, number, at)
        })
    }

    /// Stores the message of a failed push; the status stays as it is.
    pub fn record_push_error(
        &mut self,
        number: i64,
        message: &str,
        at: Timestamp,
    ) -> anyhow::Result<()> {
        self.write(|transaction, path| {
            require(transaction, number, path)?;
            transaction
                .execute(
                    "UPDATE requests SET last_error = ?1, updated_at = ?2 WHERE number = ?3",
                    params![message, format_time(at), number],
                )
                .with_context(|| format!("failed to record the push error of request #{number}"))?;
            Ok(())
        })
    }

    /// Stores when the backend accepted a request, replacing an earlier
    /// value; the activation window is counted from it.
    pub fn set_accepted_at(
        &mut self,
        number: i64,
        accepted_at: Timestamp,
        at: Timestamp,
    ) -> anyhow::Result<()> {
        self.write(|transaction, path| {
            require(transaction, number, path)?;
            transaction
                .execute(
                    "UPDATE requests SET accepted_at = ?1, updated_at = ?2 WHERE number = ?3",
                    params![format_time(accepted_at), format_time(at), number],
                )
                .with_context(|| {
                    format!("failed to store the acceptance time of request #{number}")
                })?;
            Ok(())
        })
    }
}

fn require(
    connection: &Connection,
    number: i64,
    path: &std::path::Path,
) -> anyhow::Result<Request> {
    let reference = RequestRef::Number(number);
    select_one(connection, &reference, path)?.ok_or_else(|| {
        RequestNotFound {
            reference: reference.to_string(),
            path: path.to_path_buf(),
        }
        .into()
    })
}

fn touch(connection: &Connection, number: i64, at: Timestamp) -> anyhow::Result<()> {
    connection
        .execute(
            "UPDATE requests SET updated_at = ?1 WHERE number = ?2",
            params![format_time(at), number],
        )
        .with_context(|| format!("failed to update request #{number}"))?;
    Ok(())
}
