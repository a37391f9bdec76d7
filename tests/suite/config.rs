//! `cake-okta config path|show|set`: the file in effect, every value with
//! its source, and changing one key without losing comments, with the URL
//! rules and the refusal to store tokens.

use serde_json::Value;

use crate::support::Sandbox;
use crate::support::backend::TOKEN;

fn setting<'a>(report: &'a Value, key: &str) -> &'a Value {
    report["settings"]
        .as_array()
        .expect("settings is a list")
        .iter()
        .find(|setting| setting["key"] == key)
        .unwrap_or_else(|| panic!("no setting {key} in {report}"))
}

#[test]
fn path_names_file_in_effect() {
    let sandbox = Sandbox::new();
    let outcome = sandbox.cake(["config", "path"]).run();
    outcome.code(0).stderr_has("does not exist yet");
    assert_eq!(outcome.stdout.trim(), sandbox.config_path().display().to_string());
}

#[test]
fn set_creates_private_file() {
    let sandbox = Sandbox::new();
    let path = sandbox.path().join("fresh").join("dir").join("config.toml");
    sandbox
        .cake(["config", "set", "profiles.production.backend_url", "https://admin-api.cake.example"])
        .env("CAKE_OKTA_CONFIG", &path)
        .run()
        .code(0);

    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, "[profiles.production]\nbackend_url = \"https://admin-api.cake.example\"\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn set_keeps_comments() {
    let sandbox = Sandbox::new();
    let original = "# Support desk settings\ndefault_profile = \"production\"\n\n[profiles.production]\n# staging until May\nbackend_url = \"https://staging.cake.example\" # temporary\n\n[activation]\nholidays = [\"2026-12-25\"]  # US office\n";
    sandbox.write_config(original);

    sandbox.cake(["config", "set", "profiles.production.backend_url", "https://admin-api.cake.example"]).run().code(0);
    sandbox.cake(["config", "set", "activation.holidays", "2026-12-25,2027-01-01"]).run().code(0);
    sandbox.cake(["config", "set", "network.timeout_secs", "20"]).run().code(0);

    let text = std::fs::read_to_string(sandbox.config_path()).unwrap();
    let expected = "# Support desk settings\ndefault_profile = \"production\"\n\n[profiles.production]\n# staging until May\nbackend_url = \"https://admin-api.cake.example\" # temporary\n\n[activation]\nholidays = [\"2026-12-25\", \"2027-01-01\"]  # US office\n\n[network]\ntimeout_secs = 20\n";
    assert_eq!(text, expected);
}

/// Rejected values exit 2 and leave the file as it was.
#[test]
fn set_rejects_invalid_values() {
    let cases = [
        (["profiles.production.backend_url", "http://admin-api.cake.example"], "loopback"),
        (["profiles.production.backend_url", "https://dana:pw@admin-api.cake.example"], "user name and password"),
        (["network.timeout_secs", "soon"], "not a whole number"),
        (["activation.holidays", "2026-02-30"], "not a date"),
        (["activation.time_zone", "Atlantis/Capital"], "unknown time zone"),
        (["activation.min_business_days", "9"], "greater than the maximum"),
        (["profiles.production.colour", "blue"], "unknown config key"),
    ];
    let sandbox = Sandbox::new();
    let original = "[activation]\nmax_business_days = 5\n";
    sandbox.write_config(original);

    for (args, words) in cases {
        let outcome = sandbox.cake(["config", "set"]).args(args).run();
        assert_ne!(outcome.code, 0, "{args:?} was accepted");
        outcome.stderr_has(words);
        assert_eq!(std::fs::read_to_string(sandbox.config_path()).unwrap(), original, "{args:?} changed the file");
    }
}

#[test]
fn set_loopback_http_allowed() {
    let sandbox = Sandbox::new();
    for url in ["http://127.0.0.1:8080", "http://[::1]:8080", "http://localhost:8080"] {
        sandbox.cake(["config", "set", "profiles.local.backend_url", url]).run().code(0);
    }
}

