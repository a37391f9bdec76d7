//! Third stage of the input diagnosis: the host name. Checks that it is a
//! valid DNS name or IP address, and distinguishes Okta's own domains from
//! custom domains. Okta domains match only on a label boundary, so
//! `notokta.com` and `okta.com.evil.test` are not Okta.

use std::net::IpAddr;

use url::Host;

use super::{Finding, OktaHost, printable};

/// Okta's org domains. An org lives one label below one of them
/// (`example-org.okta.com`).
const OKTA_DOMAINS: &[(&str, OktaHost)] = &[
    ("okta.com", OktaHost::Production),
    ("okta-emea.com", OktaHost::Production),
    ("oktapreview.com", OktaHost::Preview),
    ("okta-gov.com", OktaHost::Government),
    ("okta.mil", OktaHost::Government),
];

/// Labels under an Okta domain that are Okta's own sites, not an org.
const OKTA_SITES: &[&str] = &[
    "www",
    "login",
    "developer",
    "help",
    "support",
    "status",
    "trust",
];

/// The host after checks and corrections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct HostInfo {
    /// Lowercase ASCII host, an IPv6 address in brackets, with a trailing dot
    /// and an `-admin` suffix removed. Only printable when `valid` is false.
    pub name: String,
    pub okta: OktaHost,
    pub valid: bool,
    pub is_ip: bool,
    /// `localhost`, a name under `.localhost`, or a loopback address.
    pub is_loopback: bool,
    /// The host was typed with capital letters.
    pub uppercase: bool,
}

pub(super) fn examine(typed: &str, findings: &mut Vec<Finding>) -> HostInfo {
    let uppercase = typed.chars().any(char::is_uppercase);
    let undotted = strip_trailing_dot(typed, findings);

    let host = match Host::parse(undotted) {
        Ok(host) => host,
        Err(error) => return invalid(typed, error.to_string(), uppercase, findings),
    };

    match host {
        Host::Domain(domain) => examine_domain(typed, domain, uppercase, findings),
        Host::Ipv4(ip) => examine_ip(typed, IpAddr::V4(ip), uppercase, findings),
        Host::Ipv6(ip) => examine_ip(typed, IpAddr::V6(ip), uppercase, findings),
    }
}

/// Removes one trailing dot, which DNS allows but a published issuer never
/// has.
fn strip_trailing_dot<'a>(typed: &'a str, findings: &mut Vec<Finding>) -> &'a str {
    match typed.strip_suffix('.') {
        Some(undotted) if !undotted.is_empty() && !undotted.ends_with('.') => {
            findings.push(Finding::corrected(
                "input.trailing_dot",
                "The dot at the end of the host name was removed.",
                "Write the host name without a dot at the end, as Okta publishes it.",
            ));
            undotted
        }
        _ => typed,
    }
}

fn invalid(typed: &str, reason: String, uppercase: bool, findings: &mut Vec<Finding>) -> HostInfo {
    let printable_host = printable(typed);
    let message = if typed.is_empty() {
        "The URL has no host name.".to_string()
    } else {
        format!("The host name \"{printable_host}\" is not valid: {reason}.")
    };
    findings.push(Finding::rejected(
        "input.host",
        message,
        "The host is the org address, such as example-org.okta.com, or the client's custom domain. It contains only letters, digits, hyphens and dots. Copy it again from the Okta Admin Console.",
    ));

    let name = printable_host.to_lowercase();
    HostInfo {
        okta: classify(&name).map_or(OktaHost::Other, |(_, okta)| okta),
        name,
        valid: false,
        is_ip: false,
        is_loopback: false,
        uppercase,
    }
}

