//! The authorization probe: for each client ID, checks whether the issuer
//! recognises the client and accepts CAKE's redirect URI for it, the way a
//! real sign-in would start, without signing anyone in.
//!
//! For each client ID the probe sends at most two requests:
//!
//! 1. The discovery document again, with `?client_id=<id>`. Okta returns 400
//!    there for an unknown client, and may publish a per-client issuer,
//!    which must equal the issuer already validated.
//! 2. One authorization request (code flow, PKCE S256, random `state` and
//!    `nonce`) to the discovery document's `authorization_endpoint`, which
//!    must be on the issuer's https origin. No redirect is followed, no
//!    cookie or credential is sent, and the sign-in page it points to is
//!    never fetched. A redirect to the redirect URI is only parsed.
//!
//! The responses become checks with these stable ids, each naming the client:
//!
//! | id | meaning |
//! | --- | --- |
//! | `probe.discovery_client` | pass: same issuer for this client; fail: 400 (client unknown) or another issuer; warn: no usable response |
//! | `probe.client_known` | pass: the issuer recognises the client; fail: it does not; warn: an unexpected response; skipped: not probed |
//! | `probe.redirect_uri` | pass: the redirect URI is accepted; fail: not registered for this client; skipped: not checked |
//! | `probe.authorization` | fail or warn: the issuer accepted both but sent another OAuth error to the redirect URI |

mod classify;
mod error_text;
mod request;

use serde_json::Value;
use url::Url;

use super::client_id::check_client_ids;
use super::discovery::{self, Outcome};
use super::{Check, Status};
use crate::net::{FetchError, HttpClient, Reply};
use crate::text::one_line;
use classify::{Finding, ResponseParts, Sent};
use request::authorization_url;

pub const DISCOVERY_CLIENT_ID: &str = "probe.discovery_client";
pub const CLIENT_KNOWN_ID: &str = "probe.client_known";
pub const REDIRECT_URI_ID: &str = "probe.redirect_uri";
pub const AUTHORIZATION_ID: &str = "probe.authorization";

/// Redirect URI that the probe sends, or the reason there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedirectUri {
    Known(Url),
    /// No usable redirect URI. The text names what the user should pass
    /// instead.
    Unknown(String),
}

/// Settings of the probe, settled by the command that runs it.
#[derive(Debug, Clone)]
pub struct ProbeOptions {
    pub redirect_uri: RedirectUri,
}

/// Values the probe takes from a validation that passed discovery.
#[derive(Debug, Clone, Copy)]
struct Target<'a> {
    /// The issuer as validated, equal to the discovery document's `issuer`.
    issuer: &'a str,
    /// The discovery document's `authorization_endpoint`, when present.
    authorization_endpoint: Option<&'a str>,
}

/// Picks the redirect URI: the one given on the command line, else the
/// profile's template with `{tenant}` replaced. Without a tenant, only a
/// template that does not name `{tenant}` can be used.
pub fn resolve_redirect_uri(given: Option<&Url>, template: Option<&str>, tenant: Option<&str>) -> RedirectUri {
    if let Some(url) = given {
        return RedirectUri::Known(url.clone());
    }
    let Some(template) = template.map(str::trim).filter(|template| !template.is_empty()) else {
        return RedirectUri::Unknown(
            "Pass CAKE's callback for this tenant with --redirect-uri URI, or set redirect_uri in the profile \
             (for example \"https://{tenant}/okta/callback\")."
                .to_string(),
        );
    };

    let text = match tenant {
        Some(tenant) => template.replace("{tenant}", tenant),
        None if template.contains("{tenant}") => {
            return RedirectUri::Unknown(format!(
                "The profile's redirect_uri ({}) needs a tenant, which 'issuer check' does not have. Pass the \
                 tenant's callback with --redirect-uri URI.",
                one_line(template)
            ));
        }
        None => template.to_string(),
    };

    match parse_redirect_uri(&text) {
        Ok(url) => RedirectUri::Known(url),
        Err(reason) => RedirectUri::Unknown(format!(
            "The profile's redirect_uri gives {}, which {reason}. Fix it in the config file, or pass --redirect-uri URI.",
            one_line(&text)
        )),
    }
}

