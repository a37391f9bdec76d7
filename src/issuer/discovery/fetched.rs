//! Checks shared by every document the validator fetches (the discovery
//! document and the key set): how the fetch went, where it was redirected,
//! what kind of body came back, and whether that body is a JSON object.
//!
//! Everything that came from the network is passed through
//! [`one_line`] before it lands in a message or hint.

use serde_json::Value;

use crate::issuer::Check;
use crate::net::{FetchError, MAX_REDIRECTS, Redirect, RedirectRefusal, Response};
use crate::text::one_line;

/// A UTF-8 byte order mark, which JSON (RFC 8259) forbids but which some
/// servers send in front of a document saved by a Windows editor.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Check ids and wording for one kind of fetched document.
#[derive(Debug, Clone, Copy)]
pub struct Resource {
    /// Noun used in messages, such as "discovery document".
    pub noun: &'static str,
    pub fetch_id: &'static str,
    pub redirect_id: &'static str,
    pub size_id: &'static str,
    pub content_type_id: &'static str,
    pub json_id: &'static str,
}

/// Id of the private-address guard check, shared by every fetch.
pub const PRIVATE_ADDRESS_ID: &str = "network.private_address";

/// Ids of fetch failures that usually have a cause on the machine running
/// the check. Every fetch shares them, so a report can tell them apart from
/// problems of the client's server. They cover a certificate this machine
/// does not trust, no response in time, and a connection that could not be
/// made for a reason other than a refused connection.
pub const TLS_CERTIFICATE_ID: &str = "network.tls_certificate";
pub const TIMEOUT_ID: &str = "network.timeout";
pub const CONNECT_ID: &str = "network.connect";

/// Turns a failed fetch into the one failing check that explains it.
pub fn failure_check(resource: &Resource, error: &FetchError) -> Check {
    let noun = resource.noun;
    match error {
        FetchError::PrivateAddress { host, address, range } => Check::fail(
            PRIVATE_ADDRESS_ID,
            blocked_address_message(&one_line(host), *address, range),
            "Issuer addresses come from clients, so this tool does not connect to loopback, private, \
             link-local or cloud metadata addresses. If this really is the intended server (for example a test \
             server on this machine or the company network), run again with --allow-private-network.",
        ),
        FetchError::RedirectRefused { to, reason, .. } => redirect_refused(resource, &one_line(to), *reason),
        FetchError::TooManyRedirects { .. } => Check::fail(
            resource.redirect_id,
            format!("The {noun} redirected more than {MAX_REDIRECTS} times; stopped following."),
            format!(
                "The {noun} address keeps redirecting. The server should answer the address directly; \
                 ask the client to check their issuer or proxy setup."
            ),
        ),
        FetchError::TooLarge { limit, .. } => Check::fail(
            resource.size_id,
            format!("The {noun} is too large: stopped reading after {} bytes.", limit),
            format!(
                "The {noun} is too large: this tool stops reading after {} (the size limit). A real \
                 Okta {noun} is a few kilobytes, so the address probably serves something else.",
                describe_size(*limit)
            ),
        ),
        other => Check::fail(
            fetch_failure_id(resource, other),
            format!("Could not fetch the {noun}: {}.", one_line(&other.to_string())),
            fetch_hint(other),
        ),
    }
}

/// Chooses the id of a failed fetch: a shared `network.*` id for the
/// failures that usually have a local cause, else the document's own.
fn fetch_failure_id(resource: &Resource, error: &FetchError) -> &'static str {
    match error {
        FetchError::Tls { certificate: true, .. } => TLS_CERTIFICATE_ID,
        FetchError::Timeout { .. } => TIMEOUT_ID,
        FetchError::Connect { .. } => CONNECT_ID,
        _ => resource.fetch_id,
    }
}

/// Names the blocked address, and the host name it came from when the
/// issuer named a host rather than an IP address.
fn blocked_address_message(host: &str, address: std::net::IpAddr, range: &str) -> String {
    let article = if range.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    if host == address.to_string() {
        format!("{address} is {article} {range} address; not contacted.")
    } else {
        format!("{host} resolves to {address}, {article} {range} address; not contacted.")
    }
}

