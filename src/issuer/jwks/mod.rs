//! The key set stage: fetch the `jwks_uri` the discovery document named
//! (never a guessed address) and check the published signing keys.
//!
//! Check ids, in report order:
//!
//! | id | what it checks |
//! | --- | --- |
//! | `jwks.fetch` | the key set is on the issuer's https origin (plain http and other servers are never fetched), was reached and returned HTTP 200 |
//! | `network.private_address` | only when the key set's host is rejected by the private-address guard |
//! | `network.tls_certificate`, `network.timeout`, `network.connect` | as for the discovery document, for the key set |
//! | `jwks.redirect` | as `discovery.redirect`, for the key set |
//! | `jwks.size` | the body stayed within [`crate::net::MAX_BODY_BYTES`] |
//! | `jwks.content_type` | JSON (pass), JSON labelled as something else (warn), an HTML page (fail) |
//! | `jwks.json` | the body is a JSON object with a `keys` list; a UTF-8 BOM in front is a warning |
//! | `jwks.private_material` | no private RSA/EC members and no symmetric (`oct`) keys are published |
//! | `jwks.keys` | at least one RSA key can verify RS256 signatures; an empty set fails |
//! | `jwks.kid` | key IDs present and distinct (one key without `kid`: warn) |
//! | `jwks.key_format` | RSA `n` and `e` are base64url without padding; `e` is odd and at least 3 |
//! | `jwks.key_size` | RSA moduli have at least 2048 bits |
//! | `jwks.x5c` | certificates are current (warn otherwise) and carry the JWK's key (fail otherwise) |

pub mod keys;
pub mod x5c;

use jiff::Timestamp;
use serde_json::{Map, Value};
use url::Url;

use self::keys::Key;
use crate::issuer::Check;
use crate::issuer::discovery::fetched::{self, Resource, shown};
use crate::net::HttpClient;

/// Ids and wording of the key set's fetch checks.
pub const JWKS: Resource = Resource {
    noun: "key set",
    fetch_id: "jwks.fetch",
    redirect_id: "jwks.redirect",
    size_id: "jwks.size",
    content_type_id: "jwks.content_type",
    json_id: "jwks.json",
};

/// Fetches and checks the key set at `jwks_uri`, which must be on the
/// issuer's https origin.
pub fn run(client: &mut HttpClient, jwks_uri: &Url, issuer: &Url) -> Vec<Check> {
    let mut checks = Vec::new();
    if let Some(refusal) = address_check(jwks_uri, issuer) {
        checks.push(refusal);
        return checks;
    }

    let response = match client.get(jwks_uri) {
        Ok(response) => response,
        Err(error) => {
            checks.push(fetched::failure_check(&JWKS, &error));
            return checks;
        }
    };
    if response.status != 200 {
        checks.push(fetched::redirect_check(&JWKS, &response.redirects));
        checks.push(Check::fail(
            JWKS.fetch_id,
            format!("The key set returned HTTP {} from {}.", response.status, shown(response.url.as_str())),
            format!(
                "The key set address (jwks_uri) named by the discovery document answers {} instead of \
                 serving the signing keys, so sign-ins could not be verified. Ask the client to check their \
                 authorization server.",
                fetched::http_status(response.status)
            ),
        ));
        return checks;
    }
    checks.push(Check::pass(JWKS.fetch_id, format!("HTTP 200 from {}.", shown(response.url.as_str()))));
    checks.push(fetched::redirect_check(&JWKS, &response.redirects));

    let (content_type, readable) = fetched::content_type_check(&JWKS, &response);
    checks.push(content_type);
    if !readable {
        return checks;
    }
    let (json, object) = fetched::json_object_check(&JWKS, &response.body);
    let Some(object) = object else {
        checks.push(json);
        return checks;
    };
    checks.extend(key_set_checks(json, &object, Timestamp::now()));
    checks
}

