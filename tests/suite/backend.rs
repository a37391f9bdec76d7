//! End to end against the fake backend and a local HTTPS issuer: `activate`
//! records and pushes, `pending` shows the window, `requests sync` records
//! what the backend reports, `requests show` has the whole history. Under
//! every backend fault the request stays in the ledger with its error,
//! `activate` exits 4, and `requests retry` later succeeds without a second
//! submission on the backend.

use std::time::Duration;

use serde_json::Value;

use crate::support::backend::{FakeBackend, Fault, RECEIVED_AT, TOKEN};
use crate::support::issuer::{CLIENT_ID, Issuer};
use crate::support::{Outcome, Sandbox, TestCa};

const TENANT: &str = "acme.cake.example";

/// "Now" for every run: Tuesday 3 March 2026, the day after the fake
/// backend's `received_at` (Monday 15:00 in New York).
const NOW: &str = "2026-03-03T15:00:00Z";

/// A sandbox with a profile for the fake backend, an issuer that passes
/// every check, and the CA that signed the issuer's certificate.
struct Setup {
    sandbox: Sandbox,
    backend: FakeBackend,
    ca: TestCa,
    issuer: Issuer,
}

impl Setup {
    fn new() -> Setup {
        let ca = TestCa::new();
        let backend = FakeBackend::http();
        backend.add_tenant(TENANT, false);
        Setup::with_backend(ca, backend, "")
    }

    fn with_backend(ca: TestCa, backend: FakeBackend, network: &str) -> Setup {
        let issuer = Issuer::start(&ca);
        let sandbox = Sandbox::new();
        sandbox.write_config(&format!(
            "default_profile = \"production\"\n\n[profiles.production]\nbackend_url = \"{}\"\ntenant_url = \"{}\"\nstaff_name = \"Dana Smith\"\n\n[activation]\ntime_zone = \"America/New_York\"\n{network}",
            backend.base(),
            backend.tenant_url()
        ));
        Setup { sandbox, backend, ca, issuer }
    }

    /// `cake-okta ARGS` with the token and the fixed "now".
    fn cake(&self, args: &[&str]) -> crate::support::Run {
        self.sandbox.cake(args).env("CAKE_OKTA_TOKEN", TOKEN).env("CAKE_OKTA_NOW", NOW)
    }

    /// `activate --json` for the fixture issuer, with `extra` flags.
    fn activate(&self, extra: &[&str]) -> Outcome {
        let ca = self.ca.ca_path().display().to_string();
        let mut args = vec![
            "activate",
            TENANT,
            "--client-id",
            CLIENT_ID,
            "--issuer",
            &self.issuer.url,
            "--option",
            "hybrid",
            "--ticket",
            "SUP-1234",
            "--ca-cert",
            &ca,
            "--allow-private-network",
            "--json",
        ];
        args.extend_from_slice(extra);
        self.cake(&args).run()
    }

    fn show(&self, number: i64) -> Value {
        self.cake(&["requests", "show", &number.to_string(), "--json"]).run().code(0).json()
    }
}

fn number_of(report: &Value) -> i64 {
    report["request"]["number"].as_i64().unwrap_or_else(|| panic!("no request number in {report}"))
}

fn transitions(show: &Value) -> Vec<(String, String, String)> {
    show["events"]
        .as_array()
        .expect("events is a list")
        .iter()
        .map(|event| {
            let text = |field: &str| event[field].as_str().unwrap_or("-").to_string();
            (text("old_status"), text("new_status"), text("note"))
        })
        .collect()
}

