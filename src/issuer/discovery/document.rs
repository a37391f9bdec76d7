//! Checks on the members of a parsed discovery document (OpenID Connect
//! Discovery 1.0, section 3). Pure functions over JSON, so every rule is
//! tested without a network.

use serde_json::{Map, Value};
use url::Url;

use super::Target;
use super::fetched::shown;
use crate::issuer::Check;

type Object = Map<String, Value>;

/// Members every OpenID provider must publish, with the shape each must have.
const REQUIRED: &[(&str, Shape)] = &[
    ("issuer", Shape::Url),
    ("authorization_endpoint", Shape::Url),
    ("token_endpoint", Shape::Url),
    ("jwks_uri", Shape::Url),
    ("response_types_supported", Shape::StringList),
    ("subject_types_supported", Shape::StringList),
    ("id_token_signing_alg_values_supported", Shape::StringList),
];

/// Optional members that, when present, must still be well-formed because
/// later checks read them.
const OPTIONAL: &[(&str, Shape)] = &[
    ("userinfo_endpoint", Shape::Url),
    ("scopes_supported", Shape::StringList),
    ("code_challenge_methods_supported", Shape::StringList),
];

#[derive(Debug, Clone, Copy)]
enum Shape {
    Url,
    StringList,
}

/// Compares the published issuer with the requested one, character for
/// character. Returns the check and the issuer to record: the requested
/// one, or the published one when it differs only by a trailing slash or
/// letter case.
pub fn issuer_match_check(target: &Target, published: Option<&Value>) -> (Check, String) {
    const ID: &str = "discovery.issuer_match";
    let requested = target.issuer.as_str();
    let keep = requested.to_string();

    let Some(published) = published.and_then(Value::as_str) else {
        let check = Check::fail(
            ID,
            "The discovery document publishes no issuer.",
            "The configuration has no \"issuer\" value, so tokens from this server cannot be matched to an \
             issuer. The address probably does not belong to a real OpenID provider; ask the client for the \
             issuer URL shown in their Okta app integration.",
        );
        return (check, keep);
    };

    let base = requested.trim_end_matches('/');
    let with_slash = format!("{base}/");
    let had_slash = target.trailing_slash || requested.ends_with('/');

    // What the client typed, slash included, is what a pass must match.
    let typed = if had_slash { with_slash.as_str() } else { base };
    if published == typed {
        let message = if had_slash {
            format!("The published issuer matches {} exactly, trailing slash included.", shown(published))
        } else {
            format!("The published issuer matches {} exactly.", shown(published))
        };
        return (Check::pass(ID, message), published.to_string());
    }

    // The input checks removed a typed slash and warned already, so the
    // server publishing the issuer without it only confirms that warning.
    if published == base && target.trailing_slash && !requested.ends_with('/') {
        let check = Check::pass(
            ID,
            format!("The published issuer matches {} exactly, without the trailing slash.", shown(published)),
        );
        return (check, published.to_string());
    }
    if published == base || published == with_slash {
        return (slash_corrected(published, had_slash), published.to_string());
    }
    if differs_only_in_case(published, base) {
        return (case_corrected(published, requested), published.to_string());
    }

    if is_http_variant(published, base) {
        return (insecure_issuer(requested, published), keep);
    }

    let check = Check::fail(
        ID,
        format!("The server publishes the issuer {}, not {}.", shown(published), shown(requested)),
        format!(
            "Issuer mismatch: the issuer sent does not match the one the server publishes, and it must match \
             character for character. This server calls itself {} while the client sent {}. {}",
            shown(published),
            shown(requested),
            mismatch_advice(published),
        ),
    );
    (check, keep)
}

/// Says which issuer to use after a mismatch: the published one only when
/// it could be recorded as it is (an https URL without hidden characters).
fn mismatch_advice(published: &str) -> String {
    let usable = Url::parse(published).is_ok_and(|url| url.scheme() == "https")
        && !published.chars().any(|c| c.is_control() || c.is_whitespace());
    if usable {
        format!(
            "If this is the server the client means, record {} as the issuer (it is what tokens will carry); \
             otherwise ask the client for the right issuer URL.",
            shown(published)
        )
    } else {
        "The published value is not a usable https issuer, so the address probably does not belong to the \
         client's Okta org; ask the client for the right issuer URL."
            .to_string()
    }
}

