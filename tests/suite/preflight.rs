//! The lock-out and MFA preflight of `activate` and `requests retry`
//! against the fake backend. It covers who okta-only would lock out, the
//! confirmation it needs (`--yes`, exit 2 without it), the acknowledgement
//! recorded as an event, failed lookups and `--dry-run`. The client notice
//! of `requests notify` is here too, because `activate` lists the same
//! consequences before the push.

use serde_json::{Value, json};

use crate::support::backend::{FakeBackend, Fault, TOKEN};
use crate::support::{Outcome, Run, Sandbox};

const TENANT: &str = "acme.cake.example";
const ISSUER: &str = "https://acme.okta.com";
const CLIENT_ID: &str = "0oa1b2c3d4e5f6g7h8i9";
const SUBMIT_PATH: &str = "/v1/tenants/acme.cake.example/sso/okta";
const NOW: &str = "2026-03-03T15:00:00Z";

fn linked() -> Value {
    json!({"id": "u1", "email": "ann@acme.example", "first_name": "Ann", "last_name": "Lee", "okta_login": "ann@acme.example", "active": true})
}

/// Two active users without an Okta login and an inactive one.
fn unlinked() -> Vec<Value> {
    vec![
        json!({"id": "u2", "email": "bob@acme.example", "first_name": "Bob", "last_name": "Ng", "okta_login": null, "active": true}),
        json!({"id": "u3", "email": "carol@acme.example", "first_name": "Carol", "last_name": "Diaz", "okta_login": null, "active": false}),
        json!({"id": "u4", "email": "dan@acme.example", "first_name": "Dan", "last_name": "Ek", "okta_login": "", "active": true}),
    ]
}

/// A sandbox whose profile points at a fake backend with one tenant.
struct Tenant {
    sandbox: Sandbox,
    backend: FakeBackend,
}

impl Tenant {
    fn new(mfa_enabled: bool, users: Vec<Value>) -> Tenant {
        let backend = FakeBackend::http();
        backend.add_tenant(TENANT, mfa_enabled);
        for user in users {
            backend.add_user(TENANT, user);
        }
        let sandbox = Sandbox::new();
        sandbox.write_config(&format!(
            "[profiles.default]\nbackend_url = \"{}\"\ntenant_url = \"{}\"\nstaff_name = \"Dana Smith\"\n\n[activation]\ntime_zone = \"America/New_York\"\n",
            backend.base(),
            backend.tenant_url()
        ));
        Tenant { sandbox, backend }
    }

    fn with_unlinked_users(mfa_enabled: bool) -> Tenant {
        let mut users = vec![linked()];
        users.extend(unlinked());
        Tenant::new(mfa_enabled, users)
    }

    fn cake<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.sandbox.cake(args).env("CAKE_OKTA_TOKEN", TOKEN).env("CAKE_OKTA_NOW", NOW)
    }

    /// `activate` with an offline issuer check, so only the backend is hit.
    fn activate(&self, option: &str, extra: &[&str]) -> Outcome {
        self.cake(["activate", TENANT, "--client-id", CLIENT_ID, "--issuer", ISSUER, "--option", option, "--ticket", "SUP-1234", "--offline"])
            .args(extra)
            .run()
    }

    fn recorded(&self) -> Vec<Value> {
        let outcome = self.cake(["requests", "list", "--json"]).run();
        outcome.code(0);
        outcome.json().as_array().expect("a JSON array").clone()
    }

    fn notes(&self, number: i64) -> Vec<String> {
        let outcome = self.cake(["requests", "show", &number.to_string(), "--json"]).run();
        outcome.code(0);
        outcome.json()["events"]
            .as_array()
            .expect("events")
            .iter()
            .filter_map(|event| event["note"].as_str().map(str::to_string))
            .collect()
    }

    fn puts(&self) -> usize {
        self.backend.requests_to("PUT", SUBMIT_PATH).len()
    }
}

fn preflight_notes(notes: &[String]) -> Vec<&String> {
    notes.iter().filter(|note| note.starts_with("Preflight:")).collect()
}

