//! Classifies an authorization endpoint's response to the probe request.
//!
//! | response | finding |
//! | --- | --- |
//! | error `invalid_client` (redirect query, JSON or page) | client unknown |
//! | error `invalid_redirect_uri`, or `invalid_request` whose description names the redirect URI | redirect URI not registered |
//! | a 4xx page without an error code whose text is about the redirect URI | redirect URI not registered |
//! | redirect to the redirect URI with `login_required`, `interaction_required`, `consent_required` or `account_selection_required`, or with a `code` | looks right |
//! | redirect to the redirect URI with another error | rejected (client and redirect URI accepted) |
//! | redirect to a page on the issuer's https origin without an error | looks right (sign-in or interaction page) |
//! | 200 HTML page without an error code | looks right (sign-in page) |
//! | anything else: another status, a redirect elsewhere, another error | unexpected, with the status |
//!
//! Redirect targets are only parsed here; nothing is fetched.

use serde_json::Value;
use url::{Origin, Url};

use super::error_text::{self, OAuthError};

/// Errors with which a server states "the request is fine, but a user must
/// sign in first" (OpenID Connect Core 1.0 section 3.1.2.6).
const SIGN_IN_NEEDED: &[&str] =
    &["login_required", "interaction_required", "consent_required", "account_selection_required"];

/// The parts of a response the classification reads.
#[derive(Debug, Clone, Copy)]
pub struct ResponseParts<'a> {
    pub status: u16,
    /// `Location` header of a redirect.
    pub location: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
}

/// The request that was sent, to judge the response against.
#[derive(Debug, Clone, Copy)]
pub struct Sent<'a> {
    /// The authorization request URL, to resolve a relative `Location`.
    pub url: &'a Url,
    pub issuer_origin: &'a Origin,
    pub redirect_uri: &'a Url,
}

/// Conclusion about one client ID and redirect URI. `evidence` is a short
/// phrase naming what the server did, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    ClientUnknown { evidence: String },
    RedirectUriRejected { evidence: String },
    SignInReady { evidence: String },
    /// The server accepted the client and the redirect URI, then sent an
    /// OAuth error back to the redirect URI.
    Rejected { error: OAuthError },
    Unexpected { status: u16, evidence: String },
}

/// Classifies one response. See the table at the top of this file.
pub fn classify(response: &ResponseParts, sent: &Sent) -> Finding {
    if (300..400).contains(&response.status) && response.status != 304 {
        return classify_redirect(response.status, response.location, sent);
    }
    classify_body(response)
}

fn classify_redirect(status: u16, location: Option<&str>, sent: &Sent) -> Finding {
    let Some(target) = location.and_then(|location| sent.url.join(location).ok()) else {
        return Finding::Unexpected { status, evidence: format!("a {status} redirect without a valid Location") };
    };
    let shown = without_query(&target);

    if same_endpoint(&target, sent.redirect_uri) {
        return match error_text::from_url(&target) {
            Some(error) => classify_error(error, status, true),
            None if target.query_pairs().any(|(name, _)| name == "code") => {
                Finding::SignInReady { evidence: "it redirected back to the redirect URI with a code".to_string() }
            }
            None => Finding::Unexpected {
                status,
                evidence: format!("a {status} redirect to the redirect URI without a code or an error"),
            },
        };
    }

    if target.scheme() == "https" && target.origin() == *sent.issuer_origin {
        return match error_text::from_url(&target) {
            Some(error) => classify_error(error, status, false),
            None => Finding::SignInReady { evidence: format!("it redirected to its sign-in page {shown}") },
        };
    }

    Finding::Unexpected { status, evidence: format!("a {status} redirect to {shown}, another site (not followed)") }
}

fn classify_body(response: &ResponseParts) -> Finding {
    let status = response.status;
    let text = String::from_utf8_lossy(response.body);
    let is_json = response.content_type.is_some_and(|kind| kind.to_ascii_lowercase().contains("json"))
        || text.trim_start().starts_with('{');

    if is_json {
        let error = serde_json::from_str::<Value>(&text).ok().and_then(|value| error_text::from_json(&value));
        return match error {
            Some(error) => classify_error(error, status, false),
            None => Finding::Unexpected { status, evidence: format!("it returned {status} with JSON that names no error") },
        };
    }

    // A 200 page is searched without its scripts, because a sign-in page's
    // scripts are full of error-code strings it may never show.
    let error_page = status >= 400;
    if let Some(error) = error_text::from_page(&text, error_page) {
        return classify_error(error, status, false);
    }
    if error_page && error_text::page_mentions_redirect_uri(&text) {
        return Finding::RedirectUriRejected { evidence: format!("it returned {status} with a page about the redirect URI") };
    }
    if status == 200 && looks_like_html(response.content_type, &text) {
        return Finding::SignInReady { evidence: "it returned its sign-in page".to_string() };
    }
    Finding::Unexpected { status, evidence: format!("it returned {status}") }
}

