//! The HTTP client for issuer checks: HTTPS only, redirects followed by hand
//! within one origin, bodies read up to a cap, and every host checked by the
//! private-address guard before the first connection to it.
//!
//! One [`HttpClient`] serves one validation. It keeps one reqwest client per
//! host, because the guard pins each host's checked addresses when that
//! client is built. Requests to the same host then share a connection.

use std::collections::HashMap;
use std::io::Read;
use std::time::Instant;

use reqwest::blocking::Client;
use reqwest::header::{ACCEPT, CONTENT_TYPE, LOCATION};
use url::Url;

use super::error::{FetchError, RedirectRefusal};
use super::guard;
use super::redact::redact_url;
use super::{NetworkOptions, classify, tls};
use crate::text::one_line;

/// Largest body read from any response, in bytes. Okta discovery documents
/// and key sets are a few kilobytes.
pub const MAX_BODY_BYTES: u64 = 1024 * 1024;

/// Most redirects followed for one fetch.
pub const MAX_REDIRECTS: usize = 3;

const USER_AGENT: &str = concat!("cake-okta/", env!("CARGO_PKG_VERSION"));

/// A final (non-redirect) response, whatever its status.
#[derive(Debug, Clone)]
pub struct Response {
    /// URL that produced this response, after any redirects.
    pub url: Url,
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// Redirects followed to get here, in order.
    pub redirects: Vec<Redirect>,
}

/// One followed redirect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub status: u16,
    pub from: Url,
    pub to: Url,
}

/// Result of one request, whose redirect (if any) was not followed.
#[derive(Debug, Clone)]
pub enum Reply {
    Redirect {
        status: u16,
        location: Option<String>,
    },
    /// Any other response. Its `redirects` list is empty.
    Final(Response),
}

pub struct HttpClient {
    options: NetworkOptions,
    tls: rustls::ClientConfig,
    clients: HashMap<String, Client>,
}

impl HttpClient {
    /// Prepares a client. Fails only when the TLS configuration cannot be
    /// built, for example when the extra CA file is unreadable.
    pub fn new(options: &NetworkOptions) -> anyhow::Result<HttpClient> {
        Ok(HttpClient {
            options: options.clone(),
            tls: tls::client_config(options.ca_file.as_deref())?,
            clients: HashMap::new(),
        })
    }

    /// Returns true when `--allow-private-network` (or the config) lifted the
    /// private-address guard.
    pub fn allows_private_networks(&self) -> bool {
        self.options.allow_private_networks
    }

    /// Fetches `url` with GET, following at most [`MAX_REDIRECTS`] redirects
    /// that stay on the same https origin. A redirect elsewhere is an error
    /// naming its target; any other status is returned as a [`Response`].
    pub fn get(&mut self, url: &Url) -> Result<Response, FetchError> {
        let mut current = url.clone();
        let mut redirects = Vec::new();

        loop {
            match self.get_once(&current, "application/json")? {
                Reply::Final(response) => return Ok(Response { redirects, ..response }),
                Reply::Redirect { status, location: None } => {
                    // A redirect status without a target cannot be followed,
                    // so it is handed back like any other unexpected status.
                    return Ok(Response { url: current, status, content_type: None, body: Vec::new(), redirects });
                }
                Reply::Redirect { status, location: Some(location) } => {
                    let target = redirect_target(url, &current, &location)?;
                    if redirects.len() == MAX_REDIRECTS {
                        return Err(FetchError::TooManyRedirects { url: url.to_string(), max: MAX_REDIRECTS });
                    }
                    redirects.push(Redirect { status, from: current, to: target.clone() });
                    current = target;
                }
            }
        }
    }