/// Parses a redirect URI: an absolute http(s) URL without a fragment, as
/// RFC 6749 section 3.1.2 requires. Used for `--redirect-uri` too.
pub fn parse_redirect_uri(text: &str) -> Result<Url, String> {
    let url = Url::parse(text.trim()).map_err(|error| format!("is not an absolute URL ({error})"))?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err("is not an http or https URL".to_string());
    }
    if url.fragment().is_some() {
        return Err("has a fragment (#…), which a redirect URI must not have".to_string());
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("has no host".to_string());
    }
    Ok(url)
}

/// Runs the probe after the discovery stage: only when discovery passed,
/// and only for the client IDs that pass the client ID checks.
pub fn stage(client: &mut HttpClient, outcome: &Outcome, raw_client_ids: &[String], options: &ProbeOptions) -> Vec<Check> {
    let discovery_passed = outcome.issuer_matched && outcome.checks.iter().all(|check| check.status != Status::Fail);
    if !discovery_passed {
        return vec![Check::skipped(
            CLIENT_KNOWN_ID,
            "The authorization probe was not run: the discovery document did not pass",
            "Fix the discovery document problems above, then run the probe again.",
        )];
    }

    let target = Target {
        issuer: outcome.published_issuer.as_deref().unwrap_or(&outcome.issuer),
        authorization_endpoint: outcome.authorization_endpoint.as_deref(),
    };
    run(client, &target, &probe_ready_ids(raw_client_ids), options)
}

/// Returns the client IDs, cleaned, that pass the client ID checks on their
/// own, each once. An ID that failed them (a pasted secret, a URL, an
/// authorization server id) is never sent.
fn probe_ready_ids(raw_client_ids: &[String]) -> Vec<String> {
    let mut ready: Vec<String> = Vec::new();
    for raw in raw_client_ids {
        let alone = check_client_ids(std::slice::from_ref(raw));
        if alone.checks.iter().any(|check| check.status == Status::Fail) {
            continue;
        }
        for id in alone.ids {
            if !ready.contains(&id) {
                ready.push(id);
            }
        }
    }
    ready
}

/// Probes every client ID and returns the checks, in client order.
fn run(client: &mut HttpClient, target: &Target, client_ids: &[String], options: &ProbeOptions) -> Vec<Check> {
    let redirect_uri = match &options.redirect_uri {
        RedirectUri::Known(url) => url,
        RedirectUri::Unknown(hint) => {
            return vec![Check::skipped(
                REDIRECT_URI_ID,
                "The authorization probe was not run: no redirect URI is known",
                hint.clone(),
            )];
        }
    };
    if client_ids.is_empty() {
        return vec![Check::skipped(
            CLIENT_KNOWN_ID,
            "The authorization probe was not run: no client ID passed the client ID checks",
            "Give the client's Okta client IDs with --client-id, fixing any client ID problems above first.",
        )];
    }

    let endpoint = usable_endpoint(target);
    let mut checks = Vec::new();
    for client_id in client_ids {
        checks.extend(probe_client(client, target, endpoint.as_ref(), client_id, redirect_uri));
    }
    checks
}

/// Returns the authorization endpoint when the probe may send to it, else
/// the reason it may not.
fn usable_endpoint(target: &Target) -> Result<Url, String> {
    let Some(text) = target.authorization_endpoint else {
        return Err("the discovery document has no authorization_endpoint".to_string());
    };
    let shown = one_line(text);
    let endpoint = Url::parse(text).map_err(|_| format!("the authorization endpoint {shown} is not a valid URL"))?;
    let issuer = Url::parse(target.issuer).map_err(|_| format!("the issuer {} is not a valid URL", one_line(target.issuer)))?;

    if endpoint.scheme() != "https" {
        return Err(format!("the authorization endpoint {shown} does not use https"));
    }
    if endpoint.origin() != issuer.origin() {
        return Err(format!(
            "the authorization endpoint {shown} is not on the issuer's server {}",
            issuer.origin().ascii_serialization()
        ));
    }
    Ok(endpoint)
}