fn redirect_refused(resource: &Resource, to: &str, reason: RedirectRefusal) -> Check {
    let noun = resource.noun;
    let (message, hint) = match reason {
        RedirectRefusal::Insecure => (
            format!("The {noun} redirects to {to}, plain http; not followed."),
            format!(
                "The {noun} address redirects to {to}, which uses plain http:// (not encrypted), so it \
                 was not followed. The issuer must be served over https; ask the client to fix the redirect \
                 or the proxy that adds it."
            ),
        ),
        RedirectRefusal::OtherOrigin => (
            format!("The {noun} redirects to another server, {to}; not followed."),
            format!(
                "The {noun} address redirects to {to}, a different server (another origin, with a different \
                 host or port), so the redirect was not followed: an issuer must serve its own configuration. Ask \
                 the client whether the issuer should be on that server instead, or to remove the redirect."
            ),
        ),
    };
    Check::fail(resource.redirect_id, message, hint)
}

fn fetch_hint(error: &FetchError) -> String {
    match error {
        FetchError::Dns { host, .. } => format!(
            "The host name {} does not resolve. It is probably misspelt: ask the client for the exact \
             issuer URL.",
            one_line(host)
        ),
        FetchError::Timeout { .. } => "The server did not respond in time. Check the address with the client; if \
             it is right, the server may be down or a firewall may block it. On a slow network, raise the \
             limit with --timeout."
            .to_string(),
        FetchError::ConnectionRefused { .. } => "Nothing accepts connections at that address and port. The \
             address or port is probably wrong, or the server is down."
            .to_string(),
        FetchError::Tls { certificate: true, .. } => "The server's TLS certificate is not trusted or does not \
             match the host name. If the client's server uses a certificate from a private certificate \
             authority, run again with --ca-cert FILE naming that CA's PEM file. Otherwise the address may be \
             wrong, or something on the network is intercepting the connection."
            .to_string(),
        FetchError::Tls { .. } => "The TLS handshake failed. The server may not speak https on this port, or \
             may use TLS settings this tool does not accept (TLS 1.2 or newer is required)."
            .to_string(),
        FetchError::NoResponse { .. } => "The server accepted the connection but closed it without a complete \
             answer. The server, or a proxy or firewall in front of it, is cutting the connection: ask the client \
             to check it, then run the check again."
            .to_string(),
        FetchError::InsecureScheme { url } => format!(
            "{} uses plain http:// (not encrypted), which is never fetched. Issuers and their keys must be \
             served over https.",
            one_line(url)
        ),
        FetchError::InvalidUrl { url, reason } => format!(
            "{} cannot be fetched: {}. Ask the client to check the issuer URL, and the server's redirects when \
             the address came from one.",
            one_line(url),
            one_line(reason)
        ),
        _ => "The request got no usable answer. Check the address with the client; if it is right, the server \
             or a proxy in front of it may be misconfigured."
            .to_string(),
    }
}

/// Writes a status with its standard reason phrase, such as
/// "HTTP 404 (Not Found)", or the number alone for an unknown status.
pub fn http_status(status: u16) -> String {
    let reason = reqwest::StatusCode::from_u16(status).ok().and_then(|code| code.canonical_reason());
    match reason {
        Some(reason) => format!("HTTP {status} ({reason})"),
        None => format!("HTTP {status}"),
    }
}

/// Prepares text from the network for a message: control characters
/// removed, one line, and at most 200 characters, so a hostile document
/// cannot flood the report.
pub fn shown(text: &str) -> String {
    const MAX_CHARS: usize = 200;
    let line = one_line(text);
    if line.chars().count() <= MAX_CHARS {
        return line;
    }
    let mut cut: String = line.chars().take(MAX_CHARS).collect();
    cut.push('…');
    cut
}

/// Describes a byte count for people: "1 MiB" for the usual limit.
fn describe_size(bytes: u64) -> String {
    if bytes.is_multiple_of(1024 * 1024) { format!("{} MiB", bytes / (1024 * 1024)) } else { format!("{bytes} bytes") }
}

/// Reports the redirects a successful fetch followed: none passes, and any
/// followed hop is a warning naming the final target, because the server
/// should serve the published address directly.
pub fn redirect_check(resource: &Resource, redirects: &[Redirect]) -> Check {
    let noun = resource.noun;
    let Some(last) = redirects.last() else {
        return Check::pass(resource.redirect_id, format!("The {noun} was served without a redirect."));
    };

    let hops: Vec<String> =
        redirects.iter().map(|hop| format!("{} -> {}", hop.status, one_line(hop.to.as_str()))).collect();
    Check::warn(
        resource.redirect_id,
        format!("The {noun} address redirected ({}) and the redirect was followed.", hops.join(", ")),
        format!(
            "The {noun} address answers with a redirect to {} on the same server. It was followed, but \
             the client's server should answer the address itself: some sign-in libraries do not follow \
             redirects.",
            one_line(last.to.as_str())
        ),
    )
}

