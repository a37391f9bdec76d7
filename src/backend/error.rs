//! Typed reason for a failed backend call: an error body the backend
//! sent, a status it was not expected to send, a transport failure, or a
//! response that could not be read. Commands branch on it (exit code 4, the
//! `auth login` hint, whether a cancel may proceed locally) instead of on
//! message text.

use std::fmt;
use std::time::Duration;

use crate::text::one_line;

/// The contract call that failed. It decides what a status means: a `404`
/// on submit is an unknown tenant, but on a status query it means nothing
/// was submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    Submit,
    ConfigStatus,
    Cancel,
    SecuritySettings,
    ListUsers,
    AddUser,
    EditUser,
}

impl Call {
    fn describe(self) -> &'static str {
        match self {
            Call::Submit => "submitting the Okta config",
            Call::ConfigStatus => "reading the activation status",
            Call::Cancel => "cancelling the request",
            Call::SecuritySettings => "reading the security settings",
            Call::ListUsers => "listing admin users",
            Call::AddUser => "adding an admin user",
            Call::EditUser => "editing an admin user",
        }
    }
}

/// Kind of transport failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// No response within the timeout.
    Timeout,
    /// No connection could be made; nothing was sent.
    Connect,
    /// The TLS handshake failed, for example on an untrusted certificate.
    /// Retrying cannot help.
    Tls,
    /// The connection broke after the request was sent, before a complete
    /// response arrived.
    Interrupted,
}

/// The failure itself, without the call it happened in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// Error body that the backend returned.
    Api { status: u16, code: String, message: String, field: Option<String> },
    /// A status the call does not expect, without a readable error body.
    UnexpectedStatus { status: u16 },
    /// No usable response arrived.
    Transport { kind: TransportKind, detail: String },
    /// The response's status was expected but its body could not be read.
    Malformed { status: u16, detail: String },
    /// The call's URL could not be built, for example from a tenant name
    /// that cannot be a host name. Nothing was sent.
    InvalidUrl { detail: String },
}

impl ErrorKind {
    /// Replaces every occurrence of `secret` in the text taken from the
    /// response with `****`. A backend or proxy that echoes request headers
    /// in its error messages would otherwise put the API token into text
    /// that is printed and stored in the ledger as a request's last error.
    pub fn without_secret(self, secret: &str) -> ErrorKind {
        if secret.is_empty() {
            return self;
        }
        let scrub = |text: String| text.replace(secret, "****");
        match self {
            ErrorKind::Api { status, code, message, field } => {
                ErrorKind::Api { status, code: scrub(code), message: scrub(message), field: field.map(scrub) }
            }
            ErrorKind::Transport { kind, detail } => ErrorKind::Transport { kind, detail: scrub(detail) },
            ErrorKind::Malformed { status, detail } => ErrorKind::Malformed { status, detail: scrub(detail) },
            other @ (ErrorKind::UnexpectedStatus { .. } | ErrorKind::InvalidUrl { .. }) => other,
        }
    }
}

/// Advice after the backend rejected the token (`401`) or its rights (`403`).
pub const UNAUTHORIZED_HINT: &str = "run 'cake-okta auth login' to store a valid API token, or set CAKE_OKTA_TOKEN";

/// A failed backend call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackendError {
    pub call: Call,
    /// Tenant the call was about.
    pub tenant: String,
    /// URL of the call, without credentials.
    pub url: String,
    /// Boxed, because results carry this error and should stay small.
    pub kind: Box<ErrorKind>,
    /// Attempts made, retries included.
    pub attempts: u32,
    /// Time spent on all attempts and the waits between them.
    pub elapsed: Duration,
    /// Wait requested by the last retryable response (`Retry-After`) when it
    /// was longer than the client allows, so retrying stopped early.
    pub retry_after_refused: Option<Duration>,
}