#[test]
fn activate_pushes_and_sync_tracks() {
    let setup = Setup::new();

    let report = setup.activate(&[]).code(0).json();
    assert_eq!(report["outcome"], "recorded");
    assert_eq!(report["pushed"], true);
    let request = &report["request"];
    assert_eq!(request["status"], "submitted");
    assert_eq!(request["accepted_at"], RECEIVED_AT);
    assert_eq!(request["window_start"], "2026-03-05");
    assert_eq!(request["window_end"], "2026-03-09");
    let id = request["id"].as_str().unwrap().to_string();
    let number = number_of(&report);

    let puts = setup.backend.requests_to("PUT", "/v1/tenants/acme.cake.example/sso/okta");
    assert_eq!(puts.len(), 1);
    let put = &puts[0];
    assert_eq!(put.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    assert_eq!(put.header("user-agent"), Some(format!("cake-okta/{}", env!("CARGO_PKG_VERSION")).as_str()));
    assert_eq!(put.header("idempotency-key"), Some(id.as_str()));
    let body = put.json();
    assert_eq!(body["request_id"], id.as_str());
    assert_eq!(body["client_ids"], serde_json::json!([CLIENT_ID]));
    assert_eq!(body["issuer"], setup.issuer.url.as_str());
    assert_eq!(body["option"], "hybrid");
    assert_eq!(body["ticket"], "SUP-1234");
    assert_eq!(body["submitted_by"], "Dana Smith");

    let pending = setup.cake(&["pending", "--json"]).run().code(0).json();
    let listed = pending.as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["number"], number);
    assert_eq!(listed[0]["window_end"], "2026-03-09");
    assert_eq!(listed[0]["overdue"], false);

    setup.backend.set_status(TENANT, "in_progress", "2026-03-04T14:00:00Z", Some("Okta app verified"));
    let synced = setup.cake(&["requests", "sync", "--json"]).run().code(0).json();
    assert_eq!(synced["results"][0]["outcome"], "changed");
    assert_eq!(synced["results"][0]["after"], "in_progress");

    setup.backend.set_status(TENANT, "active", "2026-03-06T14:00:00Z", None);
    let human = setup.cake(&["requests", "sync"]).run();
    human.code(0).stdout_has("in_progress → active");

    let show = setup.show(number);
    assert_eq!(show["status"], "active");
    let expected = [
        ("-", "draft"),
        ("draft", "submitted"),
        ("submitted", "in_progress"),
        ("in_progress", "active"),
    ];
    let history = transitions(&show);
    assert_eq!(history.len(), expected.len(), "{history:?}");
    for ((old, new, _), (want_old, want_new)) in history.iter().zip(expected) {
        assert_eq!((old.as_str(), new.as_str()), (want_old, want_new), "{history:?}");
    }
    assert_eq!(history[2].2, "Okta app verified");
    assert_eq!(history[3].2, "reported by the backend");
    for event in show["events"].as_array().unwrap() {
        assert_eq!(event["actor"], "Dana Smith");
    }

    let text = setup.cake(&["requests", "show", &number.to_string()]).run();
    text.code(0).stdout_has("Okta app verified").stdout_has("active");

    setup.cake(&["requests", "sync"]).run().code(0).stdout_has("No open requests");
}

#[test]
fn sync_leaves_unchanged_and_reports_disagreement() {
    let setup = Setup::new();
    let number = number_of(&setup.activate(&[]).code(0).json());

    let unchanged = setup.cake(&["requests", "sync", &number.to_string(), "--json"]).run().code(0).json();
    assert_eq!(unchanged["results"][0]["outcome"], "unchanged");

    setup.cake(&["requests", "mark", &number.to_string(), "in-progress"]).run().code(0);
    let disagrees = setup.cake(&["requests", "sync", "--json"]).run().code(0).json();
    assert_eq!(disagrees["results"][0]["outcome"], "disagrees");
    assert_eq!(disagrees["results"][0]["backend_status"], "pending");
    assert_eq!(setup.show(number)["status"], "in_progress");
}

