//! Checks on the keys of a parsed key set (RFC 7517 for JWKs, RFC 7518 for
//! RSA members). Pure functions over JSON, tested without a network.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

use crate::issuer::Check;
use crate::issuer::discovery::fetched::shown;
use crate::text::plural;

/// Members that only a private RSA or EC key has.
const PRIVATE_MEMBERS: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth"];

/// Minimum RSA modulus size in bits that RFC 7518 (section 3.3) allows for
/// RS256.
pub const MIN_RSA_BITS: usize = 2048;

/// One JWK of the set, with its position for messages.
#[derive(Debug, Clone)]
pub struct Key {
    pub index: usize,
    pub object: Map<String, Value>,
}

impl Key {
    pub fn new(index: usize, object: Map<String, Value>) -> Key {
        Key { index, object }
    }

    fn text(&self, name: &str) -> Option<&str> {
        self.object.get(name).and_then(Value::as_str)
    }

    pub fn kty(&self) -> Option<&str> {
        self.text("kty")
    }

    /// Returns the key ID. An empty or blank `kid` names no key, so it
    /// counts as missing.
    pub fn kid(&self) -> Option<&str> {
        self.text("kid").filter(|kid| !kid.trim().is_empty())
    }

    /// Names the key in messages: its `kid`, or its position.
    pub fn label(&self) -> String {
        match self.kid() {
            Some(kid) => format!("key '{}'", shown(kid)),
            None => format!("key #{}", self.index + 1),
        }
    }

    fn is_symmetric(&self) -> bool {
        self.kty() == Some("oct") || self.object.contains_key("k")
    }

    fn private_members(&self) -> Vec<&'static str> {
        PRIVATE_MEMBERS.iter().copied().filter(|name| self.object.contains_key(*name)).collect()
    }

    /// Returns true when this key can verify RS256 signatures. `use`, `alg`
    /// and `key_ops` may be absent, but when present they must allow it.
    pub fn usable_for_rs256(&self) -> bool {
        let use_ok = self.object.get("use").is_none_or(|value| value == "sig");
        let alg_ok = self.object.get("alg").is_none_or(|value| value == "RS256");
        let ops_ok = match self.object.get("key_ops") {
            None => true,
            Some(Value::Array(ops)) => ops.iter().any(|op| op == "verify"),
            Some(_) => false,
        };
        let material_ok = decode_uint(self.object.get("n")).is_some() && decode_uint(self.object.get("e")).is_some();
        self.kty() == Some("RSA") && use_ok && alg_ok && ops_ok && material_ok
    }
}

/// Decodes a Base64urlUInt member: base64url without padding (RFC 7515,
/// section 2), and not empty.
pub fn decode_uint(value: Option<&Value>) -> Option<Vec<u8>> {
    let bytes = URL_SAFE_NO_PAD.decode(value?.as_str()?).ok()?;
    (!bytes.is_empty()).then_some(bytes)
}

/// Number of significant bits of a big-endian unsigned integer.
pub fn bit_length(bytes: &[u8]) -> usize {
    match bytes.iter().position(|&byte| byte != 0) {
        Some(first) => (bytes.len() - first) * 8 - bytes[first].leading_zeros() as usize,
        None => 0,
    }
}