/// Sorts an OAuth error into a finding. `at_redirect_uri` is set when the
/// server sent it to the redirect URI, which it does only after accepting
/// the client and the redirect URI.
fn classify_error(error: OAuthError, status: u16, at_redirect_uri: bool) -> Finding {
    let evidence = if at_redirect_uri {
        format!("it redirected to the redirect URI with error {}", error.describe())
    } else {
        format!("it returned {status} with error {}", error.describe())
    };
    let about_redirect_uri = error
        .description
        .as_deref()
        .is_some_and(|text| text.to_ascii_lowercase().contains("redirect_uri") || text.to_ascii_lowercase().contains("redirect uri"));

    match error.code.as_str() {
        "invalid_client" => Finding::ClientUnknown { evidence },
        "invalid_redirect_uri" => Finding::RedirectUriRejected { evidence },
        "invalid_request" if about_redirect_uri => Finding::RedirectUriRejected { evidence },
        code if SIGN_IN_NEEDED.contains(&code) => Finding::SignInReady { evidence },
        _ if at_redirect_uri => Finding::Rejected { error },
        _ => Finding::Unexpected { status, evidence },
    }
}

/// Returns whether two URLs name the same endpoint: same scheme, host, port and
/// path. The query and fragment carry the response, so they are ignored.
fn same_endpoint(target: &Url, redirect_uri: &Url) -> bool {
    target.scheme() == redirect_uri.scheme()
        && target.host_str() == redirect_uri.host_str()
        && target.port_or_known_default() == redirect_uri.port_or_known_default()
        && target.path() == redirect_uri.path()
}

/// Returns the target without its query and fragment, which may carry
/// state and session values that have no place in a report.
fn without_query(target: &Url) -> String {
    let mut shown = target.clone();
    shown.set_query(None);
    shown.set_fragment(None);
    crate::text::one_line(shown.as_str())
}