impl BackendError {
    /// Returns the HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self.kind.as_ref() {
            ErrorKind::Api { status, .. }
            | ErrorKind::UnexpectedStatus { status }
            | ErrorKind::Malformed { status, .. } => Some(*status),
            ErrorKind::Transport { .. } | ErrorKind::InvalidUrl { .. } => None,
        }
    }

    /// Returns true when the backend rejected the token (`401`) or its
    /// rights (`403`).
    pub fn is_unauthorized(&self) -> bool {
        matches!(self.status(), Some(401 | 403))
    }

    /// Returns true for a failure that may not recur when the same call is
    /// retried: no usable response, rate limiting (`429`) or a server error
    /// (`5xx`).
    pub fn is_transient(&self) -> bool {
        match self.kind.as_ref() {
            ErrorKind::Transport { .. } | ErrorKind::Malformed { .. } => true,
            ErrorKind::Api { status, .. } | ErrorKind::UnexpectedStatus { status } => {
                matches!(status, 429 | 500..=599)
            }
            ErrorKind::InvalidUrl { .. } => false,
        }
    }

    /// Returns the code of the backend's error body, when it sent one.
    pub fn code(&self) -> Option<&str> {
        match self.kind.as_ref() {
            ErrorKind::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    /// Returns advice for the user, when there is a clear next step. Every error
    /// report and every command that shows a backend failure takes the
    /// advice from here, so a rejected token always ends with `auth login`.
    pub fn hint(&self) -> Option<&'static str> {
        if self.is_unauthorized() {
            return Some(UNAUTHORIZED_HINT);
        }
        if self.status() == Some(404) && matches!(self.call, Call::Submit | Call::SecuritySettings) {
            return Some("check the tenant name: the backend identifies each tenant by the host name of its CAKE admin site");
        }
        match self.kind.as_ref() {
            ErrorKind::Transport { kind: TransportKind::Tls, .. } => Some(
                "check the backend_url of the profile, or trust the backend's CA with --ca-cert or network.ca_file",
            ),
            ErrorKind::Transport { .. } => Some("check the network and the profile's backend_url ('cake-okta config show')"),
            _ => None,
        }
    }

    /// Describes what the status means for this call.
    fn meaning(&self, status: u16) -> String {
        let tenant = one_line(&self.tenant);
        match (self.call, status) {
            (_, 401) => "the API token is missing, expired or invalid".into(),
            (_, 403) => "the API token lacks the rights for this call".into(),
            (Call::Submit | Call::SecuritySettings, 404) => format!("the backend does not know tenant {tenant}"),
            (Call::ConfigStatus, 404) => format!("the backend has no Okta config submitted for tenant {tenant}"),
            (Call::Cancel, 404) => format!("the backend does not know this request for tenant {tenant}"),
            (Call::EditUser, 404) => "the backend does not know this user id".into(),
            (Call::Submit, 409) => {
                format!("another request with a different config is already open for tenant {tenant}")
            }
            (Call::Cancel, 409) => "the backend has already activated the request, so it can no longer be cancelled".into(),
            (Call::AddUser, 409) => "a user with this email already exists".into(),
            (_, 422) => "the backend rejected a field as invalid".into(),
            (_, 429) => "the backend is rate limiting requests".into(),
            (_, 500..=599) => "the backend failed to handle the request".into(),
            (_, status) => format!("unexpected HTTP status {status}"),
        }
    }

    /// Describes the failure without the call and tenant, such as "could
    /// not connect (...)" or "the API token is missing, expired or invalid
    /// (HTTP 401, ...)".
    pub fn reason(&self) -> String {
        match self.kind.as_ref() {
            ErrorKind::Api { status, code, message, field } => {
                let field = field.as_deref().map(|field| format!(", field {}", one_line(field))).unwrap_or_default();
                format!(
                    "{} (HTTP {status}, {}{field}: {})",
                    self.meaning(*status),
                    one_line(code),
                    one_line(message)
                )
            }
            ErrorKind::UnexpectedStatus { status } => format!("{} (HTTP {status})", self.meaning(*status)),
            ErrorKind::Transport { kind, detail } => {
                let what = match kind {
                    TransportKind::Timeout => "no response before the timeout",
                    TransportKind::Connect => "could not connect",
                    TransportKind::Tls => "the TLS handshake failed",
                    TransportKind::Interrupted => "the connection closed before a complete response arrived",
                };
                format!("{what} ({})", one_line(detail))
            }
            ErrorKind::Malformed { status, detail } => {
                format!("the response (HTTP {status}) could not be read: {}", one_line(detail))
            }
            ErrorKind::InvalidUrl { detail } => one_line(detail),
        }
    }
}