/// Fails when any key publishes private or symmetric key material. The
/// message names the members found, never their values.
pub fn private_material_check(keys: &[Key]) -> Check {
    const ID: &str = "jwks.private_material";
    let symmetric: Vec<String> = keys.iter().filter(|key| key.is_symmetric()).map(Key::label).collect();
    let private: Vec<String> = keys
        .iter()
        .filter(|key| !key.private_members().is_empty())
        .map(|key| format!("{} ({})", key.label(), key.private_members().join(", ")))
        .collect();

    if symmetric.is_empty() && private.is_empty() {
        return Check::pass(ID, "No private or symmetric key material is published.");
    }

    let mut found = Vec::new();
    let mut hint = String::from("Security problem: ");
    if !private.is_empty() {
        found.push(format!("private RSA/EC members in {}", private.join(", ")));
        hint.push_str(
            "the public key list contains PRIVATE key material, so anyone who has read it can sign tokens as \
             this server. ",
        );
    }
    if !symmetric.is_empty() {
        found.push(format!("symmetric (kty \"oct\") secret keys: {}", symmetric.join(", ")));
        hint.push_str(
            "the public key list contains a symmetric secret key (kty \"oct\"), a shared secret that must stay \
             private: anyone who has read it can sign tokens as this server. ",
        );
    }
    hint.push_str(
        "Do not activate. Tell the client's security team at once so they can replace the key and remove it \
         from the published key set.",
    );
    Check::fail(ID, format!("The key set publishes {}.", found.join("; ")), hint)
}

/// Checks that at least one key can verify RS256 signatures.
pub fn signing_keys_check(keys: &[Key]) -> Check {
    const ID: &str = "jwks.keys";
    if keys.is_empty() {
        return Check::fail(
            ID,
            "The key set is empty.",
            "The server publishes no signing keys at all (its key set is empty), so sign-ins could never be \
             verified. A server with only symmetric (HS256) keys looks like this. Ask the client to check the \
             signing keys of their authorization server.",
        );
    }

    let usable: Vec<String> = keys.iter().filter(|key| key.usable_for_rs256()).map(Key::label).collect();
    if usable.is_empty() {
        let found: Vec<String> = keys.iter().map(describe).collect();
        return Check::fail(
            ID,
            format!("No key can verify RS256 signatures; found {}.", found.join(", ")),
            "The key set has no signing keys usable for RS256 (an RSA key whose use, alg and key_ops allow \
             signature verification, with valid n and e), so ID tokens could not be verified. Ask the client \
             to check the signing keys of their authorization server.",
        );
    }
    Check::pass(
        ID,
        format!("{} of {} can verify RS256 signatures: {}.", usable.len(), plural(keys.len(), "key", "keys"), usable.join(", ")),
    )
}

fn describe(key: &Key) -> String {
    let field = |name: &str| key.text(name).map(shown).unwrap_or_else(|| "-".to_string());
    format!("{} (kty {}, use {}, alg {})", key.label(), field("kty"), field("use"), field("alg"))
}

/// Checks key IDs. One key without `kid` is a warning. Several keys where
/// any lacks a `kid`, or a `kid` used twice, fail, because a token's `kid`
/// then cannot select one key.
pub fn kid_check(keys: &[Key]) -> Check {
    const ID: &str = "jwks.kid";
    if keys.is_empty() {
        return Check::skipped(
            ID,
            "Not checked: the key set is empty.",
            "Ask the client to publish at least one signing key; the key IDs are checked once a key is published.",
        );
    }

    let missing = keys.iter().filter(|key| key.kid().is_none()).count();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for kid in keys.iter().filter_map(Key::kid) {
        *counts.entry(kid).or_default() += 1;
    }
    let repeated: Vec<String> =
        counts.iter().filter(|(_, count)| **count > 1).map(|(kid, _)| format!("'{}'", shown(kid))).collect();

    if !repeated.is_empty() {
        return Check::fail(
            ID,
            format!("The key ID (kid) {} appears more than once.", repeated.join(", ")),
            "Duplicate key ID (kid): the same kid is used twice or more in the key set, so a token's kid cannot \
             pick the key that signed it and sign-ins may fail at random. Ask the client to publish each key \
             with its own kid.",
        );
    }
    match (missing, keys.len()) {
        (0, 1) => Check::pass(ID, "The key has a key ID (kid)."),
        (0, count) => Check::pass(ID, format!("All {count} keys have distinct key IDs (kid).")),
        (_, 1) => Check::warn(
            ID,
            "The only key has no key ID (kid).",
            "The signing key has no key ID (kid). It works while there is only one key, but at the next key \
             rotation tokens cannot name the key that signed them, and sign-ins may break. Okta always sends \
             a kid, so the issuer may not be an Okta server; worth flagging to the client.",
        ),
        (missing, count) => Check::fail(
            ID,
            format!("{missing} of {count} keys have no key ID (kid)."),
            "Several keys are published but not all have a key ID (kid), so a token cannot name the key that \
             signed it. Ask the client to publish every key with its own kid.",
        ),
    }
}

