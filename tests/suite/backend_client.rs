//! The backend client against the fake backend: headers and bodies on the
//! wire, how each status maps to a typed error, and the retry rules
//! (attempts, total time, `Retry-After`, the same idempotency key on every
//! attempt). These call the library directly, with short retry waits.

use std::time::{Duration, Instant};

use cake_okta::backend::{
    BackendClient, BackendError, BackendStatus, Call, ClientOptions, ErrorKind, NewUser, RetryPolicy, SubmitBody,
    TransportKind, UserChanges, parse_backend_url,
};
use cake_okta::ledger::IntegrationOption;
use cake_okta::net::NetworkOptions;
use cake_okta::secret::Secret;
use serde_json::json;
use uuid::Uuid;

use crate::support::{Response, Server, TestCa};
use crate::support::backend::{FakeBackend, Fault, RECEIVED_AT, TOKEN};

const TENANT: &str = "acme.cake.example";

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(80),
        max_retry_after: Duration::from_secs(3),
        max_total: Duration::from_secs(10),
    }
}

fn network(timeout: Duration) -> NetworkOptions {
    NetworkOptions { timeout, ..NetworkOptions::default() }
}

fn client_for(backend: &FakeBackend, network: NetworkOptions) -> BackendClient {
    BackendClient::new(ClientOptions {
        backend_url: parse_backend_url(&backend.base()).expect("fake backend URL"),
        tenant_url: backend.tenant_url(),
        token: Secret::new(TOKEN),
        network,
        retry: fast_retry(),
    })
    .expect("build client")
}

fn client(backend: &FakeBackend) -> BackendClient {
    client_for(backend, network(Duration::from_secs(5)))
}

fn body(id: Uuid) -> SubmitBody {
    SubmitBody {
        request_id: id,
        client_ids: vec!["0oa1b2c3d4e5f6g7h8i9".into()],
        issuer: "https://acme.okta.example/oauth2/default".into(),
        option: IntegrationOption::Hybrid,
        ticket: Some("SUP-1".into()),
        contact: None,
        submitted_by: "Dana Smith".into(),
    }
}

fn backend() -> FakeBackend {
    let backend = FakeBackend::http();
    backend.add_tenant(TENANT, false);
    backend
}

const SUBMIT_PATH: &str = "/v1/tenants/acme.cake.example/sso/okta";

#[test]
fn submit_sends_contract_headers() {
    let backend = backend();
    let id = Uuid::new_v4();
    let accepted = client(&backend).submit_config(TENANT, &body(id), id).unwrap();
    assert_eq!(accepted.request_id, id);
    assert_eq!(accepted.status, BackendStatus::Pending);
    assert_eq!(accepted.received_at.to_string(), RECEIVED_AT);

    let requests = backend.requests_to("PUT", SUBMIT_PATH);
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(request.header("authorization"), Some(bearer.as_str()));
    let agent = format!("cake-okta/{}", env!("CARGO_PKG_VERSION"));
    assert_eq!(request.header("user-agent"), Some(agent.as_str()));
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("idempotency-key"), Some(id.to_string().as_str()));
    assert_eq!(
        request.json(),
        json!({
            "request_id": id.to_string(),
            "client_ids": ["0oa1b2c3d4e5f6g7h8i9"],
            "issuer": "https://acme.okta.example/oauth2/default",
            "option": "hybrid",
            "ticket": "SUP-1",
            "submitted_by": "Dana Smith",
        })
    );
}

#[test]
fn same_key_twice_is_one_submission() {
    let backend = backend();
    let id = Uuid::new_v4();
    let client = client(&backend);
    let first = client.submit_config(TENANT, &body(id), id).unwrap();
    let second = client.submit_config(TENANT, &body(id), id).unwrap();
    assert_eq!(first, second);
    assert_eq!(backend.accepted_submissions(), 1);
}

/// Each fault is retried, every attempt carries the same idempotency key,
/// and the backend ends up with one submission.
#[test]
fn retryable_faults_keep_idempotency_key() {
    let faults = [
        Fault::ServerError,
        Fault::Unavailable("0".into()),
        Fault::TooManyRequests,
        Fault::Reset,
        Fault::Slow(Duration::from_millis(1500)),
    ];
    for fault in faults {
        let backend = backend();
        backend.fail_next(2, fault.clone());
        let id = Uuid::new_v4();
        let client = client_for(&backend, network(Duration::from_millis(500)));

        let accepted = client.submit_config(TENANT, &body(id), id);
        assert!(accepted.is_ok(), "{fault:?}: {accepted:?}");

        let attempts = backend.requests_to("PUT", SUBMIT_PATH);
        assert_eq!(attempts.len(), 3, "{fault:?}: attempts");
        for attempt in &attempts {
            assert_eq!(attempt.header("idempotency-key"), Some(id.to_string().as_str()), "{fault:?}");
        }
        assert_eq!(backend.accepted_submissions(), 1, "{fault:?}: submissions");
    }
}

