//! Requests: recording a new one together with its first event, reading one
//! by number or UUID, and listing with filters.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use anyhow::Context as _;
use jiff::Timestamp;
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use serde::Serialize;
use uuid::Uuid;

use super::error::RequestNotFound;
use super::events::insert_event;
use super::status::{OPEN_STATUSES, Status};
use super::{Ledger, format_time, parse_time};

/// The sign-in option a tenant asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IntegrationOption {
    /// Username and password stay, and a "Login with Okta" button is added.
    Hybrid,
    /// Only the "Login with Okta" button is shown.
    OktaOnly,
}

impl IntegrationOption {
    /// Returns the text stored in the ledger and sent to the backend.
    pub fn as_str(self) -> &'static str {
        match self {
            IntegrationOption::Hybrid => "hybrid",
            IntegrationOption::OktaOnly => "okta_only",
        }
    }
}

/// Shows the option as it is typed on the command line (`okta-only`), for
/// people; [`IntegrationOption::as_str`] is the stored and sent spelling.
impl fmt::Display for IntegrationOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IntegrationOption::Hybrid => "hybrid",
            IntegrationOption::OktaOnly => "okta-only",
        })
    }
}

impl FromStr for IntegrationOption {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> anyhow::Result<Self> {
        match text.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "hybrid" => Ok(IntegrationOption::Hybrid),
            "okta_only" => Ok(IntegrationOption::OktaOnly),
            _ => anyhow::bail!("unknown integration option {text:?}: expected hybrid or okta-only"),
        }
    }
}

/// A request about to be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    pub tenant: String,
    pub client_ids: Vec<String>,
    /// Issuer exactly as the client sent it.
    pub issuer_input: String,
    /// Issuer after validation; the value stored and sent.
    pub issuer: String,
    pub option: IntegrationOption,
    pub ticket: Option<String>,
    pub contact: Option<String>,
    pub note: Option<String>,
    /// JSON text of the issuer validation report.
    pub validation_report: Option<String>,
}

/// A recorded request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Short local number people use ("#42").
    pub number: i64,
    /// UUID sent to the backend as the idempotency key.
    pub id: Uuid,
    pub tenant: String,
    pub client_ids: Vec<String>,
    pub issuer_input: String,
    pub issuer: String,
    pub option: IntegrationOption,
    pub ticket: Option<String>,
    pub contact: Option<String>,
    pub note: Option<String>,
    pub status: Status,
    pub created_at: Timestamp,
    /// When the backend accepted the request; the activation window starts
    /// here.
    pub accepted_at: Option<Timestamp>,
    pub updated_at: Timestamp,
    /// JSON text of the last issuer validation report.
    pub validation_report: Option<String>,
    /// Message of the last failed push, cleared by a successful one.
    pub last_error: Option<String>,
}

/// A field in which a new request differs from a recorded one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub field: &'static str,
    pub recorded: String,
    pub new: String,
}

impl Request {
    /// Lists the fields the backend acts on (client IDs, issuer, option) in
    /// which `new` differs from this request. Client IDs are compared as a
    /// set, because their order carries no meaning.
    pub fn differences(&self, new: &NewRequest) -> Vec<Difference> {
        let mut differences = Vec::new();

        let recorded_ids: BTreeSet<&String> = self.client_ids.iter().collect();
        let new_ids: BTreeSet<&String> = new.client_ids.iter().collect();
        if recorded_ids != new_ids {
            differences.push(Difference {
                field: "client IDs",
                recorded: self.client_ids.join(", "),
                new: new.client_ids.join(", "),
            });
        }
        if self.issuer != new.issuer {
            differences.push(Difference {
                field: "issuer",
                recorded: self.issuer.clone(),
                new: new.issuer.clone(),
            });
        }
        if self.option != new.option {
            differences.push(Difference {
                field: "option",
                recorded: self.option.to_string(),
                new: new.option.to_string(),
            });
        }
        differences
    }
}

/// Reference to a request as people and scripts type it: the local number
/// (`42` or `#42`) or the UUID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestRef {
    Number(i64),
    Id(Uuid),
}

