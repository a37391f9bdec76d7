//! Offline diagnosis of an issuer URL as a client typed or pasted it.
//!
//! Nothing here touches the network. The raw text is cleaned first (quotes,
//! whitespace, placeholders), then split into scheme, host, port and path by
//! hand so that mistakes the `url` crate would silently repair (an explicit
//! `:443`, `https:/host`, doubled slashes) can still be explained. The host
//! goes through `url::Host::parse`, and the finished issuer through
//! `url::Url::parse`.
//!
//! Every finding is a [`Check`] with one of these stable ids:
//!
//! | id | meaning |
//! | --- | --- |
//! | `input.empty` | fail: nothing was given |
//! | `input.length` | fail: the input is far longer than any issuer URL |
//! | `input.whitespace` | warn: spaces, line breaks or invisible characters around the URL were removed |
//! | `input.quotes` | warn: quotes, angle brackets or a Markdown link `[url](url)` around the URL were removed; fail: quotes inside it |
//! | `input.punctuation` | warn: a `.`, `,` or `;` after the URL was removed |
//! | `input.control_chars` | fail: control characters in the URL (nothing is suggested), or invisible characters inside it |
//! | `input.spaces` | fail: spaces or line breaks inside the URL |
//! | `input.placeholder` | fail: a template placeholder such as `{yourOktaDomain}` |
//! | `input.syntax` | fail: backslashes, text that is not a URL, or characters a URL cannot hold |
//! | `input.scheme` | pass: `https://`; warn: a missing scheme, `https://` added; fail: `http://`, another scheme or a malformed `https:/` |
//! | `input.userinfo` | fail: a user name or password before the host |
//! | `input.host` | fail: an empty or invalid host name, or one without a domain |
//! | `input.trailing_dot` | warn: a trailing dot on the host name was removed |
//! | `input.idn` | warn: a non-ASCII host name, written in its `xn--` form |
//! | `input.case` | warn: capital letters in the scheme or host were lowercased |
//! | `input.okta_domain` | pass: which Okta domain the host is on, or that it is a custom domain or IP address; warn: a preview (sandbox), developer or trial org; fail: one of Okta's own sites |
//! | `input.admin_host` | fail: the Okta Admin Console address (`-admin`) instead of the org address |
//! | `input.port` | warn: an explicit `:443` or empty port was removed, or a custom domain names a port; pass: a port on an IP address or `localhost`; fail: a port on an Okta domain or an invalid port |
//! | `input.query` | fail: a query string (`?…`); warn: a `client_id` query on a pasted discovery address, cut off with it |
//! | `input.fragment` | fail: a fragment (`#…`) |
//! | `input.double_slash` | warn: doubled slashes inside the path were collapsed |
//! | `input.trailing_slash` | warn: a slash at the end was removed |
//! | `input.well_known` | warn: a pasted discovery document URL was cut back to the issuer; fail: another `/.well-known/` address |
//! | `input.endpoint` | fail: an endpoint URL (`/v1/authorize`, `/api/v1/…`); warn: a non-Okta path that ends like an endpoint |
//! | `input.oauth2_path` | fail: `/oauth2` without a server id, `/oauth2/v1`, or `/oauth2` twice |
//! | `input.server_id` | warn: an authorization server id that is neither `default` nor `aus…`; fail: a client ID in its place |
//! | `input.path` | fail: extra segments after `/oauth2/{id}`, `.` or `..` segments, a second URL inside the path, or another path on an Okta host |
//! | `input.server_type` | pass: org authorization server, custom authorization server, or another kind of issuer |
//!
//! A check that corrected the input safely is a warning and states the
//! corrected issuer. A check whose correction is only a guess fails and
//! suggests the guess, which is never used as the issuer.

mod authority;
mod host;
mod masking;
mod path;
mod raw;

use serde::Serialize;
use url::Url;

use super::{Check, ServerType, Status};
use host::HostInfo;
pub use masking::mask_credentials;
use path::PathInfo;

/// Okta domain family of an issuer host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OktaHost {
    /// A production org on `okta.com` or `okta-emea.com`.
    Production,
    /// A preview (sandbox) org on `oktapreview.com`.
    Preview,
    /// An Okta for Government org on `okta-gov.com` or `okta.mil`.
    Government,
    /// A custom domain, an IP address, or a host that is not Okta's.
    Other,
}

/// Result of diagnosing an issuer URL as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    /// Issuer to fetch, after safe corrections. `None` when any check failed,
    /// because then nothing may be fetched on the client's behalf.
    pub issuer: Option<String>,
    /// Best guess at the intended issuer when a check failed and a guess is
    /// possible. Shown to the user, never fetched.
    pub suggestion: Option<String>,
    /// Shape of the issuer (or of the suggestion), or `Other` when unusable.
    pub server_type: ServerType,
    /// True when the input ended in `/` right after the issuer. The slash is
    /// not part of `issuer`. The discovery document shows whether the server
    /// publishes it.
    pub trailing_slash: bool,
    /// `https://host[:port]` of the org, with an `-admin` host corrected, for
    /// suggesting the org authorization server. `None` without a valid host.
    pub org_origin: Option<String>,
    pub okta_host: OktaHost,
    pub checks: Vec<Check>,
}