#[test]
fn attempts_are_bounded() {
    let backend = backend();
    backend.fail_always(Fault::ServerError);
    let id = Uuid::new_v4();

    let error = client(&backend).submit_config(TENANT, &body(id), id).unwrap_err();
    assert_eq!(error.attempts, 4);
    assert_eq!(error.status(), Some(500));
    assert_eq!(backend.requests_to("PUT", SUBMIT_PATH).len(), 4);
    assert!(error.to_string().contains("gave up after 4 attempts"), "{error}");
}

#[test]
fn total_time_is_bounded() {
    let backend = backend();
    backend.fail_always(Fault::Slow(Duration::from_secs(3)));
    let id = Uuid::new_v4();
    let retry = RetryPolicy { max_attempts: 10, max_total: Duration::from_millis(1200), ..fast_retry() };
    let client = client_for(&backend, network(Duration::from_millis(500))).with_retry(retry);

    let started = Instant::now();
    let error = client.submit_config(TENANT, &body(id), id).unwrap_err();
    let elapsed = started.elapsed();
    assert!(matches!(*error.kind, ErrorKind::Transport { kind: TransportKind::Timeout, .. }), "{error:?}");
    assert!(error.attempts < 10, "attempts {}", error.attempts);
    assert!(elapsed < Duration::from_millis(2500), "took {elapsed:?}");
}

#[test]
fn retry_after_seconds_is_honoured() {
    let backend = backend();
    backend.fail_next(1, Fault::Unavailable("1".into()));
    let id = Uuid::new_v4();

    let started = Instant::now();
    client(&backend).submit_config(TENANT, &body(id), id).unwrap();
    assert!(started.elapsed() >= Duration::from_millis(950), "waited {:?}", started.elapsed());
}

#[test]
fn retry_after_date_is_honoured() {
    let backend = backend();
    let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(2);
    let date = jiff::fmt::rfc2822::DateTimePrinter::new().timestamp_to_rfc9110_string(&soon).unwrap();
    backend.fail_next(1, Fault::Unavailable(date));
    let id = Uuid::new_v4();

    let started = Instant::now();
    client(&backend).submit_config(TENANT, &body(id), id).unwrap();
    // HTTP dates have whole seconds, so the wait is between 1 and 2 s.
    assert!(started.elapsed() >= Duration::from_millis(900), "waited {:?}", started.elapsed());
}

#[test]
fn retry_after_beyond_cap_stops() {
    let backend = backend();
    backend.fail_always(Fault::Unavailable("3600".into()));
    let id = Uuid::new_v4();

    let started = Instant::now();
    let error = client(&backend).submit_config(TENANT, &body(id), id).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(error.attempts, 1);
    assert_eq!(error.retry_after_refused, Some(Duration::from_secs(3600)));
    assert!(error.to_string().contains("asked to wait 3600 s"), "{error}");
}

/// Responses that retrying cannot change are reported after one attempt.
#[test]
fn final_answers_are_not_retried() {
    let cases: [(Fault, Option<u16>, &str); 3] = [
        (Fault::Malformed, Some(202), "could not be read"),
        (Fault::Unauthorized, Some(401), "missing, expired or invalid"),
        (Fault::Conflict, Some(409), "different config is already open"),
    ];
    for (fault, status, words) in cases {
        let backend = backend();
        backend.fail_always(fault.clone());
        let id = Uuid::new_v4();

        let error = client(&backend).submit_config(TENANT, &body(id), id).unwrap_err();
        assert_eq!(error.status(), status, "{fault:?}");
        assert_eq!(error.attempts, 1, "{fault:?}");
        assert_eq!(backend.requests_to("PUT", SUBMIT_PATH).len(), 1, "{fault:?}");
        assert!(error.to_string().contains(words), "{fault:?}: {error}");
    }
}

#[test]
fn unauthorized_hint_names_auth_login() {
    let backend = backend();
    backend.set_token("another-token-entirely");
    let error = client(&backend).config_status(TENANT).unwrap_err();
    assert!(error.is_unauthorized());
    assert!(error.hint().unwrap().contains("cake-okta auth login"));
    assert_eq!(error.code(), Some("unauthorized"));
}

