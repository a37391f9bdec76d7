//! A fake of CAKE's admin backend (API v1) and of the tenants' `/okta/users`
//! API, on [`Server`]. It keeps tenants, submitted configs (keyed by
//! idempotency key), activation statuses, security settings and users in
//! memory. It responds as the contract specifies and records every request.
//!
//! Faults switch on the responses that the client must survive or report:
//! `500`, `503` with `Retry-After`, `429`, a slow response, a dropped
//! connection, a malformed body, `401` and `409`.
//!
//! Tenant sites are served under `/sites/{tenant}`, so a profile's
//! `tenant_url` is `{base}/sites/{tenant}`.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{Value, json};

use super::server::{Request, Response, Server};
use super::tls::TestCa;

/// The token the fake accepts unless a test picks another.
pub const TOKEN: &str = "ck_test_9f8e7d6c5b4a39281706";

/// `received_at` of accepted submissions unless a test picks another: a
/// Monday afternoon in New York.
pub const RECEIVED_AT: &str = "2026-03-02T20:00:00Z";

/// A way for the fake to misbehave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// `500` with an error body.
    ServerError,
    /// `503` with `Retry-After` set to this value.
    Unavailable(String),
    /// `429` without `Retry-After`.
    TooManyRequests,
    /// The right response, after this delay.
    Slow(Duration),
    /// The connection closes without a response.
    Reset,
    /// `202`/`200` with a body that is not JSON.
    Malformed,
    /// `401` with an error body.
    Unauthorized,
    /// `409` with an error body, as for another open request.
    Conflict,
}

/// The tenant's current request as the backend records it.
#[derive(Debug, Clone)]
pub struct Current {
    pub request_id: String,
    pub status: String,
    pub updated_at: String,
    pub message: Option<String>,
    /// `client_ids`, `issuer` and `option` of the submission.
    pub config: Value,
}

#[derive(Debug, Default)]
struct State {
    token: String,
    received_at: String,
    tenants: HashMap<String, bool>,
    /// Responses to accepted submissions, by idempotency key.
    submissions: HashMap<String, Value>,
    current: HashMap<String, Current>,
    users: HashMap<String, Vec<Value>>,
    /// Faults for the next requests, used up in order.
    next_faults: VecDeque<Fault>,
    /// A fault for every request while set.
    fault: Option<Fault>,
    /// Number of requests still served normally, and the fault for every
    /// request after them.
    fault_after: Option<(usize, Fault)>,
    /// Faults for the next requests with a given method, used up in order.
    next_method_faults: VecDeque<(String, Fault)>,
}

/// A running fake backend. It stops when dropped.
pub struct FakeBackend {
    pub server: Server,
    state: Arc<Mutex<State>>,
}

impl FakeBackend {
    /// Starts the fake on plain http, which the tool allows on loopback.
    pub fn http() -> FakeBackend {
        let state = Arc::new(Mutex::new(State::new()));
        let handler_state = state.clone();
        let server = Server::http(move |request| answer(&handler_state, request));
        FakeBackend { server, state }
    }

    /// Starts the fake on https with a certificate from `ca`.
    pub fn https(ca: &TestCa) -> FakeBackend {
        let state = Arc::new(Mutex::new(State::new()));
        let handler_state = state.clone();
        let server = Server::https(ca, move |request| answer(&handler_state, request));
        FakeBackend { server, state }
    }

    /// Base URL for a profile's `backend_url`.
    pub fn base(&self) -> String {
        self.server.base()
    }

    /// Template for a profile's `tenant_url`.
    pub fn tenant_url(&self) -> String {
        format!("{}/sites/{{tenant}}", self.server.base())
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds a tenant with CAKE MFA on or off.
    pub fn add_tenant(&self, tenant: &str, mfa_enabled: bool) -> &FakeBackend {
        self.state().tenants.insert(tenant.to_string(), mfa_enabled);
        self
    }

    pub fn set_token(&self, token: &str) {
        self.state().token = token.to_string();
    }

    pub fn set_received_at(&self, instant: &str) {
        self.state().received_at = instant.to_string();
    }

    /// Changes the status of the tenant's current request, as the
    /// activation team would.
    pub fn set_status(&self, tenant: &str, status: &str, updated_at: &str, message: Option<&str>) {
        let mut state = self.state();
        let current = state.current.get_mut(tenant).unwrap_or_else(|| panic!("{tenant} has nothing submitted"));
        current.status = status.to_string();
        current.updated_at = updated_at.to_string();
        current.message = message.map(str::to_string);
    }

    /// Returns the tenant's current request, if any.
    pub fn current(&self, tenant: &str) -> Option<Current> {
        self.state().current.get(tenant).cloned()
    }

    pub fn add_user(&self, tenant: &str, user: Value) {
        self.state().users.entry(tenant.to_string()).or_default().push(user);
    }

    /// Misbehaves on every request until [`FakeBackend::heal`].
    pub fn fail_always(&self, fault: Fault) {
        self.state().fault = Some(fault);
    }

    /// Misbehaves on the next `count` requests only.
    pub fn fail_next(&self, count: usize, fault: Fault) {
        let mut state = self.state();
        for _ in 0..count {
            state.next_faults.push_back(fault.clone());
        }
    }

    /// Misbehaves on the next `count` requests with this method only, so a
    /// test can aim at the submission while other calls go through.
    pub fn fail_next_for(&self, method: &str, count: usize, fault: Fault) {
        let mut state = self.state();
        for _ in 0..count {
            state.next_method_faults.push_back((method.to_string(), fault.clone()));
        }
    }

    /// Serves the next `count` requests normally, then misbehaves on every
    /// request until [`FakeBackend::heal`], as a backend that fails halfway
    /// through a batch.
    pub fn fail_after(&self, count: usize, fault: Fault) {
        self.state().fault_after = Some((count, fault));
    }

    /// Stops every fault.
    pub fn heal(&self) {
        let mut state = self.state();
        state.fault = None;
        state.next_faults.clear();
        state.fault_after = None;
        state.next_method_faults.clear();
    }

    /// Number of distinct submissions accepted (by idempotency key).
    pub fn accepted_submissions(&self) -> usize {
        self.state().submissions.len()
    }

    /// Returns every request received, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.server.requests()
    }