#[test]
fn set_refuses_tokens() {
    let sandbox = Sandbox::new();
    let cases: [(&[&str], &str); 3] = [
        (&["profiles.production.token", "abc"], "does not store API tokens"),
        (&["profiles.production.staff_name", "ck_live_4f9a8b7c6d5e4f3a2b1c"], "looks like an API token"),
        (&["profiles.production.staff_name", TOKEN], "looks like an API token"),
    ];
    for (args, words) in cases {
        let outcome = sandbox.cake(["config", "set"]).args(args).env("CAKE_OKTA_TOKEN", TOKEN).run();
        assert_ne!(outcome.code, 0, "{args:?} was accepted");
        outcome.stderr_has(words).stderr_has("cake-okta auth login");
    }
    assert!(!sandbox.config_path().exists(), "a rejected value created the file");
}

#[test]
fn set_works_for_undefined_profile() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[profiles.production]\nstaff_name = \"Dana\"\n");
    sandbox
        .cake(["config", "set", "profiles.staging.backend_url", "https://staging.cake.example"])
        .env("CAKE_OKTA_PROFILE", "staging")
        .run()
        .code(0);
    let text = std::fs::read_to_string(sandbox.config_path()).unwrap();
    assert!(text.contains("[profiles.staging]"), "{text}");
}

#[test]
fn show_names_every_source() {
    let sandbox = Sandbox::new();
    sandbox.write_config(
        "default_profile = \"production\"\n[profiles.production]\nbackend_url = \"https://admin-api.cake.example\"\n[profiles.staging]\nbackend_url = \"https://staging.cake.example\"\nstaff_name = \"Dana Smith\"\n[network]\ntimeout_secs = 20\n",
    );

    let report = sandbox.cake(["config", "show", "--json"]).env("CAKE_OKTA_TOKEN", TOKEN).run().code(0).json();
    assert_eq!(report["profile"], "production");
    assert_eq!(setting(&report, "profile")["source"], "file");
    assert_eq!(setting(&report, "profiles.production.backend_url")["value"], "https://admin-api.cake.example");
    assert_eq!(setting(&report, "network.timeout_secs")["source"], "file");
    assert_eq!(setting(&report, "network.connect_timeout_secs")["source"], "default");
    assert_eq!(setting(&report, "network.connect_timeout_secs")["value"], "5");
    assert_eq!(setting(&report, "config_file")["source"], "environment");
    assert_eq!(setting(&report, "profiles.production.staff_name")["value"], "test-agent");
    assert_eq!(report["token_source"], "environment");

    let report = sandbox.cake(["config", "show", "--json"]).env("CAKE_OKTA_PROFILE", "staging").run().code(0).json();
    assert_eq!(setting(&report, "profile")["source"], "environment");
    assert_eq!(setting(&report, "profiles.staging.staff_name")["value"], "Dana Smith");

    let report = sandbox.cake(["config", "show", "--json", "--profile", "staging"]).run().code(0).json();
    assert_eq!(setting(&report, "profile")["source"], "flag");
    assert_ne!(report["token_source"], "environment");
}

#[test]
fn show_never_prints_token() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[profiles.default]\nbackend_url = \"https://admin-api.cake.example\"\n");
    for args in [vec!["config", "show"], vec!["config", "show", "--json"]] {
        let outcome = sandbox.cake(&args).env("CAKE_OKTA_TOKEN", TOKEN).run();
        outcome.code(0).stdout_has("environment");
        assert!(!outcome.stdout.contains(TOKEN), "{args:?} printed the token on stdout");
        assert!(!outcome.stderr.contains(TOKEN), "{args:?} printed the token on stderr");
    }
}

#[test]
fn show_rejects_unknown_profile() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[profiles.production]\n");
    sandbox.cake(["config", "show", "--profile", "nope"]).run().code(2).stderr_has("\"nope\"");
}

/// A backend URL written by hand is checked again when it is used.
#[test]
fn remote_http_rejected_when_used() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[profiles.default]\nbackend_url = \"http://admin-api.cake.example\"\n");
    sandbox
        .cake(["auth", "status"])
        .env("CAKE_OKTA_TOKEN", TOKEN)
        .run()
        .code(1)
        .stdout_has("loopback");
}