/// Diagnoses an issuer URL as typed, without any network access.
pub fn diagnose(input: &str) -> Diagnosis {
    let mut findings = Vec::new();
    let issuer = analyse(input, &mut findings);
    finish(issuer, findings)
}

/// Effect of a finding on the issuer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fix {
    /// Nothing to change: a note or a piece of advice.
    None,
    /// The input was corrected safely, and the message states the corrected
    /// issuer.
    Applied,
    /// The intended issuer can only be guessed, and the hint suggests the
    /// guess.
    Suggested,
    /// No issuer can be derived from the input.
    Impossible,
}

/// A check before the final issuer is known: rendering adds the corrected or
/// suggested issuer to it.
#[derive(Debug, Clone)]
struct Finding {
    check: Check,
    fix: Fix,
}

impl Finding {
    fn note(id: &'static str, message: impl Into<String>) -> Self {
        Finding {
            check: Check::pass(id, message),
            fix: Fix::None,
        }
    }

    fn advice(id: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Finding {
            check: Check::warn(id, message, hint),
            fix: Fix::None,
        }
    }

    fn corrected(id: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Finding {
            check: Check::warn(id, message, hint),
            fix: Fix::Applied,
        }
    }

    fn guessed(id: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Finding {
            check: Check::fail(id, message, hint),
            fix: Fix::Suggested,
        }
    }

    fn rejected(id: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Finding {
            check: Check::fail(id, message, hint),
            fix: Fix::Impossible,
        }
    }

    /// Adds the final issuer to the message of a correction or to the hint of
    /// a guess.
    fn render(self, issuer: Option<&str>) -> Check {
        let mut check = self.check;
        let Some(issuer) = issuer else {
            return check;
        };

        match self.fix {
            Fix::Applied => check.message = format!("{} Corrected issuer: {issuer}", check.message),
            Fix::Suggested => {
                let hint = check.hint.take().unwrap_or_default();
                check.hint = Some(format!("{hint} Send this instead: {issuer}"));
            }
            Fix::None | Fix::Impossible => {}
        }
        check
    }
}

/// The issuer rebuilt from its cleaned parts.
#[derive(Debug)]
struct Candidate {
    host: HostInfo,
    port: Option<u16>,
    path: PathInfo,
}

impl Candidate {
    fn origin(&self) -> String {
        origin_of(&self.host.name, self.port)
    }

    fn issuer(&self) -> String {
        let mut issuer = self.origin();
        for segment in &self.path.segments {
            issuer.push('/');
            issuer.push_str(segment);
        }
        issuer
    }
}

fn origin_of(host: &str, port: Option<u16>) -> String {
    match port {
        Some(port) => format!("https://{host}:{port}"),
        None => format!("https://{host}"),
    }
}

/// Runs the stages in order. A stage returns `None` when nothing after it can
/// be judged, for example once a placeholder was found.
fn analyse(input: &str, findings: &mut Vec<Finding>) -> Option<Candidate> {
    let text = raw::clean(input, findings)?;
    let authority = authority::split(&text, findings)?;
    let host = host::examine(authority.host, findings);

    if authority.scheme_uppercase || host.uppercase {
        findings.push(Finding::corrected(
            "input.case",
            "Capital letters in the scheme or host name were lowercased.",
            "Scheme and host names are case-insensitive, and Okta publishes its issuers in lowercase.",
        ));
    }

    let port = authority::examine_port(authority.port, &host, findings);
    let origin = origin_of(&host.name, port);
    let path = path::examine(authority.rest, &host, &origin, findings);
    Some(Candidate { host, port, path })
}

/// Builds the diagnosis once every finding is known: the issuer is used only
/// when nothing failed, and suggested only when every failure has a guess.
fn finish(candidate: Option<Candidate>, mut findings: Vec<Finding>) -> Diagnosis {
    let built = candidate
        .as_ref()
        .map(|candidate| confirm_with_url(candidate, &mut findings));
    let failed = findings
        .iter()
        .any(|finding| finding.check.status == Status::Fail);
    let blocked = findings
        .iter()
        .any(|finding| finding.fix == Fix::Impossible);

    let issuer = if failed { None } else { built.clone() };
    let suggestion = if failed && !blocked { built } else { None };

    if issuer.is_some()
        && let Some(candidate) = &candidate
    {
        findings.push(server_type_note(candidate));
    }

    let best = issuer.as_deref().or(suggestion.as_deref());
    let checks = findings
        .into_iter()
        .map(|finding| finding.render(best))
        .collect();
    let usable = issuer.is_some() || suggestion.is_some();

    Diagnosis {
        server_type: match &candidate {
            Some(candidate) if usable => candidate.path.server_type,
            _ => ServerType::Other,
        },
        trailing_slash: candidate
            .as_ref()
            .is_some_and(|candidate| candidate.path.trailing_slash),
        org_origin: candidate
            .as_ref()
            .filter(|candidate| candidate.host.valid)
            .map(Candidate::origin),
        okta_host: candidate
            .as_ref()
            .map_or(OktaHost::Other, |candidate| candidate.host.okta),
        issuer,
        suggestion,
        checks,
    }
}

