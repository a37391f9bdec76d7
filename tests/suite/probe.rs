//! The authorization probe (`--probe`): against panva's oidc-provider, a
//! certified OpenID provider run with Node.js, and against a fixture that
//! responds as Okta does. The recorded requests show what the probe sends
//! and that it follows no redirect.

mod okta;
mod provider;

use serde_json::Value;

use crate::support::{Outcome, Sandbox, Server, TestCa};
use okta::{Accepted, KNOWN_CLIENT, Okta, Setup};
use provider::Provider;

const UNKNOWN_CLIENT: &str = "0oa9z8y7x6w5v4u3t2s1";
const REDIRECT_URI: &str = "https://acme.cake.test/okta/callback";
const OTHER_REDIRECT_URI: &str = "https://other.cake.test/okta/callback";

/// Runs `issuer check ISSUER --json` trusting the test CA, with `args` after.
fn check(sandbox: &Sandbox, ca: &TestCa, issuer: &str, args: &[&str]) -> Outcome {
    sandbox
        .cake(["issuer", "check", issuer, "--json", "--allow-private-network"])
        .arg("--ca-cert")
        .arg(ca.ca_path())
        .args(args)
        .run()
}

/// `(status, message, hint)` of every check with `id` whose message names
/// `client_id`.
fn checks_for<'a>(report: &'a Value, id: &str, client_id: &str) -> Vec<(&'a str, &'a str, &'a str)> {
    report["checks"]
        .as_array()
        .expect("checks is a list")
        .iter()
        .filter(|check| check["id"] == id)
        .filter(|check| check["message"].as_str().unwrap_or_default().contains(client_id))
        .map(|check| {
            (
                check["status"].as_str().unwrap_or_default(),
                check["message"].as_str().unwrap_or_default(),
                check["hint"].as_str().unwrap_or_default(),
            )
        })
        .collect()
}

/// Returns the one status of the check `id` for `client_id`.
#[track_caller]
fn status_of<'a>(report: &'a Value, id: &str, client_id: &str) -> &'a str {
    let found = checks_for(report, id, client_id);
    assert_eq!(found.len(), 1, "expected one {id} check for {client_id}, found {found:?}\n{report:#}");
    found[0].0
}

fn failures(report: &Value) -> Vec<String> {
    report["checks"]
        .as_array()
        .expect("checks is a list")
        .iter()
        .filter(|check| check["status"] == "fail")
        .map(|check| format!("{}: {}", check["id"], check["message"]))
        .collect()
}

fn probe_ids(report: &Value) -> Vec<String> {
    report["checks"]
        .as_array()
        .expect("checks is a list")
        .iter()
        .filter_map(|check| check["id"].as_str())
        .filter(|id| id.starts_with("probe."))
        .map(str::to_string)
        .collect()
}

// ---- oidc-provider -------------------------------------------------------

#[test]
fn provider_passes_issuer_check() {
    let ca = TestCa::new();
    let provider = Provider::start(&ca, KNOWN_CLIENT, REDIRECT_URI);
    let sandbox = Sandbox::new();

    let outcome = check(&sandbox, &ca, &provider.issuer, &["--client-id", KNOWN_CLIENT]);
    let report = outcome.json();
    assert_eq!(failures(&report), Vec::<String>::new(), "{report:#}\n--- provider stderr\n{}", provider.stderr());
    assert_eq!(report["published_issuer"], provider.issuer.as_str());
    assert_eq!(report["server_type"], "other", "oidc-provider's endpoints are not shaped like Okta's");
    assert_ne!(report["verdict"], "fail");
    outcome.code(0);
}

