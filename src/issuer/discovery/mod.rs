//! The discovery stage: fetch `{issuer}/.well-known/openid-configuration`
//! and check what came back.
//!
//! Check ids, in report order (the stage stops at the first failure that
//! leaves nothing to read):
//!
//! | id | what it checks |
//! | --- | --- |
//! | `network.private_address` | the host resolves to public addresses, or `--allow-private-network` lifted the guard |
//! | `network.tls_certificate` | fail: this machine does not trust the server's certificate, or it does not match the host name |
//! | `network.timeout` | fail: no answer within the timeout |
//! | `network.connect` | fail: no connection could be made, for a reason other than a refusal |
//! | `discovery.fetch` | the document was reached and returned HTTP 200 (refused connections, other TLS errors, unexpected statuses, an Okta org that does not exist, an issuer cut short at `/oauth2`) |
//! | `discovery.authorization_server` | Okta refused the custom authorization server `/oauth2/{id}` (400, 401, 403 or 404); the hint states whether the org authorization server responds |
//! | `discovery.redirect` | no redirect (pass), a followed same-origin https redirect (warn), or a redirect to another origin, to http or one too many (fail) |
//! | `discovery.size` | the body stayed within [`crate::net::MAX_BODY_BYTES`] |
//! | `discovery.content_type` | JSON (pass), JSON labelled as something else (warn), an HTML page (fail) |
//! | `discovery.json` | the body is a JSON object; a UTF-8 BOM in front is a warning |
//! | `discovery.issuer_match` | the published `issuer` equals the requested one exactly; a trailing-slash or letter-case difference is corrected with a warning, and an `http://` issuer fails |
//! | `discovery.metadata` | the required members are present and well-formed, `jwks_uri` included |
//! | `discovery.endpoints_https` | the issuer, `jwks_uri` and every `*_endpoint` use https |
//! | `discovery.response_types` | `code` is offered |
//! | `discovery.scopes` | `openid` is offered when scopes are listed |
//! | `discovery.signing_algs` | RS256 signs ID tokens |
//! | `discovery.pkce` | PKCE `S256` is offered (absent: warn; listed without S256: fail) |

pub mod document;
pub mod fetched;
pub mod okta;

use url::Url;

use self::fetched::{PRIVATE_ADDRESS_ID, Resource, shown};
use crate::issuer::{Check, Status};
use crate::net::{HttpClient, Response};

/// Ids and wording of the discovery document's fetch checks.
pub const DISCOVERY: Resource = Resource {
    noun: "discovery document",
    fetch_id: "discovery.fetch",
    redirect_id: "discovery.redirect",
    size_id: "discovery.size",
    content_type_id: "discovery.content_type",
    json_id: "discovery.json",
};

/// The issuer the discovery stage checks, as the input checks settled it.
#[derive(Debug, Clone)]
pub struct Target {
    /// Normalised issuer URL.
    pub issuer: String,
    /// The client's issuer ended with a slash (whether or not `issuer`
    /// still carries it).
    pub trailing_slash: bool,
    /// Origin of the Okta org, for the org authorization server probe.
    pub org_origin: Option<String>,
}

/// Findings of the discovery stage.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub checks: Vec<Check>,
    /// Issuer to record: the requested one, or the published one when it
    /// differs only by a trailing slash or letter case.
    pub issuer: String,
    pub published_issuer: Option<String>,
    /// Address of the key set, when the document names a valid one.
    pub jwks_uri: Option<Url>,
    /// The document's `authorization_endpoint`, for the authorization probe.
    pub authorization_endpoint: Option<String>,
    /// The published issuer matched the requested one (after any slash or
    /// case correction), so the document's addresses belong to this issuer.
    pub issuer_matched: bool,
}

/// Returns the discovery URL of an issuer. Any trailing slash is removed
/// before the suffix is appended (OpenID Connect Discovery 1.0, 4.1), so
/// `https://x/oauth2/default/` never becomes `...default//.well-known/...`.
pub fn discovery_url(issuer: &str) -> Result<Url, url::ParseError> {
    Url::parse(&format!("{}/.well-known/openid-configuration", issuer.trim_end_matches('/')))
}

