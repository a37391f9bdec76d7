//! Issuer validation: the checks run on an issuer URL, its discovery document,
//! its signing keys and the client IDs a tenant sent, and the report they build.
//!
//! Nothing here prints. Commands render a [`Report`] for people or as JSON.

use serde::Serialize;

/// Outcome of one check. The order matters: the verdict of a report is the
/// worst status among its checks, and `Skipped` never makes a verdict worse
/// than `Pass`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Skipped,
    Warn,
    Fail,
}

/// Overall verdict of a report: the worst status of its checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
}

/// Kind of authorization server an issuer names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServerType {
    /// The Okta org authorization server: the issuer is the bare org origin.
    OktaOrg,
    /// An Okta custom authorization server: `{origin}/oauth2/{id}`.
    OktaCustom,
    /// Anything that is not shaped like an Okta issuer.
    Other,
}

/// One finding. `id` is stable across releases, so scripts can match on it.
/// `hint` is plain advice that support staff can forward to the client, and
/// is present whenever the status is not `Pass`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub id: &'static str,
    pub status: Status,
    pub message: String,
    pub hint: Option<String>,
}

impl Check {
    pub fn pass(id: &'static str, message: impl Into<String>) -> Self {
        Check { id, status: Status::Pass, message: message.into(), hint: None }
    }

    pub fn warn(id: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Check { id, status: Status::Warn, message: message.into(), hint: Some(hint.into()) }
    }

    pub fn fail(id: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Check { id, status: Status::Fail, message: message.into(), hint: Some(hint.into()) }
    }

    pub fn skipped(id: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Check { id, status: Status::Skipped, message: message.into(), hint: Some(hint.into()) }
    }
}

/// Ids of failures whose cause is most likely on the machine that ran the
/// check rather than on the client's server. They cover the private-address
/// guard, a certificate this machine does not trust, a timeout and a
/// connection that could not be made.
pub const LOCAL_CHECK_IDS: [&str; 4] = [
    discovery::fetched::PRIVATE_ADDRESS_ID,
    discovery::fetched::TLS_CERTIFICATE_ID,
    discovery::fetched::TIMEOUT_ID,
    discovery::fetched::CONNECT_ID,
];

impl Report {
    /// Returns the checks that failed.
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|check| check.status == Status::Fail)
    }

    /// Returns true when checks failed and every failure has a local cause
    /// (see [`LOCAL_CHECK_IDS`]), so the client has nothing to fix yet.
    pub fn failures_are_local(&self) -> bool {
        let mut failures = self.failures().peekable();
        failures.peek().is_some() && failures.all(|check| LOCAL_CHECK_IDS.contains(&check.id))
    }

    /// Returns true when the discovery document, and so the signing keys,
    /// were never fetched: an offline run, or an issuer that failed its
    /// input checks.
    pub fn network_skipped(&self) -> bool {
        self.checks.iter().any(|check| check.id == discovery::DISCOVERY.fetch_id && check.status == Status::Skipped)
    }

    /// Returns true when a check of the issuer as typed failed.
    pub fn input_failed(&self) -> bool {
        self.failures().any(|check| check.id.starts_with("input."))
    }
}

/// Computes the verdict of a list of checks: the worst status wins.
pub fn verdict_of(checks: &[Check]) -> Verdict {
    match checks.iter().map(|check| check.status).max() {
        Some(Status::Fail) => Verdict::Fail,
        Some(Status::Warn) => Verdict::Warn,
        _ => Verdict::Pass,
    }
}

/// Full result of validating one issuer and its client IDs.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Issuer as it was given, before any correction, with user info and
    /// query or fragment values masked as `****` because they can be
    /// passwords, codes or tokens.
    pub input: String,
    /// Issuer after safe corrections (quotes, whitespace, a pasted discovery
    /// URL, a trailing slash the server does not publish). This is the value
    /// to store and send.
    pub issuer: String,
    /// The `issuer` member of the discovery document, when it was fetched.
    pub published_issuer: Option<String>,
    /// Best guess at the intended issuer when the input checks failed and a
    /// guess is possible; `None` otherwise. It is advice for the client and
    /// was never fetched.
    pub suggested_issuer: Option<String>,
    pub server_type: ServerType,
    /// Client IDs after trimming, in the order given.
    pub client_ids: Vec<String>,
    pub verdict: Verdict,
    pub checks: Vec<Check>,
}

/// Client IDs and the stages to run besides the offline input checks.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub client_ids: Vec<String>,
    /// Run only the checks that need no network.
    pub offline: bool,
    pub network: crate::net::NetworkOptions,
    /// Run the authorization probe after discovery, with these settings.
    pub probe: Option<probe::ProbeOptions>,
}

pub mod client_id;
pub mod discovery;
pub mod input;
pub mod jwks;
pub mod probe;
mod validate;
pub use validate::validate;