    /// The requests received for one method and path.
    pub fn requests_to(&self, method: &str, path: &str) -> Vec<Request> {
        self.requests().into_iter().filter(|request| request.method == method && request.path == path).collect()
    }
}

impl State {
    fn new() -> State {
        State { token: TOKEN.to_string(), received_at: RECEIVED_AT.to_string(), ..State::default() }
    }

    fn take_fault(&mut self, method: &str) -> Option<Fault> {
        if let Some(index) = self.next_method_faults.iter().position(|(wanted, _)| wanted == method) {
            return self.next_method_faults.remove(index).map(|(_, fault)| fault);
        }
        if let Some((remaining, fault)) = &mut self.fault_after {
            if *remaining == 0 {
                return Some(fault.clone());
            }
            *remaining -= 1;
        }
        self.next_faults.pop_front().or_else(|| self.fault.clone())
    }
}

fn error(status: u16, code: &str, message: &str) -> Response {
    Response::json(status, &json!({"error": {"code": code, "message": message}}))
}

fn answer(state: &Mutex<State>, request: &Request) -> Response {
    let mut state = state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let fault = state.take_fault(&request.method);

    let expected = format!("Bearer {}", state.token);
    if request.header("authorization") != Some(expected.as_str()) {
        return error(401, "unauthorized", "The API token is missing or invalid.");
    }

    match fault {
        None => route(&mut state, request),
        Some(Fault::ServerError) => error(500, "internal", "Something broke."),
        Some(Fault::Unavailable(retry_after)) => {
            error(503, "unavailable", "Down for maintenance.").header("retry-after", &retry_after)
        }
        Some(Fault::TooManyRequests) => error(429, "rate_limited", "Slow down."),
        Some(Fault::Slow(delay)) => route(&mut state, request).delay(delay),
        Some(Fault::Reset) => Response::dropped(),
        Some(Fault::Malformed) => {
            Response::text(if request.method == "PUT" { 202 } else { 200 }, "application/json", "{\"request_id\": ")
        }
        Some(Fault::Unauthorized) => error(401, "token_expired", "The API token has expired."),
        Some(Fault::Conflict) => error(409, "conflict", "Another request with a different config is open."),
    }
}

fn route(state: &mut State, request: &Request) -> Response {
    let segments: Vec<&str> = request.path.trim_start_matches('/').split('/').collect();
    match (request.method.as_str(), segments.as_slice()) {
        ("PUT", ["v1", "tenants", tenant, "sso", "okta"]) => submit(state, tenant, request),
        ("GET", ["v1", "tenants", tenant, "sso", "okta"]) => config_status(state, tenant),
        ("DELETE", ["v1", "tenants", tenant, "sso", "okta", "requests", id]) => cancel(state, tenant, id),
        ("GET", ["v1", "tenants", tenant, "security"]) => match state.tenants.get(*tenant) {
            Some(mfa) => Response::json(200, &json!({"mfa_enabled": mfa})),
            None => error(404, "unknown_tenant", "No such tenant."),
        },
        ("GET", ["sites", tenant, "okta", "users"]) => {
            Response::json(200, &json!({"users": state.users.get(*tenant).cloned().unwrap_or_default()}))
        }
        ("POST", ["sites", tenant, "okta", "users"]) => add_user(state, tenant, request),
        ("PUT", ["sites", tenant, "okta", "users", id]) => edit_user(state, tenant, id, request),
        _ => error(404, "not_found", "No such route."),
    }
}

