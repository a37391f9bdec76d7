//! Last stage of the input diagnosis: path, query and fragment. An Okta
//! issuer is either the bare org origin (org authorization server) or
//! `{origin}/oauth2/{server id}` (custom authorization server). This stage
//! cuts pasted discovery and endpoint URLs back to that shape and explains
//! every other path.

use super::host::HostInfo;
use super::{Finding, OktaHost, ServerType, is_okta_id, printable};

/// Discovery documents that live under `{issuer}/.well-known/`.
const DISCOVERY_DOCUMENTS: &[&str] = &["openid-configuration", "oauth-authorization-server"];

/// Last path segments that name an endpoint rather than an issuer.
const ENDPOINT_NAMES: &[&str] = &[
    "authorize",
    "token",
    "userinfo",
    "keys",
    "jwks",
    "jwks.json",
    "certs",
    "logout",
    "introspect",
    "revoke",
];

/// First path segments of pages in Okta's sign-in page, dashboard and Admin
/// Console, which people copy from the browser's address bar.
const OKTA_PAGES: &[&str] = &[
    "app", "admin", "login", "home", "enduser", "signin", "user", "sso", "auth",
];

/// The issuer path after corrections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PathInfo {
    pub segments: Vec<String>,
    pub server_type: ServerType,
    /// The input ended in `/` right after what is now the issuer.
    pub trailing_slash: bool,
}

impl PathInfo {
    /// Returns the authorization server id of an `/oauth2/{id}` issuer.
    pub fn server_id(&self) -> Option<&str> {
        match self.segments.as_slice() {
            [_, id] if self.server_type == ServerType::OktaCustom => Some(id),
            _ => None,
        }
    }
}

/// Examines everything after the host. `origin` is the corrected
/// `https://host[:port]`, used in hints.
pub(super) fn examine(
    rest: &str,
    host: &HostInfo,
    origin: &str,
    findings: &mut Vec<Finding>,
) -> PathInfo {
    let path_end = rest.find(['?', '#']).unwrap_or(rest.len());
    let (path, after_path) = rest.split_at(path_end);
    let path = cut_nested_url(path, origin, findings);

    let typed = split_segments(path, findings);
    examine_query_and_fragment(after_path, is_discovery_address(&typed.segments), findings);
    if typed
        .segments
        .iter()
        .any(|segment| segment == "." || segment == "..")
    {
        findings.push(Finding::rejected(
            "input.path",
            "The path contains \".\" or \"..\" segments.",
            valid_forms(origin),
        ));
    }

    let discovery = cut_discovery(typed.segments.clone(), origin, findings);
    let segments = judge_shape(discovery, host, origin, findings);

    // The slash belongs to the issuer only when nothing after it was cut.
    let trailing_slash = typed.trailing_slash && segments == typed.segments;
    if trailing_slash {
        findings.push(Finding::corrected(
            "input.trailing_slash",
            "The slash at the end of the URL was removed.",
            "Okta issuers never end in /. Send the issuer without the final slash.",
        ));
    }

    let server_type = match segments.as_slice() {
        [] => ServerType::OktaOrg,
        [oauth2, _] if oauth2 == "oauth2" => ServerType::OktaCustom,
        _ => ServerType::Other,
    };
    PathInfo {
        segments,
        server_type,
        trailing_slash,
    }
}

/// Returns true when the path names a discovery document under `/.well-known/`.
fn is_discovery_address(segments: &[String]) -> bool {
    segments.windows(2).any(|pair| {
        pair[0].eq_ignore_ascii_case(".well-known")
            && DISCOVERY_DOCUMENTS.contains(&pair[1].to_ascii_lowercase().as_str())
    })
}