fn probe_client(
    client: &mut HttpClient,
    target: &Target,
    endpoint: Result<&Url, &String>,
    client_id: &str,
    redirect_uri: &Url,
) -> Vec<Check> {
    let shown_id = one_line(client_id);
    let shown_uri = one_line(redirect_uri.as_str());

    let (discovery_check, client_unknown) = check_discovery_for_client(client, target.issuer, client_id);
    let mut checks = vec![discovery_check];

    if client_unknown {
        let evidence = "its discovery document for this client returns 400";
        checks.push(client_unknown_check(&shown_id, target.issuer, evidence));
        checks.push(redirect_not_checked(&shown_uri, &shown_id, "the client ID is unknown", "Fix the client ID first, then run the probe again."));
        return checks;
    }

    let endpoint = match endpoint {
        Ok(endpoint) => endpoint,
        Err(reason) => {
            checks.push(Check::skipped(
                CLIENT_KNOWN_ID,
                format!("Client ID {shown_id} was not probed: {reason}"),
                "The probe sends requests only to the issuer's own https server. Ask the client to check the \
                 authorization server's settings.",
            ));
            checks.push(redirect_not_checked(&shown_uri, &shown_id, "the client ID was not probed", "See the check above."));
            return checks;
        }
    };

    checks.extend(send_authorization_request(client, target, endpoint, client_id, redirect_uri));
    checks
}

/// Fetches the discovery document with `?client_id=<id>`.
/// Returns the check and whether the response shows the client is unknown.
fn check_discovery_for_client(client: &mut HttpClient, issuer: &str, client_id: &str) -> (Check, bool) {
    let shown_id = one_line(client_id);
    let warn = |detail: String| {
        Check::warn(
            DISCOVERY_CLIENT_ID,
            format!("Could not read the discovery document for client ID {shown_id}: {detail}"),
            "This alone does not mean the client ID is wrong. The authorization request below still checks it.",
        )
    };

    let url = match discovery::discovery_url(issuer) {
        Ok(mut url) => {
            url.query_pairs_mut().append_pair("client_id", client_id);
            url
        }
        Err(error) => return (warn(format!("the issuer is not a valid URL ({error})")), false),
    };

    let response = match client.get(&url) {
        Ok(response) => response,
        Err(error) => return (warn(one_line(&error.to_string())), false),
    };
    match response.status {
        200 => (compare_published_issuer(&response.body, issuer, &shown_id).unwrap_or_else(warn), false),
        // The same document without the parameter was fetched a moment ago,
        // so a 400 here is about the client ID.
        400 => (
            Check::fail(
                DISCOVERY_CLIENT_ID,
                format!("The issuer's discovery document returns 400 for client ID {shown_id}"),
                client_id_hint(issuer),
            ),
            true,
        ),
        status => (warn(format!("it returned {status}")), false),
    }
}

fn compare_published_issuer(body: &[u8], issuer: &str, shown_id: &str) -> Result<Check, String> {
    let document: Value = serde_json::from_slice(body).map_err(|_| "the response is not JSON".to_string())?;
    let published = document
        .get("issuer")
        .and_then(Value::as_str)
        .ok_or_else(|| "the response has no issuer".to_string())?;

    if published == issuer {
        return Ok(Check::pass(
            DISCOVERY_CLIENT_ID,
            format!("The discovery document for client ID {shown_id} names the same issuer"),
        ));
    }
    let published = one_line(published);
    Ok(Check::fail(
        DISCOVERY_CLIENT_ID,
        format!("The discovery document for client ID {shown_id} names issuer {published}, not {}", one_line(issuer)),
        format!(
            "Tokens for this client would carry the issuer {published}, so sign-in with {} would fail. Ask the \
             client whether {published} is the issuer to use, or to check the Issuer setting under OpenID \
             Connect ID Token on the Okta app's Sign On tab.",
            one_line(issuer)
        ),
    ))
}