fn slash_corrected(published: &str, had_slash: bool) -> Check {
    let published = shown(published);
    let (message, hint) = if had_slash {
        (
            format!("Removed the trailing slash: the server publishes {published}."),
            format!(
                "The client's issuer ended with a slash, but the server publishes {published} without it. \
                 The issuer must match character for character, so {published} is recorded. Tell the client \
                 to use it without the trailing slash too."
            ),
        )
    } else {
        (
            format!("Added a trailing slash: the server publishes {published}."),
            format!(
                "The server publishes its issuer with a trailing slash ({published}). The issuer must match \
                 character for character, so {published} is recorded. Tell the client to use it with the \
                 slash too."
            ),
        )
    };
    Check::warn("discovery.issuer_match", message, hint)
}

/// Returns true when the published issuer is the requested one in other
/// letter case (and perhaps with or without a trailing slash). The server
/// responded at the requested address, so it is the same issuer, written the way its
/// tokens will carry it.
fn differs_only_in_case(published: &str, base: &str) -> bool {
    published.starts_with("https://") && published.trim_end_matches('/').eq_ignore_ascii_case(base)
}

fn case_corrected(published: &str, requested: &str) -> Check {
    let (published, requested) = (shown(published), shown(requested));
    Check::warn(
        "discovery.issuer_match",
        format!("Changed the letter case: the server publishes {published}, not {requested}."),
        format!(
            "The server answered at {requested} but writes its issuer with different capital letters \
             (upper or lower case): {published}. The issuer must match character for character, case \
             included, so {published} is recorded. Tell the client to use it exactly as written."
        ),
    )
}

fn is_http_variant(published: &str, base: &str) -> bool {
    let Some(published_rest) = published.strip_prefix("http://") else { return false };
    let Some(base_rest) = base.strip_prefix("https://") else { return false };
    published_rest.trim_end_matches('/') == base_rest
}

fn insecure_issuer(requested: &str, published: &str) -> Check {
    Check::fail(
        "discovery.issuer_match",
        format!("The server publishes the insecure issuer {}, not {}.", shown(published), shown(requested)),
        format!(
            "The server calls itself {} (insecure http://) although it was reached over https, so its \
             tokens will never match the https issuer. This is usually a proxy or TLS-termination setting \
             on the client's side: the server behind the proxy does not know it is served over https. Ask \
             the client's admin to fix it so the server publishes https:// addresses.",
            shown(published)
        ),
    )
}

/// Checks that the required members are present and well-formed. A missing
/// `jwks_uri` gets its own sentence, because the keys' address is never
/// guessed.
pub fn metadata_check(object: &Object) -> Check {
    const ID: &str = "discovery.metadata";
    let mut problems = Vec::new();
    let mut names = Vec::new();

    let members = REQUIRED.iter().map(|member| (member, true)).chain(OPTIONAL.iter().map(|member| (member, false)));
    for ((name, shape), required) in members {
        if let Some(problem) = member_problem(object, name, *shape, required) {
            problems.push(problem);
            names.push(*name);
        }
    }

    if problems.is_empty() {
        return Check::pass(ID, "The required metadata is present and well-formed.");
    }

    let mut hint = String::new();
    if member_problem(object, "jwks_uri", Shape::Url, true).is_some() {
        hint.push_str(
            "The configuration does not say where the signing keys are published (no valid jwks_uri), so \
             sign-ins could not be verified. The keys' address is never guessed: the client's server must \
             publish jwks_uri. ",
        );
    }
    // The hint names the members because support staff read it on its own.
    hint.push_str(&format!(
        "The discovery document is incomplete, so this is not a complete OpenID provider configuration, \
         or the issuer points at the wrong service. Metadata missing or malformed: {}.",
        names.join(", ")
    ));
    Check::fail(ID, format!("Metadata problems: {}.", problems.join("; ")), hint)
}