fn submit(state: &mut State, tenant: &str, request: &Request) -> Response {
    if !state.tenants.contains_key(tenant) {
        return error(404, "unknown_tenant", &format!("Tenant {tenant} does not exist."));
    }
    let Some(key) = request.header("idempotency-key").map(str::to_string) else {
        return error(422, "missing_idempotency_key", "Idempotency-Key is required.");
    };
    if let Some(answer) = state.submissions.get(&key) {
        return Response::json(202, answer);
    }

    let Ok(body) = serde_json::from_slice::<Value>(&request.body) else {
        return error(422, "invalid_json", "The body is not JSON.");
    };
    if let Some(response) = invalid_field(&body) {
        return response;
    }
    let config = json!({"client_ids": body["client_ids"], "issuer": body["issuer"], "option": body["option"]});
    if let Some(current) = state.current.get(tenant)
        && matches!(current.status.as_str(), "pending" | "in_progress")
        && current.config != config
    {
        return error(409, "conflict", "Another request with a different config is open for this tenant.");
    }

    let request_id = body["request_id"].as_str().unwrap_or_default().to_string();
    let answer = json!({"request_id": request_id, "status": "pending", "received_at": state.received_at});
    state.submissions.insert(key, answer.clone());
    state.current.insert(
        tenant.to_string(),
        Current {
            request_id,
            status: "pending".into(),
            updated_at: state.received_at.clone(),
            message: None,
            config,
        },
    );
    Response::json(202, &answer)
}

/// Checks the submit body as the backend would: `422` naming the field.
fn invalid_field(body: &Value) -> Option<Response> {
    let invalid = |field: &str, message: &str| {
        Some(Response::json(422, &json!({"error": {"code": "invalid_field", "message": message, "field": field}})))
    };
    let ids_valid = body["client_ids"].as_array().is_some_and(|ids| !ids.is_empty() && ids.iter().all(Value::is_string));
    if !ids_valid {
        return invalid("client_ids", "client_ids must be a non-empty list of strings.");
    }
    if !body["issuer"].as_str().is_some_and(|issuer| issuer.starts_with("https://")) {
        return invalid("issuer", "issuer must be an https URL.");
    }
    if !matches!(body["option"].as_str(), Some("hybrid" | "okta_only")) {
        return invalid("option", "option must be hybrid or okta_only.");
    }
    if body["request_id"].as_str().is_none_or(|id| id.len() != 36) {
        return invalid("request_id", "request_id must be a UUID.");
    }
    if !body["submitted_by"].is_string() {
        return invalid("submitted_by", "submitted_by is required.");
    }
    None
}

fn config_status(state: &State, tenant: &str) -> Response {
    match state.current.get(tenant) {
        Some(current) => {
            let mut body = json!({
                "request_id": current.request_id,
                "status": current.status,
                "updated_at": current.updated_at,
            });
            if let Some(message) = &current.message {
                body["message"] = json!(message);
            }
            Response::json(200, &body)
        }
        None => error(404, "not_found", "Nothing was submitted for this tenant."),
    }
}

fn cancel(state: &mut State, tenant: &str, id: &str) -> Response {
    let received_at = state.received_at.clone();
    match state.current.get_mut(tenant) {
        Some(current) if current.request_id == id => match current.status.as_str() {
            "active" => error(409, "already_active", "The request is already active."),
            _ => {
                current.status = "cancelled".into();
                current.updated_at = received_at;
                Response::new(204)
            }
        },
        _ => error(404, "not_found", "No such request for this tenant."),
    }
}

fn add_user(state: &mut State, tenant: &str, request: &Request) -> Response {
    let Ok(mut user) = serde_json::from_slice::<Value>(&request.body) else {
        return error(422, "invalid_json", "The body is not JSON.");
    };
    let users = state.users.entry(tenant.to_string()).or_default();
    if users.iter().any(|existing| existing["email"] == user["email"]) {
        return error(409, "email_exists", "A user with this email exists.");
    }
    user["id"] = json!(format!("u{}", users.len() + 1));
    if user.get("okta_login").is_none() {
        user["okta_login"] = Value::Null;
    }
    if user.get("active").is_none() {
        user["active"] = json!(true);
    }
    users.push(user.clone());
    Response::json(201, &user)
}

fn edit_user(state: &mut State, tenant: &str, id: &str, request: &Request) -> Response {
    let Ok(changes) = serde_json::from_slice::<Value>(&request.body) else {
        return error(422, "invalid_json", "The body is not JSON.");
    };
    let users = state.users.entry(tenant.to_string()).or_default();
    let Some(user) = users.iter_mut().find(|user| user["id"] == id) else {
        return error(404, "not_found", "No such user.");
    };
    if let (Some(user), Some(changes)) = (user.as_object_mut(), changes.as_object()) {
        for (key, value) in changes {
            user.insert(key.clone(), value.clone());
        }
    }
    Response::json(200, user)
}