fn send_authorization_request(
    client: &mut HttpClient,
    target: &Target,
    endpoint: &Url,
    client_id: &str,
    redirect_uri: &Url,
) -> Vec<Check> {
    let url = authorization_url(endpoint, client_id, redirect_uri);
    let shown_id = one_line(client_id);
    let shown_uri = one_line(redirect_uri.as_str());

    let finding = match client.get_once(&url, "text/html") {
        Ok(reply) => classify_reply(&reply, &url, target.issuer, redirect_uri),
        Err(error) => return request_failed(&shown_id, &shown_uri, &error),
    };
    checks_for(finding, &shown_id, &shown_uri, target.issuer)
}

fn request_failed(shown_id: &str, shown_uri: &str, error: &FetchError) -> Vec<Check> {
    vec![
        Check::warn(
            CLIENT_KNOWN_ID,
            format!("The authorization request for client ID {shown_id} failed: {}", one_line(&error.to_string())),
            "The discovery document was reachable a moment ago, so this is probably a passing network problem. \
             Run the probe again.",
        ),
        redirect_not_checked(shown_uri, shown_id, "the authorization request failed", "See the check above."),
    ]
}

fn classify_reply(reply: &Reply, url: &Url, issuer: &str, redirect_uri: &Url) -> Finding {
    let parts = match reply {
        Reply::Redirect { status, location } => {
            ResponseParts { status: *status, location: location.as_deref(), content_type: None, body: &[] }
        }
        Reply::Final(response) => ResponseParts {
            status: response.status,
            location: None,
            content_type: response.content_type.as_deref(),
            body: &response.body,
        },
    };
    let issuer_origin = match Url::parse(issuer) {
        Ok(issuer) => issuer.origin(),
        Err(_) => url.origin(),
    };
    classify::classify(&parts, &Sent { url, issuer_origin: &issuer_origin, redirect_uri })
}

/// Turns a finding into the client and redirect URI checks.
fn checks_for(finding: Finding, shown_id: &str, shown_uri: &str, issuer: &str) -> Vec<Check> {
    let known = || Check::pass(CLIENT_KNOWN_ID, format!("Client ID {shown_id} is known to this issuer"));
    match finding {
        Finding::ClientUnknown { evidence } => vec![
            client_unknown_check(shown_id, issuer, &evidence),
            redirect_not_checked(shown_uri, shown_id, "the client ID is unknown", "Fix the client ID first, then run the probe again."),
        ],
        Finding::RedirectUriRejected { evidence } => vec![
            known(),
            Check::fail(
                REDIRECT_URI_ID,
                format!("Redirect URI {shown_uri} is not registered for client ID {shown_id}: {evidence}"),
                format!(
                    "In the Okta app's General tab, add {shown_uri} to the Sign-in redirect URIs (in the LOGIN \
                     section) and save."
                ),
            ),
        ],
        Finding::SignInReady { evidence } => vec![
            known(),
            Check::pass(REDIRECT_URI_ID, format!("Redirect URI {shown_uri} is accepted for client ID {shown_id}: {evidence}")),
        ],
        Finding::Rejected { error } => vec![
            known(),
            Check::pass(REDIRECT_URI_ID, format!("Redirect URI {shown_uri} is accepted for client ID {shown_id}")),
            rejection_check(shown_id, &error),
        ],
        Finding::Unexpected { evidence, .. } => vec![
            Check::warn(
                CLIENT_KNOWN_ID,
                format!("Unexpected response to the authorization request for client ID {shown_id}: {evidence}"),
                "The probe could not tell whether the client ID and redirect URI are right. Run it again later; \
                 if the response stays the same, ask the client to check the app's settings in Okta.",
            ),
            redirect_not_checked(shown_uri, shown_id, "the response was unexpected", "See the check above."),
        ],
    }
}

fn client_unknown_check(shown_id: &str, issuer: &str, evidence: &str) -> Check {
    Check::fail(CLIENT_KNOWN_ID, format!("Client ID {shown_id} is unknown to this issuer: {evidence}"), client_id_hint(issuer))
}

fn client_id_hint(issuer: &str) -> String {
    format!(
        "Check the Client ID on the Okta app's General tab (Client Credentials section): it is case-sensitive, \
         and the app must belong to the Okta org of the issuer {}.",
        one_line(issuer)
    )
}