/// Judges the query and fragment. On a pasted discovery document address, a
/// query made only of `client_id` parameters belongs to that address (Okta
/// documents `?client_id=` for the per-client document), so it is cut off
/// with `/.well-known/…` instead of failing the input.
fn examine_query_and_fragment(after_path: &str, discovery: bool, findings: &mut Vec<Finding>) {
    let (query, fragment) = match after_path.split_once('#') {
        Some((query, fragment)) => (query, Some(fragment)),
        None => (after_path, None),
    };

    let client_id_query = query.strip_prefix('?').is_some_and(|query| {
        !query.is_empty() && query.split('&').all(|pair| pair.split('=').next() == Some("client_id"))
    });
    if discovery && client_id_query {
        findings.push(Finding::corrected(
            "input.query",
            "The discovery document address carried a client_id query string, which was cut off with it.",
            "Send the issuer alone: it has no query string and no /.well-known/ part.",
        ));
    } else if let Some(query) = query.strip_prefix('?') {
        // Only parameter names are repeated: values can be codes or tokens.
        let names: Vec<String> = query
            .split('&')
            .filter_map(|pair| pair.split('=').next())
            .filter(|name| !name.is_empty())
            .take(5)
            .map(printable)
            .collect();
        let message = if names.is_empty() {
            "The URL ends with a query string (?).".to_string()
        } else {
            format!(
                "The URL contains a query string with the parameters {}.",
                names.join(", ")
            )
        };
        findings.push(Finding::guessed(
            "input.query",
            message,
            "An issuer has no query string: leave out the ? and everything after it.",
        ));
    }

    if fragment.is_some() {
        findings.push(Finding::guessed(
            "input.fragment",
            "The URL contains a fragment (#).",
            "An issuer has no fragment: leave out the # and everything after it.",
        ));
    }
}

/// Path segments as typed.
#[derive(Debug, PartialEq, Eq)]
struct TypedPath {
    segments: Vec<String>,
    trailing_slash: bool,
}

/// Splits the path into segments. Doubled slashes are collapsed with a
/// warning: they come from joining a base URL that ends in `/` to a path that
/// starts with one, and no Okta issuer path has an empty segment.
/// Handles a second URL inside the path, as when a base URL is joined to a
/// full issuer (`https://host/https://host/oauth2/default`). On the same
/// origin the path of the inner URL is kept. On another origin nothing is
/// kept, because either address could be the intended one.
fn cut_nested_url<'a>(path: &'a str, origin: &str, findings: &mut Vec<Finding>) -> &'a str {
    let Some(separator) = path.find("://") else {
        return path;
    };
    let start = path[..separator].rfind('/').map_or(0, |slash| slash + 1);
    let scheme = &path[start..separator];
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return path;
    }

    let inner = &path[start..];
    let host_end = inner[separator - start + 3..]
        .find('/')
        .map_or(inner.len(), |slash| separator - start + 3 + slash);
    let (inner_origin, inner_path) = inner.split_at(host_end);
    let shown_inner = printable(inner);
    if !inner_origin.eq_ignore_ascii_case(origin) {
        findings.push(Finding::rejected(
            "input.path",
            format!("The path contains a second URL, {shown_inner}."),
            format!(
                "The value holds two addresses, {origin} and {shown_inner}. Ask the client which one is \
                 their issuer."
            ),
        ));
        return "";
    }

    findings.push(Finding::guessed(
        "input.path",
        format!("The path contains the address {origin} a second time."),
        "The address was probably joined twice, as when a base URL is put in front of a full issuer URL. \
         The issuer is the inner URL alone.",
    ));
    inner_path
}

fn split_segments(path: &str, findings: &mut Vec<Finding>) -> TypedPath {
    let trailing_slash = path.ends_with('/');
    let inner = path.strip_prefix('/').unwrap_or(path);
    let inner = inner.strip_suffix('/').unwrap_or(inner);

    let pieces: Vec<&str> = if inner.is_empty() {
        Vec::new()
    } else {
        inner.split('/').collect()
    };
    let doubled = path.starts_with("//")
        || pieces.iter().any(|piece| piece.is_empty())
        || inner.ends_with('/');
    if doubled {
        findings.push(Finding::corrected(
            "input.double_slash",
            "Doubled slashes (//) in the path were collapsed to one.",
            "An issuer path has single slashes between its parts, as in /oauth2/default, never doubled slashes (//).",
        ));
    }

    let segments = pieces
        .into_iter()
        .filter(|piece| !piece.is_empty())
        .map(str::to_string)
        .collect();
    TypedPath {
        segments,
        trailing_slash,
    }
}