impl fmt::Display for BackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} for tenant {} failed: {}", self.call.describe(), one_line(&self.tenant), self.reason())?;
        if self.attempts > 1 {
            write!(f, "; gave up after {} attempts in {:.1} s", self.attempts, self.elapsed.as_secs_f64())?;
        }
        if let Some(wait) = self.retry_after_refused {
            write!(f, "; the backend asked to wait {} s before retrying", wait.as_secs())?;
        }
        write!(f, " [{}]", self.url)
    }
}

impl std::error::Error for BackendError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(call: Call, kind: ErrorKind) -> BackendError {
        BackendError {
            call,
            tenant: "acme".into(),
            url: "https://backend.test/v1/tenants/acme/sso/okta".into(),
            kind: Box::new(kind),
            attempts: 1,
            elapsed: Duration::from_millis(20),
            retry_after_refused: None,
        }
    }

    fn api(status: u16) -> ErrorKind {
        ErrorKind::Api { status, code: "code".into(), message: "backend said so".into(), field: None }
    }

    #[test]
    fn status_meaning_depends_on_call() {
        let cases = [
            (Call::Submit, 404, "does not know tenant acme"),
            (Call::ConfigStatus, 404, "no Okta config submitted"),
            (Call::Submit, 409, "different config is already open"),
            (Call::Cancel, 409, "already activated"),
            (Call::AddUser, 409, "email already exists"),
            (Call::Submit, 422, "rejected a field as invalid"),
            (Call::Submit, 401, "missing, expired or invalid"),
            (Call::Submit, 503, "failed to handle"),
            (Call::Submit, 418, "unexpected HTTP status 418"),
        ];
        for (call, status, expected) in cases {
            let text = error(call, api(status)).to_string();
            assert!(text.contains(expected), "{call:?} {status}: {text}");
            assert!(text.contains("backend said so"), "{text}");
        }
    }

    #[test]
    fn unauthorized_hint_names_auth_login() {
        for status in [401, 403] {
            let failure = error(Call::ConfigStatus, ErrorKind::UnexpectedStatus { status });
            assert!(failure.is_unauthorized());
            assert!(failure.hint().unwrap().contains("cake-okta auth login"));
        }
        assert!(!error(Call::Submit, api(409)).is_unauthorized());
    }

    #[test]
    fn transient_failures_table() {
        let transport = ErrorKind::Transport { kind: TransportKind::Timeout, detail: "timed out".into() };
        let cases = [
            (transport, true),
            (ErrorKind::Malformed { status: 202, detail: "not JSON".into() }, true),
            (ErrorKind::UnexpectedStatus { status: 429 }, true),
            (api(503), true),
            (api(500), true),
            (api(401), false),
            (api(404), false),
            (api(409), false),
            (api(422), false),
            (ErrorKind::InvalidUrl { detail: "bad tenant".into() }, false),
        ];
        for (kind, expected) in cases {
            let text = format!("{kind:?}");
            assert_eq!(error(Call::Submit, kind).is_transient(), expected, "{text}");
        }
    }

    #[test]
    fn unknown_tenant_hint_names_tenant_name() {
        let hint = error(Call::Submit, api(404)).hint().unwrap();
        assert!(hint.contains("check the tenant name"), "{hint}");
        assert_eq!(error(Call::ConfigStatus, api(404)).hint(), None);
    }

    #[test]
    fn control_characters_stripped_from_message() {
        let kind = ErrorKind::Api {
            status: 422,
            code: "invalid\x1b[2J".into(),
            message: "bad \x1b]0;title\x07issuer".into(),
            field: Some("issuer".into()),
        };
        let text = error(Call::Submit, kind).to_string();
        assert!(!text.contains('\x1b'), "{text:?}");
        assert!(!text.contains('\x07'), "{text:?}");
        assert!(text.contains("field issuer"), "{text}");
    }

    #[test]
    fn attempts_reported_after_retries() {
        let mut failure = error(Call::Submit, ErrorKind::UnexpectedStatus { status: 503 });
        failure.attempts = 4;
        failure.elapsed = Duration::from_millis(2500);
        assert!(failure.to_string().contains("gave up after 4 attempts in 2.5 s"), "{failure}");
    }
}