impl FromStr for RequestRef {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> anyhow::Result<Self> {
        let trimmed = text.trim();
        let digits = trimmed.strip_prefix('#').unwrap_or(trimmed);
        if let Ok(number) = digits.parse::<i64>()
            && number > 0
        {
            return Ok(RequestRef::Number(number));
        }
        if let Ok(id) = Uuid::parse_str(trimmed) {
            return Ok(RequestRef::Id(id));
        }
        anyhow::bail!(
            "invalid request reference {text:?}: expected a request number such as 42 or #42, or a request UUID"
        )
    }
}

impl fmt::Display for RequestRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestRef::Number(number) => write!(f, "#{number}"),
            RequestRef::Id(id) => write!(f, "{id}"),
        }
    }
}

/// Filter for listing requests. Empty `statuses` means every status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFilter {
    pub statuses: Vec<Status>,
    pub tenant: Option<String>,
}

impl RequestFilter {
    /// Requests that are still open (draft, submitted, in progress).
    pub fn open() -> RequestFilter {
        RequestFilter {
            statuses: OPEN_STATUSES.to_vec(),
            tenant: None,
        }
    }
}

/// Order in which [`Ledger::visit_requests`] passes requests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitOrder {
    /// By request number.
    Number,
    /// Requests the backend accepted, by acceptance time and then number,
    /// followed by the others by number. Activation windows end in this
    /// order, because each one is counted from the acceptance date.
    Acceptance,
}

/// The result of recording a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    New(Request),
    /// An open request for the same tenant with the same client IDs, issuer
    /// and option already exists; nothing was written.
    AlreadyRecorded(Request),
}

/// Another process recorded a request for the tenant after the user reviewed
/// the open ones, so the confirmation no longer covers what is in the ledger.
#[derive(Debug, thiserror::Error)]
#[error(
    "another request for {tenant} was recorded meanwhile (#{number}); run the command again to review it"
)]
pub struct TenantChanged {
    pub tenant: String,
    pub number: i64,
}

/// Columns of a request, in the order [`read_request`] reads them. The
/// validation report lives in its own table, so rows read by lists stay
/// small; see the second migration.
const COLUMNS: &str = "number, id, tenant, client_ids, issuer_input, issuer, option, ticket, contact, note, \
     status, created_at, accepted_at, updated_at, last_error, validation_reports.report";

/// Rows of [`COLUMNS`]: every request with its validation report, if any.
const FROM_REQUESTS_AND_REPORTS: &str =
    "FROM requests LEFT JOIN validation_reports ON validation_reports.request_number = requests.number";

/// [`COLUMNS`] without the validation report, which is a few kilobytes per
/// request and not part of a listing.
const LIST_COLUMNS: &str = "number, id, tenant, client_ids, issuer_input, issuer, option, ticket, contact, note, \
     status, created_at, accepted_at, updated_at, last_error, NULL";

impl Ledger {
    /// Records a request as a draft, with its first event, in one transaction
    /// that also assigns its number, so concurrent processes never share one.
    ///
    /// `reviewed_open` lists the open requests for the tenant that the user
    /// saw before confirming. When an identical open request exists, nothing
    /// is written and it is returned. When an open request outside
    /// `reviewed_open` exists, the call fails with [`TenantChanged`].
    pub fn insert_request(
        &mut self,
        new: &NewRequest,
        reviewed_open: &[i64],
        actor: &str,
        now: Timestamp,
    ) -> anyhow::Result<Recorded> {
        self.write(|transaction, path| {
            let filter = RequestFilter {
                statuses: OPEN_STATUSES.to_vec(),
                tenant: Some(new.tenant.clone()),
            };
            let open = select_requests(transaction, &filter, path)?;
            if let Some(same) = open
                .iter()
                .find(|request| request.differences(new).is_empty())
            {
                return Ok(Recorded::AlreadyRecorded(same.clone()));
            }
            if let Some(unseen) = open
                .iter()
                .find(|request| !reviewed_open.contains(&request.number))
            {
                return Err(TenantChanged {
                    tenant: new.tenant.clone(),
                    number: unseen.number,
                }
                .into());
            }

            let number = insert_row(transaction, new, now).with_context(|| {
                format!(
                    "failed to record the request in the ledger {}",
                    path.display()
                )
            })?;
            insert_event(
                transaction,
                number,
                now,
                actor,
                None,
                Status::Draft,
                Some("recorded"),
            )?;
            let request = select_one(transaction, &RequestRef::Number(number), path)?;
            Ok(Recorded::New(request.context(
                "the request just recorded cannot be read back",
            )?))
        })
    }