#[test]
fn echoed_token_never_in_error() {
    // A proxy that repeats the request's headers in its error bodies.
    // The security settings come back with the header where a boolean
    // belongs, so the decoding error quotes it.
    let server = Server::http(|request| {
        let echoed = request.header("authorization").unwrap_or_default().to_string();
        if request.path.ends_with("/security") {
            return Response::json(200, &json!({"mfa_enabled": echoed}));
        }
        Response::json(422, &json!({"error": {"code": echoed, "message": format!("rejected {echoed}"), "field": echoed}}))
    });
    let client = BackendClient::new(ClientOptions {
        backend_url: parse_backend_url(&server.base()).expect("server URL"),
        tenant_url: format!("{}/sites/{{tenant}}", server.base()),
        token: Secret::new(TOKEN),
        network: network(Duration::from_secs(5)),
        retry: fast_retry(),
    })
    .expect("build client");

    let rejected = client.config_status(TENANT).unwrap_err();
    let unreadable = client.security_settings(TENANT).unwrap_err();
    for error in [rejected, unreadable] {
        let text = format!("{error} {error:?}");
        assert!(!text.contains(TOKEN), "the error repeats the token: {text}");
    }
}

#[test]
fn trickling_answer_times_out() {
    // About 50 bytes at 5 bytes a second: 10 seconds without a total limit.
    let server = Server::http(|_| {
        Response::json(200, &json!({"mfa_enabled": false, "padding": "x".repeat(20)})).trickle(Duration::from_millis(200))
    });
    let client = BackendClient::new(ClientOptions {
        backend_url: parse_backend_url(&server.base()).expect("server URL"),
        tenant_url: format!("{}/sites/{{tenant}}", server.base()),
        token: Secret::new(TOKEN),
        network: network(Duration::from_millis(500)),
        retry: RetryPolicy { max_attempts: 1, ..fast_retry() },
    })
    .expect("build client");

    let started = Instant::now();
    let error = client.security_settings(TENANT).unwrap_err();
    assert!(
        matches!(error.kind.as_ref(), ErrorKind::Transport { kind: TransportKind::Timeout, .. }),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(4), "took {:?}", started.elapsed());
}

#[test]
fn rejections_explain_what_failed() {
    let backend = backend();
    let client = client(&backend);

    let id = Uuid::new_v4();
    let unknown = client.submit_config("nobody.cake.example", &body(id), id).unwrap_err();
    assert_eq!(unknown.status(), Some(404));
    assert!(unknown.to_string().contains("does not know tenant nobody.cake.example"), "{unknown}");

    let mut bad = body(id);
    bad.issuer = "http://acme.okta.example".into();
    let invalid = client.submit_config(TENANT, &bad, id).unwrap_err();
    assert_eq!(invalid.status(), Some(422));
    assert!(invalid.to_string().contains("field issuer"), "{invalid}");

    let first = Uuid::new_v4();
    client.submit_config(TENANT, &body(first), first).unwrap();
    let second = Uuid::new_v4();
    let mut other = body(second);
    other.client_ids = vec!["0oa9z8y7x6w5v4u3t2s1".into()];
    let conflict = client.submit_config(TENANT, &other, second).unwrap_err();
    assert_eq!(conflict.status(), Some(409));
    assert_eq!(conflict.call, Call::Submit);
}

#[test]
fn status_maps_backend_names() {
    let backend = backend();
    let client = client(&backend);
    assert_eq!(client.config_status(TENANT).unwrap(), None);

    let id = Uuid::new_v4();
    client.submit_config(TENANT, &body(id), id).unwrap();
    let cases = [
        ("pending", cake_okta::ledger::Status::Submitted),
        ("in_progress", cake_okta::ledger::Status::InProgress),
        ("active", cake_okta::ledger::Status::Active),
    ];
    for (backend_status, ledger_status) in cases {
        backend.set_status(TENANT, backend_status, "2026-03-04T12:00:00Z", Some("step done"));
        let status = client.config_status(TENANT).unwrap().unwrap();
        assert_eq!(status.request_id, id);
        assert_eq!(status.status.to_ledger(), ledger_status, "{backend_status}");
        assert_eq!(status.message.as_deref(), Some("step done"));
    }
}

#[test]
fn unknown_status_is_malformed() {
    let backend = backend();
    let client = client(&backend);
    let id = Uuid::new_v4();
    client.submit_config(TENANT, &body(id), id).unwrap();
    backend.set_status(TENANT, "paused", "2026-03-04T12:00:00Z", None);

    let error = client.config_status(TENANT).unwrap_err();
    assert!(matches!(*error.kind, ErrorKind::Malformed { status: 200, .. }), "{error:?}");
}