#[test]
fn okta_only_refused_without_yes() {
    let tenant = Tenant::with_unlinked_users(false);
    let outcome = tenant.activate("okta-only", &[]);
    outcome.code(2);
    outcome
        .stderr_has("okta-only would lock out 2 active admin users of acme.cake.example")
        .stderr_has("bob@acme.example")
        .stderr_has("dan@acme.example")
        .stderr_has("--yes")
        .stderr_has("nothing was recorded");
    assert!(!outcome.stderr.contains("carol@acme.example"), "inactive users are not locked out:\n{}", outcome.stderr);
    assert!(!outcome.stderr.contains("ann@acme.example"), "linked users are not listed:\n{}", outcome.stderr);

    assert_eq!(tenant.puts(), 0, "nothing may be pushed");
    assert!(tenant.recorded().is_empty(), "nothing may be recorded");
}

#[test]
fn okta_only_with_yes_records_acknowledgement() {
    let tenant = Tenant::with_unlinked_users(false);
    let outcome = tenant.activate("okta-only", &["--yes", "--json"]);
    outcome.code(0);
    let report = outcome.json();
    assert_eq!(report["pushed"], true);
    assert_eq!(report["preflight"]["lockout_count"], 2);
    assert_eq!(report["preflight"]["mfa_enabled"], false);
    let listed: Vec<&str> = report["preflight"]["users_without_okta_login"]
        .as_array()
        .unwrap()
        .iter()
        .map(|user| user["email"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["bob@acme.example", "dan@acme.example"]);
    assert_eq!(tenant.puts(), 1);

    let number = report["request"]["number"].as_i64().unwrap();
    let notes = tenant.notes(number);
    let preflight = preflight_notes(&notes);
    assert_eq!(preflight.len(), 1, "{notes:?}");
    assert!(preflight[0].contains("2 active admin users without an Okta login will be locked out by okta-only"), "{}", preflight[0]);
    assert!(preflight[0].contains("Acknowledged with --yes"), "{}", preflight[0]);
}

#[test]
fn okta_only_all_linked_goes_ahead() {
    let tenant = Tenant::new(false, vec![linked()]);
    let outcome = tenant.activate("okta-only", &[]);
    outcome.code(0).stderr_has("Every active admin user of acme.cake.example has an Okta login");
    assert_eq!(tenant.puts(), 1);
    assert!(preflight_notes(&tenant.notes(1)).is_empty());
}

#[test]
fn no_users_warns_of_wrong_tenant() {
    for option in ["hybrid", "okta-only"] {
        let tenant = Tenant::new(false, Vec::new());
        let outcome = tenant.activate(option, &[]);
        let wrong_site = "lists no active admin users";
        assert!(outcome.stderr.contains(wrong_site), "{option}: {}", outcome.stderr);
        assert!(outcome.stderr.contains("tenant_url"), "{option}: {}", outcome.stderr);
        assert!(!outcome.stderr.contains("Every active admin user"), "{option}: {}", outcome.stderr);

        if option == "hybrid" {
            outcome.code(0);
            assert_eq!(tenant.puts(), 1, "{option}");
            continue;
        }
        outcome.code(2).stderr_has("--yes");
        assert_eq!(tenant.puts(), 0, "{option}");
        tenant.activate(option, &["--yes"]).code(0);
        assert_eq!(tenant.puts(), 1, "{option}");
        let notes = tenant.notes(1);
        let preflight = preflight_notes(&notes);
        assert!(preflight[0].contains("The site lists no active admin users"), "{preflight:?}");
    }
}

#[test]
fn hybrid_shows_count_as_information() {
    let tenant = Tenant::with_unlinked_users(false);
    let outcome = tenant.activate("hybrid", &[]);
    outcome
        .code(0)
        .stderr_has("2 active admin users of acme.cake.example have no Okta login; with hybrid they keep username and password sign-in");
    assert!(!outcome.stderr.contains("--yes"), "{}", outcome.stderr);
    assert_eq!(tenant.puts(), 1);
}

#[test]
fn mfa_on_needs_confirmation() {
    let tenant = Tenant::new(true, vec![linked()]);
    let refused = tenant.activate("hybrid", &[]);
    refused
        .code(2)
        .stderr_has("CAKE MFA is on for acme.cake.example")
        .stderr_has("Okta becomes the MFA provider and CAKE MFA is switched off")
        .stderr_has("--yes");
    assert_eq!(tenant.puts(), 0);

    tenant.activate("hybrid", &["--yes"]).code(0);
    let notes = tenant.notes(1);
    let preflight = preflight_notes(&notes);
    assert_eq!(preflight.len(), 1, "{notes:?}");
    assert!(preflight[0].contains("CAKE MFA is on and will be switched off; Okta becomes the MFA provider"), "{}", preflight[0]);
    assert!(preflight[0].contains("Every active admin user has an Okta login"), "{}", preflight[0]);
}

#[test]
fn okta_only_with_mfa_names_both() {
    let tenant = Tenant::with_unlinked_users(true);
    let refused = tenant.activate("okta-only", &[]);
    refused.code(2);
    let message = refused.stderr.lines().find(|line| line.starts_with("error:")).unwrap_or_default().to_string();
    assert!(message.contains("lock out 2 active admin users"), "{message}");
    assert!(message.contains("CAKE MFA of acme.cake.example would be switched off"), "{message}");
    assert!(message.contains("--yes"), "{message}");
}

#[test]
fn unreadable_users_block_okta_only() {
    let tenant = Tenant::with_unlinked_users(false);
    // Every attempt of the user list fails, and the security settings are read.
    tenant.backend.fail_next_for("GET", 4, Fault::ServerError);
    let blocked = tenant.activate("okta-only", &["--yes"]);
    blocked
        .code(1)
        .stderr_has("failed to list the admin users of acme.cake.example")
        .stderr_has("not pushing okta-only")
        .stderr_has("--force");
    assert_eq!(tenant.puts(), 0);
    assert!(tenant.recorded().is_empty());

    tenant.backend.fail_next_for("GET", 4, Fault::ServerError);
    tenant.activate("okta-only", &["--force"]).code(0);
    assert_eq!(tenant.puts(), 1);
    let notes = tenant.notes(1);
    let preflight = preflight_notes(&notes);
    assert_eq!(preflight.len(), 1, "{notes:?}");
    assert!(preflight[0].contains("The admin users could not be listed."), "{}", preflight[0]);
    assert!(preflight[0].contains("(--force)"), "{}", preflight[0]);
}

#[test]
fn unreadable_users_only_warn_for_hybrid() {
    let tenant = Tenant::with_unlinked_users(false);
    tenant.backend.fail_next_for("GET", 4, Fault::ServerError);
    tenant.activate("hybrid", &[]).code(0).stderr_has("failed to list the admin users");
    assert_eq!(tenant.puts(), 1);
}

#[test]
fn missing_token_blocks_okta_only() {
    let tenant = Tenant::with_unlinked_users(false);
    let outcome = tenant
        .sandbox
        .cake(["activate", TENANT, "--client-id", CLIENT_ID, "--issuer", ISSUER, "--option", "okta-only", "--offline", "--no-input"])
        .env("CAKE_OKTA_NOW", NOW)
        .env("CAKE_OKTA_TOKEN", "wrong-token")
        .run();
    outcome.code(1).stderr_has("cake-okta auth login").stderr_has("not pushing okta-only");
    assert!(tenant.backend.requests_to("PUT", SUBMIT_PATH).is_empty());
}

#[test]
fn dry_run_shows_findings_records_nothing() {
    let tenant = Tenant::with_unlinked_users(true);
    let outcome = tenant.activate("okta-only", &["--dry-run", "--json"]);
    outcome.code(0);
    let preflight = &outcome.json()["preflight"];
    assert_eq!(preflight["lockout_count"], 2);
    assert_eq!(preflight["active_without_okta_login"], 2);
    assert_eq!(preflight["mfa_enabled"], true);
    assert_eq!(preflight["needs_confirmation"], true);
    assert_eq!(preflight["errors"], json!([]));

    let human = tenant.activate("okta-only", &["--dry-run"]);
    human
        .code(0)
        .stderr_has("bob@acme.example")
        .stderr_has("Without --dry-run, pushing needs a confirmation at the prompt or --yes")
        .stdout_has("Once it is active:");

    assert_eq!(tenant.puts(), 0);
    assert!(!tenant.sandbox.data_dir().exists(), "a dry run must not create the ledger");
}

/// A draft kept back with `--skip-push` gets its preflight when `requests
/// retry` pushes it.
#[test]
fn retry_of_draft_runs_preflight() {
    let tenant = Tenant::with_unlinked_users(true);
    tenant.activate("okta-only", &["--skip-push"]).code(0);
    assert!(tenant.backend.requests().is_empty(), "{:?}", tenant.backend.requests());

    let refused = tenant.cake(["requests", "retry", "1"]).run();
    refused.code(2).stderr_has("bob@acme.example").stderr_has("nothing was pushed").stderr_has("--yes");
    assert_eq!(tenant.puts(), 0);

    tenant.cake(["requests", "retry", "1", "--yes"]).run().code(0);
    assert_eq!(tenant.puts(), 1);
    let notes = tenant.notes(1);
    let preflight = preflight_notes(&notes);
    assert_eq!(preflight.len(), 1, "{notes:?}");
    assert!(preflight[0].contains("2 active admin users"), "{}", preflight[0]);
    assert!(preflight[0].contains("CAKE MFA is on"), "{}", preflight[0]);
}

/// An open hybrid request replaced by an okta-only one: `--yes` confirms
/// both the second request and the lock-out. The acknowledgement is kept
/// with the new request, although the backend rejects the push while the
/// hybrid one is open.
#[test]
fn open_hybrid_replaced_by_okta_only() {
    let tenant = Tenant::with_unlinked_users(false);
    tenant.activate("hybrid", &[]).code(0);

    let replaced = tenant.activate("okta-only", &["--yes"]);
    replaced.code(4).stderr_has("okta-only would lock out 2 active admin users");
    let notes = tenant.notes(2);
    let preflight = preflight_notes(&notes);
    assert_eq!(preflight.len(), 1, "{notes:?}");
    assert!(preflight[0].contains("2 active admin users"), "{}", preflight[0]);
}

#[test]
fn activate_summary_lists_consequences() {
    let tenant = Tenant::with_unlinked_users(false);
    let outcome = tenant.activate("okta-only", &["--yes"]);
    outcome
        .code(0)
        .stdout_has("Once it is active:")
        .stdout_has("only the \"Login with Okta\" button")
        .stdout_has("Remove Password, Disable Login, Change Password, Forgot Password and Add User")
        .stdout_has("Okta becomes the MFA provider, and CAKE's own MFA is switched off")
        .stdout_has("POST /okta/users")
        .stdout_has("cake-okta requests notify 1");
}

#[test]
fn notify_refuses_open_request() {
    let tenant = Tenant::with_unlinked_users(false);
    tenant.activate("hybrid", &[]).code(0);
    let outcome = tenant.cake(["requests", "notify", "1"]).run();
    outcome.code(1).stderr_has("request #1 for acme.cake.example is submitted, not active").stderr_has("requests sync 1");
    assert!(outcome.stdout.is_empty(), "{}", outcome.stdout);
}

#[test]
fn notify_renders_active_request() {
    let tenant = Tenant::with_unlinked_users(false);
    let activation = tenant.activate("hybrid", &[]);
    activation.code(0);
    tenant.cake(["requests", "mark", "1", "active"]).run().code(0);

    let outcome = tenant.cake(["requests", "notify", "#1"]).run();
    outcome.code(0);
    let notice = &outcome.stdout;
    assert!(notice.starts_with("Subject: Okta sign-in is now active for acme.cake.example [SUP-1234]\n"), "{notice}");
    let flat = notice.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "since 2026-03-03",
        "Option: hybrid (username and password, plus \"Login with Okta\")",
        "keeps the username and password fields and adds a \"Login with Okta\" button",
        "Remove Password, Disable Login, Change Password, Forgot Password and Add User",
        "Okta becomes the MFA provider, and CAKE's own MFA is switched off",
        "POST /okta/users to add a user, PUT /okta/users/{id} to edit one",
        "Dana Smith",
    ] {
        assert!(flat.contains(needle), "notice lacks {needle:?}:\n{notice}");
    }

    // Each consequence `activate` listed is in the notice, word for word.
    let listed: Vec<&str> = activation.stdout.lines().filter_map(|line| line.strip_prefix("  - ")).collect();
    assert_eq!(listed.len(), 4, "{}", activation.stdout);
    for line in listed {
        let text = line.split_once(": ").map(|(_, text)| text).unwrap_or(line);
        assert!(flat.contains(text), "notice lacks {text:?}");
    }
}

#[test]
fn notify_out_refuses_overwrite() {
    let tenant = Tenant::with_unlinked_users(false);
    tenant.activate("okta-only", &["--yes"]).code(0);
    tenant.cake(["requests", "mark", "1", "active"]).run().code(0);
    let path = tenant.sandbox.path().join("notice.txt");

    tenant.cake(["requests", "notify", "1", "--out"]).arg(&path).run().code(0).stderr_has("notice.txt");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("only the \"Login with Okta\" button"), "{written}");

    std::fs::write(&path, "keep me").unwrap();
    tenant.cake(["requests", "notify", "1", "--out"]).arg(&path).run().code(1).stderr_has("already exists").stderr_has("--force");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");

    tenant.cake(["requests", "notify", "1", "--force", "--out"]).arg(&path).run().code(0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
}