/// Checks the encoding of RSA `n` and `e`: base64url without padding, and
/// an exponent that is odd and at least 3 (1 would make every signature
/// trivially valid).
pub fn key_format_check(keys: &[Key]) -> Check {
    const ID: &str = "jwks.key_format";
    let rsa: Vec<&Key> = keys.iter().filter(|key| key.kty() == Some("RSA")).collect();
    if rsa.is_empty() {
        return Check::pass(ID, "No RSA keys to check.");
    }

    let mut problems = Vec::new();
    for key in &rsa {
        for name in ["n", "e"] {
            if decode_uint(key.object.get(name)).is_none() {
                problems.push(format!("{}: {name} is missing or not valid base64url", key.label()));
            }
        }
        if let Some(e) = decode_uint(key.object.get("e"))
            && (e.last().is_some_and(|byte| byte % 2 == 0) || bit_length(&e) < 2)
        {
            problems.push(format!("{}: the exponent e is not an odd number of at least 3", key.label()));
        }
    }

    if problems.is_empty() {
        let keys = plural(rsa.len(), "RSA key are", "RSA keys are");
        return Check::pass(ID, format!("The n and e of {keys} valid base64url."));
    }
    Check::fail(
        ID,
        format!("{}.", problems.join("; ")),
        "An RSA key's n or e is malformed. JWK values must be base64url without '=' padding (letters, digits, \
         '-' and '_' only, RFC 7515), so strict sign-in libraries cannot read this key. Ask the client to \
         check how the key set is generated or served.",
    )
}

