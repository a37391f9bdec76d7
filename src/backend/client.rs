//! The typed client of CAKE's admin backend (API v1) and of a tenant's
//! `/okta/users` API. It has one method per call and one private helper that
//! sends a request with its headers, retries and logging. Responses are
//! decoded into the types of [`super::types`].
//!
//! Every call sends `Authorization: Bearer <token>`, a `User-Agent` naming
//! this version, and JSON bodies. `429`, `5xx`, timeouts and broken
//! connections are retried according to the [`RetryPolicy`]. Calls that are
//! not idempotent (adding a user) are retried only when the request cannot
//! have reached the server.

use std::io;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context as _;
use reqwest::Method;
use reqwest::blocking::Client;
use reqwest::header::{ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;
use uuid::Uuid;

use super::error::{BackendError, Call, ErrorKind, TransportKind};
use super::retry::{Decision, RetryPolicy, jitter_random, parse_retry_after};
use super::types::{Accepted, ConfigStatus, ErrorBody, NewUser, SecuritySettings, SubmitBody, User, UserChanges, UserList};
use super::url::{check_tenant_url_template, join_segments, tenant_base_url};
use crate::net::{self, NetworkOptions, redact_url};
use crate::secret::Secret;
use crate::text::one_line;

const USER_AGENT: &str = concat!("cake-okta/", env!("CARGO_PKG_VERSION"));

/// Maximum response body size read, in bytes. Backend responses are small JSON
/// objects, and a user list of a few thousand entries stays far below it.
const MAX_ANSWER_BYTES: u64 = 8 * 1024 * 1024;

/// Settings of a backend client.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Checked base URL of the backend ([`super::parse_backend_url`]).
    pub backend_url: Url,
    /// Template of the tenant's site, such as `https://{tenant}`.
    pub tenant_url: String,
    pub token: Secret,
    /// Timeouts, extra CA file and `--debug`. The private-address guard does
    /// not apply: the backend URL comes from the staff member's own config,
    /// not from a client.
    pub network: NetworkOptions,
    pub retry: RetryPolicy,
}

/// A client of the backend. It is cheap to clone and can be shared by
/// threads; clones share one connection pool.
#[derive(Debug, Clone)]
pub struct BackendClient {
    http: Client,
    backend_url: Url,
    tenant_url: String,
    token: Secret,
    retry: RetryPolicy,
    timeout: Duration,
    debug: bool,
}

/// Result of an access check that the backend did not reject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessCheck {
    pub status: u16,
    /// URL that was queried.
    pub url: String,
}

impl AccessCheck {
    /// Returns true when the status shows the token was accepted: `200`, or `404`
    /// for a tenant with nothing submitted.
    pub fn token_accepted(&self) -> bool {
        matches!(self.status, 200 | 404)
    }
}

/// Retry rule of a call: the failures it may be retried after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Idempotency {
    /// Sending the call twice has the effect of sending it once.
    Idempotent,
    /// Retried only when the server cannot have acted on it: no connection,
    /// `429`, or `503`.
    Once,
}

/// One call to send.
struct Exchange<'a> {
    call: Call,
    tenant: &'a str,
    method: Method,
    url: Url,
    body: Option<Vec<u8>>,
    idempotency_key: Option<String>,
    /// Statuses that count as success.
    expected: &'static [u16],
    idempotency: Idempotency,
}

/// A complete response, whatever its status.
struct RawResponse {
    status: u16,
    /// Attempts it took, retries included.
    attempts: u32,
    retry_after: Option<Duration>,
    body: Vec<u8>,
}

impl BackendClient {
    /// Builds a client. Fails when the TLS configuration cannot be built
    /// (an unreadable CA file) or the tenant URL template is invalid.
    pub fn new(options: ClientOptions) -> anyhow::Result<BackendClient> {
        check_tenant_url_template(&options.tenant_url)?;

        // TODO: build this client through crate::net once it offers a
        // builder for hosts other than issuers. The TLS setup below is
        // already the shared one, but the timeouts and redirect policy are
        // set here.
        let tls = net::tls::client_config(options.network.ca_file.as_deref())?;
        let http = Client::builder()
            .tls_backend_preconfigured(tls)
            // A redirect is not part of the contract, and following one would
            // send the token to another URL.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(USER_AGENT)
            .connect_timeout(options.network.connect_timeout)
            .timeout(options.network.timeout)
            .build()
            .with_context(|| format!("failed to set up the HTTP client for {}", redact_url(&options.backend_url)))?;

        Ok(BackendClient {
            http,
            backend_url: options.backend_url,
            tenant_url: options.tenant_url,
            token: options.token,
            retry: options.retry,
            timeout: options.network.timeout,
            debug: options.network.debug,
        })
    }

