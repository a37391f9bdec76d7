//! Outbound HTTP for issuer checks and the backend: TLS with the platform's
//! trust store plus an optional extra CA, timeouts, size caps, redirect rules
//! and the private-address guard.

mod classify;
mod client;
mod error;
pub mod guard;
mod redact;
pub mod tls;

use std::path::PathBuf;
use std::time::Duration;

pub use client::{HttpClient, MAX_BODY_BYTES, MAX_REDIRECTS, Redirect, Reply, Response, read_capped, redirect_target};
pub use error::{FetchError, RedirectRefusal};
pub use redact::redact_url;

/// Network settings after flags, environment and config were resolved.
#[derive(Debug, Clone)]
pub struct NetworkOptions {
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// Extra PEM file of CA certificates trusted beside the platform's store.
    pub ca_file: Option<PathBuf>,
    /// Allow hosts that resolve to loopback, private, link-local or metadata
    /// addresses. Off by default, because issuer URLs come from clients.
    pub allow_private_networks: bool,
    /// Log each HTTP exchange to stderr.
    pub debug: bool,
}

impl Default for NetworkOptions {
    fn default() -> Self {
        NetworkOptions {
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(15),
            ca_file: None,
            allow_private_networks: false,
            debug: false,
        }
    }
}