fn looks_like_html(content_type: Option<&str>, text: &str) -> bool {
    match content_type {
        Some(kind) => kind.to_ascii_lowercase().contains("html"),
        None => {
            let start = text.trim_start().to_ascii_lowercase();
            start.starts_with("<!doctype html") || start.starts_with("<html")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUER: &str = "https://idp.test/oauth2/default";
    const REDIRECT: &str = "https://acme.cake.test/okta/callback";

    fn judge(status: u16, location: Option<&str>, content_type: Option<&str>, body: &str) -> Finding {
        let url = Url::parse("https://idp.test/oauth2/default/v1/authorize?client_id=x").unwrap();
        let origin = Url::parse(ISSUER).unwrap().origin();
        let redirect_uri = Url::parse(REDIRECT).unwrap();
        let sent = Sent { url: &url, issuer_origin: &origin, redirect_uri: &redirect_uri };
        classify(&ResponseParts { status, location, content_type, body: body.as_bytes() }, &sent)
    }

    fn kind(finding: &Finding) -> &'static str {
        match finding {
            Finding::ClientUnknown { .. } => "client-unknown",
            Finding::RedirectUriRejected { .. } => "redirect-uri",
            Finding::SignInReady { .. } => "ok",
            Finding::Rejected { .. } => "rejected",
            Finding::Unexpected { .. } => "unexpected",
        }
    }

    #[test]
    fn redirect_cases() {
        let cases: &[(u16, Option<&str>, &str)] = &[
            (302, Some("https://idp.test/login/login.htm?fromURI=%2Foauth2%2Fv1%2Fauthorize%2Fredirect"), "ok"),
            (303, Some("/interaction/abc123"), "ok"),
            (302, Some("https://acme.cake.test/okta/callback?error=login_required&state=s"), "ok"),
            (302, Some("https://acme.cake.test/okta/callback?error=interaction_required&state=s"), "ok"),
            (302, Some("https://acme.cake.test/okta/callback?error=consent_required"), "ok"),
            (302, Some("https://acme.cake.test/okta/callback?code=abc&state=s"), "ok"),
            (302, Some("https://acme.cake.test/okta/callback?error=invalid_client"), "client-unknown"),
            (302, Some("https://acme.cake.test/okta/callback#error=invalid_client"), "client-unknown"),
            (302, Some("https://acme.cake.test/okta/callback?error=invalid_request&error_description=bad+redirect_uri"), "redirect-uri"),
            (302, Some("https://acme.cake.test/okta/callback?error=unauthorized_client"), "rejected"),
            (302, Some("https://acme.cake.test/okta/callback?error=access_denied"), "rejected"),
            (302, Some("https://acme.cake.test/okta/callback?state=s"), "unexpected"),
            (302, Some("https://idp.test/error?error=invalid_client"), "client-unknown"),
            (302, Some("https://idp.test/error?error=server_error"), "unexpected"),
            (302, Some("https://elsewhere.test/login"), "unexpected"),
            (302, Some("http://idp.test/login"), "unexpected"),
            (302, Some("https://idp.test:8443/login"), "unexpected"),
            (302, Some("https://acme.cake.test/other?error=login_required"), "unexpected"),
            (302, None, "unexpected"),
            (302, Some("https://[bad"), "unexpected"),
        ];
        for (status, location, expected) in cases {
            let finding = judge(*status, *location, None, "");
            assert_eq!(kind(&finding), *expected, "{status} {location:?}: {finding:?}");
        }
    }

    #[test]
    fn body_cases() {
        let okta_client_page = "<html><h2>Identity Provider: Unknown</h2><p>Error Code: invalid_client</p>\
            <p>Description: Invalid value for &#39;client_id&#39; parameter.</p></html>";
        let okta_redirect_page = "<html><p>Error Code: invalid_request</p><p>Description: The &#39;redirect_uri&#39; \
            parameter must be a Login redirect URI in the client app settings</p></html>";
        let provider_redirect_page = "<pre><strong>error</strong>: invalid_redirect_uri</pre>\
            <pre><strong>error_description</strong>: redirect_uri did not match any of the client's registered redirect_uris</pre>";
        let sign_in = "<!DOCTYPE html><html><script>var e='invalid_client'</script><form>Sign In</form></html>";

        let cases: &[(u16, Option<&str>, &str, &str)] = &[
            (400, Some("text/html"), okta_client_page, "client-unknown"),
            (400, Some("text/html"), okta_redirect_page, "redirect-uri"),
            (400, Some("text/html; charset=utf-8"), provider_redirect_page, "redirect-uri"),
            (400, Some("text/html"), "<p>The redirect URI is not allowed for this app.</p>", "redirect-uri"),
            (400, Some("application/json"), r#"{"errorCode":"invalid_client","errorSummary":"Invalid value for 'client_id' parameter."}"#, "client-unknown"),
            (400, Some("application/json"), r#"{"error":"invalid_request","error_description":"The 'redirect_uri' parameter must be a Login redirect URI"}"#, "redirect-uri"),
            (400, Some("application/json"), r#"{"error":"invalid_request","error_description":"missing state"}"#, "unexpected"),
            (400, Some("application/json"), r#"{"message":"nope"}"#, "unexpected"),
            (200, Some("text/html"), sign_in, "ok"),
            (200, None, "<!doctype html><html><body>Sign in</body></html>", "ok"),
            (200, Some("application/octet-stream"), "binary", "unexpected"),
            (200, Some("text/html"), "<p>Error Code: invalid_client</p>", "client-unknown"),
            (500, Some("text/html"), "<p>Internal error</p>", "unexpected"),
            (404, Some("text/plain"), "not found", "unexpected"),
            (400, Some("text/html"), "<p>Bad request: /authorize?redirect_uri=https://x</p>", "unexpected"),
        ];
        for (status, content_type, body, expected) in cases {
            let finding = judge(*status, None, *content_type, body);
            assert_eq!(kind(&finding), *expected, "{status} {body}: {finding:?}");
        }
    }

    #[test]
    fn redirect_evidence_hides_query() {
        let finding = judge(302, Some("https://idp.test/login?session=secret"), None, "");
        let Finding::SignInReady { evidence } = finding else { panic!("{finding:?}") };
        assert!(evidence.contains("https://idp.test/login"), "{evidence}");
        assert!(!evidence.contains("secret"), "{evidence}");
    }

    #[test]
    fn unexpected_keeps_status() {
        let finding = judge(503, None, Some("text/html"), "<p>down</p>");
        assert_eq!(finding, Finding::Unexpected { status: 503, evidence: "it returned 503".to_string() });
    }
}
