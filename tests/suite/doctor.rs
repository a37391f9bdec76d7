//! `cake-okta doctor`: one check per line, JSON for scripts, exit 1 when
//! something is broken, and a broken config reported rather than fatal.

use serde_json::Value;

use crate::support::Sandbox;
use crate::support::backend::{FakeBackend, TOKEN};

fn status_of<'a>(report: &'a Value, id: &str) -> &'a str {
    report["checks"]
        .as_array()
        .expect("checks is a list")
        .iter()
        .find(|check| check["id"] == id)
        .and_then(|check| check["status"].as_str())
        .unwrap_or_else(|| panic!("no check {id} in {report}"))
}

#[test]
fn doctor_healthy_setup() {
    let backend = FakeBackend::http();
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!("[profiles.default]\nbackend_url = \"{}\"\n", backend.base()));

    let report = sandbox.cake(["doctor", "--json"]).env("CAKE_OKTA_TOKEN", TOKEN).run().code(0).json();
    assert_eq!(report["ok"], true);
    let cases = [
        ("config", "ok"),
        ("profile", "ok"),
        ("backend_url", "ok"),
        ("keyring", "warn"),
        ("token", "ok"),
        ("backend", "ok"),
        ("ledger", "ok"),
    ];
    for (id, status) in cases {
        assert_eq!(status_of(&report, id), status, "{id}: {report}");
    }

    let human = sandbox.cake(["doctor"]).env("CAKE_OKTA_TOKEN", TOKEN).run();
    human.code(0).stdout_has("✔ ok").stdout_has("backend reachable, token accepted");
    human.stderr_has("live call to the backend (--offline skips it)");
    assert!(!human.stdout.contains(TOKEN));
    for made_up in ["access-check.invalid", "HTTP 404"] {
        assert!(!human.stdout.contains(made_up), "{made_up} in\n{}", human.stdout);
    }

    let keyring = human.stdout.lines().find(|line| line.contains("keyring")).unwrap_or_default();
    assert!(keyring.contains("not needed while CAKE_OKTA_TOKEN provides the token"), "{keyring}");
    assert!(!keyring.contains("set CAKE_OKTA_TOKEN instead"), "{keyring}");

    let offline = sandbox.cake(["doctor", "--offline"]).env("CAKE_OKTA_TOKEN", TOKEN).run();
    assert!(!offline.stderr.contains("live call"), "{}", offline.stderr);
}

#[test]
fn doctor_rejected_token_line() {
    let backend = FakeBackend::http();
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!("[profiles.default]\nbackend_url = \"{}\"\n", backend.base()));

    let human = sandbox.cake(["doctor"]).env("CAKE_OKTA_TOKEN", "ck_wrong_token_000000").run();
    human.code(1).stdout_has("token rejected (HTTP 401)");
    assert!(!human.stdout.contains("access-check.invalid"), "{}", human.stdout);
}

#[test]
fn doctor_reports_broken_config() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[profiles.default\nbackend_url = 1\n");
    let report = sandbox.cake(["doctor", "--json"]).run().code(1).json();
    assert_eq!(report["ok"], false);
    assert_eq!(status_of(&report, "config"), "fail");
}

#[test]
fn doctor_reports_unknown_profile() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[profiles.production]\n");
    let report = sandbox.cake(["doctor", "--json", "--profile", "nope"]).run().code(1).json();
    assert_eq!(status_of(&report, "profile"), "fail");
}

#[test]
fn doctor_without_token_or_url() {
    let sandbox = Sandbox::new();
    let report = sandbox.cake(["doctor", "--json"]).run().code(1).json();
    assert_eq!(status_of(&report, "backend_url"), "fail");
    assert_eq!(status_of(&report, "keyring"), "fail");
    assert_eq!(status_of(&report, "token"), "fail");
    assert_eq!(status_of(&report, "backend"), "skipped");

    let url = report["checks"].as_array().unwrap().iter().find(|check| check["id"] == "backend_url").unwrap();
    assert_eq!(url["hint"], "set it with: cake-okta config set profiles.default.backend_url https://...");
    let keyring = report["checks"].as_array().unwrap().iter().find(|check| check["id"] == "keyring").unwrap();
    assert!(keyring["message"].as_str().unwrap().contains("or set CAKE_OKTA_TOKEN instead"), "{keyring}");
}

#[test]
fn doctor_reports_unreadable_ledger() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.data_dir()).unwrap();
    std::fs::write(sandbox.ledger_path(), b"this is not a database, just text").unwrap();

    let report = sandbox.cake(["doctor", "--json", "--offline"]).env("CAKE_OKTA_TOKEN", TOKEN).run().code(1).json();
    assert_eq!(status_of(&report, "ledger"), "fail");
    assert_eq!(status_of(&report, "backend"), "skipped");
}
