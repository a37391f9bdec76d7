//! Loads an issuer fixture folder (`tests/fixtures/issuer/NN-name/`), serves
//! its routes from an HTTPS server on loopback and runs `cake-okta issuer
//! check` against it. The layout is described in
//! `tests/fixtures/issuer/README.md`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, RwLock};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde::Deserialize;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::PublicKey;

use crate::support::{Outcome, Request, Response, Sandbox, Server, TestCa, fixtures_dir};

/// One `fixture.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    pub description: String,
    pub input: String,
    #[serde(default)]
    pub client_ids: Vec<String>,
    pub verdict: String,
    #[serde(default)]
    pub hint_words: Vec<String>,
    #[serde(default)]
    pub offline: bool,
    #[serde(default)]
    pub flagged: Vec<String>,
    pub requests: Option<usize>,
    pub expect_issuer: Option<String>,
    /// Expected `server_type` in the JSON report, when the fixture pins it.
    pub server_type: Option<String>,
    #[serde(default, rename = "route")]
    pub routes: Vec<Route>,
}

/// One `[[route]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub path: String,
    pub status: u16,
    pub content_type: String,
    pub body_file: Option<String>,
    pub location: Option<String>,
    #[serde(default)]
    pub pad_bytes: usize,
    pub query: Option<String>,
    /// Send the body with chunked transfer encoding, without Content-Length.
    #[serde(default)]
    pub chunked: bool,
}

/// A route with its placeholders substituted and its body read.
#[derive(Debug, Clone)]
struct Served {
    path: String,
    query: Option<String>,
    response: Response,
}

/// Directory of the issuer fixtures.
pub fn issuer_fixtures_dir() -> PathBuf {
    fixtures_dir().join("issuer")
}

/// Names of every fixture folder, sorted.
pub fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(issuer_fixtures_dir())
        .expect("read tests/fixtures/issuer")
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().join("fixture.toml").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

impl Fixture {
    pub fn load(dir: &Path) -> Fixture {
        let path = dir.join("fixture.toml");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("read {}: {error}", path.display()));
        toml::from_str(&text).unwrap_or_else(|error| panic!("parse {}: {error}", path.display()))
    }
}

/// Values for the placeholders of one run.
pub struct Placeholders {
    base: String,
    host_port: String,
}

impl Placeholders {
    pub fn new(server: &Server) -> Placeholders {
        Placeholders { base: server.base(), host_port: server.host_port() }
    }

    /// Replaces `{{BASE}}`, `{{HOSTPORT}}` and the generated key material.
    pub fn substitute(&self, text: &str) -> String {
        let material = key_material();
        text.replace("{{BASE}}", &self.base)
            .replace("{{HOSTPORT}}", &self.host_port)
            .replace("{{TEST_KEY_N}}", &material.n)
            .replace("{{TEST_KEY_E}}", &material.e)
            .replace("{{TEST_CERT_CURRENT}}", &material.current)
            .replace("{{TEST_CERT_EXPIRED}}", &material.expired)
            .replace("{{TEST_CERT_FUTURE}}", &material.future)
    }

    /// Substitutes placeholders in a body read as bytes, so a leading BOM or
    /// any other byte outside the placeholders is served unchanged.
    fn substitute_bytes(&self, body: &[u8]) -> Vec<u8> {
        match std::str::from_utf8(body) {
            Ok(text) => self.substitute(text).into_bytes(),
            Err(_) => body.to_vec(),
        }
    }
}

/// The test RSA key's JWK members and self-signed certificates for it,
/// made once per test process with rcgen.
struct KeyMaterial {
    n: String,
    e: String,
    /// Valid from 2020 to 2090.
    current: String,
    /// Valid during 2019 only.
    expired: String,
    /// Valid from 2090 to 2095.
    future: String,
}

fn key_material() -> &'static KeyMaterial {
    static MATERIAL: OnceLock<KeyMaterial> = OnceLock::new();
    MATERIAL.get_or_init(|| {
        let pem = std::fs::read_to_string(fixtures_dir().join("keys").join("rsa-2048.pem")).expect("read test key");
        let key = rcgen::KeyPair::from_pem(&pem).expect("parse test key");
        let certificate = |from: i32, to: i32| {
            let mut params = rcgen::CertificateParams::new(vec!["keys.example-org.test".to_string()]).expect("params");
            params.not_before = rcgen::date_time_ymd(from, 1, 1);
            params.not_after = rcgen::date_time_ymd(to, 1, 1);
            params.self_signed(&key).expect("self-signed certificate").der().to_vec()
        };

        let current = certificate(2020, 2090);
        let (_, parsed) = X509Certificate::from_der(&current).expect("parse certificate");
        let Ok(PublicKey::RSA(rsa)) = parsed.public_key().parsed() else { panic!("test key is not RSA") };
        let trim = |bytes: &[u8]| bytes.iter().skip_while(|&&byte| byte == 0).copied().collect::<Vec<u8>>();
        KeyMaterial {
            n: URL_SAFE_NO_PAD.encode(trim(rsa.modulus)),
            e: URL_SAFE_NO_PAD.encode(trim(rsa.exponent)),
            expired: STANDARD.encode(certificate(2019, 2020)),
            future: STANDARD.encode(certificate(2090, 2095)),
            current: STANDARD.encode(&current),
        }
    })
}

