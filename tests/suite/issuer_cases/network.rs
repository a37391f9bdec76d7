//! Network behaviour of `issuer check` that a single fixture run cannot show:
//! the private-address guard, trust, refused and slow connections, what is
//! sent, and `--debug` logging.

use std::net::TcpListener;
use std::time::Duration;

use super::fixture::{Fixture, FixtureServer, checks, issuer_fixtures_dir};
use crate::support::{Outcome, Response, Sandbox, Server, TestCa};

const CLIENT_ID: &str = "0oa1b2c3d4e5f6g7h8i9";

/// Serves the baseline fixture: a valid custom authorization server.
fn baseline(ca: &TestCa) -> FixtureServer {
    let dir = issuer_fixtures_dir().join("00-baseline-valid-okta");
    FixtureServer::start(ca, &dir, &Fixture::load(&dir))
}

fn check(sandbox: &Sandbox, issuer: &str, extra: &[&str]) -> Outcome {
    sandbox.cake(["issuer", "check", issuer, "--client-id", CLIENT_ID, "--json"]).args(extra).run()
}

/// Returns the first check with this id, with its status and hint.
fn find_check(report: &serde_json::Value, id: &str) -> serde_json::Value {
    checks(report).into_iter().find(|check| check["id"] == id).unwrap_or_else(|| panic!("no check {id} in {report:#}"))
}

#[test]
fn loopback_issuer_rejected_without_allowance() {
    let ca = TestCa::new();
    let served = baseline(&ca);
    let sandbox = Sandbox::new();
    let issuer = format!("{}/oauth2/default", served.server.base());
    let ca_path = ca.ca_path().display().to_string();

    let outcome = check(&sandbox, &issuer, &["--ca-cert", &ca_path]);
    outcome.code(3);
    let guard = find_check(&outcome.json(), "network.private_address");
    assert_eq!(guard["status"], "fail");
    assert!(guard["hint"].as_str().unwrap().contains("--allow-private-network"), "{guard}");
    assert!(served.server.requests().is_empty(), "the guard must act before connecting");
}

#[test]
fn failed_input_never_fetched() {
    let ca = TestCa::new();
    let served = baseline(&ca);
    let sandbox = Sandbox::new();
    let ca_path = ca.ca_path().display().to_string();
    let base = served.server.base();
    let inputs = [
        format!("{base}/oauth2/default?client_id={CLIENT_ID}"),
        format!("{base}/oauth2/default#top"),
        format!("http://{}/oauth2/default", served.server.host_port()),
        format!("{base}/oauth2/{{authServerId}}"),
        format!("{base}/oauth2/default/v1/authorize"),
    ];

    for input in &inputs {
        let outcome = check(&sandbox, input, &["--ca-cert", &ca_path, "--allow-private-network"]);
        assert_eq!(outcome.code, 3, "input {input}\n{}\n{}", outcome.stdout, outcome.stderr);
        let fetch = find_check(&outcome.json(), "discovery.fetch");
        assert_eq!(fetch["status"], "skipped", "input {input}");
    }
    assert!(served.server.requests().is_empty(), "requests: {:?}", served.server.requests());
}

#[test]
fn untrusted_certificate_suggests_ca_cert() {
    let ca = TestCa::new();
    let served = baseline(&ca);
    let sandbox = Sandbox::new();
    let issuer = format!("{}/oauth2/default", served.server.base());

    let outcome = check(&sandbox, &issuer, &["--allow-private-network"]);
    outcome.code(3);
    let fetch = find_check(&outcome.json(), "network.tls_certificate");
    assert_eq!(fetch["status"], "fail");
    assert!(fetch["hint"].as_str().unwrap().contains("--ca-cert"), "{fetch}");

    let human = sandbox
        .cake(["issuer", "check", &issuer, "--client-id", CLIENT_ID, "--allow-private-network"])
        .run();
    human.code(3);
    let next = next_line(&human.stdout);
    assert!(next.contains("not with the client"), "{next}");
    assert!(next.ends_with("--allow-private-network --ca-cert CA_FILE"), "{next}");
    assert!(!next.contains("send the hints"), "{next}");
}

/// Returns the "Next:" line of a human report.
fn next_line(stdout: &str) -> String {
    let line = stdout.lines().find(|line| line.starts_with("Next:")).unwrap_or_else(|| panic!("no Next line:\n{stdout}"));
    line.to_string()
}