/// Cuts a pasted discovery document URL back to its issuer. Besides the
/// usual `{issuer}/.well-known/…`, RFC 8414 also puts the document between
/// origin and issuer path (`/.well-known/oauth-authorization-server/oauth2/x`).
fn cut_discovery(segments: Vec<String>, origin: &str, findings: &mut Vec<Finding>) -> Vec<String> {
    let Some(index) = segments
        .iter()
        .position(|segment| segment.eq_ignore_ascii_case(".well-known"))
    else {
        return segments;
    };
    let document = segments
        .get(index + 1)
        .map(|document| document.to_ascii_lowercase());
    let known = document
        .as_deref()
        .is_some_and(|document| DISCOVERY_DOCUMENTS.contains(&document));

    if !known {
        let document_path =
            document.map_or_else(String::new, |document| format!("/{}", printable(&document)));
        findings.push(Finding::guessed(
            "input.well_known",
            format!("The URL points to /.well-known{document_path}, which is not the issuer."),
            format!(
                "The issuer is the part before /.well-known/. {}",
                valid_forms(origin)
            ),
        ));
        return segments[..index].to_vec();
    }

    let document = document.unwrap_or_default();
    findings.push(Finding::corrected(
        "input.well_known",
        format!("The URL is the discovery document address; /.well-known/{document} was cut off."),
        format!("Send the issuer, which is the discovery document address without /.well-known/{document}."),
    ));

    let (before, after) = (&segments[..index], &segments[index + 2..]);
    if before.is_empty() {
        return after.to_vec();
    }
    if !after.is_empty() {
        findings.push(Finding::guessed(
            "input.path",
            "The URL continues after the discovery document name.",
            "The issuer is the part before /.well-known/.",
        ));
    }
    before.to_vec()
}

/// Judges the issuer path and returns the segments to use.
fn judge_shape(
    segments: Vec<String>,
    host: &HostInfo,
    origin: &str,
    findings: &mut Vec<Finding>,
) -> Vec<String> {
    let first = segments.first().map(|segment| segment.to_ascii_lowercase());
    let second = segments.get(1).map(|segment| segment.to_ascii_lowercase());

    if let Some(id) = named_server_id(&segments) {
        return report_server_page(&segments, id, origin, findings);
    }

    match (first.as_deref(), second.as_deref()) {
        (None, _) => segments,
        (Some("v1"), _) => cut_endpoint(&segments, 0, findings),
        (Some("api"), Some("v1")) => {
            findings.push(Finding::guessed(
                "input.endpoint",
                "The URL is an Okta management API address (/api/v1/…), not an issuer.",
                format!(
                    "The org authorization server's issuer is the org address {origin}. {}",
                    valid_forms(origin)
                ),
            ));
            Vec::new()
        }
        (Some("oauth2"), _) => judge_oauth2(segments, host, origin, findings),
        _ if host.okta != OktaHost::Other => {
            judge_okta_page(&segments, origin, findings);
            Vec::new()
        }
        _ => {
            warn_endpoint_like(&segments, findings);
            segments
        }
    }
}

/// Returns the authorization server id named by an Admin Console page
/// (`/admin/oauth2/as/{id}`) or a management API address
/// (`/api/v1/authorizationServers/{id}`), with anything after it.
fn named_server_id(segments: &[String]) -> Option<&str> {
    let prefixes: [&[&str]; 2] = [&["admin", "oauth2", "as"], &["api", "v1", "authorizationservers"]];
    let prefix = prefixes.into_iter().find(|prefix| {
        segments.len() > prefix.len()
            && prefix
                .iter()
                .zip(segments)
                .all(|(expected, segment)| segment.eq_ignore_ascii_case(expected))
    })?;
    Some(segments[prefix.len()].as_str())
}

/// Reports a page or API address about one authorization server and
/// returns that server's issuer path as the suggestion.
fn report_server_page(segments: &[String], id: &str, origin: &str, findings: &mut Vec<Finding>) -> Vec<String> {
    let path = printable(&format!("/{}", segments.join("/")));
    let shown_id = printable(id);
    let (check_id, kind) = if segments[0].eq_ignore_ascii_case("admin") {
        ("input.path", "an Okta Admin Console page")
    } else {
        ("input.endpoint", "an Okta management API address")
    };
    findings.push(Finding::guessed(
        check_id,
        format!("The URL is {kind} ({path}), not an issuer."),
        format!(
            "This is {kind} for the authorization server {shown_id}, not its issuer. The issuer of that \
             authorization server is {origin}/oauth2/{shown_id}; the Admin Console lists it as Issuer URI \
             under Security > API > Authorization Servers."
        ),
    ));
    vec!["oauth2".to_string(), id.to_string()]
}

/// Judges a path that starts with `/oauth2`.
fn judge_oauth2(
    segments: Vec<String>,
    host: &HostInfo,
    origin: &str,
    findings: &mut Vec<Finding>,
) -> Vec<String> {
    let segments = normalize_oauth2(segments, origin, findings);
    let Some(id) = segments.get(1).cloned() else {
        findings.push(Finding::rejected(
            "input.oauth2_path",
            "The path ends at /oauth2 without an authorization server id.",
            valid_forms(origin),
        ));
        return segments;
    };

    if id.eq_ignore_ascii_case("v1") {
        return judge_org_prefix(&segments, origin, findings);
    }
    check_server_id(&id, host, origin, findings);

    match segments.get(2) {
        None => segments,
        Some(next) if next.eq_ignore_ascii_case("v1") => cut_endpoint(&segments, 2, findings),
        Some(_) => {
            findings.push(Finding::guessed(
                "input.path",
                format!("The path continues after /oauth2/{}.", printable(&id)),
                format!(
                    "The issuer ends with the authorization server id: {origin}/oauth2/{}.",
                    printable(&id)
                ),
            ));
            segments[..2].to_vec()
        }
    }
}