#[test]
fn sync_queries_many_requests() {
    let ca = TestCa::new();
    let backend = FakeBackend::http();
    let tenants: Vec<String> = (0..12).map(|index| format!("t{index}.cake.example")).collect();
    for tenant in &tenants {
        backend.add_tenant(tenant, false);
    }
    let setup = Setup::with_backend(ca, backend, "");
    for tenant in &tenants {
        setup
            .cake(&["activate", tenant, "--client-id", CLIENT_ID, "--issuer", "https://acme.okta.com", "--option", "hybrid", "--offline"])
            .run()
            .code(0);
    }
    for tenant in tenants.iter().step_by(2) {
        setup.backend.set_status(tenant, "in_progress", "2026-03-04T14:00:00Z", None);
    }

    // Twelve responses of 400 ms each take 4.8 s one after the other, and
    // about 0.8 s on eight threads.
    setup.backend.fail_always(Fault::Slow(Duration::from_millis(400)));
    // Only the requests of the sync count, not those of the activations.
    let before = setup.backend.requests().len();
    let started = std::time::Instant::now();
    let synced = setup.cake(&["requests", "sync", "--json"]).run().code(0).json();
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_millis(3000), "sync took {elapsed:?}");
    let results = synced["results"].as_array().unwrap();
    assert_eq!(results.len(), 12);
    let changed = results.iter().filter(|result| result["outcome"] == "changed").count();
    assert_eq!(changed, 6);
    let gets = setup.backend.requests()[before..].iter().filter(|request| request.method == "GET").count();
    assert_eq!(gets, 12);
}

#[test]
fn https_backend_with_ca_file() {
    let ca = TestCa::new();
    let backend = FakeBackend::https(&ca);
    backend.add_tenant(TENANT, false);
    let network = format!("\n[network]\nca_file = \"{}\"\n", ca.ca_path().display());
    let setup = Setup::with_backend(ca, backend, &network);
    assert!(setup.backend.base().starts_with("https://"));

    let report = setup.activate(&[]).code(0).json();
    assert_eq!(report["request"]["status"], "submitted");
    setup.cake(&["requests", "sync"]).run().code(0).stdout_has("unchanged");
}

/// Runs `activate` while the backend misbehaves, then `requests retry`
/// once it is healthy, and checks the ledger and the backend.
fn fault_then_retry(fault: Fault, extra: &[&str]) {
    let setup = Setup::new();
    setup.backend.fail_always(fault.clone());

    let outcome = setup.activate(extra);
    let context = format!("{fault:?}");
    assert_eq!(outcome.code, 4, "{context}: stderr {}", outcome.stderr);
    outcome.stderr_has("cake-okta requests retry");
    let report = outcome.json();
    assert_eq!(report["pushed"], false, "{context}");
    let number = number_of(&report);
    let id = report["request"]["id"].as_str().unwrap().to_string();

    let stored = setup.show(number);
    assert_eq!(stored["status"], "draft", "{context}");
    let error = stored["last_error"].as_str().unwrap_or_default();
    assert!(error.contains("failed to push request"), "{context}: last_error {error:?}");

    setup.backend.heal();
    let retried = setup.cake(&["requests", "retry", &number.to_string(), "--json"]).run();
    retried.code(0);
    assert_eq!(retried.json()["status"], "submitted", "{context}");
    assert!(setup.show(number)["last_error"].is_null(), "{context}");

    assert_eq!(setup.backend.accepted_submissions(), 1, "{context}: duplicate on the backend");
    let puts = setup.backend.requests_to("PUT", "/v1/tenants/acme.cake.example/sso/okta");
    assert!(puts.len() >= 2, "{context}");
    for put in &puts {
        assert_eq!(put.header("idempotency-key"), Some(id.as_str()), "{context}");
    }
}

#[test]
fn fault_server_error() {
    fault_then_retry(Fault::ServerError, &[]);
}

#[test]
fn fault_unavailable_retry_after() {
    fault_then_retry(Fault::Unavailable("1".into()), &[]);
}

#[test]
fn fault_too_many_requests() {
    fault_then_retry(Fault::TooManyRequests, &[]);
}

#[test]
fn fault_slow_answer() {
    fault_then_retry(Fault::Slow(Duration::from_secs(3)), &["--timeout", "1"]);
}

#[test]
fn fault_reset_connection() {
    fault_then_retry(Fault::Reset, &[]);
}

