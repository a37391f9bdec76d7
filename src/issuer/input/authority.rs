//! Second stage of the input diagnosis: the scheme, the `//` after it, user
//! info, and the host and port as typed. This is done on the text rather than
//! with the `url` crate, which would drop `:443` and repair `https:/host`
//! without a trace.

use super::host::HostInfo;
use super::{Finding, OktaHost, printable};

/// The parts of a URL before its path, as typed.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Authority<'a> {
    pub scheme_uppercase: bool,
    pub host: &'a str,
    /// The text after the host's `:`, when there is one.
    pub port: Option<&'a str>,
    /// Path, query and fragment.
    pub rest: &'a str,
}

/// Splits the cleaned text. Returns `None` when the text is not a URL at all.
pub(super) fn split<'a>(text: &'a str, findings: &mut Vec<Finding>) -> Option<Authority<'a>> {
    let (after_scheme, scheme_uppercase) = match split_scheme(text) {
        Some(scheme) => {
            check_scheme(&scheme, findings);
            let uppercase = scheme.name.bytes().any(|b| b.is_ascii_uppercase());
            (scheme.after.trim_start_matches('/'), uppercase)
        }
        None => (missing_scheme(text, findings)?, false),
    };

    let end = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    let (authority, rest) = after_scheme.split_at(end);
    let host_port = match authority.rfind('@') {
        Some(at) => {
            report_userinfo(findings);
            &authority[at + 1..]
        }
        None => authority,
    };

    let (host, port) = split_host_port(host_port);
    Some(Authority {
        scheme_uppercase,
        host,
        port,
        rest,
    })
}

/// A scheme as typed.
struct Scheme<'a> {
    name: &'a str,
    /// Whether a colon followed the name.
    colon: bool,
    /// Everything after the name and its colon.
    after: &'a str,
}

/// Splits `scheme:rest`. A "scheme" that contains a dot or is followed by
/// digits is a host with a port (`example.okta.com:8443`, `localhost:8443`).
/// `https//host`, with the colon missing, counts as the scheme `https`.
fn split_scheme(text: &str) -> Option<Scheme<'_>> {
    for scheme in ["https", "http"] {
        let typed = text.get(..scheme.len() + 2);
        if typed.is_some_and(|typed| typed.eq_ignore_ascii_case(&format!("{scheme}//"))) {
            let (name, after) = text.split_at(scheme.len());
            return Some(Scheme {
                name,
                colon: false,
                after,
            });
        }
    }

    let colon = text.find(':')?;
    let (name, after) = (&text[..colon], &text[colon + 1..]);
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-'));
    let port_follows = after.starts_with(|c: char| c.is_ascii_digit());
    (valid && !port_follows).then_some(Scheme {
        name,
        colon: true,
        after,
    })
}

fn check_scheme(scheme: &Scheme, findings: &mut Vec<Finding>) {
    let name = scheme.name.to_ascii_lowercase();
    let slashes = scheme.after.len() - scheme.after.trim_start_matches('/').len();
    let separator_ok = scheme.colon && slashes == 2;

    let finding = match (name.as_str(), separator_ok) {
        ("https", true) => Finding::note("input.scheme", "The URL uses https."),
        ("https", false) => {
            let typed = format!(
                "{}{}{}",
                printable(scheme.name),
                if scheme.colon { ":" } else { "" },
                "/".repeat(slashes)
            );
            Finding::guessed(
                "input.scheme",
                format!("The URL starts with \"{typed}\" instead of \"https://\"."),
                "An issuer URL starts with exactly \"https://\": a colon and two slashes.",
            )
        }
        ("http", _) => Finding::guessed(
            "input.scheme",
            "The URL uses http, which is not encrypted.",
            "The address starts with http://, which is not encrypted. Okta issuers are only served over https, so the address starts with https://.",
        ),
        _ => Finding::guessed(
            "input.scheme",
            format!(
                "The URL starts with \"{}:\" instead of \"https://\".",
                printable(scheme.name)
            ),
            "An issuer URL always starts with https://.",
        ),
    };
    findings.push(finding);
}

