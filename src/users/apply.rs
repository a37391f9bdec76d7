//! Carries out an import plan against the tenant's `/okta/users` API, one
//! row at a time, in file order.
//!
//! A rejection that concerns one row (`400`, `409`, `422`, or `404` for an
//! update, whose user id is unknown) marks that row failed and the run goes
//! on. Any other failure, which the client has
//! already retried where that is safe (a `5xx` after retries, a lost
//! connection, a rejected token), stops the run: the rows after it are
//! reported as not attempted. Running the same file again is safe, because
//! the new plan lists the site's users first and skips those already added.

use super::plan::{Action, PlannedRow, SkipReason};
use crate::backend::{BackendClient, BackendError, Call};

/// Outcome of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowOutcome {
    Added,
    Updated,
    Skipped(SkipReason),
    Failed,
    /// The run stopped before this row.
    NotAttempted,
}

/// One row's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowResult {
    pub line: u64,
    pub email: String,
    pub outcome: RowOutcome,
    /// Id of the user on the tenant's site, when known.
    pub id: Option<String>,
    /// Reason the row failed.
    pub error: Option<String>,
}

/// The results of a run, in file order.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub rows: Vec<RowResult>,
    /// The failure that stopped the run early, if one did.
    pub stopped: Option<BackendError>,
}

impl ImportReport {
    pub fn count(&self, wanted: impl Fn(RowOutcome) -> bool) -> usize {
        self.rows.iter().filter(|row| wanted(row.outcome)).count()
    }

    pub fn added(&self) -> usize {
        self.count(|outcome| outcome == RowOutcome::Added)
    }

    pub fn updated(&self) -> usize {
        self.count(|outcome| outcome == RowOutcome::Updated)
    }

    pub fn skipped(&self) -> usize {
        self.count(|outcome| matches!(outcome, RowOutcome::Skipped(_)))
    }

    pub fn failed(&self) -> usize {
        self.count(|outcome| outcome == RowOutcome::Failed)
    }

    pub fn not_attempted(&self) -> usize {
        self.count(|outcome| outcome == RowOutcome::NotAttempted)
    }
}

/// True when the site rejected the call for this one row, so the other
/// rows may still go through. A `404` on an add means the site has no user
/// API at that URL, which no other row can change.
pub fn is_row_error(error: &BackendError) -> bool {
    match error.status() {
        Some(400 | 409 | 422) => true,
        Some(404) => error.call == Call::EditUser,
        _ => false,
    }
}

/// Runs the plan, calling `on_row` after each row (for a progress bar).
pub fn apply_plan(
    client: &BackendClient,
    tenant: &str,
    plan: &[PlannedRow],
    on_row: &mut dyn FnMut(&RowResult),
) -> ImportReport {
    let mut rows = Vec::with_capacity(plan.len());
    let mut stopped = None;

    for planned in plan {
        let result = if stopped.is_some() {
            result_of(planned, RowOutcome::NotAttempted, None, None)
        } else {
            match apply_row(client, tenant, planned) {
                Ok(result) => result,
                Err(error) => {
                    let result = result_of(planned, RowOutcome::Failed, None, Some(error.to_string()));
                    if !is_row_error(&error) {
                        stopped = Some(error);
                    }
                    result
                }
            }
        };
        on_row(&result);
        rows.push(result);
    }

    ImportReport { rows, stopped }
}

fn apply_row(client: &BackendClient, tenant: &str, planned: &PlannedRow) -> Result<RowResult, BackendError> {
    match &planned.action {
        Action::Add(user) => {
            let added = client.add_user(tenant, user)?;
            Ok(result_of(planned, RowOutcome::Added, Some(added.id), None))
        }
        Action::Update { id, changes } => {
            let updated = client.edit_user(tenant, id, changes)?;
            Ok(result_of(planned, RowOutcome::Updated, Some(updated.id), None))
        }
        Action::Skip { id, reason } => Ok(result_of(planned, RowOutcome::Skipped(*reason), Some(id.clone()), None)),
    }
}

fn result_of(planned: &PlannedRow, outcome: RowOutcome, id: Option<String>, error: Option<String>) -> RowResult {
    let id = id.or_else(|| match &planned.action {
        Action::Update { id, .. } | Action::Skip { id, .. } => Some(id.clone()),
        Action::Add(_) => None,
    });
    RowResult { line: planned.line, email: planned.email.clone(), outcome, id, error }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::backend::{ErrorKind, TransportKind};

    fn error(call: Call, kind: ErrorKind) -> BackendError {
        BackendError {
            call,
            tenant: "acme.cake.example".into(),
            url: "https://acme.cake.example/okta/users".into(),
            kind: Box::new(kind),
            attempts: 1,
            elapsed: Duration::ZERO,
            retry_after_refused: None,
        }
    }

    #[test]
    fn row_errors_by_call_and_status() {
        let status = |status| ErrorKind::UnexpectedStatus { status };
        let cases = [
            (Call::AddUser, status(409), true),
            (Call::AddUser, status(422), true),
            (Call::AddUser, status(400), true),
            (Call::EditUser, status(404), true),
            (Call::AddUser, status(404), false),
            (Call::AddUser, status(500), false),
            (Call::EditUser, status(503), false),
            (Call::AddUser, status(401), false),
            (Call::AddUser, ErrorKind::Transport { kind: TransportKind::Connect, detail: "refused".into() }, false),
        ];
        for (call, kind, expected) in cases {
            let failure = error(call, kind);
            assert_eq!(is_row_error(&failure), expected, "{call:?} {:?}", failure.kind);
        }
    }
}
