//! Arbitrary input to the pure parts of issuer validation: the diagnosis
//! of a typed issuer URL and client IDs, and the checks on a fetched
//! discovery document and key set. None may panic, and every check they
//! return keeps the report's contract: a message on one line, and a hint
//! whenever the status is not a pass.
//!
//! The case count is kept small so the whole file runs in a few seconds in
//! a debug build; set `PROPTEST_CASES` for a longer search.

use jiff::Timestamp;
use proptest::prelude::*;
use serde_json::{Map, Value};
use url::Url;

use cake_okta::issuer::client_id::check_client_ids;
use cake_okta::issuer::discovery::{self, DISCOVERY, Target, document, fetched, okta};
use cake_okta::issuer::input::diagnose;
use cake_okta::issuer::jwks::{self, JWKS};
use cake_okta::issuer::{Check, Status};
use cake_okta::net::Response;

/// Cases per property, unless `PROPTEST_CASES` sets another number.
const CASES: u32 = 200;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(CASES);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Asserts the contract of one check.
fn assert_check(check: &Check) {
    assert!(!check.message.trim().is_empty(), "{check:?}");
    assert!(!check.message.contains(['\n', '\r', '\u{1b}']), "{check:?}");
    if check.status != Status::Pass {
        let hint = check.hint.as_deref().unwrap_or_else(|| panic!("no hint: {check:?}"));
        assert!(!hint.trim().is_empty(), "{check:?}");
        assert!(!hint.contains(['\n', '\r', '\u{1b}']), "{check:?}");
    }
}

/// Text that looks like what people paste as an issuer: URL pieces,
/// Okta paths, whitespace, quotes and control characters, or anything.
fn issuer_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("https://".to_string()),
        Just("http://".to_string()),
        Just("acme.okta.com".to_string()),
        Just("acme-admin.okta.com".to_string()),
        Just("login.acme.example".to_string()),
        Just("127.0.0.1:8443".to_string()),
        Just("[::1]".to_string()),
        Just("/oauth2/".to_string()),
        Just("default".to_string()),
        Just("aus1a2b3c4d5e6f7g8h9".to_string()),
        Just("/.well-known/openid-configuration".to_string()),
        Just("/v1/authorize".to_string()),
        Just("?a=b".to_string()),
        Just("#frag".to_string()),
        Just("user:pass@".to_string()),
        Just("%2F".to_string()),
        Just("{yourOktaDomain}".to_string()),
        "[ \t\r\n\"'`<>\u{200b}\u{feff}\u{1b}/:.@%?#\\[\\]]{1,3}",
        "\\PC{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

/// Member names the checks read, and a few they do not.
fn member_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "issuer", "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri",
            "response_types_supported", "subject_types_supported", "id_token_signing_alg_values_supported",
            "scopes_supported", "code_challenge_methods_supported", "keys", "kty", "kid", "use", "alg", "n", "e",
            "x5c", "d", "p", "q", "dp", "dq", "qi", "oth", "k", "crv", "x", "y",
        ])
        .prop_map(str::to_string),
        1 => "\\PC{0,8}",
    ]
}

/// Scalars the checks meet in documents: URLs, base64url numbers, algorithm
/// names, and arbitrary values.
fn json_scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(vec![
            "https://acme.okta.com/oauth2/default",
            "https://acme.okta.com/oauth2/default/v1/keys",
            "http://acme.okta.com/oauth2/default",
            "https://other.example/keys",
            "RS256",
            "ES256",
            "none",
            "RSA",
            "EC",
            "oct",
            "sig",
            "code",
            "openid",
            "S256",
            "plain",
            "AQAB",
            "AQ",
            "AAAB",
            "",
            "MIIB",
        ])
        .prop_map(Value::from),
        "[A-Za-z0-9_-]{0,400}".prop_map(Value::from),
        "\\PC{0,16}".prop_map(Value::from),
    ]
}

/// JSON values up to a few levels deep, with objects keyed by the members
/// the checks read.
fn json_value() -> impl Strategy<Value = Value> {
    json_scalar().prop_recursive(3, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((member_name(), inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

fn json_object() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::vec((member_name(), json_value()), 0..10).prop_map(|members| members.into_iter().collect())
}

/// Generates key sets: objects whose `keys` list contains JWK-like objects,
/// or that have anything else in its place.
fn key_set() -> impl Strategy<Value = Map<String, Value>> {
    (prop::collection::vec(json_object(), 0..4), json_object(), any::<bool>()).prop_map(|(keys, mut object, listed)| {
        if listed {
            object.insert("keys".to_string(), Value::Array(keys.into_iter().map(Value::Object).collect()));
        }
        object
    })
}

/// Generates response bodies: JSON text of an object, possibly behind a
/// byte order mark or cut short, or any bytes.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        (json_object(), any::<bool>(), any::<u16>()).prop_map(|(object, bom, cut)| {
            let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
            bytes.extend(Value::Object(object).to_string().into_bytes());
            if cut % 5 == 0 {
                bytes.truncate(usize::from(cut) % (bytes.len() + 1));
            }
            bytes
        }),
        prop::collection::vec(any::<u8>(), 0..256),
        "\\PC{0,64}".prop_map(String::into_bytes),
        Just(b"<!DOCTYPE html><html><body>Sign in</body></html>".to_vec()),
    ]
}