fn member_problem(object: &Object, name: &str, shape: Shape, required: bool) -> Option<String> {
    let Some(value) = object.get(name) else {
        return required.then(|| format!("{name} is missing"));
    };
    match shape {
        Shape::Url => match value.as_str().map(Url::parse) {
            Some(Ok(_)) => None,
            Some(Err(_)) => Some(format!("{name} is not a valid URL")),
            None => Some(format!("{name} is not a string")),
        },
        Shape::StringList => match value.as_array() {
            Some(items) if items.is_empty() && required => Some(format!("{name} is empty")),
            Some(items) if items.iter().all(Value::is_string) => None,
            _ => Some(format!("{name} is not a list of strings")),
        },
    }
}

/// Returns the members that hold addresses clients call or fetch: the
/// issuer, `jwks_uri` and every `*_endpoint`.
fn endpoint_members(object: &Object) -> impl Iterator<Item = (&String, &str)> {
    object
        .iter()
        .filter(|(name, _)| *name == "issuer" || *name == "jwks_uri" || name.ends_with("_endpoint"))
        .filter_map(|(name, value)| Some((name, value.as_str()?)))
}

/// Checks that every published address uses https. An endpoint on another
/// path of the same org (Okta publishes an org-level
/// `registration_endpoint` for custom authorization servers) is normal.
pub fn endpoints_https_check(object: &Object) -> Check {
    const ID: &str = "discovery.endpoints_https";
    let insecure: Vec<String> = endpoint_members(object)
        .filter(|(_, value)| Url::parse(value).is_ok_and(|url| url.scheme() != "https"))
        .map(|(name, value)| format!("{name} = {}", shown(value)))
        .collect();

    if insecure.is_empty() {
        return Check::pass(ID, "Every published endpoint uses https.");
    }

    // A real document has about ten addresses; the cap only keeps a hostile
    // one from flooding the report.
    const MAX_LISTED: usize = 20;
    let mut listed = insecure.iter().take(MAX_LISTED).cloned().collect::<Vec<_>>().join(", ");
    if insecure.len() > MAX_LISTED {
        listed.push_str(&format!(" and {} more", insecure.len() - MAX_LISTED));
    }
    let count = match insecure.len() {
        1 => "1 published address does".to_string(),
        many => format!("{many} published addresses do"),
    };
    Check::fail(
        ID,
        format!("{count} not use https: {listed}."),
        "The server calls itself insecure http:// in its published addresses although it was reached over \
         https. Sign-in must never send codes or tokens over plain http. This is usually a proxy or \
         TLS-termination setting on the client's side; ask the client's admin to make the server publish \
         https:// addresses.",
    )
}

/// Returns the strings of a list member, or `None` when it is missing or
/// malformed (which [`metadata_check`] reports).
fn string_list<'a>(object: &'a Object, name: &str) -> Option<Vec<&'a str>> {
    object.get(name)?.as_array()?.iter().map(Value::as_str).collect()
}

fn not_readable(id: &'static str, name: &str) -> Check {
    Check::skipped(id, format!("Not checked: {name} is missing or malformed."), "See the metadata check.")
}

/// Checks that the authorization code flow is offered.
pub fn response_types_check(object: &Object) -> Check {
    const ID: &str = "discovery.response_types";
    let Some(types) = string_list(object, "response_types_supported") else {
        return not_readable(ID, "response_types_supported");
    };
    if types.contains(&"code") {
        return Check::pass(ID, "The authorization code flow (response type \"code\") is offered.");
    }
    Check::fail(
        ID,
        format!("response_types_supported lacks \"code\": {}.", shown(&types.join(", "))),
        "The server does not offer the authorization code flow, which Okta sign-in for CAKE uses. Ask the \
         client to check that the issuer is their Okta authorization server and that the app integration is \
         an OIDC web application.",
    )
}

/// Checks that the `openid` scope is offered when scopes are listed at all
/// (the member is only recommended, so a missing list passes).
pub fn scopes_check(object: &Object) -> Check {
    const ID: &str = "discovery.scopes";
    if !object.contains_key("scopes_supported") {
        return Check::pass(ID, "scopes_supported is not published (it is optional).");
    }
    let Some(scopes) = string_list(object, "scopes_supported") else {
        return not_readable(ID, "scopes_supported");
    };
    if scopes.contains(&"openid") {
        return Check::pass(ID, "The openid scope is offered.");
    }
    Check::fail(
        ID,
        "scopes_supported does not list the openid scope.",
        "The server lists its scopes without \"openid\", so it does not offer OpenID Connect sign-in. The \
         issuer probably points at a plain OAuth server; ask the client for their OpenID Connect issuer.",
    )
}