    /// Reads one request, failing with [`RequestNotFound`] when it does not
    /// exist.
    pub fn request(&self, reference: &RequestRef) -> anyhow::Result<Request> {
        self.find_request(reference)?.ok_or_else(|| {
            RequestNotFound {
                reference: reference.to_string(),
                path: self.path.clone(),
            }
            .into()
        })
    }

    /// Reads one request, or `None` when it does not exist.
    pub fn find_request(&self, reference: &RequestRef) -> anyhow::Result<Option<Request>> {
        select_one(&self.connection, reference, &self.path)
    }

    /// Lists the requests that match `filter`, by number. Only rows with a
    /// listed status are read, through the status index.
    pub fn list_requests(&self, filter: &RequestFilter) -> anyhow::Result<Vec<Request>> {
        select_requests(&self.connection, filter, &self.path)
    }

    /// Passes each request that matches `filter` to `visit`, in `order`,
    /// reading one row at a time, so a listing of any length needs memory
    /// for one request only. The requests carry no validation report
    /// (`validation_report` is `None`); [`Ledger::request`] reads it.
    /// Stops at the first error `visit` returns and returns it.
    pub fn visit_requests(
        &self,
        filter: &RequestFilter,
        order: VisitOrder,
        visit: &mut dyn FnMut(Request) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let (queries, values) = visit_queries(filter, order);
        for sql in queries {
            visit_rows(&self.connection, &sql, &values, &self.path, visit)?;
        }
        Ok(())
    }
}

/// Builds the queries [`Ledger::visit_requests`] runs one after the other,
/// and the parameter values each of them takes.
pub(super) fn visit_queries(
    filter: &RequestFilter,
    order: VisitOrder,
) -> (Vec<String>, Vec<String>) {
    let (conditions, values) = filter_conditions(filter);
    // The acceptance index yields both parts already sorted: rows with equal
    // keys come by number, so no step sorts all rows. One tenant's requests
    // are few, so they are found through the tenant index and sorted.
    let select = match (order, &filter.tenant) {
        (VisitOrder::Acceptance, None) => {
            format!("SELECT {LIST_COLUMNS} FROM requests INDEXED BY requests_by_acceptance")
        }
        (VisitOrder::Acceptance, Some(_)) => {
            format!("SELECT {LIST_COLUMNS} FROM requests INDEXED BY requests_by_tenant")
        }
        (VisitOrder::Number, _) => format!("SELECT {LIST_COLUMNS} FROM requests"),
    };
    let queries = match order {
        VisitOrder::Number => vec![format!(
            "{select}{} ORDER BY number",
            where_clause(&conditions)
        )],
        VisitOrder::Acceptance => vec![
            format!(
                "{select}{} ORDER BY accepted_at, number",
                where_clause(&with_condition(&conditions, "accepted_at IS NOT NULL"))
            ),
            format!(
                "{select}{} ORDER BY number",
                where_clause(&with_condition(&conditions, "accepted_at IS NULL"))
            ),
        ],
    };
    (queries, values)
}

/// Runs one listing query and passes its rows on. SQLite errors get the
/// ledger's path; errors from `visit` are returned as they are.
fn visit_rows(
    connection: &Connection,
    sql: &str,
    values: &[String],
    path: &Path,
    visit: &mut dyn FnMut(Request) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let classify = |error| super::files::classify(path, error);
    let mut statement = connection.prepare(sql).map_err(classify)?;
    let mut rows = statement
        .query(params_from_iter(values.iter()))
        .map_err(classify)?;
    while let Some(row) = rows.next().map_err(classify)? {
        visit(read_request(row).map_err(classify)?)?;
    }
    Ok(())
}

/// Turns a filter into SQL conditions joined by `AND` and their parameter
/// values, in order.
fn filter_conditions(filter: &RequestFilter) -> (Vec<String>, Vec<String>) {
    let mut conditions = Vec::new();
    let mut values: Vec<String> = Vec::new();
    if !filter.statuses.is_empty() {
        let placeholders = vec!["?"; filter.statuses.len()].join(", ");
        conditions.push(format!("status IN ({placeholders})"));
        values.extend(
            filter
                .statuses
                .iter()
                .map(|status| status.as_str().to_string()),
        );
    }
    if let Some(tenant) = &filter.tenant {
        conditions.push("tenant = ?".to_string());
        values.push(tenant.clone());
    }
    (conditions, values)
}