/// Handles text without a scheme. When it starts like a host name, `https://`
/// is put in front: an Okta issuer always uses https, and the discovery
/// document then confirms the corrected issuer character for character.
/// Otherwise the text is not a URL and `None` stops the diagnosis.
fn missing_scheme<'a>(text: &'a str, findings: &mut Vec<Finding>) -> Option<&'a str> {
    let text = text.trim_start_matches('/');
    let first = text.split(['/', '?', '#']).next().unwrap_or_default();
    let host = first.rsplit('@').next().unwrap_or_default();
    let looks_like_host =
        host.contains('.') || host.starts_with('[') || host.starts_with("localhost");

    if looks_like_host {
        findings.push(Finding::corrected(
            "input.scheme",
            "The URL has no scheme, so https:// was added in front.",
            "An issuer always starts with https://. Send the full issuer URL, starting with https://.",
        ));
        return Some(text);
    }

    let message = if text.starts_with("0oa") {
        format!(
            "\"{}\" looks like a client ID, not an issuer URL.",
            printable(text)
        )
    } else {
        format!("\"{}\" is not a URL.", printable(text))
    };
    findings.push(Finding::rejected(
        "input.syntax",
        message,
        "The issuer is a URL such as https://example-org.okta.com/oauth2/default. Okta lists it as Issuer URI under Security > API > Authorization Servers.",
    ));
    None
}

fn report_userinfo(findings: &mut Vec<Finding>) {
    // The user info is never repeated: it may be a real password.
    findings.push(Finding::guessed(
        "input.userinfo",
        "The URL contains a user name or password before the host (user@ or user:password@).",
        "Never send credentials to CAKE Support, and change the password if it was a real one. An issuer contains no user name or password.",
    ));
}

/// Splits `host:port`, keeping IPv6 literals such as `[::1]:8443` intact.
fn split_host_port(host_port: &str) -> (&str, Option<&str>) {
    if host_port.starts_with('[')
        && let Some(close) = host_port.find(']')
    {
        let (host, after) = host_port.split_at(close + 1);
        return match after.strip_prefix(':') {
            Some(port) => (host, Some(port)),
            None if after.is_empty() => (host, None),
            None => (host_port, None),
        };
    }

    match host_port.rfind(':') {
        // Several colons without brackets: an IPv6 address written wrongly,
        // left whole for the host check to reject.
        Some(colon) if host_port[..colon].contains(':') => (host_port, None),
        Some(colon) => (&host_port[..colon], Some(&host_port[colon + 1..])),
        None => (host_port, None),
    }
}

/// Judges the port as typed and returns the port the issuer keeps.
///
/// Okta serves orgs only on 443, so another port on an Okta domain fails.
/// On an IP address or `localhost` a port is what a test server uses, so it
/// passes. On a custom domain it is unusual for production, so it warns.
pub(super) fn examine_port(
    typed: Option<&str>,
    host: &HostInfo,
    findings: &mut Vec<Finding>,
) -> Option<u16> {
    let typed = typed?;
    let Some(port) = parse_port(typed) else {
        findings.push(Finding::rejected(
            "input.port",
            format!("\"{}\" is not a valid port number.", printable(typed)),
            "Leave the port out: Okta issuers use the standard https port.",
        ));
        return None;
    };

    match port {
        None | Some(443) => {
            findings.push(Finding::corrected(
                "input.port",
                format!("The explicit port \":{typed}\" was removed."),
                "Leave the port out: a published issuer never carries the standard https port 443.",
            ));
            None
        }
        Some(port) if host.okta != OktaHost::Other => {
            findings.push(Finding::guessed(
                "input.port",
                format!("Okta does not serve orgs on port {port}."),
                "Leave the port out: Okta orgs use the standard https port.",
            ));
            None
        }
        Some(port) if host.is_ip || host.is_loopback => {
            findings.push(Finding::note(
                "input.port",
                format!("The issuer uses port {port}."),
            ));
            Some(port)
        }
        Some(port) => {
            findings.push(Finding::advice(
                "input.port",
                format!("The issuer uses port {port}, which is unusual for a production issuer."),
                "Confirm with the client that the published issuer includes this port; Okta custom domains use the standard https port.",
            ));
            Some(port)
        }
    }
}