/// Checks that RS256 is among the ID token signing algorithms: OpenID
/// Connect requires every provider to offer it, and CAKE verifies RS256.
pub fn signing_algs_check(object: &Object) -> Check {
    const ID: &str = "discovery.signing_algs";
    let Some(algs) = string_list(object, "id_token_signing_alg_values_supported") else {
        return not_readable(ID, "id_token_signing_alg_values_supported");
    };
    if algs.contains(&"RS256") {
        return Check::pass(ID, "ID tokens can be signed with RS256.");
    }
    Check::fail(
        ID,
        format!("RS256 is not among the ID token signing algorithms: {}.", shown(&algs.join(", "))),
        "The server does not sign ID tokens with RS256, the algorithm every OpenID provider must offer and \
         the one CAKE verifies. Ask the client to check the signing settings of their authorization server.",
    )
}

/// Checks that PKCE with S256 is offered.
///
/// A server that lists no methods may still accept PKCE, so that is a
/// warning. A server that lists methods without S256 states that it would
/// reject an S256 challenge, and `plain` exposes the verifier, so that fails.
pub fn pkce_check(object: &Object) -> Check {
    const ID: &str = "discovery.pkce";
    if !object.contains_key("code_challenge_methods_supported") {
        return Check::warn(
            ID,
            "code_challenge_methods_supported is not published.",
            "The server does not say whether it supports PKCE (S256). Okta always publishes it, so the issuer \
             may not be an Okta authorization server; sign-in may still work.",
        );
    }
    let Some(methods) = string_list(object, "code_challenge_methods_supported") else {
        return not_readable(ID, "code_challenge_methods_supported");
    };
    if methods.contains(&"S256") {
        return Check::pass(ID, "PKCE with S256 is offered.");
    }
    Check::fail(
        ID,
        format!("PKCE methods offered lack S256: {}.", shown(&methods.join(", "))),
        "The server lists its PKCE methods without S256, so it would reject the S256 challenge sign-in \
         sends (plain is not safe). Ask the client to enable PKCE with S256 on their authorization server.",
    )
}