#[test]
fn provider_probe_tells_clients_apart() {
    let ca = TestCa::new();
    let provider = Provider::start(&ca, KNOWN_CLIENT, REDIRECT_URI);
    let sandbox = Sandbox::new();

    let args = ["--probe", "--redirect-uri", REDIRECT_URI, "--client-id", KNOWN_CLIENT, "--client-id", UNKNOWN_CLIENT];
    let outcome = check(&sandbox, &ca, &provider.issuer, &args);
    let report = outcome.json();

    assert_eq!(status_of(&report, "probe.discovery_client", KNOWN_CLIENT), "pass");
    assert_eq!(status_of(&report, "probe.client_known", KNOWN_CLIENT), "pass");
    assert_eq!(status_of(&report, "probe.redirect_uri", KNOWN_CLIENT), "pass");

    // oidc-provider ignores `?client_id=` on discovery, so only the
    // authorization request shows that the client is unknown.
    assert_eq!(status_of(&report, "probe.discovery_client", UNKNOWN_CLIENT), "pass");
    assert_eq!(status_of(&report, "probe.client_known", UNKNOWN_CLIENT), "fail");
    assert_eq!(status_of(&report, "probe.redirect_uri", UNKNOWN_CLIENT), "skipped");
    let (_, message, hint) = checks_for(&report, "probe.client_known", UNKNOWN_CLIENT)[0];
    assert!(message.contains("invalid_client"), "{message}");
    assert!(hint.contains("General tab"), "{hint}");

    assert_eq!(failures(&report).len(), 1, "{report:#}");
    outcome.code(3);
}