    /// Sends one GET with the given `Accept` value and returns the response
    /// without following a redirect. The guard, https-only rule and body cap
    /// apply as in [`HttpClient::get`].
    pub fn get_once(&mut self, url: &Url, accept: &str) -> Result<Reply, FetchError> {
        if url.scheme() != "https" {
            return Err(FetchError::InsecureScheme { url: url.to_string() });
        }
        let debug = self.options.debug;
        let client = self.client_for(url)?;
        let started = Instant::now();

        // A timeout on the request, unlike the client's, covers reading the
        // body too, so a server that trickles bytes cannot stretch a fetch.
        let result = client.get(url.clone()).header(ACCEPT, accept).timeout(self.options.timeout).send();
        let response = match result {
            Ok(response) => response,
            Err(error) => {
                let error = classify::request_error(url, &error);
                log_failure(debug, url, started, &error);
                return Err(error);
            }
        };

        let status = response.status().as_u16();
        if response.status().is_redirection() && status != 304 {
            let location = header_text(&response, LOCATION);
            log_redirect(debug, url, status, started, location.as_deref());
            return Ok(Reply::Redirect { status, location });
        }

        let content_type = header_text(&response, CONTENT_TYPE);
        let body = match response.content_length() {
            // No need to read what is announced as too large.
            Some(length) if length > MAX_BODY_BYTES => {
                Err(FetchError::TooLarge { url: url.to_string(), limit: MAX_BODY_BYTES })
            }
            _ => read_capped(url, response, MAX_BODY_BYTES),
        };
        match &body {
            Ok(bytes) => log_response(debug, url, status, started, bytes.len()),
            Err(error) => log_failure(debug, url, started, error),
        }
        let body = body?;
        Ok(Reply::Final(Response { url: url.clone(), status, content_type, body, redirects: Vec::new() }))
    }

    /// Returns the client for the URL's host, building it on first use after
    /// the guard has checked (and pinned) the host's addresses.
    fn client_for(&mut self, url: &Url) -> Result<&Client, FetchError> {
        let key = url.host_str().unwrap_or_default().to_string();
        if !self.clients.contains_key(&key) {
            let client = self.build_client(url)?;
            self.clients.insert(key.clone(), client);
        }
        Ok(&self.clients[&key])
    }

    fn build_client(&self, url: &Url) -> Result<Client, FetchError> {
        let resolved = guard::resolve_and_check(url, self.options.allow_private_networks)?;

        // NOTE: with a proxy from the environment, the proxy resolves the
        // host again, so the pinned addresses only bind direct connections.
        let mut builder = Client::builder()
            .tls_backend_preconfigured(self.tls.clone())
            .redirect(reqwest::redirect::Policy::none())
            .https_only(true)
            .user_agent(USER_AGENT)
            .connect_timeout(self.options.connect_timeout)
            .timeout(self.options.timeout);
        if !resolved.pinned.is_empty() {
            builder = builder.resolve_to_addrs(&resolved.host, &resolved.pinned);
        }

        builder.build().map_err(|error| FetchError::Other { url: url.to_string(), detail: error.to_string() })
    }
}

/// Resolves a `Location` value against the current URL and accepts it only
/// when it stays on the https origin of the URL first requested.
pub fn redirect_target(original: &Url, current: &Url, location: &str) -> Result<Url, FetchError> {
    let target = current.join(location).map_err(|error| FetchError::InvalidUrl {
        url: one_line(location),
        reason: format!("the redirect target is not a valid URL ({error})"),
    })?;

    let refuse = |reason| FetchError::RedirectRefused { from: current.to_string(), to: target.to_string(), reason };
    if target.scheme() != "https" {
        return Err(refuse(RedirectRefusal::Insecure));
    }
    if target.origin() != original.origin() {
        return Err(refuse(RedirectRefusal::OtherOrigin));
    }
    Ok(target)
}

/// Reads a body in chunks and stops once it passes `limit` bytes, whatever
/// `Content-Length` claimed.
pub fn read_capped(url: &Url, body: impl Read, limit: u64) -> Result<Vec<u8>, FetchError> {
    let mut bytes = Vec::new();
    body.take(limit + 1).read_to_end(&mut bytes).map_err(|error| classify::io_error(url, &error))?;

    if bytes.len() as u64 > limit {
        return Err(FetchError::TooLarge { url: url.to_string(), limit });
    }
    Ok(bytes)
}

