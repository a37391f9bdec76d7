//! Events: the append-only history of a request. Each status change adds one,
//! and so does a note that changes nothing (old and new status equal). A
//! trigger in the schema rejects updates and deletes.

use anyhow::Context as _;
use jiff::Timestamp;
use rusqlite::{Connection, Row, params};

use super::status::Status;
use super::{Ledger, format_time, parse_time};

/// One entry in a request's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: i64,
    pub request_number: i64,
    pub at: Timestamp,
    /// Staff member who made the change: the configured staff name, else the
    /// operating-system user.
    pub actor: String,
    /// Status before the event; `None` for the event that recorded the
    /// request.
    pub old_status: Option<Status>,
    pub new_status: Status,
    pub note: Option<String>,
}

impl Ledger {
    /// Lists the events of a request, oldest first.
    pub fn events(&self, request_number: i64) -> anyhow::Result<Vec<Event>> {
        let read = || -> rusqlite::Result<Vec<Event>> {
            let mut statement = self.connection.prepare(
                "SELECT id, request_number, at, actor, old_status, new_status, note
                 FROM events WHERE request_number = ?1 ORDER BY id",
            )?;
            let rows = statement.query_map([request_number], read_event)?;
            rows.collect()
        };
        read().map_err(|error| super::files::classify(&self.path, error))
    }
}

pub(super) fn insert_event(
    connection: &Connection,
    request_number: i64,
    at: Timestamp,
    actor: &str,
    old_status: Option<Status>,
    new_status: Status,
    note: Option<&str>,
) -> anyhow::Result<()> {
    connection
        .execute(
            "INSERT INTO events (request_number, at, actor, old_status, new_status, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                request_number,
                format_time(at),
                actor,
                old_status.map(Status::as_str),
                new_status.as_str(),
                note,
            ],
        )
        .with_context(|| format!("failed to record an event for request #{request_number}"))?;
    Ok(())
}

fn read_event(row: &Row) -> rusqlite::Result<Event> {
    let parse_status = |text: String| {
        text.parse::<Status>().map_err(|error| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                Box::new(error),
            )
        })
    };

    Ok(Event {
        id: row.get("id")?,
        request_number: row.get("request_number")?,
        at: parse_time(&row.get::<_, String>("at")?)?,
        actor: row.get("actor")?,
        old_status: row
            .get::<_, Option<String>>("old_status")?
            .map(parse_status)
            .transpose()?,
        new_status: parse_status(row.get("new_status")?)?,
        note: row.get("note")?,
    })
}