/// Runs the discovery stage.
pub fn run(client: &mut HttpClient, target: &Target) -> Outcome {
    let mut outcome = Outcome {
        checks: Vec::new(),
        issuer: target.issuer.clone(),
        published_issuer: None,
        jwks_uri: None,
        authorization_endpoint: None,
        issuer_matched: false,
    };

    let (Ok(issuer_url), Ok(url)) = (Url::parse(&target.issuer), discovery_url(&target.issuer)) else {
        outcome.checks.push(Check::fail(
            DISCOVERY.fetch_id,
            format!("{} is not a URL that can be fetched.", shown(&target.issuer)),
            "Ask the client for the full issuer URL, starting with https://.",
        ));
        return outcome;
    };

    let response = match client.get(&url) {
        Ok(response) => response,
        Err(error) => {
            outcome.checks.push(fetched::failure_check(&DISCOVERY, &error));
            return outcome;
        }
    };
    outcome.checks.push(private_address_pass(client, &url));

    if response.status != 200 {
        outcome.checks.push(fetched::redirect_check(&DISCOVERY, &response.redirects));
        let org_origin = target.org_origin.clone().unwrap_or_else(|| issuer_url.origin().ascii_serialization());
        outcome.checks.push(okta::status_check(client, &issuer_url, &org_origin, &response));
        return outcome;
    }

    outcome.checks.push(Check::pass(DISCOVERY.fetch_id, format!("HTTP 200 from {}.", shown(response.url.as_str()))));
    outcome.checks.push(fetched::redirect_check(&DISCOVERY, &response.redirects));
    check_document(&mut outcome, target, &response);
    outcome
}

fn check_document(outcome: &mut Outcome, target: &Target, response: &Response) {
    let (content_type, readable) = fetched::content_type_check(&DISCOVERY, response);
    outcome.checks.push(content_type);
    if !readable {
        return;
    }

    let (json, object) = fetched::json_object_check(&DISCOVERY, &response.body);
    outcome.checks.push(json);
    let Some(object) = object else { return };

    let published = object.get("issuer");
    outcome.published_issuer = published.and_then(|value| value.as_str()).map(str::to_string);
    let (issuer_match, issuer) = document::issuer_match_check(target, published);
    outcome.issuer_matched = issuer_match.status != Status::Fail;
    outcome.checks.push(issuer_match);
    outcome.issuer = issuer;

    outcome.checks.extend([
        document::metadata_check(&object),
        document::endpoints_https_check(&object),
        document::response_types_check(&object),
        document::scopes_check(&object),
        document::signing_algs_check(&object),
        document::pkce_check(&object),
    ]);
    outcome.jwks_uri = document::jwks_uri(&object);
    outcome.authorization_endpoint =
        object.get("authorization_endpoint").and_then(|value| value.as_str()).map(str::to_string);
}

fn private_address_pass(client: &HttpClient, url: &Url) -> Check {
    let host = shown(url.host_str().unwrap_or_default());
    let message = if client.allows_private_networks() {
        format!("Connected to {host}; the private-address guard is lifted by --allow-private-network.")
    } else {
        format!("{host} resolves to public addresses only.")
    };
    Check::pass(PRIVATE_ADDRESS_ID, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovery_url_table() {
        let cases = [
            ("https://idp.test/oauth2/default", "https://idp.test/oauth2/default/.well-known/openid-configuration"),
            ("https://idp.test/oauth2/default/", "https://idp.test/oauth2/default/.well-known/openid-configuration"),
            ("https://idp.test", "https://idp.test/.well-known/openid-configuration"),
            ("https://idp.test/", "https://idp.test/.well-known/openid-configuration"),
        ];
        for (issuer, expected) in cases {
            assert_eq!(discovery_url(issuer).unwrap().as_str(), expected, "{issuer}");
        }
    }
}