#[test]
fn private_address_next_step_is_local() {
    let sandbox = Sandbox::new();
    let outcome = sandbox.cake(["issuer", "check", "https://127.0.0.1:9/oauth2/default", "--client-id", CLIENT_ID]).run();
    outcome.code(3);

    let next = next_line(&outcome.stdout);
    assert!(next.contains("not with the client"), "{next}");
    assert!(!next.contains("send the hints"), "{next}");
    assert!(
        next.ends_with(&format!("cake-okta issuer check https://127.0.0.1:9/oauth2/default --client-id {CLIENT_ID} --allow-private-network")),
        "{next}"
    );
}

#[test]
fn failed_input_next_step_uses_correction() {
    let sandbox = Sandbox::new();
    let cases = [
        ("https://acme.okta.com/oauth2/v1/authorize", "https://acme.okta.com"),
        ("https://acme-admin.okta.com", "https://acme.okta.com"),
        ("https://{yourOktaDomain}/oauth2/default", "ISSUER_URL"),
    ];

    for (input, corrected) in cases {
        let spaced = format!(" {CLIENT_ID} ");
        let json = sandbox.cake(["issuer", "check", input, "--client-id", &spaced, "--offline", "--json"]).run();
        json.code(3);
        let expected = if corrected == "ISSUER_URL" { serde_json::Value::Null } else { corrected.into() };
        assert_eq!(json.json()["suggested_issuer"], expected, "{input}");

        let human = sandbox.cake(["issuer", "check", input, "--client-id", &spaced, "--offline"]).run();
        human.code(3);
        let next = next_line(&human.stdout);
        assert!(next.contains("send the hints above to the client"), "{input}: {next}");
        assert!(next.ends_with(&format!("cake-okta issuer check {corrected} --client-id {CLIENT_ID}")), "{input}: {next}");
    }
}

#[test]
fn refused_connection_is_a_failing_check() {
    // Bind and release a port, so nothing listens on it.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let sandbox = Sandbox::new();

    let outcome = check(&sandbox, &format!("https://127.0.0.1:{port}/oauth2/default"), &["--allow-private-network"]);
    outcome.code(3);
    let fetch = find_check(&outcome.json(), "discovery.fetch");
    assert_eq!(fetch["status"], "fail");
    assert!(fetch["hint"].as_str().unwrap().contains("Nothing accepts connections"), "{fetch}");
}

#[test]
fn closed_connection_is_named() {
    let ca = TestCa::new();
    let server = Server::https(&ca, |_| Response::dropped());
    let sandbox = Sandbox::new();
    let issuer = format!("{}/oauth2/default", server.base());
    let ca_path = ca.ca_path().display().to_string();

    let outcome = check(&sandbox, &issuer, &["--ca-cert", &ca_path, "--allow-private-network"]);
    outcome.code(3);
    let fetch = find_check(&outcome.json(), "discovery.fetch");
    assert_eq!(fetch["status"], "fail");
    assert!(fetch["message"].as_str().unwrap().contains("closed the connection"), "{fetch}");
    assert!(fetch["hint"].as_str().unwrap().contains("closed it without a complete answer"), "{fetch}");
    assert!(!server.requests().is_empty(), "the server was never reached");
}

#[test]
fn slow_server_times_out() {
    let ca = TestCa::new();
    let server = Server::https(&ca, |_| Response::json(200, &serde_json::json!({})).delay(Duration::from_secs(4)));
    let sandbox = Sandbox::new();
    let issuer = format!("{}/oauth2/default", server.base());
    let ca_path = ca.ca_path().display().to_string();

    let outcome = check(&sandbox, &issuer, &["--ca-cert", &ca_path, "--allow-private-network", "--timeout", "1"]);
    outcome.code(3);
    let fetch = find_check(&outcome.json(), "network.timeout");
    assert!(fetch["hint"].as_str().unwrap().contains("in time"), "{fetch}");
}

#[test]
fn trickling_body_times_out() {
    // About 80 bytes at 5 bytes a second: 16 seconds without a total limit.
    let ca = TestCa::new();
    let body = serde_json::json!({"issuer": "https://idp.example.test/oauth2/default", "padding": "x".repeat(20)});
    let server = Server::https(&ca, move |_| Response::json(200, &body).trickle(Duration::from_millis(200)));
    let sandbox = Sandbox::new();
    let issuer = format!("{}/oauth2/default", server.base());
    let ca_path = ca.ca_path().display().to_string();

    let started = std::time::Instant::now();
    let outcome = check(&sandbox, &issuer, &["--ca-cert", &ca_path, "--allow-private-network", "--timeout", "1"]);
    let elapsed = started.elapsed();
    outcome.code(3);
    let fetch = find_check(&outcome.json(), "network.timeout");
    assert!(fetch["hint"].as_str().unwrap().contains("in time"), "{fetch}");
    assert!(elapsed < Duration::from_secs(8), "took {elapsed:?}");
}