/// Lowercases the `oauth2` segment and drops a doubled `/oauth2` prefix,
/// keeping the part after its last occurrence.
fn normalize_oauth2(
    mut segments: Vec<String>,
    origin: &str,
    findings: &mut Vec<Finding>,
) -> Vec<String> {
    if segments[0] != "oauth2" {
        findings.push(Finding::guessed(
            "input.path",
            format!(
                "The path starts with /{} instead of /oauth2.",
                printable(&segments[0])
            ),
            "Paths are case-sensitive; Okta issuers use /oauth2 in lowercase.",
        ));
        segments[0] = "oauth2".to_string();
    }

    let last_oauth2 = segments
        .iter()
        .rposition(|segment| segment.eq_ignore_ascii_case("oauth2"))
        .unwrap_or(0);
    if last_oauth2 > 0 {
        findings.push(Finding::guessed(
            "input.oauth2_path",
            "The path contains /oauth2 twice.",
            format!(
                "A base URL and a path were probably joined twice. {}",
                valid_forms(origin)
            ),
        ));
        segments.drain(..last_oauth2);
        segments[0] = "oauth2".to_string();
    }
    segments
}

/// `/oauth2/v1` is where the org authorization server's endpoints live; the
/// org server's issuer is the bare origin.
fn judge_org_prefix(segments: &[String], origin: &str, findings: &mut Vec<Finding>) -> Vec<String> {
    // The org server's endpoints sit under /oauth2/v1, but its issuer is the
    // bare origin, not /oauth2.
    if segments.len() > 2 {
        report_endpoint(segments, 1, findings);
        return Vec::new();
    }
    findings.push(Finding::guessed(
        "input.oauth2_path",
        "/oauth2/v1 is the prefix of the org authorization server's endpoints, not an issuer.",
        format!(
            "The org authorization server's issuer is the org address alone. {}",
            valid_forms(origin)
        ),
    ));
    Vec::new()
}

/// Okta generates custom authorization server ids as `aus` plus 17 letters
/// or digits, and names the server it creates itself `default`.
fn check_server_id(id: &str, host: &HostInfo, origin: &str, findings: &mut Vec<Finding>) {
    let printable_id = printable(id);
    if is_okta_id(id, "0oa") {
        findings.push(Finding::rejected(
            "input.server_id",
            format!("{printable_id} is a client ID, not an authorization server id."),
            format!(
                "The app's client ID goes in the client ID field. {}",
                valid_forms(origin)
            ),
        ));
        return;
    }

    let usual = id == "default" || is_okta_id(id, "aus");
    if usual || host.okta == OktaHost::Other {
        return;
    }
    findings.push(Finding::advice(
        "input.server_id",
        format!("The authorization server id {printable_id} is neither default nor an Okta-generated id (aus followed by 17 letters or digits)."),
        "Confirm the Issuer URI in the Okta Admin Console under Security > API > Authorization Servers; ids are case-sensitive.",
    ));
}

/// Reports an endpoint URL whose `v1` segment is at `v1_index` and returns
/// the issuer segments before it.
fn cut_endpoint(segments: &[String], v1_index: usize, findings: &mut Vec<Finding>) -> Vec<String> {
    report_endpoint(segments, v1_index, findings);
    segments[..v1_index].to_vec()
}

/// Reports an endpoint URL. The hint repeats the endpoint's name and path
/// because support staff read and search the hint on its own.
fn report_endpoint(segments: &[String], v1_index: usize, findings: &mut Vec<Finding>) {
    let endpoint = printable(&segments[v1_index..].join("/"));
    let name = segments
        .get(v1_index + 1)
        .map_or("endpoint prefix", |name| describe_endpoint(name));
    findings.push(Finding::guessed(
        "input.endpoint",
        format!("The URL is the {name} (/{endpoint}), not the issuer."),
        format!(
            "This is the address of the {name} (/{endpoint}), not the issuer. Okta endpoint addresses \
             end in /v1/…; the issuer is the part before /v1/."
        ),
    ));
}

