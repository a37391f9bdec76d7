//! Explains a discovery fetch that did not return 200, with what is known
//! about Okta's addresses: a custom authorization server the org does not
//! have, an issuer cut short at `/oauth2`, or an org name Okta does not know.

use serde_json::Value;
use url::Url;

use super::fetched::{BodyKind, body_kind, http_status, shown};
use crate::issuer::Check;
use crate::net::{HttpClient, Response};

/// Host suffixes of Okta-hosted orgs. Orgs on a custom domain cannot be
/// recognised from their host.
const OKTA_HOST_SUFFIXES: &[&str] = &[".okta.com", ".oktapreview.com", ".okta-emea.com", ".okta-gov.com", ".okta.mil"];

/// Kind of authorization server an issuer path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssuerPath {
    /// The bare origin: the Okta org authorization server.
    Org,
    /// `/oauth2/{id}`: a custom authorization server.
    Custom(String),
    /// `/oauth2` alone, without a server id.
    Truncated,
    Other,
}

/// Classifies the path of an issuer URL; a trailing slash does not count.
pub fn issuer_path(issuer: &Url) -> IssuerPath {
    let segments: Vec<&str> = issuer.path().split('/').filter(|segment| !segment.is_empty()).collect();
    match segments.as_slice() {
        [] => IssuerPath::Org,
        ["oauth2"] => IssuerPath::Truncated,
        ["oauth2", id] if *id != "v1" => IssuerPath::Custom((*id).to_string()),
        _ => IssuerPath::Other,
    }
}

fn is_okta_host(url: &Url) -> bool {
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    OKTA_HOST_SUFFIXES.iter().any(|suffix| host.ends_with(suffix))
}

/// Most likely meaning of a non-200 discovery response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Okta's "not found" page for an org name it does not know.
    UnknownOrg,
    /// Okta rejected the request for the custom authorization server with this id.
    ServerRefused(String),
    /// The issuer stops at `/oauth2`.
    Truncated,
    /// Nothing Okta-specific: the status is explained on its own.
    Status,
}

/// Judges a non-200 discovery response from the issuer's shape and host.
pub fn classify_failure(issuer: &Url, response: &Response) -> Failure {
    let status = response.status;
    let html = body_kind(response.content_type.as_deref(), &response.body) == BodyKind::Html;

    match issuer_path(issuer) {
        IssuerPath::Custom(_) | IssuerPath::Org if status == 404 && html && is_okta_host(issuer) => Failure::UnknownOrg,
        IssuerPath::Custom(id) if matches!(status, 400 | 401 | 403 | 404) => Failure::ServerRefused(id),
        IssuerPath::Truncated if (400..500).contains(&status) => Failure::Truncated,
        _ => Failure::Status,
    }
}

/// Builds the failing check for a non-200 discovery response. For a refused
/// or truncated authorization server it fetches the org authorization
/// server's discovery document once, to say whether the org-level issuer
/// responds.
pub fn status_check(client: &mut HttpClient, issuer: &Url, org_origin: &str, response: &Response) -> Check {
    let check = match classify_failure(issuer, response) {
        Failure::UnknownOrg => return unknown_org(issuer),
        Failure::ServerRefused(id) => {
            let probe = probe_org(client, org_origin);
            authorization_server_refused(&id, response, &probe)
        }
        Failure::Truncated => {
            let probe = probe_org(client, org_origin);
            truncated(org_origin, response.status, &probe)
        }
        Failure::Status => generic_status(response),
    };
    note_web_page(check, response)
}

/// Prefixes the hint with a note that a web page came back, when one did.
/// A web page shows that a site or proxy responded instead of an OpenID
/// provider or Okta's JSON errors, and it is what people describe and search
/// for.
fn note_web_page(mut check: Check, response: &Response) -> Check {
    if body_kind(response.content_type.as_deref(), &response.body) != BodyKind::Html {
        return check;
    }
    let hint = check.hint.take().unwrap_or_default();
    check.hint = Some(format!(
        "The response was a web page (HTML) with status {}, not a JSON document. {hint}",
        response.status
    ));
    check
}

fn authorization_server_refused(id: &str, response: &Response, probe: &str) -> Check {
    let id = shown(id);
    let status = response.status;
    let status_text = http_status(status);
    let said = error_summary(&response.body)
        .map(|text| format!(" The server's error message: \"{text}\"."))
        .unwrap_or_default();
    Check::fail(
        "discovery.authorization_server",
        format!("Okta rejected the request for the authorization server '{id}' (HTTP {status})."),
        format!(
            "The issuer names the custom authorization server '{id}', but the request for its configuration was \
             rejected with {status_text}.{said} The org may not have that authorization server (custom \
             authorization servers need Okta API Access Management), it may be inactive, or the id may be \
             misspelt. {probe} Ask the client which issuer their Okta app integration really uses (Okta Admin \
             Console: Security > API > Authorization Servers)."
        ),
    )
}