    /// Replaces the retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> BackendClient {
        self.retry = retry;
        self
    }

    pub fn backend_url(&self) -> &Url {
        &self.backend_url
    }

    /// `PUT /v1/tenants/{tenant}/sso/okta`: submits a config. The
    /// idempotency key is the request's UUID and is sent unchanged on every
    /// retry, so the backend records the submission once.
    pub fn submit_config(&self, tenant: &str, body: &SubmitBody, idempotency_key: Uuid) -> Result<Accepted, BackendError> {
        let url = self.tenant_api(tenant, &["sso", "okta"]);
        let mut exchange = Exchange::new(Call::Submit, tenant, Method::PUT, url, &[202]);
        exchange.body = Some(encode(body));
        exchange.idempotency_key = Some(idempotency_key.to_string());
        self.send_json(&exchange)
    }

    /// `GET /v1/tenants/{tenant}/sso/okta`: the tenant's current request.
    /// Returns `None` when the backend has nothing submitted (`404`).
    pub fn config_status(&self, tenant: &str) -> Result<Option<ConfigStatus>, BackendError> {
        let url = self.tenant_api(tenant, &["sso", "okta"]);
        let exchange = Exchange::new(Call::ConfigStatus, tenant, Method::GET, url, &[200]);
        match self.send_json(&exchange) {
            Ok(status) => Ok(Some(status)),
            Err(error) if error.status() == Some(404) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// `DELETE /v1/tenants/{tenant}/sso/okta/requests/{request_id}`: cancels
    /// an open request. A `409` means it is already active.
    pub fn cancel_request(&self, tenant: &str, request_id: Uuid) -> Result<(), BackendError> {
        let id = request_id.to_string();
        let url = self.tenant_api(tenant, &["sso", "okta", "requests", &id]);
        let exchange = Exchange::new(Call::Cancel, tenant, Method::DELETE, url, &[204, 200]);
        self.send(&exchange).map(|_| ())
    }

    /// `GET /v1/tenants/{tenant}/security`: whether CAKE MFA is on.
    pub fn security_settings(&self, tenant: &str) -> Result<SecuritySettings, BackendError> {
        let url = self.tenant_api(tenant, &["security"]);
        self.send_json(&Exchange::new(Call::SecuritySettings, tenant, Method::GET, url, &[200]))
    }

    /// `GET /okta/users` on the tenant's site.
    pub fn list_users(&self, tenant: &str) -> Result<Vec<User>, BackendError> {
        let url = self.users_api(Call::ListUsers, tenant, &[])?;
        let list: UserList = self.send_json(&Exchange::new(Call::ListUsers, tenant, Method::GET, url, &[200]))?;
        Ok(list.users)
    }

    /// `POST /okta/users` on the tenant's site. Not idempotent, so it is
    /// retried only when the server cannot have acted on it.
    pub fn add_user(&self, tenant: &str, user: &NewUser) -> Result<User, BackendError> {
        let url = self.users_api(Call::AddUser, tenant, &[])?;
        let mut exchange = Exchange::new(Call::AddUser, tenant, Method::POST, url, &[201, 200]);
        exchange.body = Some(encode(user));
        exchange.idempotency = Idempotency::Once;
        self.send_json(&exchange)
    }

    /// `PUT /okta/users/{id}` on the tenant's site.
    pub fn edit_user(&self, tenant: &str, id: &str, changes: &UserChanges) -> Result<User, BackendError> {
        let url = self.users_api(Call::EditUser, tenant, &[id])?;
        let mut exchange = Exchange::new(Call::EditUser, tenant, Method::PUT, url, &[200]);
        exchange.body = Some(encode(changes));
        self.send_json(&exchange)
    }

    /// Checks that the backend is reachable and accepts the token, with the
    /// read-only status query for `tenant`. Returns the status of any response
    /// but `401` and `403`, which are errors. A `200` or `404` (nothing
    /// submitted) means the token was accepted. Not retried, so a check
    /// returns quickly.
    pub fn check_access(&self, tenant: &str) -> Result<AccessCheck, BackendError> {
        let url = self.tenant_api(tenant, &["sso", "okta"]);
        let exchange = Exchange::new(Call::ConfigStatus, tenant, Method::GET, url, &[200, 404]);
        let client = self.clone().with_retry(RetryPolicy::none());
        match client.send(&exchange) {
            Ok(reply) => Ok(AccessCheck { status: reply.status, url: redact_url(&exchange.url) }),
            Err(error) if error.status().is_some() && !error.is_unauthorized() => {
                Ok(AccessCheck { status: error.status().unwrap_or_default(), url: error.url.clone() })
            }
            Err(error) => Err(error),
        }
    }

    fn tenant_api(&self, tenant: &str, rest: &[&str]) -> Url {
        let mut segments = vec!["v1", "tenants", tenant];
        segments.extend_from_slice(rest);
        join_segments(&self.backend_url, &segments)
    }

    fn users_api(&self, call: Call, tenant: &str, rest: &[&str]) -> Result<Url, BackendError> {
        let base = tenant_base_url(&self.tenant_url, tenant).map_err(|error| BackendError {
            call,
            tenant: tenant.to_string(),
            url: self.tenant_url.clone(),
            kind: Box::new(ErrorKind::InvalidUrl { detail: error.to_string() }),
            attempts: 0,
            elapsed: Duration::ZERO,
            retry_after_refused: None,
        })?;
        let mut segments = vec!["okta", "users"];
        segments.extend_from_slice(rest);
        Ok(join_segments(&base, &segments))
    }

    /// Sends a call and decodes a JSON response body.
    fn send_json<T: DeserializeOwned>(&self, exchange: &Exchange) -> Result<T, BackendError> {
        let reply = self.send(exchange)?;
        serde_json::from_slice(&reply.body).map_err(|error| {
            let kind = ErrorKind::Malformed { status: reply.status, detail: error.to_string() };
            exchange.failure(kind.without_secret(self.token.expose()), reply.attempts)
        })
    }

    /// Sends a call, retrying as the policy and the call allow, and returns
    /// the response with an expected status.
    fn send(&self, exchange: &Exchange) -> Result<RawResponse, BackendError> {
        let started = Instant::now();
        let mut attempt = 1;

        loop {
            let (kind, retryable, retry_after) = match self.attempt(exchange, attempt, started) {
                Ok(reply) if exchange.expected.contains(&reply.status) => {
                    return Ok(RawResponse { attempts: attempt, ..reply });
                }
                Ok(reply) => {
                    let retryable = retryable_status(reply.status, exchange.idempotency);
                    (status_error(&reply), retryable, reply.retry_after)
                }
                Err(kind) => {
                    let retryable = retryable_transport(&kind, exchange.idempotency);
                    (kind, retryable, None)
                }
            };

            let fail = |refused| {
                let mut error = exchange.failure(kind.clone().without_secret(self.token.expose()), attempt);
                error.elapsed = started.elapsed();
                error.retry_after_refused = refused;
                error
            };
            if !retryable {
                return Err(fail(None));
            }
            match self.retry.decide(attempt, started.elapsed(), retry_after, jitter_random()) {
                Decision::RetryAfter(wait) => {
                    self.log(format_args!("retrying in {:.1} s", wait.as_secs_f64()));
                    thread::sleep(wait);
                    attempt += 1;
                }
                Decision::GiveUp => return Err(fail(None)),
                Decision::WaitTooLong(wait) => return Err(fail(Some(wait))),
            }
        }
    }

    /// Makes one attempt and reads the whole response. The attempt's timeout
    /// is cut to what is left of the policy's time budget.
    fn attempt(&self, exchange: &Exchange, attempt: u32, started: Instant) -> Result<RawResponse, ErrorKind> {
        let left = self.retry.max_total.saturating_sub(started.elapsed());
        let timeout = self.timeout.min(left).max(Duration::from_millis(100));

        let mut request = self
            .http
            .request(exchange.method.clone(), exchange.url.clone())
            .bearer_auth(self.token.expose())
            .header(ACCEPT, "application/json")
            .timeout(timeout);
        if let Some(body) = &exchange.body {
            request = request.header(CONTENT_TYPE, "application/json").body(body.clone());
        }
        if let Some(key) = &exchange.idempotency_key {
            request = request.header("Idempotency-Key", key);
        }

        let sent = Instant::now();
        let result = request.send().map_err(|error| transport_error(&error)).and_then(|response| {
            read_response(&exchange.url, response)
        });
        self.log_attempt(exchange, attempt, sent, &result);
        result
    }

    fn log_attempt(&self, exchange: &Exchange, attempt: u32, sent: Instant, result: &Result<RawResponse, ErrorKind>) {
        let millis = sent.elapsed().as_millis();
        let key = match &exchange.idempotency_key {
            Some(key) => format!(", idempotency key {key}"),
            None => String::new(),
        };
        let outcome = match result {
            Ok(reply) => format!("{}, {} bytes", reply.status, reply.body.len()),
            Err(ErrorKind::Transport { detail, .. }) => format!("failed: {}", one_line(detail)),
            Err(other) => format!("failed: {other:?}"),
        };
        self.log(format_args!(
            "{} {} -> {outcome}, {millis} ms, attempt {attempt}/{}{key}",
            exchange.method,
            redact_url(&exchange.url),
            self.retry.max_attempts
        ));
    }

    /// Writes a `--debug` line to stderr. Callers pass no header values, so
    /// the token cannot reach the log.
    fn log(&self, message: std::fmt::Arguments) {
        if self.debug {
            eprintln!("debug: backend: {message}");
        }
    }
}

impl<'a> Exchange<'a> {
    fn new(call: Call, tenant: &'a str, method: Method, url: Url, expected: &'static [u16]) -> Exchange<'a> {
        Exchange {
            call,
            tenant,
            method,
            url,
            body: None,
            idempotency_key: None,
            expected,
            idempotency: Idempotency::Idempotent,
        }
    }

    fn failure(&self, kind: ErrorKind, attempts: u32) -> BackendError {
        BackendError {
            call: self.call,
            tenant: self.tenant.to_string(),
            url: redact_url(&self.url),
            kind: Box::new(kind),
            attempts,
            elapsed: Duration::ZERO,
            retry_after_refused: None,
        }
    }
}