fn describe_endpoint(name: &str) -> &'static str {
    match name.to_ascii_lowercase().as_str() {
        "authorize" => "authorization endpoint",
        "token" => "token endpoint",
        "keys" => "signing key (JWKS) endpoint",
        "userinfo" => "userinfo endpoint",
        "logout" => "sign-out endpoint",
        "introspect" => "token introspection endpoint",
        "revoke" => "token revocation endpoint",
        "clients" => "client registration endpoint",
        "device" => "device authorization endpoint",
        "par" => "pushed authorization request endpoint",
        _ => "address of an endpoint",
    }
}

fn judge_okta_page(segments: &[String], origin: &str, findings: &mut Vec<Finding>) {
    let path = printable(&format!("/{}", segments.join("/")));
    let is_page = OKTA_PAGES.contains(&segments[0].to_ascii_lowercase().as_str());
    let message = if is_page {
        format!("The URL is an Okta web page ({path}), not an issuer.")
    } else {
        format!("The path {path} is not an Okta issuer path.")
    };
    findings.push(Finding::guessed("input.path", message, valid_forms(origin)));
}

/// Warns about a path on a non-Okta host that ends like an endpoint. Other
/// providers shape their issuers freely, so this is advice, not a failure.
fn warn_endpoint_like(segments: &[String], findings: &mut Vec<Finding>) {
    let Some(last) = segments.last() else {
        return;
    };
    if !ENDPOINT_NAMES.contains(&last.to_ascii_lowercase().as_str()) {
        return;
    }
    findings.push(Finding::advice(
        "input.endpoint",
        format!("The path ends in /{}, which looks like an endpoint rather than an issuer.", printable(last)),
        "The issuer is the value named issuer in the provider's discovery document. Confirm it with the client.",
    ));
}

/// Hint naming the two valid shapes of an Okta issuer on this origin.
fn valid_forms(origin: &str) -> String {
    format!(
        "An Okta issuer has one of two forms: the org address alone, {origin}, for the org authorization server, or {origin}/oauth2/{{server id}}, such as {origin}/oauth2/default, for a custom authorization server. The Okta Admin Console lists each Issuer URI under Security > API > Authorization Servers."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_segments_cases() {
        // (path, segments, trailing slash, doubled slashes reported)
        #[rustfmt::skip]
        let cases: &[(&str, &[&str], bool, bool)] = &[
            ("", &[], false, false),
            ("/", &[], true, false),
            ("/oauth2/default", &["oauth2", "default"], false, false),
            ("/oauth2/default/", &["oauth2", "default"], true, false),
            ("//oauth2/default", &["oauth2", "default"], false, true),
            ("/oauth2//default", &["oauth2", "default"], false, true),
            ("/oauth2/default//", &["oauth2", "default"], true, true),
            ("//", &[], true, true),
        ];
        for (path, segments, trailing, doubled) in cases {
            let mut findings = Vec::new();
            let typed = split_segments(path, &mut findings);
            assert_eq!(typed.segments, *segments, "segments of {path:?}");
            assert_eq!(
                typed.trailing_slash, *trailing,
                "trailing slash of {path:?}"
            );
            let reported = findings
                .iter()
                .any(|finding| finding.check.id == "input.double_slash");
            assert_eq!(reported, *doubled, "doubled slashes in {path:?}");
        }
    }

    #[test]
    fn okta_id_cases() {
        #[rustfmt::skip]
        let cases = [
            ("aus1a2b3c4d5e6f7g8h9", "aus", true),
            ("0oa1a2b3c4d5e6f7g8h9", "0oa", true),
            ("aus1a2b3c4d5e6f7g8h", "aus", false),
            ("aus1a2b3c4d5e6f7g8h9x", "aus", false),
            ("aus1a2b3c4d5e6f7g8-9", "aus", false),
            ("0oa1a2b3c4d5e6f7g8h9", "aus", false),
            ("default", "aus", false),
        ];
        for (id, prefix, expected) in cases {
            assert_eq!(
                is_okta_id(id, prefix),
                expected,
                "id {id:?} with prefix {prefix:?}"
            );
        }
    }

    #[test]
    fn valid_forms_names_both_forms() {
        let hint = valid_forms("https://example.okta.com");
        assert!(
            hint.contains("https://example.okta.com, for the org authorization server"),
            "{hint}"
        );
        assert!(
            hint.contains("https://example.okta.com/oauth2/default"),
            "{hint}"
        );
        assert!(hint.contains("custom authorization server"), "{hint}");
    }
}
