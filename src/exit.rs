//! Exit codes and the errors that choose them.
//!
//! Commands return `anyhow::Result<Exit>`. An error ends with code 1 unless a
//! typed error in its chain requests another code, so no exit code ever
//! depends on the wording of a message.

use std::fmt;
use std::process::ExitCode;

use crate::backend::BackendError;

/// Process exit codes, as documented in `cake-okta help exit-codes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Error = 1,
    Usage = 2,
    CheckFailed = 3,
    NotPushed = 4,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

/// The command line was incomplete or contradictory (exit code 2).
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Builds a usage error (exit code 2) from a message.
pub fn usage_error(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// Advice printed after an error message, telling the user what to do next.
///
/// Build it with [`with_hint`], or with [`hint_over`] to keep a typed cause
/// in the chain.
#[derive(Debug)]
pub struct Hint {
    pub message: String,
    pub hint: String,
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Hint {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|source| source as &(dyn std::error::Error + 'static))
    }
}

/// Builds an error whose report ends with a line of advice.
pub fn with_hint(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    Hint { message: message.into(), hint: hint.into(), source: None }.into()
}

/// Builds an error with a line of advice over a cause, which stays in the
/// chain for [`code_for`] and for callers that downcast it.
pub fn hint_over(
    cause: impl std::error::Error + Send + Sync + 'static,
    message: impl Into<String>,
    hint: impl Into<String>,
) -> anyhow::Error {
    Hint { message: message.into(), hint: hint.into(), source: Some(Box::new(cause)) }.into()
}

/// A request was stored in the ledger but not pushed to the backend
/// (exit code 4). `cause` is the reason. The report ends with `hint`, the
/// step after fixing the cause (such as pushing the request again), after
/// the cause's own advice.
#[derive(Debug)]
pub struct NotPushed {
    pub number: i64,
    /// Kept as an `anyhow::Error`, so the typed errors and hints inside it
    /// stay reachable through the chain.
    pub cause: anyhow::Error,
    hint: Option<String>,
}

impl NotPushed {
    pub fn new(number: i64, cause: anyhow::Error, hint: Option<String>) -> NotPushed {
        NotPushed { number, cause, hint }
    }
}

impl fmt::Display for NotPushed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "request #{} is stored in the ledger but was not pushed to the backend", self.number)
    }
}

impl std::error::Error for NotPushed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        let cause: &(dyn std::error::Error + Send + Sync + 'static) = self.cause.as_ref();
        Some(cause)
    }
}

/// Chooses the exit code for an error from the typed errors in its chain.
pub fn code_for(error: &anyhow::Error) -> Exit {
    if error.chain().any(|cause| cause.is::<UsageError>()) {
        Exit::Usage
    } else if error.chain().any(|cause| cause.is::<NotPushed>()) {
        Exit::NotPushed
    } else {
        Exit::Error
    }
}

/// Returns true when the error is a closed stdout (for example `| head`),
/// which is a normal way for a reader to stop and not worth a message.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Collects the hints attached anywhere in the error chain, outermost first,
/// each once. A [`BackendError`] adds its own advice wherever it sits in the
/// chain, so every command that lets one through ends with the same next
/// step, such as `auth login` after a rejected token. The hint of a
/// [`NotPushed`] comes last, because it is the step after fixing the cause.
pub fn hints_of(error: &anyhow::Error) -> Vec<&str> {
    let mut hints: Vec<&str> = Vec::new();
    let mut last: Vec<&str> = Vec::new();
    for cause in error.chain() {
        let hint = if let Some(hint) = cause.downcast_ref::<Hint>() {
            Some(hint.hint.as_str())
        } else if let Some(stored) = cause.downcast_ref::<NotPushed>() {
            last.extend(stored.hint.as_deref());
            None
        } else {
            cause.downcast_ref::<BackendError>().and_then(BackendError::hint)
        };
        if let Some(hint) = hint.filter(|hint| !hints.contains(hint)) {
            hints.push(hint);
        }
    }
    hints.extend(last);
    hints
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::backend::{Call, ErrorKind};

    fn rejected(status: u16) -> BackendError {
        BackendError {
            call: Call::ConfigStatus,
            tenant: "acme".into(),
            url: "https://backend.test/v1/tenants/acme/sso/okta".into(),
            kind: Box::new(ErrorKind::UnexpectedStatus { status }),
            attempts: 1,
            elapsed: Duration::from_millis(5),
            retry_after_refused: None,
        }
    }

    #[test]
    fn hints_include_backend_advice() {
        for status in [401, 403] {
            let error = anyhow::Error::new(rejected(status)).context("request #1 could not be synced");
            let hints = hints_of(&error);
            assert_eq!(hints.len(), 1, "{status}: {hints:?}");
            assert!(hints[0].contains("cake-okta auth login"), "{status}: {hints:?}");
        }
    }

    #[test]
    fn hints_listed_once() {
        let cause = rejected(401);
        let hint = cause.hint().unwrap().to_string();
        let error = hint_over(cause, "failed to push", hint);
        assert_eq!(hints_of(&error).len(), 1);
    }

    #[test]
    fn not_pushed_hint_comes_last() {
        let cause = anyhow::Error::new(rejected(401)).context("failed to push request #7");
        let error = NotPushed::new(7, cause, Some("then push it again".into())).into();
        let hints = hints_of(&error);
        assert_eq!(hints.len(), 2, "{hints:?}");
        assert!(hints[0].contains("auth login"), "{hints:?}");
        assert_eq!(hints[1], "then push it again");
    }
}