/// Kind of body a response carried, judged from its bytes first and its
/// `Content-Type` second.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyKind {
    /// An HTML page: the body starts with `<`, or it is labelled as HTML and
    /// does not start like JSON.
    Html,
    /// Labelled as JSON (`application/json` or `application/*+json`).
    Json,
    /// Labelled as something else, or not labelled. The label is kept.
    Unlabelled(Option<String>),
}

/// Lowercased media type of a `Content-Type` value, without parameters.
pub fn media_type(content_type: Option<&str>) -> Option<String> {
    let value = content_type?.split(';').next()?.trim().to_ascii_lowercase();
    (!value.is_empty()).then_some(value)
}

/// Classifies a response body.
pub fn body_kind(content_type: Option<&str>, body: &[u8]) -> BodyKind {
    let media = media_type(content_type);
    let text = body.strip_prefix(UTF8_BOM).unwrap_or(body).trim_ascii_start();

    // A JSON body mislabelled as text/html is read like one labelled
    // text/plain: calling it a web page would send support the wrong way.
    let html_label = matches!(media.as_deref(), Some("text/html" | "application/xhtml+xml"));
    let json_start = text.starts_with(b"{") || text.starts_with(b"[");
    if text.starts_with(b"<") || (html_label && !json_start) {
        return BodyKind::Html;
    }
    match media {
        Some(media)
            if media == "application/json" || (media.starts_with("application/") && media.ends_with("+json")) =>
        {
            BodyKind::Json
        }
        other => BodyKind::Unlabelled(other),
    }
}

/// Checks the content type of a 200 response. The flag returned is false
/// when the body is an HTML page, so nothing more should be read from it.
pub fn content_type_check(resource: &Resource, response: &Response) -> (Check, bool) {
    let noun = resource.noun;
    let id = resource.content_type_id;
    match body_kind(response.content_type.as_deref(), &response.body) {
        BodyKind::Html => (
            Check::fail(
                id,
                format!("A web page (HTML) came back instead of the {noun}."),
                format!(
                    "The address returned a web page (HTML), probably a sign-in or error page, instead of \
                     the {noun}. The issuer is probably wrong, or a proxy or firewall is in the way."
                ),
            ),
            false,
        ),
        BodyKind::Json => (Check::pass(id, format!("The {noun} is labelled as JSON.")), true),
        BodyKind::Unlabelled(label) => {
            let label = label.map(|label| one_line(&label));
            let sent = match &label {
                Some(label) => format!("with the content type {label}"),
                None => "without a content type".to_string(),
            };
            let label = label.unwrap_or_else(|| "no content type".to_string());
            (
                Check::warn(
                    id,
                    format!("The {noun} is labelled as {label}, not application/json."),
                    format!(
                        "The server sends the {noun} {sent} (Content-Type header) instead of \
                         application/json. Its content was read as JSON anyway, but strict sign-in libraries \
                         may reject it; the server should send application/json."
                    ),
                ),
                true,
            )
        }
    }
}

