//! A fixture issuer that responds the way an Okta custom authorization server
//! does: discovery document, key set, and an authorization endpoint that
//! shows Okta's 400 error pages or redirects to the sign-in page.
//!
//! The error pages copy the shape of Okta's hosted error page (an "Error
//! Code:" and a "Description:" line), and the JSON errors use Okta's
//! `errorCode` and `errorSummary` members. They are written from Okta's
//! documented messages, not captured from a live org.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use x509_parser::prelude::FromDer as _;

use crate::support::{Request, Response, Server, TestCa};

/// The one client ID the fixture has registered.
pub const KNOWN_CLIENT: &str = "0oa1b2c3d4e5f6g7h8i9";

/// Okta's hosted error page for an authorization request with an unknown
/// client ID.
const UNKNOWN_CLIENT_PAGE: &str = r#"<!DOCTYPE html>
<html><head><title>acme - Bad Request</title>
<script>var okta = { locale: 'en', errors: ['invalid_request', 'access_denied'] };</script></head>
<body><div id="okta-sign-in" class="auth-container main-container">
<div class="okta-sign-in-header auth-header"><h1>400 Bad Request</h1></div>
<div class="auth-content"><div class="error-page">
<h2 class="o-form-title">Identity Provider: Unknown</h2>
<p class="o-form-explain">Error Code: <b>invalid_client</b></p>
<p class="o-form-explain">Description: Invalid value for &#39;client_id&#39; parameter.</p>
</div></div></div></body></html>"#;

/// Okta's hosted error page for a redirect URI the app does not list.
const UNREGISTERED_REDIRECT_PAGE: &str = r#"<!DOCTYPE html>
<html><head><title>acme - Bad Request</title></head>
<body><div id="okta-sign-in" class="auth-container main-container">
<div class="okta-sign-in-header auth-header"><h1>400 Bad Request</h1></div>
<div class="auth-content"><div class="error-page">
<h2 class="o-form-title">Identity Provider: Unknown</h2>
<p class="o-form-explain">Error Code: <b>invalid_request</b></p>
<p class="o-form-explain">Description: The &#39;redirect_uri&#39; parameter must be a Login redirect URI in the client app settings</p>
</div></div></div></body></html>"#;

/// What the authorization endpoint does with a request it accepts.
#[derive(Debug, Clone)]
pub enum Accepted {
    /// 302 to Okta's sign-in page on the issuer's origin.
    SignInPage,
    /// 302 back to the redirect URI with this `error`.
    BackToRedirectUri(&'static str),
    /// 302 to this URL on another site.
    Elsewhere(String),
}

/// How the fixture behaves.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The redirect URI registered for [`KNOWN_CLIENT`].
    pub redirect_uri: String,
    /// Respond to `?client_id=` discovery requests for unknown clients with
    /// Okta's 400, instead of ignoring the parameter.
    pub discovery_rejects_unknown: bool,
    pub accepted: Accepted,
    /// Publish this `authorization_endpoint` instead of the issuer's own.
    pub authorization_endpoint: Option<String>,
}

impl Setup {
    pub fn new(redirect_uri: &str) -> Setup {
        Setup {
            redirect_uri: redirect_uri.to_string(),
            discovery_rejects_unknown: false,
            accepted: Accepted::SignInPage,
            authorization_endpoint: None,
        }
    }
}

/// A running fixture issuer.
pub struct Okta {
    pub server: Server,
    /// `https://127.0.0.1:PORT/oauth2/default`.
    pub issuer: String,
}

impl Okta {
    pub fn start(ca: &TestCa, setup: Setup) -> Okta {
        let base: Arc<OnceLock<String>> = Arc::new(OnceLock::new());
        let handler_base = base.clone();
        let keys = key_set();
        let server = Server::https(ca, move |request| {
            let base = handler_base.get().expect("fixture base is set before any request");
            respond(request, base, &setup, &keys)
        });
        base.set(server.base()).expect("fixture base set once");

        let issuer = format!("{}/oauth2/default", server.base());
        Okta { server, issuer }
    }

    /// Every request the fixture received, as `path` or `path?query`.
    pub fn request_targets(&self) -> Vec<String> {
        self.server
            .requests()
            .iter()
            .map(|request| match &request.query {
                Some(query) => format!("{}?{query}", request.path),
                None => request.path.clone(),
            })
            .collect()
    }
}

