//! The URL rules of the backend and tenant APIs: https only, except on
//! loopback hosts (127.0.0.0/8, ::1, localhost), where plain http is
//! allowed for local testing. Credentials, queries and fragments are
//! rejected, because a base URL is stored in the config file and shown in
//! logs.

use std::net::IpAddr;

use thiserror::Error;
use url::{Host, Url};

/// Placeholder that a tenant URL template replaces with the tenant name.
pub const TENANT_PLACEHOLDER: &str = "{tenant}";

/// Default tenant URL template: the tenant's own CAKE site.
pub const DEFAULT_TENANT_URL: &str = "https://{tenant}";

/// A base URL that breaks the rules.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("invalid {what} {value:?}: {reason}")]
pub struct InvalidBaseUrl {
    pub what: &'static str,
    pub value: String,
    pub reason: String,
}

/// Parses and checks a backend base URL such as
/// `https://admin-api.cake.example` or `http://127.0.0.1:8080/api`.
pub fn parse_backend_url(text: &str) -> Result<Url, InvalidBaseUrl> {
    parse_base("backend_url", text)
}

/// Builds the base URL of a tenant's site from a template such as
/// `https://{tenant}`, checking the result with the same rules.
pub fn tenant_base_url(template: &str, tenant: &str) -> Result<Url, InvalidBaseUrl> {
    let invalid = |reason: String| InvalidBaseUrl { what: "tenant_url", value: template.to_string(), reason };
    if !template.contains(TENANT_PLACEHOLDER) {
        return Err(invalid(format!("it must contain {TENANT_PLACEHOLDER}")));
    }
    if tenant.is_empty() || !tenant.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')) {
        return Err(invalid(format!(
            "tenant {tenant:?} cannot be put into a URL: use letters, digits, '-', '.' and '_' only"
        )));
    }

    let url = parse_base("tenant_url", &template.replace(TENANT_PLACEHOLDER, tenant))
        .map_err(|error| invalid(error.reason))?;
    Ok(url)
}

/// Checks a tenant URL template with a sample tenant, for `config set`.
pub fn check_tenant_url_template(template: &str) -> Result<(), InvalidBaseUrl> {
    tenant_base_url(template, "tenant.example").map(|_| ())
}

fn parse_base(what: &'static str, text: &str) -> Result<Url, InvalidBaseUrl> {
    let invalid = |reason: &str| InvalidBaseUrl { what, value: text.to_string(), reason: reason.to_string() };
    if text.trim() != text || text.is_empty() {
        return Err(invalid("remove the surrounding whitespace"));
    }

    let url = Url::parse(text).map_err(|error| invalid(&format!("not a URL ({error})")))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => return Err(invalid("plain http is allowed only for loopback hosts (127.0.0.1, ::1, localhost); use https")),
        _ => return Err(invalid("use an https:// URL")),
    }
    if url.host().is_none() {
        return Err(invalid("it has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("remove the user name and password; the API token is kept in the OS keyring"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("remove the query and fragment"));
    }
    Ok(url)
}

/// True for 127.0.0.0/8, ::1 and `localhost`.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Appends path segments to a base URL, percent-encoding each one, so a
/// tenant or id can never add segments or a query of its own.
pub fn join_segments(base: &Url, segments: &[&str]) -> Url {
    let mut url = base.clone();
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_url_rules() {
        let cases = [
            ("https://admin-api.cake.example", true),
            ("https://admin-api.cake.example/base/", true),
            ("http://127.0.0.1:8080", true),
            ("http://127.9.9.9", true),
            ("http://[::1]:9000", true),
            ("http://localhost:9000", true),
            ("http://LOCALHOST", true),
            ("http://admin-api.cake.example", false),
            ("http://10.0.0.1", false),
            ("http://localhost.example", false),
            ("ftp://admin-api.cake.example", false),
            ("https://user:pw@admin-api.cake.example", false),
            ("https://admin-api.cake.example/?x=1", false),
            (" https://admin-api.cake.example", false),
            ("admin-api.cake.example", false),
            ("", false),
        ];
        for (text, valid) in cases {
            assert_eq!(parse_backend_url(text).is_ok(), valid, "{text:?}");
        }
    }

    #[test]
    fn http_rejection_names_loopback_rule() {
        let error = parse_backend_url("http://admin-api.cake.example").unwrap_err().to_string();
        assert!(error.contains("backend_url"), "{error}");
        assert!(error.contains("loopback"), "{error}");
    }

    #[test]
    fn tenant_url_template_cases() {
        assert_eq!(tenant_base_url("https://{tenant}", "acme.cake.example").unwrap().as_str(), "https://acme.cake.example/");
        assert_eq!(tenant_base_url("http://127.0.0.1:9/{tenant}", "acme").unwrap().as_str(), "http://127.0.0.1:9/acme");
        assert!(tenant_base_url("https://cake.example", "acme").is_err());
        assert!(tenant_base_url("https://{tenant}", "evil.example/x?").is_err());
        assert!(tenant_base_url("https://{tenant}", "user@evil.example").is_err());
        assert!(tenant_base_url("http://{tenant}", "acme.example").is_err());
    }

    #[test]
    fn joined_segments_are_encoded() {
        let base = Url::parse("https://backend.test/api/").unwrap();
        let url = join_segments(&base, &["v1", "tenants", "a/b?c", "sso", "okta"]);
        assert_eq!(url.as_str(), "https://backend.test/api/v1/tenants/a%2Fb%3Fc/sso/okta");

        let bare = Url::parse("https://backend.test").unwrap();
        assert_eq!(join_segments(&bare, &["v1"]).as_str(), "https://backend.test/v1");
    }
}
