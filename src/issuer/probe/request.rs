//! Builds the one authorization request the probe sends for a client ID: the
//! authorization code flow with PKCE, as CAKE's sign-in sends it.
//!
//! The PKCE verifier is made only to derive a valid challenge and is then
//! dropped, because the probe never exchanges a code. Servers that require
//! PKCE (Okta for some app types, oidc-provider for public clients) reject a
//! request without a challenge before they look at the redirect URI.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use url::Url;

/// Returns `endpoint` with the authorization parameters added to any query
/// it already has, a fresh random `state`, `nonce` and PKCE verifier
/// included.
pub fn authorization_url(endpoint: &Url, client_id: &str, redirect_uri: &Url) -> Url {
    authorization_url_with_verifier(endpoint, client_id, redirect_uri, &random_token())
}

fn authorization_url_with_verifier(endpoint: &Url, client_id: &str, redirect_uri: &Url, code_verifier: &str) -> Url {
    let mut url = endpoint.clone();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", redirect_uri.as_str())
        .append_pair("scope", "openid")
        .append_pair("state", &random_token())
        .append_pair("nonce", &random_token())
        .append_pair("code_challenge", &code_challenge(code_verifier))
        .append_pair("code_challenge_method", "S256");
    url
}

/// Derives the S256 challenge: BASE64URL(SHA256(ASCII(verifier))), as in
/// RFC 7636 section 4.2.
fn code_challenge(code_verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(code_verifier.as_bytes()))
}

/// Returns 43 base64url characters from two version 4 UUIDs, whose 244
/// random bits come from the operating system's generator (through
/// `getrandom`). That meets the length and alphabet RFC 7636 section 4.1
/// sets for a verifier.
fn random_token() -> String {
    let mut bytes = [0u8; 32];
    bytes[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    bytes[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn params(url: &Url) -> HashMap<String, String> {
        url.query_pairs().map(|(name, value)| (name.into_owned(), value.into_owned())).collect()
    }

    fn endpoint() -> Url {
        Url::parse("https://idp.test/oauth2/default/v1/authorize").unwrap()
    }

    fn redirect() -> Url {
        Url::parse("https://acme.cake.test/okta/callback").unwrap()
    }

    #[test]
    fn request_carries_code_flow_parameters() {
        let url = authorization_url(&endpoint(), "0oa1b2c3d4e5f6g7h8i9", &redirect());
        let params = params(&url);

        assert_eq!(url.path(), "/oauth2/default/v1/authorize");
        assert_eq!(params["response_type"], "code");
        assert_eq!(params["client_id"], "0oa1b2c3d4e5f6g7h8i9");
        assert_eq!(params["redirect_uri"], "https://acme.cake.test/okta/callback");
        assert_eq!(params["scope"], "openid");
        assert_eq!(params["code_challenge_method"], "S256");
        assert_eq!(params.len(), 8, "{params:?}");
    }

    #[test]
    fn challenge_matches_rfc_7636_example() {
        // RFC 7636 appendix B.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let url = authorization_url_with_verifier(&endpoint(), "client", &redirect(), verifier);
        assert_eq!(params(&url)["code_challenge"], "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn random_token_is_a_valid_verifier() {
        let token = random_token();
        assert_eq!(token.len(), 43);
        assert!(token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{token}");
        assert_ne!(token, random_token());
    }

    #[test]
    fn state_and_nonce_differ_per_request() {
        let first = params(&authorization_url(&endpoint(), "client", &redirect()));
        let second = params(&authorization_url(&endpoint(), "client", &redirect()));

        assert_ne!(first["state"], second["state"]);
        assert_ne!(first["nonce"], second["nonce"]);
        assert_ne!(first["code_challenge"], second["code_challenge"]);
        assert_ne!(first["state"], first["nonce"]);
    }

    #[test]
    fn existing_endpoint_query_is_kept() {
        let endpoint = Url::parse("https://idp.test/authorize?tenant=a").unwrap();
        let url = authorization_url(&endpoint, "client", &redirect());
        assert_eq!(params(&url)["tenant"], "a");
    }
}
