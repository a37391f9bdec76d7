//! `cake-okta auth login|logout|status` on a machine without a keyring, as
//! in CI: the failures name `CAKE_OKTA_TOKEN`, the status is masked, and the
//! live check separates an accepted token from a rejected one.

use crate::support::Sandbox;
use crate::support::backend::{FakeBackend, TOKEN};

fn sandbox_for(backend: &FakeBackend) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!(
        "default_profile = \"production\"\n[profiles.production]\nbackend_url = \"{}\"\n",
        backend.base()
    ));
    sandbox
}

#[test]
fn login_without_keyring_names_variable() {
    let sandbox = Sandbox::new();
    let outcome = sandbox.cake(["auth", "login", "--with-token"]).stdin(format!("{TOKEN}\n")).run();
    outcome.code(1).stderr_has("CAKE_OKTA_TOKEN").stderr_has("keyring");
    assert!(!outcome.stderr.contains(TOKEN), "the token was echoed");
    assert!(!outcome.stdout.contains(TOKEN), "the token was echoed");
}

#[test]
fn login_without_terminal_needs_with_token() {
    let sandbox = Sandbox::new();
    sandbox.cake(["auth", "login"]).run().code(2).stderr_has("--with-token");
}

#[test]
fn login_rejects_malformed_token() {
    let sandbox = Sandbox::new();
    for input in ["", "\n", "two words\n"] {
        sandbox.cake(["auth", "login", "--with-token"]).stdin(input).run().code(2).stderr_has("invalid API token");
    }
}

#[test]
fn logout_without_keyring_names_variable() {
    let sandbox = Sandbox::new();
    sandbox.cake(["auth", "logout"]).run().code(1).stderr_has("CAKE_OKTA_TOKEN");
}

#[test]
fn status_offline_masks_token() {
    let sandbox = Sandbox::new();
    let report = sandbox.cake(["auth", "status", "--offline", "--json"]).env("CAKE_OKTA_TOKEN", TOKEN).run().code(0).json();
    assert_eq!(report["token_source"], "environment");
    assert_eq!(report["token"], "ck_t****");
    assert_eq!(report["check"]["outcome"], "skipped");

    let outcome = sandbox.cake(["auth", "status", "--offline"]).env("CAKE_OKTA_TOKEN", TOKEN).run();
    outcome.code(0).stdout_has("ck_t****").stdout_has("CAKE_OKTA_TOKEN");
    assert!(!outcome.stdout.contains(TOKEN));
}

#[test]
fn status_checks_token_live() {
    let backend = FakeBackend::http();
    let sandbox = sandbox_for(&backend);

    let report = sandbox.cake(["auth", "status", "--json"]).env("CAKE_OKTA_TOKEN", TOKEN).run().code(0).json();
    assert_eq!(report["check"]["outcome"], "accepted");
    assert_eq!(report["check"]["status"], 404);
    let call = report["check"]["call"].as_str().unwrap();
    assert!(call.starts_with("GET "), "{call}");
    assert!(call.ends_with("/v1/tenants/access-check.invalid/sso/okta"), "{call}");

    let requests = backend.requests();
    assert_eq!(requests.len(), 1, "the check makes one read-only call");
    assert_eq!(requests[0].method, "GET");

    let rejected = sandbox.cake(["auth", "status"]).env("CAKE_OKTA_TOKEN", "ck_wrong_token_000000").run();
    rejected.code(1).stdout_has("token rejected (HTTP 401)").stderr_has("cake-okta auth login");

    let human = sandbox.cake(["auth", "status"]).env("CAKE_OKTA_TOKEN", TOKEN).run();
    human.code(0).stdout_has("backend reachable, token accepted").stderr_has("--offline skips it");
    for made_up in ["access-check.invalid", "HTTP 404"] {
        assert!(!human.stdout.contains(made_up), "{made_up} in\n{}", human.stdout);
    }
}

#[test]
fn environment_token_trimmed_or_rejected() {
    let backend = FakeBackend::http();
    let sandbox = sandbox_for(&backend);

    for padded in [format!("{TOKEN}\r\n"), format!("  {TOKEN} ")] {
        let report = sandbox.cake(["auth", "status", "--json"]).env("CAKE_OKTA_TOKEN", &padded).run().code(0).json();
        assert_eq!(report["check"]["outcome"], "accepted", "{padded:?}: {report}");
    }
    for request in backend.requests() {
        assert_eq!(request.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    }

    let broken = sandbox.cake(["auth", "status"]).env("CAKE_OKTA_TOKEN", format!("ck_test\r\n{TOKEN}")).run();
    broken.code(2).stderr_has("CAKE_OKTA_TOKEN").stderr_has("control characters");
    assert!(!broken.stderr.contains(TOKEN), "the token was echoed: {}", broken.stderr);
}

#[test]
fn status_checks_named_tenant() {
    let backend = FakeBackend::http();
    backend.add_tenant("acme.cake.example", false);
    let sandbox = sandbox_for(&backend);
    sandbox
        .cake(["auth", "status", "--tenant", "acme.cake.example"])
        .env("CAKE_OKTA_TOKEN", TOKEN)
        .run()
        .code(0);
    assert_eq!(backend.requests()[0].path, "/v1/tenants/acme.cake.example/sso/okta");
}

#[test]
fn status_without_token_fails() {
    let sandbox = Sandbox::new();
    let report = sandbox.cake(["auth", "status", "--json"]).run().code(1).json();
    assert!(report["token"].is_null());
    assert!(
        matches!(report["token_source"].as_str(), Some("none" | "unavailable")),
        "{}",
        report["token_source"]
    );
}

#[test]
fn status_reports_unreachable_backend() {
    let backend = FakeBackend::http();
    let sandbox = sandbox_for(&backend);
    drop(backend);
    let report = sandbox.cake(["auth", "status", "--json"]).env("CAKE_OKTA_TOKEN", TOKEN).run().code(1).json();
    assert_eq!(report["check"]["outcome"], "unreachable");
}