/// Parses the body as a JSON object, tolerating a leading UTF-8 BOM with a
/// warning. Returns the check and, when it did not fail, the object.
pub fn json_object_check(resource: &Resource, body: &[u8]) -> (Check, Option<serde_json::Map<String, Value>>) {
    let noun = resource.noun;
    let id = resource.json_id;
    let (bom, text) = match body.strip_prefix(UTF8_BOM) {
        Some(rest) => (true, rest),
        None => (false, body),
    };

    let not_json = |detail: String| {
        Check::fail(
            id,
            format!("The {noun} is not valid JSON: {detail}."),
            format!(
                "The server did not send a JSON {noun}. The issuer is probably wrong, or a proxy changes the answer."
            ),
        )
    };
    let value: Value = match serde_json::from_slice(text) {
        Ok(value) => value,
        Err(error) => return (not_json(one_line(&error.to_string())), None),
    };
    let Value::Object(object) = value else {
        return (not_json("it is not a JSON object".to_string()), None);
    };

    let check = if bom {
        Check::warn(
            id,
            format!("The {noun} is JSON but starts with a UTF-8 byte order mark (BOM)."),
            format!(
                "The {noun} starts with an invisible byte order mark (BOM), which JSON does not allow. It was \
                 read anyway, but some sign-in libraries will fail to parse it; the client's server should \
                 send the document without the BOM."
            ),
        )
    } else {
        Check::pass(id, format!("The {noun} is a JSON object."))
    };
    (check, Some(object))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issuer::Status;
    use crate::net::MAX_BODY_BYTES;

    const TEST: Resource = Resource {
        noun: "document",
        fetch_id: "t.fetch",
        redirect_id: "t.redirect",
        size_id: "t.size",
        content_type_id: "t.content_type",
        json_id: "t.json",
    };

    #[test]
    fn body_kind_table() {
        let cases: &[(Option<&str>, &[u8], BodyKind)] = &[
            (Some("application/json"), b"{}", BodyKind::Json),
            (Some("application/json; charset=utf-8"), b"{}", BodyKind::Json),
            (Some("Application/JSON"), b"{}", BodyKind::Json),
            (Some("application/jwk-set+json"), b"{}", BodyKind::Json),
            (Some("text/html; charset=utf-8"), b"{}", BodyKind::Unlabelled(Some("text/html".into()))),
            (Some("text/html"), b"\xEF\xBB\xBF\n[1]", BodyKind::Unlabelled(Some("text/html".into()))),
            (Some("text/html"), b"Not found", BodyKind::Html),
            (Some("application/xhtml+xml"), b"", BodyKind::Html),
            (Some("application/json"), b"  <!DOCTYPE html>", BodyKind::Html),
            (Some("application/json"), b"\xEF\xBB\xBF<html>", BodyKind::Html),
            (None, b"<html>", BodyKind::Html),
            (Some("text/plain"), b"{}", BodyKind::Unlabelled(Some("text/plain".into()))),
            (None, b"{}", BodyKind::Unlabelled(None)),
        ];
        for (content_type, body, expected) in cases {
            assert_eq!(&body_kind(*content_type, body), expected, "{content_type:?} {body:?}");
        }
    }

    #[test]
    fn mislabelled_json_hint_names_content_type() {
        let response = Response {
            url: url::Url::parse("https://a.test/x").unwrap(),
            status: 200,
            content_type: Some("text/html".into()),
            body: b"{}".to_vec(),
            redirects: Vec::new(),
        };
        let (check, readable) = content_type_check(&TEST, &response);
        assert_eq!(check.status, Status::Warn, "{check:?}");
        assert!(readable);
        let hint = check.hint.unwrap();
        assert!(hint.contains("content type text/html"), "{hint}");
        assert!(hint.contains("application/json"), "{hint}");
    }

    #[test]
    fn json_object_table() {
        let cases: &[(&[u8], Status)] = &[
            (b"{\"a\":1}", Status::Pass),
            (b"\xEF\xBB\xBF{\"a\":1}", Status::Warn),
            (b"[1,2]", Status::Fail),
            (b"{\"a\":", Status::Fail),
            (b"\xff\xfe{}", Status::Fail),
            (b"", Status::Fail),
        ];
        for (body, expected) in cases {
            let (check, object) = json_object_check(&TEST, body);
            assert_eq!(check.status, *expected, "body {body:?}: {check:?}");
            assert_eq!(object.is_some(), *expected != Status::Fail, "body {body:?}");
        }
    }

    #[test]
    fn bom_hint_names_bom() {
        let (check, _) = json_object_check(&TEST, b"\xEF\xBB\xBF{}");
        assert!(check.hint.unwrap().contains("BOM"));
    }

    #[test]
    fn too_large_hint_names_limit() {
        let error = FetchError::TooLarge { url: "https://a.test/x".into(), limit: MAX_BODY_BYTES };
        let check = failure_check(&TEST, &error);
        assert_eq!(check.id, "t.size");
        let hint = check.hint.unwrap();
        assert!(hint.contains("too large"), "{hint}");
        assert!(hint.contains("1 MiB"), "{hint}");
    }

    #[test]
    fn private_address_hint_names_flag() {
        let error = FetchError::PrivateAddress {
            host: "127.0.0.1".into(),
            address: "127.0.0.1".parse().unwrap(),
            range: "loopback",
        };
        let check = failure_check(&TEST, &error);
        assert_eq!(check.id, PRIVATE_ADDRESS_ID);
        assert_eq!(check.message, "127.0.0.1 is a loopback address; not contacted.");
        assert!(check.hint.unwrap().contains("--allow-private-network"));

        let named = FetchError::PrivateAddress {
            host: "localhost".into(),
            address: "0.0.0.0".parse().unwrap(),
            range: "unspecified (0.0.0.0/8)",
        };
        assert_eq!(
            failure_check(&TEST, &named).message,
            "localhost resolves to 0.0.0.0, an unspecified (0.0.0.0/8) address; not contacted."
        );
    }

    #[test]
    fn certificate_hint_names_ca_cert() {
        let error =
            FetchError::Tls { url: "https://a.test/".into(), detail: "unknown issuer".into(), certificate: true };
        let check = failure_check(&TEST, &error);
        assert_eq!(check.id, TLS_CERTIFICATE_ID);
        assert!(check.hint.unwrap().contains("--ca-cert"));
    }

    #[test]
    fn failure_ids_separate_local_causes() {
        let url = "https://a.test/x".to_string();
        let cases = [
            (FetchError::Timeout { url: url.clone() }, TIMEOUT_ID),
            (FetchError::Connect { url: url.clone(), detail: "network unreachable".into() }, CONNECT_ID),
            (FetchError::Tls { url: url.clone(), detail: "bad certificate".into(), certificate: true }, TLS_CERTIFICATE_ID),
            (FetchError::Tls { url: url.clone(), detail: "protocol version".into(), certificate: false }, "t.fetch"),
            (FetchError::ConnectionRefused { url: url.clone() }, "t.fetch"),
            (FetchError::Dns { host: "a.test".into(), detail: "not found".into() }, "t.fetch"),
            (FetchError::NoResponse { url }, "t.fetch"),
        ];
        for (error, expected) in cases {
            let check = failure_check(&TEST, &error);
            assert_eq!(check.id, expected, "{error}");
            assert_eq!(check.status, Status::Fail, "{error}");
        }
    }

    #[test]
    fn refused_redirect_names_target() {
        for (reason, word) in
            [(RedirectRefusal::Insecure, "http://"), (RedirectRefusal::OtherOrigin, "different server (another origin")]
        {
            let error = FetchError::RedirectRefused {
                from: "https://a.test/x".into(),
                to: "http://b.test/\x1b[31mx".into(),
                reason,
            };
            let check = failure_check(&TEST, &error);
            assert_eq!(check.id, "t.redirect");
            assert_eq!(check.status, Status::Fail);
            let hint = check.hint.unwrap();
            assert!(hint.contains("redirect"), "{hint}");
            assert!(hint.contains(word), "{hint}");
            assert!(!hint.contains('\x1b'), "{hint}");
        }
    }

    #[test]
    fn http_status_adds_reason_phrase() {
        let cases = [(404, "HTTP 404 (Not Found)"), (429, "HTTP 429 (Too Many Requests)"), (599, "HTTP 599")];
        for (status, expected) in cases {
            assert_eq!(http_status(status), expected);
        }
    }

    #[test]
    fn invalid_redirect_target_named_in_hint() {
        let error = FetchError::InvalidUrl {
            url: "https://a.test:b.test/x".into(),
            reason: "the redirect target is not a valid URL (invalid port number)".into(),
        };
        let check = failure_check(&TEST, &error);
        assert_eq!(check.id, "t.fetch");
        let hint = check.hint.unwrap();
        assert!(hint.contains("redirect target is not a valid URL"), "{hint}");
        assert!(hint.contains("https://a.test:b.test/x"), "{hint}");
    }

    #[test]
    fn followed_redirect_warns_with_target() {
        let from = url::Url::parse("https://a.test/x").unwrap();
        let to = url::Url::parse("https://a.test/x/").unwrap();
        let check = redirect_check(&TEST, &[Redirect { status: 301, from, to }]);
        assert_eq!(check.status, Status::Warn);
        let hint = check.hint.unwrap();
        assert!(hint.contains("redirect"), "{hint}");
        assert!(hint.contains("https://a.test/x/"), "{hint}");
    }
}