#[test]
fn fault_malformed_body() {
    fault_then_retry(Fault::Malformed, &[]);
}

#[test]
fn fault_unauthorized() {
    fault_then_retry(Fault::Unauthorized, &[]);
}

#[test]
fn fault_conflict() {
    fault_then_retry(Fault::Conflict, &[]);
}

/// Returns the `hint:` lines of a report, in order.
fn hint_lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim_start).filter(|line| line.starts_with("hint:")).collect()
}

#[test]
fn unauthorized_push_names_auth_login() {
    let setup = Setup::new();
    setup.backend.set_token("another-token-entirely");
    let outcome = setup.activate(&[]);
    outcome.code(4).stderr_has("cake-okta auth login").stderr_has("is stored in the ledger");

    let hints = hint_lines(outcome.stderr.rsplit("error:").next().unwrap_or_default());
    assert_eq!(hints.len(), 2, "{hints:?}");
    assert!(hints[0].contains("cake-okta auth login"), "{hints:?}");
    assert!(hints[1].contains("cake-okta requests retry 1"), "{hints:?}");
}

#[test]
fn failed_push_shows_no_consequences() {
    let setup = Setup::new();
    setup.backend.fail_always(Fault::ServerError);
    let ca = setup.ca.ca_path().display().to_string();
    let outcome = setup
        .cake(&["activate", TENANT, "--client-id", CLIENT_ID, "--issuer", &setup.issuer.url, "--option", "hybrid", "--ca-cert", &ca, "--allow-private-network"])
        .run();
    outcome.code(4).stdout_has("the push failed");
    assert!(!outcome.stdout.contains("Once it is"), "{}", outcome.stdout);
    assert!(!outcome.stdout.contains("Tell the client"), "{}", outcome.stdout);
    assert_eq!(hint_lines(&outcome.stderr), ["hint: push it again later with: cake-okta requests retry 1"]);
}

#[test]
fn skip_push_labels_consequences() {
    let setup = Setup::new();
    let outcome = setup
        .cake(&["activate", TENANT, "--client-id", CLIENT_ID, "--issuer", "https://acme.okta.com", "--option", "hybrid", "--offline", "--skip-push"])
        .run();
    outcome.code(0).stdout_has("Once it is pushed and active:").stdout_has("Tell the client before it happens");

    setup.backend.add_tenant("beta.cake.example", false);
    let pushed = setup
        .cake(&["activate", "beta.cake.example", "--client-id", CLIENT_ID, "--issuer", "https://acme.okta.com", "--option", "hybrid", "--offline"])
        .run();
    pushed.code(0).stdout_has("Once it is active:").stdout_has("Tell the client before it happens");
}

#[test]
fn missing_backend_url_hint_comes_first() {
    let setup = Setup::new();
    setup.sandbox.write_config("default_profile = \"staging\"\n\n[profiles.staging]\nstaff_name = \"Dana Smith\"\n");
    let outcome = setup
        .cake(&["activate", TENANT, "--client-id", CLIENT_ID, "--issuer", "https://acme.okta.com", "--option", "hybrid", "--offline"])
        .run();
    outcome.code(4);

    let hints = hint_lines(outcome.stderr.rsplit("error:").next().unwrap_or_default());
    assert_eq!(
        hints,
        [
            "hint: set it with: cake-okta config set profiles.staging.backend_url https://...",
            "hint: then push it with: cake-okta requests retry 1",
        ]
    );
}

