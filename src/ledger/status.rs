//! Request statuses and the lifecycle rules between them.
//!
//! ```text
//! draft ──push ok──▶ submitted ──▶ in_progress ──▶ active
//!   │                   │  │             │
//!   │                   │  └─────────────┴──────▶ failed
//!   └───────────────────┴─────────────┴──────▶ cancelled
//! ```
//!
//! `active`, `failed` and `cancelled` are closed: nothing follows them. A
//! failed activation is retried by recording a new request, so the history of
//! the failed one stays as it was.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// Lifecycle state of a request. The text forms are stored in the ledger
/// and printed in JSON, so they must not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Stored locally, not yet accepted by the backend.
    Draft,
    /// Accepted by the backend (its `pending`), waiting for work to start.
    Submitted,
    InProgress,
    Active,
    Failed,
    Cancelled,
}

/// The statuses a request can leave again; every other status is closed.
pub const OPEN_STATUSES: [Status; 3] = [Status::Draft, Status::Submitted, Status::InProgress];

pub const ALL_STATUSES: [Status; 6] = [
    Status::Draft,
    Status::Submitted,
    Status::InProgress,
    Status::Active,
    Status::Failed,
    Status::Cancelled,
];

/// A status change the lifecycle does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", describe_refusal(*.from, *.to))]
pub struct TransitionError {
    pub from: Status,
    pub to: Status,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::InProgress => "in_progress",
            Status::Active => "active",
            Status::Failed => "failed",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn is_open(self) -> bool {
        OPEN_STATUSES.contains(&self)
    }

    /// Lists the statuses this one may change to, in lifecycle order.
    pub fn allowed_next(self) -> &'static [Status] {
        match self {
            Status::Draft => &[Status::Submitted, Status::Cancelled],
            Status::Submitted => &[
                Status::InProgress,
                Status::Active,
                Status::Failed,
                Status::Cancelled,
            ],
            Status::InProgress => &[Status::Active, Status::Failed, Status::Cancelled],
            Status::Active | Status::Failed | Status::Cancelled => &[],
        }
    }

    /// Checks one lifecycle step. This is the only place the lifecycle is
    /// decided; every status change in the ledger goes through it.
    pub fn check_transition(self, to: Status) -> Result<(), TransitionError> {
        if self.allowed_next().contains(&to) {
            Ok(())
        } else {
            Err(TransitionError { from: self, to })
        }
    }
}

fn describe_refusal(from: Status, to: Status) -> String {
    let allowed = from.allowed_next();
    if from == to {
        return format!("the request is already {from}");
    }
    if allowed.is_empty() {
        return format!(
            "cannot change a request from {from} to {to}: {from} is a closed status (record a new request instead)"
        );
    }

    let names: Vec<&str> = allowed.iter().map(|status| status.as_str()).collect();
    format!(
        "cannot change a request from {from} to {to}: from {from} it can only become {}",
        names.join(", ")
    )
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown status name, with the known ones for the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown status {name:?}: expected one of draft, submitted, in_progress, active, failed, cancelled"
)]
pub struct UnknownStatus {
    pub name: String,
}

impl FromStr for Status {
    type Err = UnknownStatus;

    /// Parses a status name. A hyphen is accepted for the underscore
    /// (`in-progress`), because command-line values are usually written so.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let normalized = text.trim().to_ascii_lowercase().replace('-', "_");
        ALL_STATUSES
            .into_iter()
            .find(|status| status.as_str() == normalized)
            .ok_or_else(|| UnknownStatus {
                name: text.to_string(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transition_table() {
        use Status::*;
        let allowed = [
            (Draft, Submitted),
            (Draft, Cancelled),
            (Submitted, InProgress),
            (Submitted, Active),
            (Submitted, Failed),
            (Submitted, Cancelled),
            (InProgress, Active),
            (InProgress, Failed),
            (InProgress, Cancelled),
        ];

        for from in ALL_STATUSES {
            for to in ALL_STATUSES {
                let expected = allowed.contains(&(from, to));
                assert_eq!(
                    from.check_transition(to).is_ok(),
                    expected,
                    "{from} -> {to}"
                );
            }
        }
    }

    #[test]
    fn refusal_names_allowed_statuses() {
        let error = Status::Submitted
            .check_transition(Status::Draft)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("in_progress, active, failed, cancelled"),
            "{error}"
        );

        let error = Status::Active
            .check_transition(Status::InProgress)
            .unwrap_err()
            .to_string();
        assert!(error.contains("active is a closed status"), "{error}");

        let error = Status::Draft
            .check_transition(Status::Draft)
            .unwrap_err()
            .to_string();
        assert!(error.contains("already draft"), "{error}");
    }

    #[test]
    fn status_parse_round_trip() {
        for status in ALL_STATUSES {
            assert_eq!(status.as_str().parse::<Status>(), Ok(status));
        }
        assert_eq!("In-Progress".parse::<Status>(), Ok(Status::InProgress));
        assert!("pending".parse::<Status>().is_err());
    }

    #[test]
    fn open_statuses_are_the_ones_that_can_change() {
        for status in ALL_STATUSES {
            assert_eq!(
                status.is_open(),
                !status.allowed_next().is_empty(),
                "{status}"
            );
        }
    }
}