/// Rejects a key set address that is not fetched: plain http, or another
/// origin than the issuer's. Okta serves the keys from the issuer's own
/// origin, and the client vouched only for that server, so keys from
/// elsewhere prove nothing about it.
pub fn address_check(jwks_uri: &Url, issuer: &Url) -> Option<Check> {
    let shown_uri = shown(jwks_uri.as_str());
    if jwks_uri.scheme() != "https" {
        return Some(Check::fail(
            JWKS.fetch_id,
            format!("The key set address {shown_uri} is not https; not fetched."),
            "The discovery document publishes its signing keys at an insecure http:// address, which is never \
             fetched: keys fetched over plain http could be swapped by anyone on the network. The client's \
             server must publish jwks_uri on https.",
        ));
    }
    if jwks_uri.origin() != issuer.origin() {
        return Some(Check::fail(
            JWKS.fetch_id,
            format!("The key set address {shown_uri} is on another server than the issuer; not fetched."),
            format!(
                "The discovery document publishes jwks_uri on {}, not on the issuer's own server {}. Okta \
                 serves the signing keys from the issuer's address, and keys from another server prove nothing \
                 about this issuer, so they were not fetched. Ask the client to check the issuer and its \
                 jwks_uri.",
                shown(&jwks_uri.origin().ascii_serialization()),
                shown(&issuer.origin().ascii_serialization()),
            ),
        ));
    }
    None
}

/// Runs the checks on a parsed key set. `json` is the parse check, replaced
/// by a failure when the object has no `keys` list.
// NOTE: `now` is the system clock, not `CAKE_OKTA_NOW`, because the
// validation options do not carry the settled instant.
pub fn key_set_checks(json: Check, object: &Map<String, Value>, now: Timestamp) -> Vec<Check> {
    let Some(entries) = object.get("keys").and_then(Value::as_array) else {
        return vec![Check::fail(
            JWKS.json_id,
            "The key set has no \"keys\" list.",
            "The key set address returned JSON without a \"keys\" list, so it holds no signing keys. The \
             jwks_uri probably points at something else; ask the client to check it.",
        )];
    };

    let mut checks = vec![json];
    let keys: Vec<Key> = entries
        .iter()
        .enumerate()
        .filter_map(|(index, entry)| Some(Key::new(index, entry.as_object()?.clone())))
        .collect();
    if keys.len() != entries.len() {
        checks.push(Check::warn(
            "jwks.keys",
            match entries.len() - keys.len() {
                1 => "1 entry of the key set is not a JSON object and was ignored.".to_string(),
                count => format!("{count} entries of the key set are not JSON objects and were ignored."),
            },
            "Every entry of a key set must be a JSON object (a JWK). The malformed entries were ignored, but \
             strict libraries may reject the whole set.",
        ));
    }

    checks.extend([
        keys::private_material_check(&keys),
        keys::signing_keys_check(&keys),
        keys::kid_check(&keys),
        keys::key_format_check(&keys),
        keys::key_size_check(&keys),
        x5c::x5c_check(&keys, now),
    ]);
    checks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issuer::{Status, Verdict, verdict_of};
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn address_check_table() {
        let issuer = Url::parse("https://idp.test/oauth2/default").unwrap();
        let cases = [
            ("https://idp.test/oauth2/default/v1/keys", None),
            ("https://idp.test:443/keys", None),
            ("http://idp.test/oauth2/default/v1/keys", Some("http://")),
            ("https://keys.idp.test/keys", Some("another server")),
            ("https://idp.test:8443/keys", Some("another server")),
        ];
        for (uri, expected) in cases {
            let check = address_check(&Url::parse(uri).unwrap(), &issuer);
            match (check, expected) {
                (None, None) => {}
                (Some(check), Some(word)) => {
                    assert_eq!(check.status, Status::Fail, "{uri}");
                    let hint = check.hint.unwrap();
                    assert!(hint.contains(word) || check.message.contains(word), "{uri}: {hint}");
                }
                (check, _) => panic!("{uri}: unexpected {check:?}"),
            }
        }
    }

    #[test]
    fn missing_keys_list_fails() {
        let checks = key_set_checks(Check::pass("jwks.json", "ok"), &object(json!({"key": []})), Timestamp::now());
        assert_eq!(checks.len(), 1);
        assert_eq!(checks[0].status, Status::Fail);
    }

    #[test]
    fn non_object_entries_warn() {
        let value = json!({"keys": [1, {"kty": "RSA", "kid": "a", "n": "wQ", "e": "AQAB"}]});
        let checks = key_set_checks(Check::pass("jwks.json", "ok"), &object(value), Timestamp::now());
        assert!(checks.iter().any(|check| check.id == "jwks.keys" && check.status == Status::Warn));
    }

    #[test]
    fn empty_set_fails_verdict() {
        let checks = key_set_checks(Check::pass("jwks.json", "ok"), &object(json!({"keys": []})), Timestamp::now());
        assert_eq!(verdict_of(&checks), Verdict::Fail);
    }
}