#[test]
fn rejected_token_names_auth_login_everywhere() {
    let setup = Setup::new();
    setup.backend.add_tenant("beta.cake.example", false);
    let submitted = number_of(&setup.activate(&[]).code(0).json()).to_string();
    let draft = setup
        .cake(&["activate", "beta.cake.example", "--client-id", CLIENT_ID, "--issuer", "https://acme.okta.com", "--option", "hybrid", "--offline", "--skip-push", "--json"])
        .run();
    let draft = number_of(&draft.code(0).json()).to_string();
    setup.backend.set_token("another-token-entirely");

    let commands: [(&[&str], i32); 8] = [
        (&["requests", "sync"], 1),
        (&["requests", "sync", &submitted], 1),
        (&["doctor"], 1),
        (&["auth", "status"], 1),
        (&["users", "list", TENANT], 1),
        (&["activate", "gamma.cake.example", "--client-id", CLIENT_ID, "--issuer", "https://acme.okta.com", "--option", "hybrid", "--offline", "--yes"], 4),
        (&["requests", "retry", &draft, "--yes"], 4),
        (&["requests", "cancel", &submitted], 1),
    ];
    for (args, code) in commands {
        let outcome = setup.cake(args).run();
        assert_eq!(outcome.code, code, "{args:?}\n{}\n{}", outcome.stdout, outcome.stderr);
        let hints: Vec<&str> =
            outcome.stdout.lines().chain(outcome.stderr.lines()).filter(|line| line.trim_start().starts_with("hint:")).collect();
        assert!(
            hints.iter().any(|hint| hint.contains("run 'cake-okta auth login'")),
            "{args:?} gives no auth login hint\n--- stdout\n{}\n--- stderr\n{}",
            outcome.stdout,
            outcome.stderr
        );
    }
}

#[test]
fn missing_token_leaves_draft() {
    let setup = Setup::new();
    let ca = setup.ca.ca_path().display().to_string();
    let outcome = setup
        .sandbox
        .cake([
            "activate", TENANT, "--client-id", CLIENT_ID, "--issuer", &setup.issuer.url, "--option", "hybrid",
            "--ca-cert", &ca, "--allow-private-network",
        ])
        .env("CAKE_OKTA_NOW", NOW)
        .run();
    outcome.code(4).stderr_has("CAKE_OKTA_TOKEN").stdout_has("Recorded request #1");
    assert_eq!(setup.show(1)["status"], "draft");
    assert!(setup.backend.requests().is_empty());
}

#[test]
fn unknown_tenant_explained() {
    let setup = Setup::new();
    let outcome = setup
        .cake(&["activate", "other.cake.example", "--client-id", CLIENT_ID, "--issuer", "https://acme.okta.com", "--option", "hybrid", "--offline"])
        .run();
    outcome.code(4).stderr_has("does not know tenant other.cake.example").stderr_has("check the tenant name");
    assert!(!outcome.stderr.contains("requests retry"), "{}", outcome.stderr);
    assert!(!outcome.stdout.contains("requests retry"), "{}", outcome.stdout);
    assert!(!outcome.stdout.contains("Once it is active"), "{}", outcome.stdout);
}

#[test]
fn skip_push_sends_nothing() {
    let setup = Setup::new();
    let report = setup.activate(&["--skip-push"]).code(0).json();
    assert_eq!(report["request"]["status"], "draft");
    assert!(setup.backend.requests().is_empty());
}

#[test]
fn retry_of_submitted_is_noop() {
    let setup = Setup::new();
    let number = number_of(&setup.activate(&[]).code(0).json());
    setup.cake(&["requests", "retry", &number.to_string()]).run().code(0).stdout_has("already pushed");
    assert_eq!(setup.backend.requests_to("PUT", "/v1/tenants/acme.cake.example/sso/okta").len(), 1);
}

#[test]
fn cancel_calls_backend() {
    let setup = Setup::new();
    let number = number_of(&setup.activate(&[]).code(0).json());
    let id = setup.show(number)["id"].as_str().unwrap().to_string();

    setup.cake(&["requests", "cancel", &number.to_string(), "--note", "client withdrew"]).run().code(0);
    assert_eq!(setup.show(number)["status"], "cancelled");
    assert_eq!(setup.backend.current(TENANT).unwrap().status, "cancelled");
    let path = format!("/v1/tenants/acme.cake.example/sso/okta/requests/{id}");
    assert_eq!(setup.backend.requests_to("DELETE", &path).len(), 1);
}