/// Checks RSA modulus sizes: RFC 7518 requires 2048 bits or more for RS256,
/// and libraries enforce it, so a smaller key fails.
pub fn key_size_check(keys: &[Key]) -> Check {
    const ID: &str = "jwks.key_size";
    let sizes: Vec<(String, usize)> = keys
        .iter()
        .filter(|key| key.kty() == Some("RSA"))
        .filter_map(|key| Some((key.label(), bit_length(&decode_uint(key.object.get("n"))?))))
        .collect();
    if sizes.is_empty() {
        return Check::pass(ID, "No readable RSA keys to measure.");
    }

    let small: Vec<String> = sizes
        .iter()
        .filter(|(_, bits)| *bits < MIN_RSA_BITS)
        .map(|(label, bits)| format!("{label}: {bits} bits"))
        .collect();
    if small.is_empty() {
        let all: Vec<String> = sizes.iter().map(|(label, bits)| format!("{label}: {bits} bits")).collect();
        return Check::pass(ID, format!("RSA key sizes: {}.", all.join(", ")));
    }
    Check::fail(
        ID,
        format!("RSA keys smaller than {MIN_RSA_BITS} bits: {}.", small.join(", ")),
        format!(
            "RS256 keys must have at least {MIN_RSA_BITS} bits (RFC 7518), and smaller keys can be broken. \
             Sign-in libraries reject them. Ask the client to rotate to a key of {MIN_RSA_BITS} bits or more."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issuer::Status;
    use serde_json::json;

    /// Encodes a modulus of `bytes` bytes with the top bit set.
    fn modulus(bytes: usize) -> String {
        let mut n = vec![0xA5; bytes];
        n[0] = 0xC1;
        URL_SAFE_NO_PAD.encode(n)
    }

    fn rsa(kid: Option<&str>) -> Value {
        let mut key = json!({"kty": "RSA", "use": "sig", "alg": "RS256", "n": modulus(256), "e": "AQAB"});
        if let Some(kid) = kid {
            key["kid"] = json!(kid);
        }
        key
    }

    fn keys(values: &[Value]) -> Vec<Key> {
        values.iter().enumerate().map(|(index, value)| Key::new(index, value.as_object().unwrap().clone())).collect()
    }

    fn with(mut key: Value, name: &str, value: Value) -> Value {
        key[name] = value;
        key
    }

    #[test]
    fn empty_set_kid_hint_says_what_to_do() {
        let check = kid_check(&[]);
        assert_eq!(check.status, Status::Skipped);
        let hint = check.hint.unwrap();
        assert!(hint.contains("publish at least one signing key"), "{hint}");
    }

    #[test]
    fn messages_count_keys() {
        let one = keys(&[rsa(Some("a"))]);
        assert_eq!(signing_keys_check(&one).message, "1 of 1 key can verify RS256 signatures: key 'a'.");
        assert_eq!(kid_check(&one).message, "The key has a key ID (kid).");
        assert_eq!(key_format_check(&one).message, "The n and e of 1 RSA key are valid base64url.");

        let two = keys(&[rsa(Some("a")), rsa(Some("b"))]);
        assert_eq!(kid_check(&two).message, "All 2 keys have distinct key IDs (kid).");
        assert_eq!(key_format_check(&two).message, "The n and e of 2 RSA keys are valid base64url.");
    }

    #[test]
    fn bit_length_table() {
        let cases: &[(&[u8], usize)] =
            &[(&[], 0), (&[0], 0), (&[1], 1), (&[0x80], 8), (&[0, 0x01, 0], 9), (&[0xff; 256], 2048)];
        for (bytes, bits) in cases {
            assert_eq!(bit_length(bytes), *bits, "{bytes:?}");
        }
    }

    #[test]
    fn decode_uint_table() {
        let cases: &[(Value, bool)] = &[
            (json!("AQAB"), true),
            (json!("AQAB="), false),
            (json!("AQ+B"), false),
            (json!("AQ/B"), false),
            (json!("AQ_B"), true),
            (json!(""), false),
            (json!("A"), false),
            (json!(65537), false),
        ];
        for (value, ok) in cases {
            assert_eq!(decode_uint(Some(value)).is_some(), *ok, "{value}");
        }
    }

    #[test]
    fn usable_for_rs256_table() {
        let base = rsa(Some("a"));
        let cases: &[(Value, bool)] = &[
            (base.clone(), true),
            (json!({"kty": "RSA", "n": modulus(256), "e": "AQAB"}), true),
            (with(base.clone(), "use", json!("enc")), false),
            (with(base.clone(), "alg", json!("RS512")), false),
            (with(base.clone(), "key_ops", json!(["verify"])), true),
            (with(base.clone(), "key_ops", json!(["encrypt"])), false),
            (with(base.clone(), "key_ops", json!("verify")), false),
            (with(base.clone(), "kty", json!("EC")), false),
            (with(base.clone(), "n", json!("AQAB=")), false),
        ];
        for (value, usable) in cases {
            assert_eq!(keys(std::slice::from_ref(value))[0].usable_for_rs256(), *usable, "{value}");
        }
    }

    #[test]
    fn signing_keys_cases() {
        let empty = signing_keys_check(&[]);
        assert_eq!(empty.status, Status::Fail);
        let hint = empty.hint.unwrap();
        assert!(hint.contains("no signing keys"), "{hint}");
        assert!(hint.contains("empty"), "{hint}");

        let unusable = signing_keys_check(&keys(&[with(rsa(Some("a")), "use", json!("enc"))]));
        assert_eq!(unusable.status, Status::Fail);
        assert!(unusable.hint.unwrap().contains("no signing keys"));

        let mixed = signing_keys_check(&keys(&[with(rsa(Some("a")), "use", json!("enc")), rsa(Some("b"))]));
        assert_eq!(mixed.status, Status::Pass, "{mixed:?}");
    }

    #[test]
    fn kid_cases() {
        let cases: &[(Vec<Value>, Status, &str)] = &[
            (vec![rsa(Some("a"))], Status::Pass, ""),
            (vec![rsa(Some("a")), rsa(Some("b"))], Status::Pass, ""),
            (vec![rsa(None)], Status::Warn, "key ID (kid)"),
            (vec![rsa(None), rsa(None)], Status::Fail, "kid"),
            (vec![rsa(Some("a")), rsa(None)], Status::Fail, "kid"),
            (vec![rsa(Some("a")), rsa(Some("a"))], Status::Fail, "Duplicate key ID"),
            (vec![rsa(Some("a")), rsa(Some("a"))], Status::Fail, "twice"),
            (vec![rsa(Some(""))], Status::Warn, "key ID (kid)"),
            (vec![rsa(Some("a")), rsa(Some(" "))], Status::Fail, "kid"),
            (vec![], Status::Skipped, ""),
        ];
        for (values, status, word) in cases {
            let check = kid_check(&keys(values));
            assert_eq!(check.status, *status, "{values:?}: {check:?}");
            if !word.is_empty() {
                let hint = check.hint.unwrap();
                assert!(hint.contains(word), "{hint}");
            }
        }
        let rotation = kid_check(&keys(&[rsa(None)])).hint.unwrap();
        assert!(rotation.contains("rotation"), "{rotation}");
    }

    #[test]
    fn private_material_cases() {
        let leaky = with(with(rsa(Some("a")), "d", json!("secret-d-value")), "p", json!("secret-p"));
        let check = private_material_check(&keys(&[leaky]));
        assert_eq!(check.status, Status::Fail);
        let hint = check.hint.clone().unwrap();
        assert!(hint.contains("PRIVATE"), "{hint}");
        assert!(hint.contains("Do not activate"), "{hint}");
        assert!(hint.contains("security team"), "{hint}");
        assert!(check.message.contains("d, p"), "{}", check.message);
        assert!(!check.message.contains("secret-d-value"), "values must never be shown");

        let oct = json!({"kty": "oct", "kid": "h", "k": "c2VjcmV0"});
        let check = private_material_check(&keys(&[rsa(Some("a")), oct]));
        assert_eq!(check.status, Status::Fail);
        let hint = check.hint.unwrap();
        assert!(hint.contains("symmetric"), "{hint}");
        assert!(hint.contains("secret"), "{hint}");

        assert_eq!(private_material_check(&keys(&[rsa(Some("a"))])).status, Status::Pass);
    }

    #[test]
    fn key_format_cases() {
        let cases: &[(Value, Status)] = &[
            (rsa(Some("a")), Status::Pass),
            (with(rsa(Some("a")), "n", json!(format!("{}==", modulus(256)))), Status::Fail),
            (with(rsa(Some("a")), "n", json!(format!("+{}", &modulus(256)[1..]))), Status::Fail),
            (with(rsa(Some("a")), "e", json!("AQAB=")), Status::Fail),
            (with(rsa(Some("a")), "e", json!("AQ")), Status::Fail),
            (with(rsa(Some("a")), "e", json!("Ag")), Status::Fail),
            (with(rsa(Some("a")), "e", json!("Aw")), Status::Pass),
            (json!({"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"}), Status::Pass),
        ];
        for (value, status) in cases {
            let check = key_format_check(&keys(std::slice::from_ref(value)));
            assert_eq!(check.status, *status, "{value}: {check:?}");
        }
    }

    #[test]
    fn key_size_cases() {
        let cases: &[(usize, Status)] =
            &[(256, Status::Pass), (512, Status::Pass), (128, Status::Fail), (255, Status::Fail)];
        for (bytes, status) in cases {
            let check = key_size_check(&keys(&[with(rsa(Some("a")), "n", json!(modulus(*bytes)))]));
            assert_eq!(check.status, *status, "{bytes} bytes: {check:?}");
        }
    }
}
