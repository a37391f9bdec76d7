//! `issuer check` against a local HTTPS issuer, side by side with curl
//! fetching the same discovery document and key set over one connection.

use crate::measure::{self, Sample, Spec};
use crate::report::{Row, Summary};
use crate::support::Sandbox;
use crate::support::issuer::{CLIENT_ID, Issuer};
use crate::support::tls::TestCa;

/// Runs that are measured but not counted, per command.
const WARMUP_RUNS: usize = 3;

/// Measures both commands in alternating order and returns the two rows,
/// curl first. Also returns the compact JSON report `issuer check`
/// printed, which the ledger benchmarks store as each request's
/// validation report.
pub fn bench(runs: usize) -> (Vec<Row>, String) {
    let ca = TestCa::new();
    let issuer = Issuer::start(&ca);
    let sandbox = Sandbox::new();

    let discovery = format!("{}/.well-known/openid-configuration", issuer.url);
    let jwks = format!("{}/v1/keys", issuer.url);
    let cake = crate::cake(&sandbox)
        .args(["issuer", "check", "--json", "--ca-cert"])
        .arg(ca.ca_path())
        .args(["--allow-private-network", "--client-id", CLIENT_ID, &issuer.url]);
    let curl = Spec::new(crate::find_program("curl")).args(["-sS", "--fail", "--cacert"]).arg(ca.ca_path()).args([
        &discovery, &jwks,
    ]);

    let report = check_cake(&cake, &issuer);
    check_curl(&curl, &issuer);

    let mut curl_samples: Vec<Sample> = Vec::new();
    let mut cake_samples: Vec<Sample> = Vec::new();
    for _ in 0..WARMUP_RUNS {
        measure::run(&curl);
        measure::run(&cake);
    }
    for index in 0..runs {
        // Alternate which command goes first, so neither always runs right
        // after the other warmed a cache.
        if index % 2 == 0 {
            curl_samples.push(measure::run(&curl));
            cake_samples.push(measure::run(&cake));
        } else {
            cake_samples.push(measure::run(&cake));
            curl_samples.push(measure::run(&curl));
        }
    }

    let curl_summary = Summary::of(&curl_samples);
    let cake_summary = Summary::of(&cake_samples);
    let ratio = cake_summary.median.as_secs_f64() / curl_summary.median.as_secs_f64();
    let rows = vec![
        Row {
            name: "`curl --cacert CA DISCOVERY JWKS` (reference)".into(),
            target: "-".into(),
            summary: curl_summary,
            met: None,
            note: curl_version(),
        },
        Row {
            name: "`issuer check --json --ca-cert CA --allow-private-network --client-id ID ISSUER`".into(),
            target: "≤ 0.8 × curl median".into(),
            summary: cake_summary,
            met: Some(ratio <= 0.8),
            note: format!("{ratio:.2} × curl"),
        },
    ];
    (rows, report)
}

/// Runs `issuer check` once, checks that it passed over one connection, and
/// returns its report as compact JSON.
fn check_cake(cake: &Spec, issuer: &Issuer) -> String {
    let before = issuer.server.requests().len();
    let output = cake.command().output().expect("run issuer check");
    assert!(
        output.status.success(),
        "issuer check failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );

    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("issuer check prints JSON");
    assert_ne!(report["verdict"], "fail", "the bench issuer must not fail its checks: {report:#}");
    assert_one_connection(issuer, before, "issuer check");
    report.to_string()
}

/// Runs curl once and checks that it fetched both documents over one
/// connection.
fn check_curl(curl: &Spec, issuer: &Issuer) {
    let before = issuer.server.requests().len();
    let output = curl.command().output().expect("run curl");
    assert!(output.status.success(), "curl failed: {}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("\"jwks_uri\"") && text.contains("\"keys\""), "curl fetched something else: {text}");
    assert_one_connection(issuer, before, "curl");
}

fn assert_one_connection(issuer: &Issuer, before: usize, client: &str) {
    let requests = issuer.server.requests();
    let new = &requests[before..];
    assert_eq!(new.len(), 2, "{client} sent {} requests", new.len());
    assert_eq!(new[0].connection, new[1].connection, "{client} opened a second connection");
}

fn curl_version() -> String {
    let output = std::process::Command::new(crate::find_program("curl")).arg("--version").output();
    let text = output.map(|output| String::from_utf8_lossy(&output.stdout).into_owned()).unwrap_or_default();
    let words: Vec<&str> = text.split_whitespace().collect();
    // "curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.19 ..."
    let tls = words.iter().find(|word| word.starts_with("OpenSSL/") || word.contains("TLS/")).copied();
    match (words.get(1), tls) {
        (Some(version), Some(tls)) => format!("curl {version}, {tls}"),
        (Some(version), None) => format!("curl {version}"),
        _ => "curl".to_string(),
    }
}