#[test]
fn provider_probe_passes_registered_client() {
    let ca = TestCa::new();
    let provider = Provider::start(&ca, KNOWN_CLIENT, REDIRECT_URI);
    let sandbox = Sandbox::new();

    let outcome = check(&sandbox, &ca, &provider.issuer, &["--probe", "--redirect-uri", REDIRECT_URI, "--client-id", KNOWN_CLIENT]);
    let report = outcome.json();
    assert_eq!(failures(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(probe_ids(&report), ["probe.discovery_client", "probe.client_known", "probe.redirect_uri"]);
    let (_, message, _) = checks_for(&report, "probe.redirect_uri", KNOWN_CLIENT)[0];
    assert!(message.contains("sign-in page"), "{message}");
    outcome.code(0);
}

#[test]
fn provider_probe_rejects_other_redirect_uri() {
    let ca = TestCa::new();
    let provider = Provider::start(&ca, KNOWN_CLIENT, REDIRECT_URI);
    let sandbox = Sandbox::new();

    let args = ["--probe", "--redirect-uri", OTHER_REDIRECT_URI, "--client-id", KNOWN_CLIENT];
    let outcome = check(&sandbox, &ca, &provider.issuer, &args);
    let report = outcome.json();

    assert_eq!(status_of(&report, "probe.client_known", KNOWN_CLIENT), "pass");
    assert_eq!(status_of(&report, "probe.redirect_uri", KNOWN_CLIENT), "fail");
    let (_, message, hint) = checks_for(&report, "probe.redirect_uri", KNOWN_CLIENT)[0];
    assert!(message.contains("invalid_redirect_uri"), "{message}");
    assert!(hint.contains(OTHER_REDIRECT_URI), "{hint}");
    assert!(hint.contains("Sign-in redirect URIs"), "{hint}");
    outcome.code(3);
}

#[test]
fn activate_probe_fills_tenant_into_redirect_uri() {
    let ca = TestCa::new();
    let provider = Provider::start(&ca, KNOWN_CLIENT, REDIRECT_URI);
    let sandbox = Sandbox::new();
    sandbox.write_config("[profiles.default]\nredirect_uri = \"https://{tenant}/okta/callback\"\n");

    let outcome = sandbox
        .cake(["activate", "acme.cake.test", "--dry-run", "--json", "--option", "hybrid", "--probe"])
        .args(["--issuer", provider.issuer.as_str(), "--client-id", KNOWN_CLIENT, "--allow-private-network"])
        .arg("--ca-cert")
        .arg(ca.ca_path())
        .run();
    let json = outcome.json();
    let report = &json["validation"];

    assert_eq!(status_of(report, "probe.client_known", KNOWN_CLIENT), "pass");
    assert_eq!(status_of(report, "probe.redirect_uri", KNOWN_CLIENT), "pass");
    let (_, message, _) = checks_for(report, "probe.redirect_uri", KNOWN_CLIENT)[0];
    assert!(message.contains(REDIRECT_URI), "{message}");
    outcome.code(0);
}

// ---- Okta-shaped fixture -------------------------------------------------

#[test]
fn okta_probe_tells_clients_apart() {
    let ca = TestCa::new();
    let okta = Okta::start(&ca, Setup::new(REDIRECT_URI));
    let sandbox = Sandbox::new();

    let args = ["--probe", "--redirect-uri", REDIRECT_URI, "--client-id", KNOWN_CLIENT, "--client-id", UNKNOWN_CLIENT];
    let outcome = check(&sandbox, &ca, &okta.issuer, &args);
    let report = outcome.json();

    assert_eq!(status_of(&report, "probe.client_known", KNOWN_CLIENT), "pass");
    assert_eq!(status_of(&report, "probe.redirect_uri", KNOWN_CLIENT), "pass");
    assert_eq!(status_of(&report, "probe.client_known", UNKNOWN_CLIENT), "fail");
    assert_eq!(status_of(&report, "probe.redirect_uri", UNKNOWN_CLIENT), "skipped");
    let (_, message, _) = checks_for(&report, "probe.client_known", UNKNOWN_CLIENT)[0];
    assert!(message.contains("Invalid value for 'client_id' parameter."), "{message}");
    assert_eq!(failures(&report).len(), 1, "{report:#}");
    outcome.code(3);

    // Discovery, keys, then per client the discovery document with its
    // client_id and one authorization request. The sign-in page the good
    // request points to is never fetched.
    let targets = okta.request_targets();
    let paths: Vec<&str> = targets.iter().map(|target| target.split('?').next().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "/oauth2/default/.well-known/openid-configuration",
            "/oauth2/default/v1/keys",
            "/oauth2/default/.well-known/openid-configuration",
            "/oauth2/default/v1/authorize",
            "/oauth2/default/.well-known/openid-configuration",
            "/oauth2/default/v1/authorize",
        ],
        "{targets:#?}"
    );
    assert!(targets[2].ends_with(&format!("?client_id={KNOWN_CLIENT}")), "{}", targets[2]);
    assert!(targets[4].ends_with(&format!("?client_id={UNKNOWN_CLIENT}")), "{}", targets[4]);
}

#[test]
fn okta_probe_rejects_unregistered_redirect_uri() {
    let ca = TestCa::new();
    let okta = Okta::start(&ca, Setup::new(REDIRECT_URI));
    let sandbox = Sandbox::new();

    let args = ["--probe", "--redirect-uri", OTHER_REDIRECT_URI, "--client-id", KNOWN_CLIENT];
    let outcome = check(&sandbox, &ca, &okta.issuer, &args);
    let report = outcome.json();

    assert_eq!(status_of(&report, "probe.client_known", KNOWN_CLIENT), "pass");
    assert_eq!(status_of(&report, "probe.redirect_uri", KNOWN_CLIENT), "fail");
    let (_, message, hint) = checks_for(&report, "probe.redirect_uri", KNOWN_CLIENT)[0];
    assert!(message.contains("Login redirect URI"), "{message}");
    assert!(hint.contains(OTHER_REDIRECT_URI), "{hint}");
    outcome.code(3);
}

#[test]
fn okta_discovery_rejects_unknown_client() {
    let ca = TestCa::new();
    let okta = Okta::start(&ca, Setup { discovery_rejects_unknown: true, ..Setup::new(REDIRECT_URI) });
    let sandbox = Sandbox::new();

    let args = ["--probe", "--redirect-uri", REDIRECT_URI, "--client-id", UNKNOWN_CLIENT];
    let outcome = check(&sandbox, &ca, &okta.issuer, &args);
    let report = outcome.json();

    assert_eq!(status_of(&report, "probe.discovery_client", UNKNOWN_CLIENT), "fail");
    assert_eq!(status_of(&report, "probe.client_known", UNKNOWN_CLIENT), "fail");
    assert_eq!(status_of(&report, "probe.redirect_uri", UNKNOWN_CLIENT), "skipped");
    outcome.code(3);

    // The 400 already settles it, so no authorization request is sent.
    let authorize = okta.request_targets().iter().filter(|target| target.contains("/v1/authorize")).count();
    assert_eq!(authorize, 0, "{:#?}", okta.request_targets());
}

/// The probe never fetches a redirect target, whether it is the redirect
/// URI or another site, and never sends to an endpoint off the issuer's
/// origin. A second server listens at every such target.
#[test]
fn probe_never_leaves_issuer_origin() {
    let ca = TestCa::new();
    let elsewhere = Server::https(&ca, |_| crate::support::Response::text(200, "text/html", "<p>Sign in</p>"));
    let callback = format!("{}/okta/callback", elsewhere.base());
    let cases: Vec<(&str, Setup, &str, &str)> = vec![
        (
            "back with login_required",
            Setup { accepted: Accepted::BackToRedirectUri("login_required"), ..Setup::new(&callback) },
            "pass",
            "pass",
        ),
        (
            "back with invalid_client",
            Setup { accepted: Accepted::BackToRedirectUri("invalid_client"), ..Setup::new(&callback) },
            "fail",
            "skipped",
        ),
        (
            "to another site",
            Setup { accepted: Accepted::Elsewhere(format!("{}/login", elsewhere.base())), ..Setup::new(&callback) },
            "warn",
            "skipped",
        ),
        (
            "endpoint on another site",
            Setup { authorization_endpoint: Some(format!("{}/authorize", elsewhere.base())), ..Setup::new(&callback) },
            "skipped",
            "skipped",
        ),
    ];

    for (name, setup, client_known, redirect_uri) in cases {
        let okta = Okta::start(&ca, setup);
        let sandbox = Sandbox::new();
        let report = check(&sandbox, &ca, &okta.issuer, &["--probe", "--redirect-uri", &callback, "--client-id", KNOWN_CLIENT]).json();

        assert_eq!(status_of(&report, "probe.client_known", KNOWN_CLIENT), client_known, "{name}");
        assert_eq!(status_of(&report, "probe.redirect_uri", KNOWN_CLIENT), redirect_uri, "{name}");
        assert_eq!(elsewhere.requests().len(), 0, "{name}: the other site was contacted");
    }
}

#[test]
fn probe_request_carries_pkce_and_no_credentials() {
    let ca = TestCa::new();
    let okta = Okta::start(&ca, Setup::new(REDIRECT_URI));
    let sandbox = Sandbox::new();

    check(&sandbox, &ca, &okta.issuer, &["--probe", "--redirect-uri", REDIRECT_URI, "--client-id", KNOWN_CLIENT]).code(0);

    let requests = okta.server.requests();
    for request in &requests {
        assert_eq!(request.method, "GET", "{request:?}");
        for header in ["cookie", "authorization"] {
            assert!(request.header(header).is_none(), "{header} sent to {}", request.path);
        }
    }

    let authorize: Vec<_> = requests.iter().filter(|request| request.path == "/oauth2/default/v1/authorize").collect();
    assert_eq!(authorize.len(), 1);
    let params: std::collections::HashMap<String, String> =
        url::form_urlencoded::parse(authorize[0].query.as_deref().unwrap_or_default().as_bytes()).into_owned().collect();
    let expected = [
        ("response_type", "code"),
        ("client_id", KNOWN_CLIENT),
        ("redirect_uri", REDIRECT_URI),
        ("scope", "openid"),
        ("code_challenge_method", "S256"),
    ];
    for (name, value) in expected {
        assert_eq!(params.get(name).map(String::as_str), Some(value), "{name} in {params:?}");
    }
    for name in ["state", "nonce", "code_challenge"] {
        let value = params.get(name).map(String::as_str).unwrap_or_default();
        assert_eq!(value.len(), 43, "{name} = {value:?}");
        assert!(value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{name} = {value:?}");
    }
    assert_ne!(params["state"], params["nonce"]);
    assert_eq!(params.len(), 8, "{params:?}");
}

#[test]
fn probe_without_redirect_uri_is_skipped() {
    let ca = TestCa::new();
    let okta = Okta::start(&ca, Setup::new(REDIRECT_URI));
    let cases = [
        ("no profile template", None),
        ("template needs a tenant", Some("https://{tenant}/okta/callback")),
    ];

    for (name, template) in cases {
        let sandbox = Sandbox::new();
        if let Some(template) = template {
            sandbox.write_config(&format!("[profiles.default]\nredirect_uri = \"{template}\"\n"));
        }
        let before = okta.server.requests().len();
        let report = check(&sandbox, &ca, &okta.issuer, &["--probe", "--client-id", KNOWN_CLIENT]).json();

        assert_eq!(probe_ids(&report), ["probe.redirect_uri"], "{name}");
        let check = report["checks"].as_array().unwrap().iter().find(|check| check["id"] == "probe.redirect_uri").unwrap();
        assert_eq!(check["status"], "skipped", "{name}");
        assert!(check["hint"].as_str().unwrap().contains("--redirect-uri"), "{name}: {check}");
        // Only the discovery document and the key set were fetched.
        assert_eq!(okta.server.requests().len() - before, 2, "{name}");
    }
}

#[test]
fn probe_uses_template_without_tenant() {
    let ca = TestCa::new();
    let okta = Okta::start(&ca, Setup::new(REDIRECT_URI));
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!("[profiles.default]\nredirect_uri = \"{REDIRECT_URI}\"\n"));

    let report = check(&sandbox, &ca, &okta.issuer, &["--probe", "--client-id", KNOWN_CLIENT]).json();
    assert_eq!(status_of(&report, "probe.redirect_uri", KNOWN_CLIENT), "pass");
}

#[test]
fn probe_skips_client_ids_that_failed_checks() {
    let ca = TestCa::new();
    let okta = Okta::start(&ca, Setup::new(REDIRECT_URI));
    let sandbox = Sandbox::new();

    let pasted_url = "https://acme.okta.com/oauth2/default";
    let args = ["--probe", "--redirect-uri", REDIRECT_URI, "--client-id", pasted_url, "--client-id", KNOWN_CLIENT];
    let report = check(&sandbox, &ca, &okta.issuer, &args).json();

    assert_eq!(status_of(&report, "probe.client_known", KNOWN_CLIENT), "pass");
    assert!(checks_for(&report, "probe.client_known", pasted_url).is_empty(), "{report:#}");
    let authorize: Vec<String> =
        okta.request_targets().into_iter().filter(|target| target.contains("/v1/authorize")).collect();
    assert_eq!(authorize.len(), 1, "{authorize:#?}");
}

#[test]
fn probe_flag_usage_errors() {
    let sandbox = Sandbox::new();
    let cases: &[&[&str]] = &[
        &["issuer", "check", "https://idp.test", "--redirect-uri", REDIRECT_URI],
        &["issuer", "check", "https://idp.test", "--probe", "--offline"],
        &["issuer", "check", "https://idp.test", "--probe", "--redirect-uri", "acme.cake.test/callback"],
        &["issuer", "check", "https://idp.test", "--probe", "--redirect-uri", "https://acme.cake.test/cb#x"],
    ];
    for args in cases {
        let outcome = sandbox.cake(*args).run();
        assert_eq!(outcome.code, 2, "{args:?}\n{}", outcome.stderr);
    }
}