fn examine_domain(
    typed: &str,
    domain: String,
    uppercase: bool,
    findings: &mut Vec<Finding>,
) -> HostInfo {
    if let Some(problem) = dns_problem(&domain) {
        return invalid(typed, problem, uppercase, findings);
    }

    let is_loopback = domain == "localhost" || domain.ends_with(".localhost");
    if !is_loopback && !domain.contains('.') {
        return invalid(
            typed,
            "it has no domain such as .com".to_string(),
            uppercase,
            findings,
        );
    }

    if !typed.is_ascii() {
        findings.push(Finding::corrected(
            "input.idn",
            format!("The host name \"{}\" contains non-ASCII letters; in a URL it is {domain}.", printable(typed)),
            "Okta org addresses contain only ASCII letters, digits and hyphens. Check the address for look-alike letters, such as a Cyrillic \"а\" in place of a Latin \"a\", and copy it again as plain text.",
        ));
    }

    let (name, okta) = match classify(&domain) {
        Some((okta_domain, okta)) => (
            examine_okta_host(&domain, okta_domain, okta, findings),
            okta,
        ),
        None => {
            findings.push(Finding::note(
                "input.okta_domain",
                format!(
                    "{domain} is not an Okta domain: a custom domain, or another OpenID provider."
                ),
            ));
            (domain, OktaHost::Other)
        }
    };
    HostInfo {
        name,
        okta,
        valid: true,
        is_ip: false,
        is_loopback,
        uppercase,
    }
}

fn examine_ip(typed: &str, ip: IpAddr, uppercase: bool, findings: &mut Vec<Finding>) -> HostInfo {
    // The URL standard writes IPv6 addresses without a dotted IPv4 tail
    // (`[::ffff:7f00:1]`, where Rust writes `::ffff:127.0.0.1`), and the
    // issuer must match the form the `url` crate serializes.
    let name = match ip {
        IpAddr::V4(ip) => Host::<&str>::Ipv4(ip).to_string(),
        IpAddr::V6(ip) => Host::<&str>::Ipv6(ip).to_string(),
    };

    if !typed.eq_ignore_ascii_case(&name) {
        findings.push(Finding::corrected(
            "input.host",
            format!(
                "The IP address \"{}\" was rewritten in its usual form {name}.",
                printable(typed)
            ),
            "Write the IP address in its usual form.",
        ));
    }
    let loopback = ip.to_canonical().is_loopback();
    let kind = if loopback {
        "a loopback IP address"
    } else {
        "an IP address"
    };
    findings.push(Finding::note(
        "input.okta_domain",
        format!("{name} is {kind}, not an Okta domain."),
    ));

    HostInfo {
        name,
        okta: OktaHost::Other,
        valid: true,
        is_ip: true,
        is_loopback: loopback,
        uppercase,
    }
}

/// Returns why a lowercase ASCII domain is not a valid DNS host name
/// (letters, digits and inner hyphens; labels of 1 to 63 characters).
fn dns_problem(domain: &str) -> Option<String> {
    if domain.len() > 253 {
        return Some("it is longer than 253 characters".to_string());
    }

    for label in domain.split('.') {
        let problem = if label.is_empty() {
            "it has two dots in a row".to_string()
        } else if label.len() > 63 {
            "a part between dots is longer than 63 characters".to_string()
        } else if label.contains('_') {
            "it contains an underscore (_), which host names cannot contain".to_string()
        } else if let Some(c) = label
            .chars()
            .find(|c| !c.is_ascii_alphanumeric() && *c != '-')
        {
            format!("it contains the character {}", describe_char(c))
        } else if label.starts_with('-') || label.ends_with('-') {
            "a part between dots starts or ends with a hyphen".to_string()
        } else {
            continue;
        };
        return Some(problem);
    }
    None
}

fn describe_char(c: char) -> String {
    if c.is_ascii_graphic() {
        format!("\"{c}\"")
    } else {
        super::code_points([c])
    }
}

/// Finds the Okta domain a host is on, matching whole labels only.
fn classify(host: &str) -> Option<(&'static str, OktaHost)> {
    OKTA_DOMAINS
        .iter()
        .find(|(domain, _)| {
            host == *domain
                || host
                    .strip_suffix(domain)
                    .is_some_and(|prefix| prefix.ends_with('.'))
        })
        .copied()
}