#[test]
fn cancel_open_and_active() {
    let backend = backend();
    let client = client(&backend);
    let id = Uuid::new_v4();
    client.submit_config(TENANT, &body(id), id).unwrap();

    client.cancel_request(TENANT, id).unwrap();
    assert_eq!(backend.current(TENANT).unwrap().status, "cancelled");
    let path = format!("{SUBMIT_PATH}/requests/{id}");
    assert_eq!(backend.requests_to("DELETE", &path).len(), 1);

    let next = Uuid::new_v4();
    client.submit_config(TENANT, &body(next), next).unwrap();
    backend.set_status(TENANT, "active", "2026-03-05T12:00:00Z", None);
    let error: BackendError = client.cancel_request(TENANT, next).unwrap_err();
    assert_eq!(error.status(), Some(409));
    assert!(error.to_string().contains("already activated"), "{error}");
}

#[test]
fn security_settings_read() {
    let backend = FakeBackend::http();
    backend.add_tenant("mfa.cake.example", true).add_tenant("plain.cake.example", false);
    let client = client(&backend);
    assert!(client.security_settings("mfa.cake.example").unwrap().mfa_enabled);
    assert!(!client.security_settings("plain.cake.example").unwrap().mfa_enabled);
    assert_eq!(client.security_settings("nobody.cake.example").unwrap_err().status(), Some(404));
}

#[test]
fn users_calls_use_tenant_site() {
    let backend = backend();
    let client = client(&backend);
    backend.add_user(
        TENANT,
        json!({"id": "u0", "email": "a@acme.example", "first_name": "A", "last_name": "B", "okta_login": null, "active": true}),
    );

    let users = client.list_users(TENANT).unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].okta_login, None);

    let new = NewUser {
        email: "c@acme.example".into(),
        first_name: "C".into(),
        last_name: "D".into(),
        okta_login: Some("c@acme.okta.example".into()),
        active: None,
    };
    let added = client.add_user(TENANT, &new).unwrap();
    assert_eq!(added.email, "c@acme.example");
    assert_eq!(client.add_user(TENANT, &new).unwrap_err().status(), Some(409));

    let changes = UserChanges { okta_login: Some(None), ..UserChanges::default() };
    let edited = client.edit_user(TENANT, &added.id, &changes).unwrap();
    assert_eq!(edited.okta_login, None);
    assert_eq!(client.edit_user(TENANT, "missing", &changes).unwrap_err().status(), Some(404));

    let posts = backend.requests_to("POST", "/sites/acme.cake.example/okta/users");
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0].header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
}

/// Adding a user is not idempotent, so a timeout is not retried, while a
/// `503` (not acted on) is.
#[test]
fn add_user_retries_only_when_unsent() {
    let new = NewUser {
        email: "e@acme.example".into(),
        first_name: "E".into(),
        last_name: "F".into(),
        okta_login: None,
        active: Some(true),
    };
    let path = "/sites/acme.cake.example/okta/users";

    let backend = backend();
    backend.fail_next(1, Fault::ServerError);
    assert_eq!(client(&backend).add_user(TENANT, &new).unwrap_err().status(), Some(500));
    assert_eq!(backend.requests_to("POST", path).len(), 1);

    let backend = self::backend();
    backend.fail_next(1, Fault::Unavailable("0".into()));
    client(&backend).add_user(TENANT, &new).unwrap();
    assert_eq!(backend.requests_to("POST", path).len(), 2);
}

#[test]
fn https_backend_with_extra_ca() {
    let ca = TestCa::new();
    let backend = FakeBackend::https(&ca);
    backend.add_tenant(TENANT, false);
    let id = Uuid::new_v4();

    let trusted = NetworkOptions { ca_file: Some(ca.ca_path()), ..network(Duration::from_secs(5)) };
    client_for(&backend, trusted).submit_config(TENANT, &body(id), id).unwrap();

    let error = client(&backend).submit_config(TENANT, &body(id), id).unwrap_err();
    assert!(matches!(*error.kind, ErrorKind::Transport { kind: TransportKind::Tls, .. }), "{error:?}");
    assert_eq!(error.attempts, 1, "a certificate error is not retried");
    assert!(error.hint().unwrap().contains("--ca-cert"));
}

#[test]
fn refused_connection_is_retried() {
    let backend = backend();
    let base = backend.base();
    drop(backend);

    let client = BackendClient::new(ClientOptions {
        backend_url: parse_backend_url(&base).unwrap(),
        tenant_url: "https://{tenant}".into(),
        token: Secret::new(TOKEN),
        network: network(Duration::from_secs(2)),
        retry: fast_retry(),
    })
    .unwrap();
    let error = client.config_status(TENANT).unwrap_err();
    assert!(matches!(*error.kind, ErrorKind::Transport { kind: TransportKind::Connect, .. }), "{error:?}");
    assert_eq!(error.attempts, 4);
}