fn encode<T: Serialize>(body: &T) -> Vec<u8> {
    // These types contain only strings, booleans and UUIDs, which always encode.
    serde_json::to_vec(body).expect("request bodies always encode as JSON")
}

fn read_response(url: &Url, response: reqwest::blocking::Response) -> Result<RawResponse, ErrorKind> {
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| parse_retry_after(value, SystemTime::now()));

    let body = net::read_capped(url, response, MAX_ANSWER_BYTES).map_err(|error| ErrorKind::Transport {
        kind: match error {
            net::FetchError::Timeout { .. } => TransportKind::Timeout,
            _ => TransportKind::Interrupted,
        },
        detail: error.to_string(),
    })?;
    Ok(RawResponse { status, attempts: 1, retry_after, body })
}

/// Turns a response with an unexpected status into an error, reading the
/// backend's error body when there is one.
fn status_error(reply: &RawResponse) -> ErrorKind {
    match serde_json::from_slice::<ErrorBody>(&reply.body) {
        Ok(body) => ErrorKind::Api {
            status: reply.status,
            code: body.error.code,
            message: body.error.message,
            field: body.error.field,
        },
        Err(_) => ErrorKind::UnexpectedStatus { status: reply.status },
    }
}

fn retryable_status(status: u16, idempotency: Idempotency) -> bool {
    match idempotency {
        Idempotency::Idempotent => status == 429 || (500..=599).contains(&status),
        Idempotency::Once => status == 429 || status == 503,
    }
}

