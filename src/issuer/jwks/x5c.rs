//! Checks on the `x5c` certificates of published keys (RFC 7517, 4.7): each
//! first certificate must be readable, within its validity period and carry
//! the same RSA key as the JWK's `n` and `e`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use jiff::Timestamp;
use serde_json::Value;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::PublicKey;

use super::keys::{Key, decode_uint};
use crate::issuer::{Check, Status};
use crate::text::{capitalize, plural};

const ID: &str = "jwks.x5c";

/// One problem found with one key's certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    status: Status,
    /// The finding with its details (dates), for the message.
    text: String,
    /// The problem in words for the client, for the hint, which is
    /// forwarded without the message.
    problem: String,
}

const UNREADABLE: &str = "A certificate (x5c) in the key set cannot be read.";

/// Checks the certificates of every key that has `x5c`.
///
/// An expired or not-yet-valid certificate is a warning: JWT libraries
/// verify with the key and most ignore the certificate's dates, but the
/// client should rotate it. A certificate whose key differs from `n`/`e`
/// fails, because libraries that read `x5c` and those that read `n`/`e`
/// would then verify with different keys.
pub fn x5c_check(keys: &[Key], now: Timestamp) -> Check {
    let with_x5c: Vec<&Key> = keys.iter().filter(|key| key.object.contains_key("x5c")).collect();
    if with_x5c.is_empty() {
        return Check::pass(ID, "No key carries an x5c certificate (they are optional).");
    }

    let findings: Vec<(String, Finding)> =
        with_x5c.iter().flat_map(|key| inspect(key, now).into_iter().map(|finding| (key.label(), finding))).collect();
    if findings.is_empty() {
        let certificates = plural(with_x5c.len(), "x5c certificate is valid and matches its key", "x5c certificates are valid and match their keys");
        return Check::pass(ID, format!("{certificates}."));
    }

    let worst = findings.iter().map(|(_, finding)| finding.status).max().unwrap_or(Status::Warn);
    let texts: Vec<String> = findings.iter().map(|(label, finding)| format!("{label}: {}", finding.text)).collect();
    let message = format!("{}.", capitalize(&texts.join("; ")));
    let mut problems: Vec<&str> = findings.iter().map(|(_, finding)| finding.problem.as_str()).collect();
    problems.dedup();
    let advice = if worst == Status::Fail {
        "Libraries that verify with the certificate and those that use n/e would disagree on the key, so \
         sign-ins could fail or be checked against the wrong key. Ask the client to republish the key with \
         a matching certificate."
    } else {
        "The key itself still verifies signatures with n and e, but libraries that read the certificate may \
         reject it. Ask the client to rotate the key and publish it with a current, valid certificate."
    };
    let hint = format!("{} {advice}", problems.join(" "));
    Check { id: ID, status: worst, message, hint: Some(hint) }
}

fn inspect(key: &Key, now: Timestamp) -> Vec<Finding> {
    let der = match first_certificate(key.object.get("x5c")) {
        Ok(der) => der,
        Err(text) => return vec![Finding { status: Status::Warn, text, problem: UNREADABLE.into() }],
    };
    let certificate = match X509Certificate::from_der(&der) {
        Ok((_, certificate)) => certificate,
        Err(_) => {
            return vec![Finding {
                status: Status::Warn,
                text: "the x5c certificate is not a valid X.509 certificate".into(),
                problem: UNREADABLE.into(),
            }];
        }
    };

    let mut findings = validity_findings(&certificate, now);
    findings.extend(key_mismatch(key, &certificate));
    findings
}

/// Decodes the first certificate of `x5c`: standard base64 with padding,
/// not base64url (RFC 7517, 4.7).
fn first_certificate(x5c: Option<&Value>) -> Result<Vec<u8>, String> {
    let first = x5c
        .and_then(Value::as_array)
        .and_then(|list| list.first())
        .and_then(Value::as_str)
        .ok_or("x5c is not a list of certificate strings")?;
    STANDARD.decode(first).map_err(|_| "the x5c certificate is not valid base64".to_string())
}

fn validity_findings(certificate: &X509Certificate<'_>, now: Timestamp) -> Vec<Finding> {
    let validity = certificate.validity();
    let not_before = validity.not_before.timestamp();
    let not_after = validity.not_after.timestamp();
    let now = now.as_second();

    let mut findings = Vec::new();
    if not_after < now {
        findings.push(Finding {
            status: Status::Warn,
            text: format!("the x5c certificate expired on {}", date(not_after)),
            problem: format!("A certificate (x5c) in the key set expired on {}.", date(not_after)),
        });
    }
    if not_before > now {
        findings.push(Finding {
            status: Status::Warn,
            text: format!("the x5c certificate is not yet valid: its validity starts on {}", date(not_before)),
            problem: format!("A certificate (x5c) in the key set is not yet valid: it becomes valid on {}.", date(not_before)),
        });
    }
    findings
}