fn with_condition(conditions: &[String], extra: &str) -> Vec<String> {
    let mut all = conditions.to_vec();
    all.push(extra.to_string());
    all
}

fn where_clause(conditions: &[String]) -> String {
    if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    }
}

fn insert_row(connection: &Connection, new: &NewRequest, now: Timestamp) -> anyhow::Result<i64> {
    let client_ids =
        serde_json::to_string(&new.client_ids).context("failed to encode the client IDs")?;
    let now = format_time(now);
    connection.execute(
        "INSERT INTO requests (id, tenant, client_ids, issuer_input, issuer, option, ticket, contact, note,
                               status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            Uuid::new_v4().to_string(),
            new.tenant,
            client_ids,
            new.issuer_input,
            new.issuer,
            new.option.as_str(),
            new.ticket,
            new.contact,
            new.note,
            Status::Draft.as_str(),
            now,
        ],
    )?;
    let number = connection.last_insert_rowid();

    if let Some(report) = &new.validation_report {
        connection.execute(
            "INSERT INTO validation_reports (request_number, report) VALUES (?1, ?2)",
            params![number, report],
        )?;
    }
    Ok(number)
}

pub(super) fn select_one(
    connection: &Connection,
    reference: &RequestRef,
    path: &Path,
) -> anyhow::Result<Option<Request>> {
    let (condition, key) = match reference {
        RequestRef::Number(number) => ("number = ?1", number.to_string()),
        RequestRef::Id(id) => ("id = ?1", id.to_string()),
    };
    let sql = format!("SELECT {COLUMNS} {FROM_REQUESTS_AND_REPORTS} WHERE {condition}");
    connection
        .query_row(&sql, [key], read_request)
        .optional()
        .map_err(|error| super::files::classify(path, error))
}

fn select_requests(
    connection: &Connection,
    filter: &RequestFilter,
    path: &Path,
) -> anyhow::Result<Vec<Request>> {
    let (conditions, values) = filter_conditions(filter);
    let sql = format!(
        "SELECT {COLUMNS} {FROM_REQUESTS_AND_REPORTS}{} ORDER BY number",
        where_clause(&conditions)
    );

    let read = || -> rusqlite::Result<Vec<Request>> {
        let mut statement = connection.prepare(&sql)?;
        let rows = statement.query_map(params_from_iter(values.iter()), read_request)?;
        rows.collect()
    };
    read().map_err(|error| super::files::classify(path, error))
}

/// Reads a row of [`COLUMNS`] or [`LIST_COLUMNS`]. Columns are read by
/// position: looking up sixteen names on every row took a fifth of the time
/// of listing 100,000 requests.
fn read_request(row: &Row) -> rusqlite::Result<Request> {
    Ok(Request {
        number: row.get(0)?,
        id: parse_column(row, 1, |text| Uuid::parse_str(text).map_err(Into::into))?,
        tenant: row.get(2)?,
        client_ids: parse_column(row, 3, |text| serde_json::from_str(text).map_err(Into::into))?,
        issuer_input: row.get(4)?,
        issuer: row.get(5)?,
        option: parse_column(row, 6, |text| text.parse().map_err(Into::into))?,
        ticket: row.get(7)?,
        contact: row.get(8)?,
        note: row.get(9)?,
        status: parse_column(row, 10, |text| text.parse().map_err(Into::into))?,
        created_at: parse_time(&row.get::<_, String>(11)?)?,
        accepted_at: row
            .get::<_, Option<String>>(12)?
            .as_deref()
            .map(parse_time)
            .transpose()?,
        updated_at: parse_time(&row.get::<_, String>(13)?)?,
        last_error: row.get(14)?,
        validation_report: row.get(15)?,
    })
}

type ParseError = Box<dyn std::error::Error + Send + Sync>;

/// Reads a text column and parses it, reporting a bad value as a conversion
/// error on that column.
fn parse_column<T>(
    row: &Row,
    index: usize,
    parse: impl FnOnce(&str) -> Result<T, ParseError>,
) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    parse(&text)
        .map_err(|error| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, error))
}