fn retryable_transport(kind: &ErrorKind, idempotency: Idempotency) -> bool {
    let ErrorKind::Transport { kind, .. } = kind else {
        return false;
    };
    match (kind, idempotency) {
        (TransportKind::Tls, _) => false,
        (TransportKind::Connect, _) => true,
        (TransportKind::Timeout | TransportKind::Interrupted, Idempotency::Idempotent) => true,
        (TransportKind::Timeout | TransportKind::Interrupted, Idempotency::Once) => false,
    }
}

/// Classifies a send error by its typed causes, never by message text.
fn transport_error(error: &reqwest::Error) -> ErrorKind {
    let kind = if error.is_timeout() || has_io_kind(error, io::ErrorKind::TimedOut) {
        TransportKind::Timeout
    } else if has_cause::<rustls::Error>(error) {
        TransportKind::Tls
    } else if error.is_connect() {
        TransportKind::Connect
    } else {
        TransportKind::Interrupted
    };
    ErrorKind::Transport { kind, detail: innermost_message(error) }
}

fn has_cause<T: std::error::Error + 'static>(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(cause) = current {
        if cause.is::<T>() {
            return true;
        }
        // `io::Error::source` skips the error it wraps, so look inside.
        if let Some(inner) = cause.downcast_ref::<io::Error>().and_then(|io| io.get_ref())
            && has_cause::<T>(inner)
        {
            return true;
        }
        current = cause.source();
    }
    false
}

fn has_io_kind(error: &(dyn std::error::Error + 'static), kind: io::ErrorKind) -> bool {
    let mut current = Some(error);
    while let Some(cause) = current {
        if cause.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == kind) {
            return true;
        }
        current = cause.source();
    }
    false
}

/// Returns the message of the deepest cause, which usually names the
/// failure, because the outer ones only add "error sending request".
fn innermost_message(error: &reqwest::Error) -> String {
    let mut current: &dyn std::error::Error = error;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}