#[test]
fn requests_share_connection_and_user_agent() {
    let ca = TestCa::new();
    let served = baseline(&ca);
    let sandbox = Sandbox::new();
    let issuer = format!("{}/oauth2/default", served.server.base());
    let ca_path = ca.ca_path().display().to_string();

    check(&sandbox, &issuer, &["--ca-cert", &ca_path, "--allow-private-network"]).code(0);
    let requests = served.server.requests();
    let paths: Vec<&str> = requests.iter().map(|request| request.path.as_str()).collect();
    assert_eq!(paths, ["/oauth2/default/.well-known/openid-configuration", "/oauth2/default/v1/keys"]);

    let connections: Vec<usize> = requests.iter().map(|request| request.connection).collect();
    assert_eq!(connections[0], connections[1], "discovery and key set should share one connection");

    let agent = format!("cake-okta/{}", env!("CARGO_PKG_VERSION"));
    for request in &requests {
        assert_eq!(request.method, "GET");
        assert_eq!(request.header("user-agent"), Some(agent.as_str()));
        assert_eq!(request.header("authorization"), None);
        assert_eq!(request.header("cookie"), None);
    }
}

#[test]
fn debug_logs_each_exchange_with_secrets_redacted() {
    let ca = TestCa::new();
    let dir = issuer_fixtures_dir().join("00-baseline-valid-okta");
    let discovery = std::fs::read_to_string(dir.join("discovery.json")).unwrap();
    let jwks = std::fs::read(dir.join("jwks.json")).unwrap();
    let server = Server::https(&ca, move |request| match (request.path.as_str(), request.query.as_deref()) {
        ("/oauth2/default/.well-known/openid-configuration", None) => Response::new(302)
            .header("location", "/oauth2/default/.well-known/openid-configuration?token=hunter2secret"),
        ("/oauth2/default/.well-known/openid-configuration", Some(_)) => {
            let base = format!("https://{}", request.header("host").unwrap_or_default());
            Response::text(200, "application/json", discovery.replace("{{BASE}}", &base))
        }
        ("/oauth2/default/v1/keys", _) => Response::text(200, "application/json", jwks.clone()),
        _ => Response::new(404),
    });
    let sandbox = Sandbox::new();
    let issuer = format!("{}/oauth2/default", server.base());
    let ca_path = ca.ca_path().display().to_string();
    let flags = ["--ca-cert", ca_path.as_str(), "--allow-private-network"];

    let quiet = check(&sandbox, &issuer, &flags);
    assert!(!quiet.stderr.contains("debug:"), "logs without --debug:\n{}", quiet.stderr);

    let logged =
        sandbox.cake(["--debug", "issuer", "check", &issuer, "--client-id", CLIENT_ID, "--json"]).args(flags).run();
    assert_eq!(logged.code, 0, "{}\n{}", logged.stdout, logged.stderr);
    let discovery_url = format!("{issuer}/.well-known/openid-configuration");
    logged.stderr_has(&format!("GET {discovery_url} -> 302 redirect to {discovery_url}?token=REDACTED"));
    logged.stderr_has(&format!("GET {discovery_url}?token=REDACTED -> 200"));
    logged.stderr_has(&format!("GET {issuer}/v1/keys -> 200"));
    assert!(!logged.stderr.contains("hunter2secret"), "secret in the log:\n{}", logged.stderr);
}

#[test]
fn ca_file_without_certificate_is_an_error() {
    let sandbox = Sandbox::new();
    let path = sandbox.path().join("not-a-ca.pem");
    std::fs::write(&path, "just text\n").unwrap();

    let outcome = check(&sandbox, "https://127.0.0.1:9/oauth2/default", &["--ca-cert", &path.display().to_string()]);
    outcome.code(1);
    outcome.stderr_has("not-a-ca.pem");
    assert!(outcome.stdout.is_empty(), "no report when the check cannot run: {}", outcome.stdout);
}