fn content_type() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        prop::sample::select(vec![
            "application/json",
            "application/json; charset=utf-8",
            "application/jwk-set+json",
            "text/html; charset=UTF-8",
            "text/plain",
            "",
            ";",
        ])
        .prop_map(|value| Some(value.to_string())),
        "\\PC{0,24}".prop_map(Some),
    ]
}

fn response(url: &str, status: u16, content_type: Option<String>, body: Vec<u8>) -> Response {
    Response { url: Url::parse(url).expect("fixed URL"), status, content_type, body, redirects: Vec::new() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn diagnose_never_panics(input in issuer_text()) {
        let diagnosis = diagnose(&input);
        diagnosis.checks.iter().for_each(assert_check);
        if let Some(issuer) = &diagnosis.issuer {
            prop_assert!(issuer.starts_with("https://"), "{issuer}");
            prop_assert!(Url::parse(issuer).is_ok(), "{issuer}");
            prop_assert!(discovery::discovery_url(issuer).is_ok(), "{issuer}");
        }
    }

    #[test]
    fn client_ids_never_panic(ids in prop::collection::vec(issuer_text(), 0..4)) {
        check_client_ids(&ids).checks.iter().for_each(assert_check);
    }

    #[test]
    fn discovery_checks_never_panic(
        body in body(),
        content_type in content_type(),
        status in prop::sample::select(vec![200u16, 301, 400, 401, 403, 404, 500]),
        issuer in prop::sample::select(vec![
            "https://acme.okta.com/oauth2/default",
            "https://acme.okta.com",
            "https://acme.okta.com/oauth2",
            "https://login.acme.example",
        ]),
        trailing_slash in any::<bool>(),
    ) {
        let url = format!("{issuer}/.well-known/openid-configuration");
        let response = response(&url, status, content_type, body);
        let issuer_url = Url::parse(issuer).expect("fixed issuer");
        okta::classify_failure(&issuer_url, &response);
        okta::issuer_path(&issuer_url);

        let (check, readable) = fetched::content_type_check(&DISCOVERY, &response);
        assert_check(&check);
        if !readable {
            return Ok(());
        }
        let (check, object) = fetched::json_object_check(&DISCOVERY, &response.body);
        assert_check(&check);
        let Some(object) = object else { return Ok(()) };

        let target = Target { issuer: issuer.to_string(), trailing_slash, org_origin: None };
        let (check, recorded) = document::issuer_match_check(&target, object.get("issuer"));
        assert_check(&check);
        prop_assert!(!recorded.is_empty());
        for check in [
            document::metadata_check(&object),
            document::endpoints_https_check(&object),
            document::response_types_check(&object),
            document::scopes_check(&object),
            document::signing_algs_check(&object),
            document::pkce_check(&object),
        ] {
            assert_check(&check);
        }
        if let Some(jwks_uri) = document::jwks_uri(&object)
            && let Some(check) = jwks::address_check(&jwks_uri, &issuer_url)
        {
            assert_check(&check);
        }
    }

    #[test]
    fn discovery_documents_never_panic(object in json_object()) {
        let target = Target { issuer: "https://acme.okta.com/oauth2/default".to_string(), trailing_slash: false, org_origin: None };
        let (check, _) = document::issuer_match_check(&target, object.get("issuer"));
        assert_check(&check);
        assert_check(&document::metadata_check(&object));
        assert_check(&document::endpoints_https_check(&object));
        assert_check(&document::pkce_check(&object));
        document::jwks_uri(&object);
    }

    #[test]
    fn key_set_checks_never_panic(set in key_set(), body in body(), content_type in content_type()) {
        let now = Timestamp::from_second(1_800_000_000).expect("fixed instant");
        let (json, _) = fetched::json_object_check(&JWKS, &serde_json::to_vec(&set).expect("JSON"));
        assert_check(&json);
        jwks::key_set_checks(json, &set, now).iter().for_each(assert_check);

        // The same checks on whatever an arbitrary body parses to.
        let response = response("https://acme.okta.com/oauth2/default/v1/keys", 200, content_type, body);
        let (check, readable) = fetched::content_type_check(&JWKS, &response);
        assert_check(&check);
        let (json, object) = fetched::json_object_check(&JWKS, &response.body);
        assert_check(&json);
        if let (true, Some(object)) = (readable, object) {
            jwks::key_set_checks(json, &object, now).iter().for_each(assert_check);
        }
    }
}