#[test]
fn cancel_of_active_is_refused() {
    let setup = Setup::new();
    let number = number_of(&setup.activate(&[]).code(0).json());
    setup.backend.set_status(TENANT, "active", "2026-03-05T14:00:00Z", None);

    let outcome = setup.cake(&["requests", "cancel", &number.to_string()]).run();
    outcome.code(1).stderr_has("already activated").stderr_has("requests sync");
    assert_eq!(setup.show(number)["status"], "submitted");
}

#[test]
fn cancel_of_draft_stays_local() {
    let setup = Setup::new();
    let number = number_of(&setup.activate(&["--skip-push"]).code(0).json());
    setup.cake(&["requests", "cancel", &number.to_string()]).run().code(0);
    assert_eq!(setup.show(number)["status"], "cancelled");
    assert!(setup.backend.requests().is_empty());
}

#[test]
fn debug_logs_exchanges() {
    let setup = Setup::new();
    // The preflight's GET calls come first; the fault is for the submission.
    setup.backend.fail_next_for("PUT", 1, Fault::ServerError);

    let outcome = setup.activate(&["--debug"]);
    outcome.code(0);
    let lines: Vec<&str> = outcome.stderr.lines().filter(|line| line.starts_with("debug: backend: PUT")).collect();
    assert_eq!(lines.len(), 2, "{}", outcome.stderr);
    assert!(lines[0].contains("-> 500"), "{}", lines[0]);
    assert!(lines[0].contains("attempt 1/4"), "{}", lines[0]);
    assert!(lines[1].contains("-> 202"), "{}", lines[1]);
    assert!(lines[1].contains("attempt 2/4"), "{}", lines[1]);
    assert!(outcome.stderr.contains("retrying in"), "{}", outcome.stderr);

    let quiet = setup.cake(&["requests", "sync"]).run();
    assert!(!quiet.stderr.contains("debug:"), "{}", quiet.stderr);
}

/// Runs commands with a known token and searches everything they wrote.
#[test]
fn token_never_written() {
    let setup = Setup::new();
    setup.backend.fail_next(1, Fault::Unauthorized);

    let mut outcomes = vec![setup.activate(&["--debug"])];
    outcomes.push(setup.cake(&["requests", "retry", "1", "--debug"]).run());
    setup.backend.set_status(TENANT, "in_progress", "2026-03-04T14:00:00Z", None);
    for args in [
        vec!["requests", "sync", "--debug"],
        vec!["requests", "show", "1", "--debug"],
        vec!["pending", "--debug"],
        vec!["auth", "status", "--debug"],
        vec!["auth", "status", "--json"],
        vec!["config", "show", "--debug"],
        vec!["config", "show", "--json"],
        vec!["doctor", "--debug"],
        vec!["doctor", "--json"],
        vec!["config", "set", "profiles.production.staff_name", "Dana Smith"],
    ] {
        outcomes.push(setup.cake(&args).run());
    }
    outcomes.push(setup.cake(&["auth", "login", "--with-token"]).stdin(TOKEN).run());

    assert_eq!(setup.show(1)["status"], "in_progress", "the runs did their work");
    let debug_lines = outcomes.iter().flat_map(|outcome| outcome.stderr.lines()).filter(|line| line.starts_with("debug:")).count();
    assert!(debug_lines > 0, "no --debug output to search");

    let needle = TOKEN.as_bytes();
    for (index, outcome) in outcomes.iter().enumerate() {
        assert!(!contains(&outcome.raw_stdout, needle), "run {index} printed the token on stdout");
        assert!(!contains(&outcome.raw_stderr, needle), "run {index} printed the token on stderr");
    }
    let config = std::fs::read(setup.sandbox.config_path()).unwrap();
    assert!(!contains(&config, needle), "the config file contains the token");
    for entry in std::fs::read_dir(setup.sandbox.data_dir()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        assert!(!contains(&bytes, needle), "{} contains the token", path.display());
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}