/// Returns `jwks_uri` when it is a valid URL, whatever its scheme: the key
/// set stage rejects plain http itself.
pub fn jwks_uri(object: &Object) -> Option<Url> {
    object.get("jwks_uri")?.as_str().and_then(|text| Url::parse(text).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issuer::Status;
    use serde_json::json;

    const ISSUER: &str = "https://idp.test/oauth2/default";

    fn baseline() -> Object {
        let value = json!({
            "issuer": ISSUER,
            "authorization_endpoint": format!("{ISSUER}/v1/authorize"),
            "token_endpoint": format!("{ISSUER}/v1/token"),
            "userinfo_endpoint": format!("{ISSUER}/v1/userinfo"),
            "registration_endpoint": "https://idp.test/oauth2/v1/clients",
            "jwks_uri": format!("{ISSUER}/v1/keys"),
            "response_types_supported": ["code", "id_token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email"],
            "code_challenge_methods_supported": ["S256"],
        });
        value.as_object().unwrap().clone()
    }

    fn with(change: impl FnOnce(&mut Object)) -> Object {
        let mut object = baseline();
        change(&mut object);
        object
    }

    fn target(issuer: &str, trailing_slash: bool) -> Target {
        Target { issuer: issuer.to_string(), trailing_slash, org_origin: None }
    }

    #[test]
    fn baseline_passes_every_check() {
        let object = baseline();
        let checks = [
            metadata_check(&object),
            endpoints_https_check(&object),
            response_types_check(&object),
            scopes_check(&object),
            signing_algs_check(&object),
            pkce_check(&object),
        ];
        for check in checks {
            assert_eq!(check.status, Status::Pass, "{check:?}");
        }
    }

    #[test]
    fn issuer_match_table() {
        let base = ISSUER;
        let slash = format!("{ISSUER}/");
        let http = "http://idp.test/oauth2/default";
        // (requested, trailing_slash flag, published, status, issuer to record, hint word)
        let cases: &[(&str, bool, &str, Status, &str, &str)] = &[
            (base, false, base, Status::Pass, base, ""),
            (&slash, true, base, Status::Warn, base, "slash"),
            (base, true, base, Status::Pass, base, ""),
            (&slash, true, &slash, Status::Pass, &slash, ""),
            (base, true, &slash, Status::Pass, &slash, ""),
            (base, false, &slash, Status::Warn, &slash, "slash"),
            (base, false, http, Status::Fail, base, "http://"),
            (base, false, "https://idp.test/oauth2/other", Status::Fail, base, "https://idp.test/oauth2/other"),
            (base, false, "https://IDP.test/oauth2/default", Status::Warn, "https://IDP.test/oauth2/default", "case"),
            (base, false, "https://idp.test/oauth2/Default", Status::Warn, "https://idp.test/oauth2/Default", "capital letters"),
            (&slash, true, "https://idp.test/oauth2/DEFAULT", Status::Warn, "https://idp.test/oauth2/DEFAULT", "case"),
            (base, false, "HTTPS://idp.test/oauth2/default", Status::Fail, base, "character for character"),
            (base, false, "https://idp.test/oauth2/defaults", Status::Fail, base, "character for character"),
            (base, false, "https://other.test/oauth2/default", Status::Fail, base, "Issuer mismatch"),
            (base, false, "https://other.test/oauth2/default", Status::Fail, base, "does not match"),
        ];
        for (requested, trailing, published, status, recorded, word) in cases {
            let (check, issuer) = issuer_match_check(&target(requested, *trailing), Some(&json!(published)));
            assert_eq!(check.status, *status, "{requested} vs {published}: {check:?}");
            assert_eq!(issuer, *recorded, "{requested} vs {published}");
            if !word.is_empty() {
                let hint = check.hint.unwrap_or_default();
                assert!(hint.contains(word), "{requested} vs {published}: hint {hint}");
            }
        }
    }

    #[test]
    fn issuer_missing_or_not_string_fails() {
        for published in [None, Some(json!(42))] {
            let (check, issuer) = issuer_match_check(&target(ISSUER, false), published.as_ref());
            assert_eq!(check.status, Status::Fail);
            assert_eq!(issuer, ISSUER);
        }
    }

    #[test]
    fn mismatch_advice_recommends_only_usable_issuers() {
        let cases = [
            ("https://other.test/oauth2/default", true),
            ("https://other.test/oauth2/default\u{1b}[31m", false),
            ("ftp://other.test/", false),
            ("not a url", false),
        ];
        for (published, recommended) in cases {
            let advice = mismatch_advice(published);
            assert_eq!(advice.contains("record"), recommended, "{published:?}: {advice}");
        }
    }

    #[test]
    fn issuer_mismatch_strips_control_characters() {
        let (check, _) = issuer_match_check(&target(ISSUER, false), Some(&json!("https://evil.test/\u{1b}[31mred")));
        assert!(!check.message.contains('\u{1b}'));
        assert!(!check.hint.unwrap().contains('\u{1b}'));
    }

    #[test]
    fn missing_jwks_uri_names_signing_keys() {
        let check = metadata_check(&with(|object| {
            object.remove("jwks_uri");
        }));
        assert_eq!(check.status, Status::Fail);
        let hint = check.hint.unwrap();
        assert!(hint.contains("jwks_uri"), "{hint}");
        assert!(hint.contains("signing keys"), "{hint}");
        assert!(check.message.contains("jwks_uri is missing"), "{}", check.message);
    }

    #[test]
    fn metadata_problem_table() {
        let cases: &[(&str, Value, &str)] = &[
            ("token_endpoint", json!(null), "token_endpoint is not a string"),
            ("authorization_endpoint", json!("not a url"), "authorization_endpoint is not a valid URL"),
            ("response_types_supported", json!("code"), "response_types_supported is not a list of strings"),
            ("subject_types_supported", json!([]), "subject_types_supported is empty"),
            ("id_token_signing_alg_values_supported", json!([1]), "is not a list of strings"),
            ("scopes_supported", json!("openid"), "scopes_supported is not a list of strings"),
        ];
        for (name, value, expected) in cases {
            let check = metadata_check(&with(|object| {
                object.insert(name.to_string(), value.clone());
            }));
            assert_eq!(check.status, Status::Fail, "{name}");
            assert!(check.message.contains(expected), "{name}: {}", check.message);
            let hint = check.hint.unwrap();
            assert!(hint.contains(name), "{name}: {hint}");
        }
        let check = metadata_check(&with(|object| {
            object.remove("authorization_endpoint");
        }));
        assert!(check.message.contains("authorization_endpoint is missing"));
        let hint = check.hint.unwrap();
        assert!(hint.contains("missing or malformed: authorization_endpoint."), "{hint}");
    }

    #[test]
    fn http_endpoint_fails_with_http_hint() {
        let check = endpoints_https_check(&with(|object| {
            object.insert("token_endpoint".into(), json!("http://idp.test/oauth2/default/v1/token"));
        }));
        assert_eq!(check.status, Status::Fail);
        assert!(check.message.contains("token_endpoint"));
        assert!(check.hint.unwrap().contains("http://"));
    }

    #[test]
    fn every_http_address_listed() {
        let names = ["issuer", "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri"];
        let check = endpoints_https_check(&with(|object| {
            for name in names {
                object.insert(name.into(), json!(format!("http://idp.test/oauth2/default/{name}")));
            }
        }));
        assert!(check.message.starts_with("5 published addresses do not use https:"), "{}", check.message);
        for name in names {
            assert!(check.message.contains(&format!("{name} = http://")), "{name}: {}", check.message);
        }

        let one = endpoints_https_check(&with(|object| {
            object.insert("token_endpoint".into(), json!("http://idp.test/oauth2/default/v1/token"));
        }));
        assert!(one.message.starts_with("1 published address does not use https:"), "{}", one.message);
    }

    #[test]
    fn org_registration_endpoint_is_normal() {
        let object = with(|object| {
            object.insert("registration_endpoint".into(), json!("https://idp.test/oauth2/v1/clients"));
        });
        assert_eq!(endpoints_https_check(&object).status, Status::Pass);
        assert_eq!(metadata_check(&object).status, Status::Pass);
    }

    #[test]
    fn list_member_table() {
        type Rule = fn(&Object) -> Check;
        let cases: &[(&str, Value, Rule, Status)] = &[
            ("response_types_supported", json!(["id_token"]), response_types_check, Status::Fail),
            ("response_types_supported", json!("code"), response_types_check, Status::Skipped),
            ("scopes_supported", json!(["email"]), scopes_check, Status::Fail),
            ("id_token_signing_alg_values_supported", json!(["ES256", "HS256"]), signing_algs_check, Status::Fail),
            ("id_token_signing_alg_values_supported", json!(["ES256", "RS256"]), signing_algs_check, Status::Pass),
            ("code_challenge_methods_supported", json!(["plain"]), pkce_check, Status::Fail),
            ("code_challenge_methods_supported", json!(["plain", "S256"]), pkce_check, Status::Pass),
        ];
        for (name, value, rule, expected) in cases {
            let check = rule(&with(|object| {
                object.insert(name.to_string(), value.clone());
            }));
            assert_eq!(check.status, *expected, "{name} = {value}: {check:?}");
        }
    }

    #[test]
    fn absent_optional_lists() {
        let object = with(|object| {
            object.remove("scopes_supported");
            object.remove("code_challenge_methods_supported");
        });
        assert_eq!(scopes_check(&object).status, Status::Pass);
        assert_eq!(pkce_check(&object).status, Status::Warn);
    }

    #[test]
    fn jwks_uri_table() {
        let cases: &[(Value, Option<&str>)] = &[
            (json!("https://idp.test/keys"), Some("https://idp.test/keys")),
            (json!("http://idp.test/keys"), Some("http://idp.test/keys")),
            (json!("keys"), None),
            (json!(1), None),
        ];
        for (value, expected) in cases {
            let object = with(|object| {
                object.insert("jwks_uri".into(), value.clone());
            });
            assert_eq!(jwks_uri(&object).as_ref().map(Url::as_str), *expected, "{value}");
        }
        assert!(
            jwks_uri(&with(|object| {
                object.remove("jwks_uri");
            }))
            .is_none()
        );
    }
}