/// Reports an Okta host and returns the org host to use, which differs from
/// the typed host for an Admin Console address.
fn examine_okta_host(
    host: &str,
    domain: &str,
    okta: OktaHost,
    findings: &mut Vec<Finding>,
) -> String {
    let Some(prefix) = host
        .strip_suffix(domain)
        .and_then(|prefix| prefix.strip_suffix('.'))
    else {
        findings.push(not_an_org(host, domain));
        return host.to_string();
    };
    if OKTA_SITES.contains(&prefix) {
        findings.push(not_an_org(host, domain));
        return host.to_string();
    }

    let (org_label, rest) = prefix
        .split_once('.')
        .map_or((prefix, ""), |(label, rest)| (label, rest));
    let org_host = match org_label
        .strip_suffix("-admin")
        .filter(|org| !org.is_empty())
    {
        Some(org) => {
            let org_host = [org, rest, domain]
                .iter()
                .filter(|part| !part.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(".");
            findings.push(Finding::guessed(
                "input.admin_host",
                format!("{host} is the Okta Admin Console address, not the org address."),
                format!("The Admin Console adds -admin to the org name. The issuer uses the org address {org_host}, without -admin."),
            ));
            org_host
        }
        None => host.to_string(),
    };

    findings.push(describe_okta_org(&org_host, domain, okta));
    org_host
}

fn not_an_org(host: &str, domain: &str) -> Finding {
    Finding::rejected(
        "input.okta_domain",
        format!("{host} is one of Okta's own sites, not a client's org address."),
        format!(
            "An Okta org address has the org name before {domain}, such as https://example-org.{domain}. Ask the client for the Issuer URI listed under Security > API > Authorization Servers in its Okta Admin Console."
        ),
    )
}

fn describe_okta_org(org_host: &str, domain: &str, okta: OktaHost) -> Finding {
    let org_label = org_host.split('.').next().unwrap_or_default();
    match okta {
        OktaHost::Preview => Finding::advice(
            "input.okta_domain",
            format!("{org_host} is an Okta preview org, which is a sandbox."),
            "Preview orgs on oktapreview.com are sandboxes for testing Okta releases; staff normally sign in to the production org on okta.com. Confirm with the client that the preview (sandbox) org is the one to use.",
        ),
        OktaHost::Production if is_numbered(org_label, "dev-") => Finding::advice(
            "input.okta_domain",
            format!("{org_host} is an Okta Developer Edition org."),
            "Developer Edition orgs are meant for building and testing. Confirm with the client that this is the org its staff sign in to.",
        ),
        OktaHost::Production if is_numbered(org_label, "trial-") => Finding::advice(
            "input.okta_domain",
            format!("{org_host} is an Okta trial org."),
            "Trial orgs expire, and sign-in stops working when they do. Confirm with the client that this is the org its staff sign in to.",
        ),
        OktaHost::Government => Finding::note(
            "input.okta_domain",
            format!("{org_host} is an Okta for Government org on {domain}."),
        ),
        _ => Finding::note(
            "input.okta_domain",
            format!("{org_host} is an Okta production org on {domain}."),
        ),
    }
}

/// Matches Okta's generated org names such as `dev-12345678`.
fn is_numbered(label: &str, prefix: &str) -> bool {
    label
        .strip_prefix(prefix)
        .is_some_and(|number| !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_cases() {
        #[rustfmt::skip]
        let cases = [
            ("example.okta.com", Some(OktaHost::Production)),
            ("okta.com", Some(OktaHost::Production)),
            ("example.okta-emea.com", Some(OktaHost::Production)),
            ("example.oktapreview.com", Some(OktaHost::Preview)),
            ("example.okta-gov.com", Some(OktaHost::Government)),
            ("example.okta.mil", Some(OktaHost::Government)),
            ("a.b.okta.com", Some(OktaHost::Production)),
            ("notokta.com", None),
            ("evilokta.com", None),
            ("okta.com.evil.test", None),
            ("example.okta.com.evil.test", None),
            ("example.oktapreview.com.evil.test", None),
            ("okta.co", None),
            ("login.example.test", None),
            ("okta-emea.com.example.test", None),
            ("fakeokta.mil", None),
        ];
        for (host, expected) in cases {
            assert_eq!(
                classify(host).map(|(_, okta)| okta),
                expected,
                "host {host:?}"
            );
        }
    }

    #[test]
    fn dns_problem_cases() {
        let long_label = "a".repeat(64);
        let long_name = ["a", "b", "c", "d", "e"]
            .map(|letter| letter.repeat(60))
            .join(".");
        #[rustfmt::skip]
        let cases: Vec<(String, Option<&str>)> = vec![
            ("example.okta.com".into(), None),
            ("xn--80ak6aa92e.test".into(), None),
            ("a-b.test".into(), None),
            ("my_org.okta.com".into(), Some("underscore")),
            ("a..b.test".into(), Some("two dots")),
            ("-a.test".into(), Some("hyphen")),
            ("a-.test".into(), Some("hyphen")),
            (format!("{long_label}.test"), Some("63")),
            (long_name, Some("253")),
            ("a*b.test".into(), Some("\"*\"")),
        ];
        for (domain, expected) in cases {
            let problem = dns_problem(&domain);
            match expected {
                None => assert_eq!(problem, None, "domain {domain:?}"),
                Some(word) => {
                    let problem =
                        problem.unwrap_or_else(|| panic!("no problem found in {domain:?}"));
                    assert!(
                        problem.contains(word),
                        "problem {problem:?} of {domain:?} lacks {word:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn examine_cases() {
        // (typed, name, okta, valid, is_ip, is_loopback)
        #[rustfmt::skip]
        let cases = [
            ("example.okta.com", "example.okta.com", OktaHost::Production, true, false, false),
            ("Example.OKTA.com", "example.okta.com", OktaHost::Production, true, false, false),
            ("example.okta.com.", "example.okta.com", OktaHost::Production, true, false, false),
            ("example-org-admin.okta.com", "example-org.okta.com", OktaHost::Production, true, false, false),
            ("example-admin.oktapreview.com", "example.oktapreview.com", OktaHost::Preview, true, false, false),
            ("sso-admin.example.test", "sso-admin.example.test", OktaHost::Other, true, false, false),
            ("127.0.0.1", "127.0.0.1", OktaHost::Other, true, true, true),
            ("10.0.0.5", "10.0.0.5", OktaHost::Other, true, true, false),
            ("[::1]", "[::1]", OktaHost::Other, true, true, true),
            ("[::ffff:127.0.0.1]", "[::ffff:7f00:1]", OktaHost::Other, true, true, true),
            ("[::ffff:7f00:1]", "[::ffff:7f00:1]", OktaHost::Other, true, true, true),
            ("localhost", "localhost", OktaHost::Other, true, false, true),
            ("idp.localhost", "idp.localhost", OktaHost::Other, true, false, true),
            ("bücher.example.test", "xn--bcher-kva.example.test", OktaHost::Other, true, false, false),
            ("my_org.okta.com", "my_org.okta.com", OktaHost::Production, false, false, false),
            ("oktaorg", "oktaorg", OktaHost::Other, false, false, false),
            ("", "", OktaHost::Other, false, false, false),
            ("::1", "::1", OktaHost::Other, false, false, false),
        ];
        for (typed, name, okta, valid, is_ip, is_loopback) in cases {
            let mut findings = Vec::new();
            let host = examine(typed, &mut findings);
            assert_eq!(host.name, name, "name of {typed:?}");
            assert_eq!(host.okta, okta, "okta of {typed:?}");
            assert_eq!(host.valid, valid, "valid of {typed:?}");
            assert_eq!(host.is_ip, is_ip, "is_ip of {typed:?}");
            assert_eq!(host.is_loopback, is_loopback, "is_loopback of {typed:?}");
        }
    }

    #[test]
    fn okta_org_findings() {
        // (host, id, status)
        use crate::issuer::Status::{Fail, Pass, Warn};
        #[rustfmt::skip]
        let cases = [
            ("example.okta.com", "input.okta_domain", Pass),
            ("example.okta-gov.com", "input.okta_domain", Pass),
            ("example.oktapreview.com", "input.okta_domain", Warn),
            ("dev-12345678.okta.com", "input.okta_domain", Warn),
            ("trial-1234567.okta.com", "input.okta_domain", Warn),
            ("dev-team.okta.com", "input.okta_domain", Pass),
            ("okta.com", "input.okta_domain", Fail),
            ("www.okta.com", "input.okta_domain", Fail),
            ("developer.okta.com", "input.okta_domain", Fail),
            ("example-admin.okta.com", "input.admin_host", Fail),
            ("login.example.test", "input.okta_domain", Pass),
        ];
        for (host, id, status) in cases {
            let mut findings = Vec::new();
            examine(host, &mut findings);
            let found = findings.iter().find(|finding| finding.check.id == id);
            let found = found.unwrap_or_else(|| panic!("no {id} for {host:?}: {findings:?}"));
            assert_eq!(found.check.status, status, "status of {id} for {host:?}");
        }
    }
}