fn truncated(org_origin: &str, status: u16, probe: &str) -> Check {
    let origin = shown(org_origin);
    Check::fail(
        "discovery.fetch",
        format!("No configuration at an issuer that stops at '/oauth2' (HTTP {status})."),
        format!(
            "The issuer stops at '/oauth2', which is not an issuer: Okta issuers are either the org \
             address ({origin}, the org authorization server) or '/oauth2/' followed by an authorization \
             server id, such as {origin}/oauth2/default. {probe} Ask the client which one their app uses."
        ),
    )
}

fn unknown_org(issuer: &Url) -> Check {
    let host = shown(issuer.host_str().unwrap_or_default());
    let org = host.split('.').next().unwrap_or_default().to_string();
    Check::fail(
        "discovery.fetch",
        format!("Okta returned a 'not found' web page for {host}."),
        format!(
            "Okta returned a 'not found' web page (HTTP 404), so there is probably no Okta org named \
             '{org}'. Check the spelling of the org name with the client: it is the first part of the Okta \
             address their staff sign in to."
        ),
    )
}

fn generic_status(response: &Response) -> Check {
    let status = response.status;
    let url = shown(response.url.as_str());
    let status_text = http_status(status);
    let hint = match status {
        404 => format!(
            "Nothing is published at {url} ({status_text}). The issuer is probably wrong: check its spelling, the org name \
             in the host included, and ask the client for the exact issuer URL of their Okta app integration."
        ),
        401 | 403 | 407 => format!(
            "The server refuses to show its configuration without credentials ({status_text}), which an \
             OpenID provider never does. The issuer is probably wrong, or a proxy or firewall that requires \
             sign-in is in the way."
        ),
        429 => "The server rejected the request as too many requests (HTTP 429, a rate limit). Try again in a \
             few minutes; if it persists, tell the client."
            .to_string(),
        500..=599 => format!(
            "The server had an internal error (HTTP {status}). Try again later; if it persists, tell the client."
        ),
        _ => format!(
            "The server returned HTTP {status} where its configuration should be. Check the issuer with the client."
        ),
    };
    Check::fail("discovery.fetch", format!("The discovery document returned HTTP {status} from {url}."), hint)
}

/// Fetches the org authorization server's discovery document and returns a
/// sentence for a hint saying whether it responds.
fn probe_org(client: &mut HttpClient, org_origin: &str) -> String {
    let origin = shown(org_origin);
    let url = match Url::parse(&format!("{}/.well-known/openid-configuration", org_origin.trim_end_matches('/'))) {
        Ok(url) => url,
        Err(_) => return format!("The org authorization server at {origin} could not be checked."),
    };

    match client.get(&url) {
        Ok(response) if response.status == 200 => match published_issuer(&response.body) {
            Some(issuer) => format!(
                "The org authorization server does respond, with the issuer {}: if the client's app uses the \
                 org authorization server, that is the issuer to record.",
                shown(&issuer)
            ),
            None => format!("The org authorization server at {origin} responds, but not with a usable configuration."),
        },
        Ok(response) => format!(
            "The org authorization server at {origin} does not respond either (HTTP {}), so the whole \
             address may be wrong.",
            response.status
        ),
        Err(error) => {
            format!("The org authorization server at {origin} could not be checked ({}).", shown(&error.to_string()))
        }
    }
}

fn published_issuer(body: &[u8]) -> Option<String> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let value: Value = serde_json::from_slice(body).ok()?;
    value.get("issuer")?.as_str().map(str::to_string)
}