/// Parses the rebuilt issuer with the `url` crate, which catches anything the
/// hand-written stages let through. Characters the URL standard percent-encodes
/// (non-ASCII letters in the path, `|`, `^`) fail, with the encoded form
/// suggested, because an issuer has to match the published one byte for byte.
fn confirm_with_url(candidate: &Candidate, findings: &mut Vec<Finding>) -> String {
    let issuer = candidate.issuer();
    if !candidate.host.valid {
        return issuer;
    }

    match Url::parse(&issuer) {
        Err(error) => {
            findings.push(Finding::rejected(
                "input.syntax",
                format!("The issuer is not a valid URL ({error})."),
                "Copy the issuer again from the Okta Admin Console: Security > API > Authorization Servers lists it as Issuer URI.",
            ));
            issuer
        }
        Ok(url) => {
            let serialized = url.as_str().strip_suffix('/').unwrap_or(url.as_str());
            if serialized == issuer {
                return issuer;
            }
            findings.push(Finding::guessed(
                "input.syntax",
                "The path contains characters that are not allowed in a URL as typed.",
                "An issuer uses only letters, digits and a few punctuation marks in its path. Copy it again from the provider's settings.",
            ));
            serialized.to_string()
        }
    }
}

fn server_type_note(candidate: &Candidate) -> Finding {
    let on_okta = candidate.host.okta != OktaHost::Other;
    let message = match (candidate.path.server_type, on_okta) {
        (ServerType::OktaOrg, true) => "Okta org authorization server: the issuer is the org address itself.".to_string(),
        (ServerType::OktaOrg, false) => {
            "Shaped like an Okta org authorization server on a custom domain, or another provider's issuer.".to_string()
        }
        (ServerType::OktaCustom, true) => format!(
            "Okta custom authorization server with id {}.",
            candidate.path.server_id().unwrap_or_default()
        ),
        (ServerType::OktaCustom, false) => format!(
            "Shaped like an Okta custom authorization server (id {}) on a custom domain.",
            candidate.path.server_id().unwrap_or_default()
        ),
        (ServerType::Other, _) => {
            "Not shaped like an Okta issuer; this is expected only for other OpenID providers.".to_string()
        }
    };
    Finding::note("input.server_type", message)
}

/// Maximum length, in characters, of user text repeated in a message.
const ECHO_MAX_CHARS: usize = 120;

/// Makes user text safe to repeat on one line: control and invisible
/// characters are dropped and long text is cut short.
pub(crate) fn printable(text: &str) -> String {
    let visible: String = crate::text::one_line(text)
        .chars()
        .filter(|&c| !is_invisible(c))
        .collect();
    if visible.chars().count() <= ECHO_MAX_CHARS {
        return visible;
    }
    let cut: String = visible.chars().take(ECHO_MAX_CHARS).collect();
    format!("{cut}…")
}

/// Zero-width, bidirectional-override and other format characters that do
/// not show on screen but change what a URL means or how it reads.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Whitespace and invisible characters, which a paste can bring along at
/// either end of a value.
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Control and invisible characters that have no place inside a value.
pub(crate) fn is_hidden(c: char) -> bool {
    (c.is_control() && !c.is_whitespace()) || is_invisible(c)
}

/// Straight and typographic quote marks, including those that word
/// processors substitute for `"` and `'`.
pub(crate) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '`' | '\u{2018}'
            ..='\u{201F}'
                | '\u{00AB}'
                | '\u{00BB}'
                | '\u{2039}'
                | '\u{203A}'
                | '\u{FF02}'
                | '\u{FF07}'
    )
}

/// Matches Okta's generated object ids: a three-character prefix such as
/// `0oa` (app) or `aus` (authorization server) and 17 ASCII letters or digits.
pub(crate) fn is_okta_id(id: &str, prefix: &str) -> bool {
    id.len() == 20 && id.starts_with(prefix) && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Names characters by code point, so a message never carries them raw.
pub(crate) fn code_points(chars: impl IntoIterator<Item = char>) -> String {
    let mut seen = Vec::new();
    for c in chars {
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    let names: Vec<String> = seen
        .iter()
        .take(5)
        .map(|c| format!("U+{:04X}", *c as u32))
        .collect();
    names.join(", ")
}

#[cfg(test)]
mod tests;