/// Reads a route's body from the fixture folder and builds its response.
fn prepare(dir: &Path, route: &Route, placeholders: &Placeholders) -> Served {
    let mut body = match &route.body_file {
        Some(file) => {
            let path = dir.join(file);
            let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("read {}: {error}", path.display()));
            placeholders.substitute_bytes(&bytes)
        }
        None => Vec::new(),
    };
    body.resize(body.len() + route.pad_bytes, b' ');

    let mut response = Response::text(route.status, &route.content_type, body);
    if route.chunked {
        response = response.chunked();
    }
    if let Some(location) = &route.location {
        response = response.header("location", &placeholders.substitute(location));
    }
    Served {
        path: placeholders.substitute(&route.path),
        query: route.query.as_ref().map(|query| placeholders.substitute(query)),
        response,
    }
}

/// Picks the response for a request: routes with a query first, then
/// routes without one, else an empty 404.
fn answer(routes: &[Served], request: &Request) -> Response {
    let pairs: Vec<&str> = request.query.as_deref().unwrap_or_default().split('&').collect();
    let with_query = routes.iter().filter(|route| {
        route.path == request.path && route.query.as_deref().is_some_and(|query| pairs.contains(&query))
    });
    let without_query = routes.iter().filter(|route| route.path == request.path && route.query.is_none());

    match with_query.chain(without_query).next() {
        Some(route) => route.response.clone(),
        None => Response::text(404, "text/plain", Vec::new()),
    }
}

/// A fixture's server, with its routes ready.
pub struct FixtureServer {
    pub server: Server,
    pub placeholders: Placeholders,
}

impl FixtureServer {
    pub fn start(ca: &TestCa, dir: &Path, fixture: &Fixture) -> FixtureServer {
        // The routes need the server's address, which is known only once it
        // runs, so the handler reads them from a slot filled right after.
        let slot: Arc<RwLock<Vec<Served>>> = Arc::default();
        let handler_slot = slot.clone();
        let server = Server::https(ca, move |request| answer(&handler_slot.read().expect("routes lock"), request));

        let placeholders = Placeholders::new(&server);
        let routes = fixture.routes.iter().map(|route| prepare(dir, route, &placeholders)).collect();
        *slot.write().expect("routes lock") = routes;
        FixtureServer { server, placeholders }
    }
}

/// Runs `cake-okta issuer check` for a fixture, in JSON or human mode.
pub fn run_check(
    sandbox: &Sandbox,
    ca: &TestCa,
    fixture: &Fixture,
    placeholders: &Placeholders,
    json: bool,
) -> Outcome {
    let mut args = vec!["issuer".to_string(), "check".to_string(), placeholders.substitute(&fixture.input)];
    for id in &fixture.client_ids {
        args.push("--client-id".to_string());
        args.push(placeholders.substitute(id));
    }
    if json {
        args.push("--json".to_string());
    }
    if fixture.offline {
        args.push("--offline".to_string());
    } else {
        args.push("--ca-cert".to_string());
        args.push(ca.ca_path().display().to_string());
        args.push("--allow-private-network".to_string());
    }
    sandbox.cake(args).run()
}

/// Exit code a verdict maps to.
pub fn expected_code(verdict: &str) -> i32 {
    match verdict {
        "fail" => 3,
        "pass" | "warn" => 0,
        other => panic!("unknown verdict {other:?} in fixture"),
    }
}

/// Hints of the checks that did not pass (warn or fail), lowercased.
pub fn non_passing_hints(report: &serde_json::Value) -> Vec<String> {
    checks(report)
        .iter()
        .filter(|check| matches!(check["status"].as_str(), Some("warn" | "fail")))
        .filter_map(|check| check["hint"].as_str())
        .map(str::to_lowercase)
        .collect()
}

pub fn checks(report: &serde_json::Value) -> Vec<serde_json::Value> {
    report["checks"].as_array().cloned().unwrap_or_default()
}

/// Ids of the checks that did not pass, with their status.
pub fn non_passing_ids(report: &serde_json::Value) -> HashMap<String, String> {
    checks(report)
        .iter()
        .filter(|check| matches!(check["status"].as_str(), Some("warn" | "fail")))
        .map(|check| {
            (
                check["id"].as_str().unwrap_or_default().to_string(),
                check["status"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}