/// Reads the human summary of an OAuth or Okta error body, if any.
fn error_summary(body: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    ["error_description", "errorSummary", "error"].iter().find_map(|name| value.get(*name)?.as_str()).map(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_path_table() {
        let cases = [
            ("https://idp.test", IssuerPath::Org),
            ("https://idp.test/", IssuerPath::Org),
            ("https://idp.test/oauth2", IssuerPath::Truncated),
            ("https://idp.test/oauth2/", IssuerPath::Truncated),
            ("https://idp.test/oauth2/default", IssuerPath::Custom("default".into())),
            ("https://idp.test/oauth2/aus1abc/", IssuerPath::Custom("aus1abc".into())),
            ("https://idp.test/oauth2/v1", IssuerPath::Other),
            ("https://idp.test/realms/x", IssuerPath::Other),
        ];
        for (text, expected) in cases {
            assert_eq!(issuer_path(&Url::parse(text).unwrap()), expected, "{text}");
        }
    }

    #[test]
    fn okta_host_table() {
        let cases = [
            ("https://acme.okta.com", true),
            ("https://acme.oktapreview.com", true),
            ("https://acme.okta-emea.com", true),
            ("https://login.acme.test", false),
            ("https://notokta.com", false),
        ];
        for (text, expected) in cases {
            assert_eq!(is_okta_host(&Url::parse(text).unwrap()), expected, "{text}");
        }
    }

    #[test]
    fn error_summary_table() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (br#"{"error":"x","error_description":"server 'default' is gone"}"#, Some("server 'default' is gone")),
            (
                br#"{"errorCode":"E0000007","errorSummary":"Not found: Resource not found"}"#,
                Some("Not found: Resource not found"),
            ),
            (br#"{"error":"invalid_client"}"#, Some("invalid_client")),
            (b"<html>", None),
            (br#"{"error":"\u001b[31mred"}"#, Some("[31mred")),
        ];
        for (body, expected) in cases {
            assert_eq!(error_summary(body).as_deref(), *expected, "{body:?}");
        }
    }

    fn response(status: u16, content_type: &str, body: &str) -> Response {
        Response {
            url: Url::parse("https://acme.okta.com/oauth2/default/.well-known/openid-configuration").unwrap(),
            status,
            content_type: Some(content_type.to_string()),
            body: body.as_bytes().to_vec(),
            redirects: Vec::new(),
        }
    }

    #[test]
    fn classify_failure_table() {
        let okta = "https://acme.okta.com";
        let custom_domain = "https://login.acme.test";
        let cases: &[(&str, u16, &str, &str, Failure)] = &[
            (okta, 404, "text/html", "<html>Not found</html>", Failure::UnknownOrg),
            (okta, 404, "application/json", r#"{"errorCode":"E0000007"}"#, Failure::ServerRefused("default".into())),
            (okta, 401, "application/json", r#"{"error":"x"}"#, Failure::ServerRefused("default".into())),
            (okta, 403, "text/html", "<html>", Failure::ServerRefused("default".into())),
            (okta, 400, "application/json", "{}", Failure::ServerRefused("default".into())),
            (custom_domain, 404, "text/html", "<html>", Failure::ServerRefused("default".into())),
            (custom_domain, 404, "text/plain", "", Failure::ServerRefused("default".into())),
            (okta, 500, "application/json", "{}", Failure::Status),
            (okta, 302, "text/plain", "", Failure::Status),
        ];
        for (origin, status, content_type, body, expected) in cases {
            let issuer = Url::parse(&format!("{origin}/oauth2/default")).unwrap();
            let failure = classify_failure(&issuer, &response(*status, content_type, body));
            assert_eq!(&failure, expected, "{origin} {status} {content_type}");
        }

        let org = Url::parse("https://acme.okta.com").unwrap();
        assert_eq!(classify_failure(&org, &response(404, "text/html", "<html>")), Failure::UnknownOrg);
        assert_eq!(classify_failure(&org, &response(404, "application/json", "{}")), Failure::Status);

        let truncated = Url::parse("https://acme.okta.com/oauth2").unwrap();
        assert_eq!(classify_failure(&truncated, &response(404, "text/plain", "")), Failure::Truncated);
    }

    #[test]
    fn refused_server_hint_names_id_and_alternative() {
        let check = authorization_server_refused(
            "default",
            &response(401, "application/json", r#"{"error":"not_available"}"#),
            "The org authorization server does respond, with the issuer https://acme.okta.com.",
        );
        let hint = check.hint.unwrap();
        for word in ["'default'", "authorization server", "org authorization server", "https://acme.okta.com", "401"] {
            assert!(hint.contains(word), "{word}: {hint}");
        }
    }

    #[test]
    fn refused_server_hint_names_status_reason() {
        let cases = [(400, "HTTP 400 (Bad Request)"), (401, "HTTP 401 (Unauthorized)"), (404, "HTTP 404 (Not Found)")];
        for (status, words) in cases {
            let check = authorization_server_refused("default", &response(status, "application/json", "{}"), "");
            let hint = check.hint.unwrap();
            assert!(hint.contains(words), "{status}: {hint}");
        }
    }

    #[test]
    fn web_page_named_in_hint() {
        let page = response(404, "text/html; charset=utf-8", "<!DOCTYPE html><title>Not Found</title>");
        for check in [generic_status(&page), authorization_server_refused("default", &page, "")] {
            let hint = note_web_page(check, &page).hint.unwrap();
            assert!(hint.contains("web page (HTML)"), "{hint}");
        }

        let json = response(404, "application/json", r#"{"errorCode":"E0000007"}"#);
        let hint = note_web_page(generic_status(&json), &json).hint.unwrap();
        assert!(!hint.contains("web page"), "{hint}");
    }

    #[test]
    fn generic_status_hint_table() {
        let cases: &[(u16, &[&str])] = &[
            (404, &["spelling", "org name", "https://acme.okta.com/oauth2/default/.well-known", "HTTP 404 (Not Found)"]),
            (403, &["credentials", "HTTP 403 (Forbidden)"]),
            (429, &["too many requests", "rate limit", "Try again"]),
            (503, &["Try again"]),
            (418, &["HTTP 418"]),
        ];
        for (status, words) in cases {
            let hint = generic_status(&response(*status, "text/plain", "")).hint.unwrap();
            for word in *words {
                assert!(hint.contains(word), "{status} lacks {word:?}: {hint}");
            }
        }
    }

    #[test]
    fn truncated_hint_names_oauth2() {
        let check = truncated("https://acme.okta.com", 404, "");
        let hint = check.hint.unwrap();
        assert!(hint.contains("oauth2"), "{hint}");
        assert!(hint.contains("authorization server"), "{hint}");
    }

    #[test]
    fn unknown_org_names_org() {
        let check = unknown_org(&Url::parse("https://acmme.okta.com/oauth2/default").unwrap());
        assert!(check.hint.unwrap().contains("'acmme'"));
    }
}