/// Parses a port as the URL standard does: digits only, at most 65535, and
/// empty meaning none. Returns `None` for an invalid port.
fn parse_port(typed: &str) -> Option<Option<u16>> {
    if typed.is_empty() {
        return Some(None);
    }
    if !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = typed.trim_start_matches('0');
    if digits.len() > 5 {
        return None;
    }
    let port: u32 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    u16::try_from(port).ok().filter(|&port| port > 0).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issuer::Status;

    #[test]
    fn split_cases() {
        // (text, host, port, rest)
        #[rustfmt::skip]
        let cases: &[(&str, &str, Option<&str>, &str)] = &[
            ("https://a.test", "a.test", None, ""),
            ("https://a.test/oauth2/default", "a.test", None, "/oauth2/default"),
            ("https://a.test:8443/x?y#z", "a.test", Some("8443"), "/x?y#z"),
            ("https://a.test:443", "a.test", Some("443"), ""),
            ("https://a.test:", "a.test", Some(""), ""),
            ("https://[::1]:8443/x", "[::1]", Some("8443"), "/x"),
            ("https://[::1]/x", "[::1]", None, "/x"),
            ("https://::1/x", "::1", None, "/x"),
            ("https://user:pass@a.test/x", "a.test", None, "/x"),
            ("https://a.test?x=1", "a.test", None, "?x=1"),
            ("https://a.test#frag", "a.test", None, "#frag"),
            ("https:/a.test/x", "a.test", None, "/x"),
            ("https:///a.test", "a.test", None, ""),
            ("https//a.test", "a.test", None, ""),
            ("HTTPS://a.test", "a.test", None, ""),
            ("a.test/oauth2/default", "a.test", None, "/oauth2/default"),
            ("a.test:8443/x", "a.test", Some("8443"), "/x"),
            ("localhost:8443", "localhost", Some("8443"), ""),
            ("//a.test/x", "a.test", None, "/x"),
            ("https://", "", None, ""),
        ];
        for (text, host, port, rest) in cases {
            let mut findings = Vec::new();
            let authority =
                split(text, &mut findings).unwrap_or_else(|| panic!("no authority in {text:?}"));
            assert_eq!(authority.host, *host, "host of {text:?}");
            assert_eq!(authority.port, *port, "port of {text:?}");
            assert_eq!(authority.rest, *rest, "rest of {text:?}");
        }
    }

    #[test]
    fn scheme_findings() {
        // (text, status of input.scheme)
        #[rustfmt::skip]
        let cases = [
            ("https://a.test", Status::Pass),
            ("http://a.test", Status::Fail),
            ("ftp://a.test", Status::Fail),
            ("htps://a.test", Status::Fail),
            ("https:/a.test", Status::Fail),
            ("https:///a.test", Status::Fail),
            ("https:a.test", Status::Fail),
            ("https//a.test", Status::Fail),
            ("a.test", Status::Warn),
        ];
        for (text, status) in cases {
            let mut findings = Vec::new();
            split(text, &mut findings);
            let scheme: Vec<_> = findings
                .iter()
                .filter(|f| f.check.id == "input.scheme")
                .collect();
            assert_eq!(scheme.len(), 1, "scheme findings for {text:?}");
            assert_eq!(scheme[0].check.status, status, "status for {text:?}");
        }
    }

    #[test]
    fn text_that_is_not_a_url() {
        for text in ["hello", "0oa1a2b3c4d5e6f7g8h9", "default"] {
            let mut findings = Vec::new();
            assert_eq!(split(text, &mut findings), None, "text {text:?}");
            assert_eq!(findings[0].check.id, "input.syntax");
        }
    }

    #[test]
    fn parse_port_cases() {
        #[rustfmt::skip]
        let cases = [
            ("", Some(None)),
            ("443", Some(Some(443))),
            ("0443", Some(Some(443))),
            ("8443", Some(Some(8443))),
            ("65535", Some(Some(65535))),
            ("65536", None),
            ("0", None),
            ("99999999999", None),
            ("84a", None),
            ("-1", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(parse_port(typed), expected, "port {typed:?}");
        }
    }
}
