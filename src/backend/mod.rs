//! Client of CAKE's admin backend (API v1), which records and activates
//! Okta configs, and of the `/okta/users` API on each tenant's own site.
//!
//! Nothing here prints or reads the configuration: commands build a
//! [`BackendClient`] from the settled profile and render its results and
//! [`BackendError`]s.

mod client;
mod error;
mod retry;
mod types;
mod url;

pub use client::{AccessCheck, BackendClient, ClientOptions};
pub use error::{BackendError, Call, ErrorKind, TransportKind};
pub use retry::{Decision, RetryPolicy, parse_retry_after};
pub use types::{
    Accepted, BackendStatus, ConfigStatus, NewUser, SecuritySettings, SubmitBody, User, UserChanges, UserList,
};
/// Tenant name the access check queries when no tenant is given. The
/// `.invalid` top-level domain is reserved, so no real tenant has it.
pub const ACCESS_CHECK_TENANT: &str = "access-check.invalid";

pub use url::{
    DEFAULT_TENANT_URL, InvalidBaseUrl, TENANT_PLACEHOLDER, check_tenant_url_template, is_loopback,
    parse_backend_url, tenant_base_url,
};