fn respond(request: &Request, base: &str, setup: &Setup, keys: &Value) -> Response {
    let issuer = format!("{base}/oauth2/default");
    let query = query_of(request);
    match request.path.as_str() {
        "/oauth2/default/.well-known/openid-configuration" => match query.get("client_id") {
            Some(id) if id != KNOWN_CLIENT && setup.discovery_rejects_unknown => Response::json(
                400,
                &json!({
                    "errorCode": "invalid_client",
                    "errorSummary": "Invalid value for 'client_id' parameter.",
                    "errorLink": "invalid_client",
                    "errorId": "oaeFixture",
                    "errorCauses": []
                }),
            ),
            _ => Response::json(200, &discovery_document(&issuer, setup)),
        },
        "/oauth2/default/v1/keys" => Response::json(200, keys),
        "/oauth2/default/v1/authorize" => authorize(&query, base, setup),
        _ => Response::text(404, "text/plain", "not found"),
    }
}

fn authorize(query: &HashMap<String, String>, base: &str, setup: &Setup) -> Response {
    if query.get("client_id").map(String::as_str) != Some(KNOWN_CLIENT) {
        return Response::text(400, "text/html; charset=utf-8", UNKNOWN_CLIENT_PAGE);
    }
    if query.get("redirect_uri") != Some(&setup.redirect_uri) {
        return Response::text(400, "text/html; charset=utf-8", UNREGISTERED_REDIRECT_PAGE);
    }

    let state = query.get("state").cloned().unwrap_or_default();
    let location = match &setup.accepted {
        Accepted::SignInPage => format!("{base}/login/login.htm?fromURI=%2Foauth2%2Fv1%2Fauthorize%2Fredirect%3Fokta_key%3Dfixture"),
        Accepted::BackToRedirectUri(error) => format!("{}?error={error}&state={state}", setup.redirect_uri),
        Accepted::Elsewhere(url) => url.clone(),
    };
    Response::new(302).header("location", &location)
}

fn discovery_document(issuer: &str, setup: &Setup) -> Value {
    let authorization_endpoint =
        setup.authorization_endpoint.clone().unwrap_or_else(|| format!("{issuer}/v1/authorize"));
    json!({
        "issuer": issuer,
        "authorization_endpoint": authorization_endpoint,
        "token_endpoint": format!("{issuer}/v1/token"),
        "userinfo_endpoint": format!("{issuer}/v1/userinfo"),
        "jwks_uri": format!("{issuer}/v1/keys"),
        "response_types_supported": ["code", "id_token", "code id_token", "code token", "id_token token", "code id_token token"],
        "response_modes_supported": ["query", "fragment", "form_post", "okta_post_message"],
        "grant_types_supported": ["authorization_code", "implicit", "refresh_token", "password"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid", "profile", "email", "address", "phone", "offline_access"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"],
        "claims_supported": ["iss", "sub", "aud", "iat", "exp", "auth_time", "nonce", "email", "name"],
        "code_challenge_methods_supported": ["S256"]
    })
}

fn query_of(request: &Request) -> HashMap<String, String> {
    let query = request.query.as_deref().unwrap_or_default();
    url::form_urlencoded::parse(query.as_bytes()).into_owned().collect()
}

/// Builds a key set with the public half of `tests/fixtures/keys/rsa-2048.pem`.
fn key_set() -> Value {
    let pem = std::fs::read_to_string(crate::support::fixtures_dir().join("keys").join("rsa-2048.pem"))
        .expect("read the RSA fixture key");
    let key = rcgen::KeyPair::from_pem(&pem).expect("parse the RSA fixture key");
    let der = rcgen::PublicKeyData::subject_public_key_info(&key);
    let (_, info) = x509_parser::x509::SubjectPublicKeyInfo::from_der(&der).expect("parse the public key");
    let Ok(x509_parser::public_key::PublicKey::RSA(rsa)) = info.parsed() else {
        panic!("the fixture key is not an RSA key");
    };

    let unsigned = |bytes: &[u8]| {
        let start = bytes.iter().position(|&byte| byte != 0).unwrap_or(bytes.len());
        URL_SAFE_NO_PAD.encode(&bytes[start..])
    };
    json!({
        "keys": [{
            "kty": "RSA",
            "alg": "RS256",
            "kid": "fixture-rs256",
            "use": "sig",
            "e": unsigned(rsa.exponent),
            "n": unsigned(rsa.modulus)
        }]
    })
}