fn key_mismatch(key: &Key, certificate: &X509Certificate<'_>) -> Option<Finding> {
    if key.kty() != Some("RSA") {
        return None;
    }
    let n = decode_uint(key.object.get("n"))?;
    let e = decode_uint(key.object.get("e"))?;

    let matches = match certificate.public_key().parsed() {
        Ok(PublicKey::RSA(rsa)) => {
            strip_zeros(rsa.modulus) == strip_zeros(&n) && strip_zeros(rsa.exponent) == strip_zeros(&e)
        }
        _ => false,
    };
    (!matches).then(|| Finding {
        status: Status::Fail,
        text: "the x5c certificate holds a different key than n/e".into(),
        problem: "A certificate (x5c) in the key set carries a different key than the published n and e.".into(),
    })
}

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&byte| byte != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

/// Formats Unix seconds as a UTC calendar date, such as `2020-01-01`.
fn date(seconds: i64) -> String {
    match Timestamp::from_second(seconds) {
        Ok(timestamp) => timestamp.strftime("%Y-%m-%d").to_string(),
        Err(_) => format!("{seconds} (Unix time)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use serde_json::json;

    /// The RSA test key of the integration fixtures. rcgen can sign with RSA
    /// through ring but cannot generate RSA keys, so the key is a file.
    const TEST_KEY: &str = include_str!("../../../tests/fixtures/keys/rsa-2048.pem");

    /// Makes a self-signed certificate for the test key, valid from 1 January
    /// of one year to 1 January of another, and returns it with the JWK `n`
    /// and `e` of the key.
    fn certificate(from_year: i32, to_year: i32) -> (String, String, String) {
        let key = rcgen::KeyPair::from_pem(TEST_KEY).unwrap();
        let mut params = rcgen::CertificateParams::new(vec!["keys.test".to_string()]).unwrap();
        params.not_before = rcgen::date_time_ymd(from_year, 1, 1);
        params.not_after = rcgen::date_time_ymd(to_year, 1, 1);
        let cert = params.self_signed(&key).unwrap();

        let (_, parsed) = X509Certificate::from_der(cert.der()).unwrap();
        let PublicKey::RSA(rsa) = parsed.public_key().parsed().unwrap() else { panic!("not RSA") };
        let n = URL_SAFE_NO_PAD.encode(strip_zeros(rsa.modulus));
        let e = URL_SAFE_NO_PAD.encode(strip_zeros(rsa.exponent));
        (STANDARD.encode(cert.der()), n, e)
    }

    /// Changes the last character of a base64url value, giving another key.
    fn altered(n: &str) -> String {
        let mut other = n.to_string();
        let last = other.pop().unwrap();
        other.push(if last == 'A' { 'Q' } else { 'A' });
        other
    }

    fn key(value: Value) -> Key {
        Key::new(0, value.as_object().unwrap().clone())
    }

    fn now() -> Timestamp {
        "2026-06-01T00:00:00Z".parse().unwrap()
    }

    #[test]
    fn x5c_cases() {
        let (current, n, e) = certificate(2020, 2040);
        let (expired, _, _) = certificate(2019, 2020);
        let (future, _, _) = certificate(2090, 2095);
        let other_n = altered(&n);

        let cases: &[(Value, Status, &str)] = &[
            (json!({"kty": "RSA", "kid": "a", "n": n, "e": e, "x5c": [current]}), Status::Pass, ""),
            (json!({"kty": "RSA", "kid": "a", "n": n, "e": e}), Status::Pass, ""),
            (
                json!({"kty": "RSA", "kid": "a", "n": n, "e": e, "x5c": [expired]}),
                Status::Warn,
                "expired on 2020-01-01",
            ),
            (json!({"kty": "RSA", "kid": "a", "n": n, "e": e, "x5c": [future]}), Status::Warn, "2090-01-01"),
            (json!({"kty": "RSA", "kid": "a", "n": other_n, "e": e, "x5c": [current]}), Status::Fail, "different key"),
            (json!({"kty": "RSA", "kid": "a", "n": n, "e": e, "x5c": ["%%%"]}), Status::Warn, "base64"),
            (json!({"kty": "RSA", "kid": "a", "n": n, "e": e, "x5c": ["AAAA"]}), Status::Warn, "X.509"),
            (json!({"kty": "RSA", "kid": "a", "n": n, "e": e, "x5c": "x"}), Status::Warn, "list"),
        ];
        for (value, status, word) in cases {
            let check = x5c_check(&[key(value.clone())], now());
            assert_eq!(check.status, *status, "{value}: {check:?}");
            if !word.is_empty() {
                assert!(check.message.contains(word), "{word}: {}", check.message);
                assert!(check.message.starts_with("Key "), "{}", check.message);
                let hint = check.hint.unwrap();
                assert!(!hint.contains(&check.message), "the hint repeats the message: {hint}");
                assert!(!hint.contains("key 'a'"), "the hint repeats the message: {hint}");
            }
        }
    }
}