fn header_text(response: &reqwest::blocking::Response, name: reqwest::header::HeaderName) -> Option<String> {
    let value = response.headers().get(name)?;
    Some(String::from_utf8_lossy(value.as_bytes()).into_owned())
}

fn log_response(debug: bool, url: &Url, status: u16, started: Instant, bytes: usize) {
    if debug {
        let millis = started.elapsed().as_millis();
        eprintln!("debug: GET {} -> {status}, {bytes} bytes, {millis} ms", redact_url(url));
    }
}

fn log_redirect(debug: bool, url: &Url, status: u16, started: Instant, location: Option<&str>) {
    if debug {
        let millis = started.elapsed().as_millis();
        let target = match location.and_then(|location| url.join(location).ok()) {
            Some(target) => redact_url(&target),
            None => "(no valid Location)".to_string(),
        };
        eprintln!("debug: GET {} -> {status} redirect to {target}, {millis} ms", redact_url(url));
    }
}

fn log_failure(debug: bool, url: &Url, started: Instant, error: &FetchError) {
    if debug {
        let millis = started.elapsed().as_millis();
        eprintln!("debug: GET {} failed after {millis} ms: {}", redact_url(url), one_line(&error.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn redirect_target_table() {
        let original = url("https://idp.test/oauth2/default/.well-known/openid-configuration");
        let cases: &[(&str, Result<&str, RedirectRefusal>)] = &[
            (
                "/oauth2/default/.well-known/openid-configuration/",
                Ok("https://idp.test/oauth2/default/.well-known/openid-configuration/"),
            ),
            ("openid-configuration/", Ok("https://idp.test/oauth2/default/.well-known/openid-configuration/")),
            ("https://idp.test/elsewhere", Ok("https://idp.test/elsewhere")),
            ("https://idp.test:443/x", Ok("https://idp.test/x")),
            ("https://other.test/x", Err(RedirectRefusal::OtherOrigin)),
            ("https://idp.test:8443/x", Err(RedirectRefusal::OtherOrigin)),
            ("//other.test/x", Err(RedirectRefusal::OtherOrigin)),
            ("http://idp.test/x", Err(RedirectRefusal::Insecure)),
        ];
        for (location, expected) in cases {
            let result = redirect_target(&original, &original, location);
            match (result, expected) {
                (Ok(target), Ok(want)) => assert_eq!(target.as_str(), *want, "location {location}"),
                (Err(FetchError::RedirectRefused { reason, .. }), Err(want)) => {
                    assert_eq!(reason, *want, "location {location}")
                }
                (other, _) => panic!("location {location}: unexpected {other:?}"),
            }
        }
    }

    #[test]
    fn read_capped_accepts_body_at_limit() {
        let body = vec![b'a'; 100];
        let read = read_capped(&url("https://a.test/"), body.as_slice(), 100).unwrap();
        assert_eq!(read.len(), 100);
    }

    #[test]
    fn read_capped_stops_past_limit() {
        // An endless body: the read must stop by itself.
        let endless = std::io::repeat(b' ');
        let error = read_capped(&url("https://a.test/"), endless, 1024).unwrap_err();
        assert!(matches!(error, FetchError::TooLarge { limit: 1024, .. }), "{error:?}");
    }

    #[test]
    fn http_url_never_fetched() {
        let mut client = HttpClient::new(&NetworkOptions::default()).unwrap();
        let error = client.get(&url("http://idp.test/.well-known/openid-configuration")).unwrap_err();
        assert!(matches!(error, FetchError::InsecureScheme { .. }), "{error:?}");
    }

    #[test]
    fn loopback_rejected_before_connecting() {
        let mut client = HttpClient::new(&NetworkOptions::default()).unwrap();
        let error = client.get(&url("https://127.0.0.1:9/.well-known/openid-configuration")).unwrap_err();
        assert!(matches!(error, FetchError::PrivateAddress { .. }), "{error:?}");
    }
}