fn redirect_not_checked(shown_uri: &str, shown_id: &str, because: &str, hint: &str) -> Check {
    Check::skipped(
        REDIRECT_URI_ID,
        format!("Redirect URI {shown_uri} was not checked for client ID {shown_id}: {because}"),
        hint,
    )
}

/// Builds the check for an OAuth error the issuer sent to the redirect URI
/// after accepting the client and the redirect URI.
fn rejection_check(shown_id: &str, error: &error_text::OAuthError) -> Check {
    let message = format!("The issuer rejected the sign-in request for client ID {shown_id}: {}", error.describe());
    match error.code.as_str() {
        "unauthorized_client" | "unsupported_response_type" => Check::fail(
            AUTHORIZATION_ID,
            message,
            "The app does not allow the authorization code flow. In Okta, CAKE must be an OIDC Web Application \
             with the Authorization Code grant type enabled (General tab, General Settings).",
        ),
        "invalid_scope" => Check::fail(
            AUTHORIZATION_ID,
            message,
            "The issuer does not grant the openid scope to this app. Ask the client to check the authorization \
             server's scopes and access policies.",
        ),
        "access_denied" => Check::fail(
            AUTHORIZATION_ID,
            message,
            "The issuer's policies deny this app. Ask the client to check the authorization server's access \
             policies and the app's assignments.",
        ),
        "server_error" | "temporarily_unavailable" => Check::warn(
            AUTHORIZATION_ID,
            message,
            "The issuer reported a temporary problem. Run the probe again later.",
        ),
        _ => Check::fail(AUTHORIZATION_ID, message, "Forward this error to the client and ask them to check the app's settings in Okta."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn redirect_uri_resolution_cases() {
        let given = url("https://given.cake.test/okta/callback");
        // (given, template, tenant, expected URI or None for "unknown")
        type Case<'a> = (Option<&'a Url>, Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let cases: &[Case] = &[
            (Some(&given), Some("https://{tenant}/okta/callback"), Some("acme.cake.test"), Some("https://given.cake.test/okta/callback")),
            (None, Some("https://{tenant}/okta/callback"), Some("acme.cake.test"), Some("https://acme.cake.test/okta/callback")),
            (None, Some("https://cake.test/okta/callback"), None, Some("https://cake.test/okta/callback")),
            (None, Some("https://{tenant}/okta/callback"), None, None),
            (None, None, Some("acme.cake.test"), None),
            (None, Some("  "), None, None),
            (None, Some("{tenant}/okta/callback"), Some("acme.cake.test"), None),
        ];
        for (given, template, tenant, expected) in cases {
            let resolved = resolve_redirect_uri(*given, *template, *tenant);
            match expected {
                Some(expected) => assert_eq!(resolved, RedirectUri::Known(url(expected)), "{template:?} {tenant:?}"),
                None => assert!(matches!(resolved, RedirectUri::Unknown(_)), "{template:?} {tenant:?}: {resolved:?}"),
            }
        }
    }

    #[test]
    fn unknown_redirect_uri_hint_names_flag() {
        for (template, tenant) in [(None, None), (Some("https://{tenant}/cb"), None), (Some("not a url"), Some("a"))] {
            let RedirectUri::Unknown(hint) = resolve_redirect_uri(None, template, tenant) else { panic!("{template:?}") };
            assert!(hint.contains("--redirect-uri"), "{hint}");
        }
    }

    #[test]
    fn parse_redirect_uri_cases() {
        let cases = [
            ("https://acme.cake.test/okta/callback", true),
            ("http://localhost:8080/callback", true),
            ("https://acme.cake.test/cb#frag", false),
            ("ftp://acme.cake.test/cb", false),
            ("acme.cake.test/cb", false),
            ("", false),
        ];
        for (text, ok) in cases {
            assert_eq!(parse_redirect_uri(text).is_ok(), ok, "{text}");
        }
    }

    #[test]
    fn probe_ready_ids_drop_failures_and_repeats() {
        let raw: Vec<String> = [
            "0oa1b2c3d4e5f6g7h8i9",
            " 0oa9z8y7x6w5v4u3t2s1 ",
            "https://acme.okta.com/oauth2/default",
            "0oa1b2c3d4e5f6g7h8i9",
            "aus1b2c3d4e5f6g7h8i9",
        ]
        .iter()
        .map(|id| id.to_string())
        .collect();
        assert_eq!(probe_ready_ids(&raw), ["0oa1b2c3d4e5f6g7h8i9", "0oa9z8y7x6w5v4u3t2s1"]);
    }

    #[test]
    fn endpoint_must_be_on_issuer_origin() {
        let cases = [
            (Some("https://idp.test/oauth2/default/v1/authorize"), true),
            (Some("https://idp.test:443/authorize"), true),
            (Some("http://idp.test/oauth2/default/v1/authorize"), false),
            (Some("https://other.test/authorize"), false),
            (Some("https://idp.test:8443/authorize"), false),
            (Some("/relative"), false),
            (None, false),
        ];
        for (endpoint, ok) in cases {
            let target = Target { issuer: "https://idp.test/oauth2/default", authorization_endpoint: endpoint };
            assert_eq!(usable_endpoint(&target).is_ok(), ok, "{endpoint:?}");
        }
    }

    #[test]
    fn findings_become_checks() {
        use crate::issuer::Status;
        let rejected = |code: &str| Finding::Rejected { error: error_text::OAuthError { code: code.into(), description: None } };
        let cases: Vec<(Finding, Vec<(&str, Status)>)> = vec![
            (Finding::ClientUnknown { evidence: "e".into() }, vec![(CLIENT_KNOWN_ID, Status::Fail), (REDIRECT_URI_ID, Status::Skipped)]),
            (Finding::RedirectUriRejected { evidence: "e".into() }, vec![(CLIENT_KNOWN_ID, Status::Pass), (REDIRECT_URI_ID, Status::Fail)]),
            (Finding::SignInReady { evidence: "e".into() }, vec![(CLIENT_KNOWN_ID, Status::Pass), (REDIRECT_URI_ID, Status::Pass)]),
            (rejected("unauthorized_client"), vec![(CLIENT_KNOWN_ID, Status::Pass), (REDIRECT_URI_ID, Status::Pass), (AUTHORIZATION_ID, Status::Fail)]),
            (rejected("temporarily_unavailable"), vec![(CLIENT_KNOWN_ID, Status::Pass), (REDIRECT_URI_ID, Status::Pass), (AUTHORIZATION_ID, Status::Warn)]),
            (Finding::Unexpected { status: 500, evidence: "e".into() }, vec![(CLIENT_KNOWN_ID, Status::Warn), (REDIRECT_URI_ID, Status::Skipped)]),
        ];
        for (finding, expected) in cases {
            let label = format!("{finding:?}");
            let checks = checks_for(finding, "0oa1", "https://acme.cake.test/cb", "https://idp.test");
            let got: Vec<(&str, Status)> = checks.iter().map(|check| (check.id, check.status)).collect();
            assert_eq!(got, expected, "{label}");
            for check in &checks {
                assert!(check.message.contains("0oa1"), "{label}: {}", check.message);
                assert_eq!(check.hint.is_some(), check.status != Status::Pass, "{label}: {check:?}");
            }
        }
    }

    #[test]
    fn rejected_redirect_hint_names_uri() {
        let checks = checks_for(Finding::RedirectUriRejected { evidence: "e".into() }, "0oa1", "https://acme.cake.test/cb", "https://idp.test");
        let hint = checks[1].hint.as_deref().unwrap();
        assert!(hint.contains("https://acme.cake.test/cb"), "{hint}");
        assert!(hint.contains("Sign-in redirect URIs"), "{hint}");
    }

    #[test]
    fn unknown_client_hint_names_general_tab() {
        let checks = checks_for(Finding::ClientUnknown { evidence: "e".into() }, "0oa1", "https://acme.cake.test/cb", "https://idp.test");
        let hint = checks[0].hint.as_deref().unwrap();
        assert!(hint.contains("General tab"), "{hint}");
    }
}
