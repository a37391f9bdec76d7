//! Typed reasons for a failed fetch, so each check can word the failure for
//! support staff instead of showing a library's error text.

use std::net::IpAddr;

use thiserror::Error;

/// Reason a redirect was not followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectRefusal {
    /// The target is on another scheme, host or port.
    OtherOrigin,
    /// The target uses plain `http://`.
    Insecure,
}

/// A failed fetch. Every variant names the URL or host involved.
#[derive(Debug, Error)]
pub enum FetchError {
    #[error("{url} is not a valid address to fetch: {reason}")]
    InvalidUrl { url: String, reason: String },

    #[error("{url} uses plain http, which is never fetched")]
    InsecureScheme { url: String },

    #[error("could not resolve {host}: {detail}")]
    Dns { host: String, detail: String },

    #[error("{host} resolves to {address}, in the blocked range: {range}")]
    PrivateAddress { host: String, address: IpAddr, range: &'static str },

    #[error("{url} timed out")]
    Timeout { url: String },

    #[error("{url} refused the connection")]
    ConnectionRefused { url: String },

    #[error("TLS with {url} failed: {detail}")]
    Tls { url: String, detail: String, certificate: bool },

    #[error("could not connect to {url}: {detail}")]
    Connect { url: String, detail: String },

    /// The connection was made, then closed or broken before a complete
    /// HTTP response arrived.
    #[error("{url} closed the connection without a complete response")]
    NoResponse { url: String },

    #[error("{url} sent more than the {limit}-byte limit")]
    TooLarge { url: String, limit: u64 },

    #[error("{from} redirects to {to}, which is not followed")]
    RedirectRefused { from: String, to: String, reason: RedirectRefusal },

    #[error("{url} redirected more than {max} times")]
    TooManyRedirects { url: String, max: usize },

    #[error("request to {url} failed: {detail}")]
    Other { url: String, detail: String },
}
