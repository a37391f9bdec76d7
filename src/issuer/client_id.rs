//! Offline checks on the client IDs a tenant sent: the shape of an Okta
//! client ID, and the values people paste in its place (client secrets,
//! tokens, authorization server ids, user and group ids, URLs, template
//! placeholders).
//!
//! Check ids:
//!
//! | id | meaning |
//! | --- | --- |
//! | `client_id.missing` | fail: no client ID was given |
//! | `client_id.empty` | warn: an empty entry was ignored |
//! | `client_id.whitespace` | warn: spaces or line breaks around an ID were removed |
//! | `client_id.quotes` | warn: quotes around an ID were removed |
//! | `client_id.secret` | fail: a client secret or token; it is masked and left out of the IDs |
//! | `client_id.control_chars` | fail: control or invisible characters inside an ID |
//! | `client_id.url` | fail: a URL instead of an ID |
//! | `client_id.placeholder` | fail: a template placeholder such as `{clientId}`, or a masked or shortened ID (`0oa1b2…`, `0oa1b2***`) |
//! | `client_id.braces` | fail: braces or brackets around an ID, or a stray brace or bracket inside it |
//! | `client_id.list` | fail: several IDs in one value |
//! | `client_id.spaces` | fail: spaces inside an ID |
//! | `client_id.server_id` | fail: an authorization server id (`aus…`) |
//! | `client_id.user_id` | fail: a user id (`00u…`) |
//! | `client_id.group_id` | fail: a group id (`00g…`) |
//! | `client_id.format` | pass: the usual `0oa` shape; warn: a custom or mis-sized ID; fail: characters or a length Okta does not allow |
//! | `client_id.duplicate` | warn: the same ID was given more than once |

use super::Check;
use super::input::{code_points, is_blank, is_hidden, is_okta_id, is_quote, printable};

/// Client IDs after cleaning, and the checks on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIds {
    /// IDs with surrounding whitespace and quotes removed, in the order
    /// given. Empty entries and suspected secrets are left out, so a secret
    /// can never be stored or sent on as a client ID.
    pub ids: Vec<String>,
    pub checks: Vec<Check>,
}

/// Characters Okta accepts in a custom client ID besides ASCII letters and
/// digits.
const CUSTOM_ID_PUNCTUATION: &str = "$-_.+!*'(),";

/// Length range Okta accepts for a custom client ID.
const CUSTOM_ID_LENGTH: std::ops::RangeInclusive<usize> = 6..=100;

/// Hint sentence naming where the client finds its client ID.
const WHERE_TO_FIND: &str = "The Client ID is shown on the app's General tab in the Okta Admin Console and usually starts with 0oa.";

/// Checks each client ID and the list as a whole.
pub fn check_client_ids(ids: &[String]) -> ClientIds {
    let mut result = ClientIds {
        ids: Vec::new(),
        checks: Vec::new(),
    };
    let mut non_empty_count = 0;

    for (index, raw) in ids.iter().enumerate() {
        let position = index + 1;
        if raw.trim_matches(is_blank).trim_matches(is_quote).is_empty() {
            result.checks.push(Check::warn(
                "client_id.empty",
                format!("Client ID {position} is empty and was ignored."),
                "Leave out empty entries when listing client IDs.",
            ));
            continue;
        }

        non_empty_count += 1;
        if let Some(id) = check_one(raw, position, &mut result.checks) {
            result.ids.push(id);
        }
    }

    if non_empty_count == 0 {
        result.checks.push(Check::fail(
            "client_id.missing",
            "No client ID was given.",
            format!("At least one client ID is needed. {WHERE_TO_FIND}"),
        ));
    }
    report_duplicates(&result.ids, &mut result.checks);
    result
}

/// Checks one non-empty ID and returns it cleaned, or `None` when it must
/// not be kept.
fn check_one(raw: &str, position: usize, checks: &mut Vec<Check>) -> Option<String> {
    let trimmed = raw.trim_matches(is_blank);
    if trimmed.len() != raw.len() {
        checks.push(Check::warn(
            "client_id.whitespace",
            format!("Spaces or line breaks around client ID {position} were removed."),
            "Send client IDs without whitespace (spaces, tabs or line breaks) around them.",
        ));
    }

    let id = trimmed.trim_matches(is_quote).trim_matches(is_blank);
    if id.len() != trimmed.len() {
        checks.push(Check::warn(
            "client_id.quotes",
            format!("Quotes around client ID {position} were removed."),
            "Send client IDs without quote marks around them.",
        ));
    }

    // Hidden characters are removed before the secret check, so that one
    // inside a secret cannot get the secret kept.
    let hidden: Vec<char> = id.chars().filter(|&c| is_hidden(c)).collect();
    let visible: String = id.chars().filter(|&c| !is_hidden(c)).collect();
    let (unwrapped, _) = strip_wrapper(&visible);
    if looks_secret(&visible) || looks_secret(unwrapped) || contains_secret(&visible) {
        checks.push(secret_check(&visible, position));
        return None;
    }

    if !hidden.is_empty() {
        checks.push(Check::fail(
            "client_id.control_chars",
            format!("Client ID {} contains control or invisible characters ({}).", printable(&visible), code_points(hidden)),
            format!("These characters are invisible on screen but make the ID a different one. Copy the ID again as plain text. {WHERE_TO_FIND}"),
        ));
        return Some(visible);
    }

    checks.push(judge(id));
    Some(id.to_string())
}

/// Runs the checks for what an ID may be instead of a client ID. The first
/// that applies wins, and the format check is the default.
fn judge(id: &str) -> Check {
    let printable_id = printable(id);
    let rules: [fn(&str, &str) -> Option<Check>; 6] = [
        check_url,
        check_placeholder,
        check_braces,
        check_list,
        check_spaces,
        check_other_object,
    ];
    rules
        .iter()
        .find_map(|rule| rule(id, &printable_id))
        .unwrap_or_else(|| check_format(id, &printable_id))
}

fn secret_check(id: &str, position: usize) -> Check {
    let kind = if is_jwt(id) {
        "a token"
    } else {
        "a client secret"
    };
    Check::fail(
        "client_id.secret",
        format!(
            "Client ID {position} ({}, {} characters) looks like {kind}, not a client ID; it was left out.",
            mask(id),
            id.chars().count()
        ),
        format!(
            "Never send client secrets or tokens by email or in a ticket. Ask the client to rotate it in Okta (generate a new secret and deactivate this one) and to send only the client ID. {WHERE_TO_FIND}"
        ),
    )
}

/// Shows the first four characters of a suspected secret and hides the rest.
fn mask(secret: &str) -> String {
    let prefix: String = printable(secret).chars().take(4).collect();
    format!("{prefix}…")
}

/// Recognises client secrets and tokens. Okta client secrets are usually 40
/// or 64 characters of base64url text. An ID chosen by a person is rarely
/// that long, and it switches between letters, digits and symbols less often
/// than random text does. Random-looking text with both `-` and `_` counts as
/// a secret from 20 characters on.
// NOTE: the 0.4 switch ratio is an estimate from sample strings, not measured
// on real secrets. A random 40-character secret falls below it well under 1%
// of the time, and the all-classes test catches most of those.
fn looks_secret(id: &str) -> bool {
    if is_jwt(id) {
        return true;
    }

    let base64 = id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/' | '=' | '~' | '.'));
    if !base64 || is_okta_id(id, "0oa") {
        return false;
    }

    let length = id.len();
    let random = switch_ratio(id) >= 0.4;
    let all_classes = id.bytes().any(|b| b.is_ascii_uppercase())
        && id.bytes().any(|b| b.is_ascii_lowercase())
        && id.bytes().any(|b| b.is_ascii_digit());
    let mixed_symbols = id.contains('-') && id.contains('_');

    (length >= 40 && (random || all_classes))
        || (length >= 20 && mixed_symbols && random && all_classes)
}

/// Finds a secret pasted together with other text, as in
/// "client_secret: …" or "0oa…:…". URLs are left to the URL check, because
/// their query values, such as `state`, look random without being secrets.
fn contains_secret(value: &str) -> bool {
    if value.contains("://") {
        return false;
    }
    value
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | '=' | ',' | ';' | '"' | '\''))
        .any(looks_secret)
}

/// Share of neighbouring characters that differ in class (uppercase,
/// lowercase, digit, other). About 0.6 for random base64url text, and below
/// 0.4 for words joined by hyphens.
fn switch_ratio(text: &str) -> f64 {
    let class = |b: u8| match b {
        b'A'..=b'Z' => 0,
        b'a'..=b'z' => 1,
        b'0'..=b'9' => 2,
        _ => 3,
    };
    let bytes = text.as_bytes();
    if bytes.len() < 2 {
        return 0.0;
    }
    let switches = bytes
        .windows(2)
        .filter(|pair| class(pair[0]) != class(pair[1]))
        .count();
    switches as f64 / (bytes.len() - 1) as f64
}

/// Checks for a JSON Web Token: three base64url parts, the first an encoded
/// JSON object.
fn is_jwt(id: &str) -> bool {
    id.starts_with("eyJ") && id.split('.').count() == 3
}

fn check_url(id: &str, printable_id: &str) -> Option<Check> {
    let is_url =
        id.contains("://") || id.starts_with("www.") || (id.contains('/') && id.contains('.'));
    if !is_url {
        return None;
    }

    let parameter = id
        .split(['?', '&', '#'])
        .find_map(|pair| pair.strip_prefix("client_id="))
        .filter(|value| !value.is_empty());
    let found = match parameter {
        Some(value) => format!(
            " The URL contains client_id={}, which is probably the client ID.",
            printable(value)
        ),
        None => String::new(),
    };
    Some(Check::fail(
        "client_id.url",
        format!("Client ID {printable_id} is a URL, not a client ID."),
        format!(
            "The issuer and redirect URIs are URLs; the client ID is not.{found} {WHERE_TO_FIND}"
        ),
    ))
}

/// Whole values that serve as client ID placeholders in documentation and
/// templates, lowercased with everything but letters and digits removed.
const PLACEHOLDER_IDS: &[&str] = &[
    "clientid",
    "oktaclientid",
    "appclientid",
    "clientidhere",
    "appid",
    "id",
    "client",
];

fn check_placeholder(id: &str, printable_id: &str) -> Option<Check> {
    let (inner, wrapper) = strip_wrapper(id);
    let folded: String = inner
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let is_template = PLACEHOLDER_IDS.contains(&folded.as_str())
        || folded.starts_with("your")
        || (wrapper.is_some() && folded.contains("clientid"))
        || folded.contains("xxxxx");
    // A masked or shortened value, as a secret manager, a screenshot or a
    // mail shows it: part of a real ID with *** or ... in place of the rest.
    let is_masked = inner.contains("***") || inner.contains("...") || inner.contains('…');

    if is_template || (is_masked && folded.len() < 3) {
        let wrapped = wrapper.map(|name| format!(", a name in {name},")).unwrap_or_default();
        return Some(Check::fail(
            "client_id.placeholder",
            format!("Client ID {printable_id} is a template placeholder, not a real client ID."),
            format!(
                "The placeholder{wrapped} was copied from documentation and never filled in. {WHERE_TO_FIND}"
            ),
        ));
    }
    if !is_masked {
        return None;
    }
    Some(Check::fail(
        "client_id.placeholder",
        format!("Client ID {printable_id} is masked or shortened, with *** or ... in place of part of it."),
        format!(
            "The client ID was masked or shortened before it was sent, and only the whole ID can be recorded. \
             Ask the client to copy the whole Client ID, which is not a secret. {WHERE_TO_FIND}"
        ),
    ))
}

/// Brackets that templates and mail programs put around values, with their
/// plain names.
const WRAPPERS: &[(&str, &str, &str)] = &[
    ("{{", "}}", "double curly braces"),
    ("${", "}", "curly braces with a dollar sign"),
    ("{", "}", "curly braces"),
    ("%7B", "%7D", "percent-encoded curly braces (%7B and %7D)"),
    ("<", ">", "angle brackets"),
    ("[", "]", "square brackets"),
    ("(", ")", "parentheses"),
];

/// Brackets that are never part of a client ID, with their plain names.
/// Parentheses are left out because Okta allows them in custom IDs.
const STRAY_BRACKETS: &[(char, &str)] = &[
    ('{', "a curly brace"),
    ('}', "a curly brace"),
    ('<', "an angle bracket"),
    ('>', "an angle bracket"),
    ('[', "a square bracket"),
    (']', "a square bracket"),
];

/// Removes one pair of brackets around the whole value and names them.
fn strip_wrapper(id: &str) -> (&str, Option<&'static str>) {
    for (open, close, name) in WRAPPERS {
        if let Some(inner) = id
            .strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
        {
            return (inner.trim(), Some(name));
        }
    }
    (id, None)
}

fn check_braces(id: &str, printable_id: &str) -> Option<Check> {
    let (inner, Some(name)) = strip_wrapper(id) else {
        return check_stray_brackets(id, printable_id);
    };
    Some(Check::fail(
        "client_id.braces",
        format!("Client ID {printable_id} is wrapped in {name}."),
        format!("Remove the {name}: the client ID is {}.", printable(inner)),
    ))
}

/// Brackets that do not wrap the whole value, such as a brace left over
/// from a template (`{0oa…`) or one typed by mistake.
fn check_stray_brackets(id: &str, printable_id: &str) -> Option<Check> {
    let mut names: Vec<&str> = Vec::new();
    for (bracket, name) in STRAY_BRACKETS {
        if id.contains(*bracket) && !names.contains(name) {
            names.push(name);
        }
    }
    if names.is_empty() {
        return None;
    }

    let without: String = id
        .chars()
        .filter(|c| !STRAY_BRACKETS.iter().any(|(bracket, _)| bracket == c))
        .collect();
    let names = names.join(" and ");
    Some(Check::fail(
        "client_id.braces",
        format!("Client ID {printable_id} contains {names}."),
        format!(
            "A client ID never contains {names}; it was probably left over from a template. Without it the ID reads {}. {WHERE_TO_FIND}",
            printable(&without)
        ),
    ))
}

/// Several IDs pasted as one value. Commas are allowed in custom IDs, so this
/// only applies when at least one part has the usual `0oa` shape. Words
/// around `0oa` IDs, such as "Client ID:" or "and", are not counted as IDs.
fn check_list(id: &str, printable_id: &str) -> Option<Check> {
    let candidates = id_candidates(id);
    let any_okta_shape = candidates.iter().any(|part| is_okta_id(part, "0oa"));
    if candidates.len() < 2 || !any_okta_shape {
        return None;
    }

    Some(Check::fail(
        "client_id.list",
        format!(
            "The value {printable_id} contains {} client IDs.",
            candidates.len()
        ),
        format!(
            "List each client ID separately: {}.",
            candidates
                .iter()
                .map(|part| printable(part))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    ))
}

/// Splits a value at commas and semicolons. In a part that contains `0oa`
/// IDs, only those IDs count; any other part counts as one ID.
fn id_candidates(id: &str) -> Vec<&str> {
    let mut candidates = Vec::new();
    for part in id.split([',', ';']).map(str::trim).filter(|part| !part.is_empty()) {
        let okta_ids: Vec<&str> = part
            .split_whitespace()
            .filter(|word| is_okta_id(word, "0oa"))
            .collect();
        if okta_ids.is_empty() {
            candidates.push(part);
        } else {
            candidates.extend(okta_ids);
        }
    }
    candidates
}

fn check_spaces(id: &str, printable_id: &str) -> Option<Check> {
    if !id.contains(char::is_whitespace) {
        return None;
    }

    let joined: String = id.chars().filter(|c| !c.is_whitespace()).collect();
    let okta_words: Vec<&str> = id
        .split_whitespace()
        .filter(|word| is_okta_id(word, "0oa"))
        .collect();
    let guess = match okta_words.as_slice() {
        _ if is_okta_id(&joined, "0oa") => format!(" Without the spaces it reads {joined}."),
        [only] => format!(" The client ID in it is probably {only}; leave out the other words."),
        _ => String::new(),
    };
    Some(Check::fail(
        "client_id.spaces",
        format!("Client ID {printable_id} contains spaces or line breaks."),
        format!(
            "A client ID has no spaces; it may have been broken across lines.{guess} {WHERE_TO_FIND}"
        ),
    ))
}

/// Other Okta objects whose ids share the 20-character shape of a client ID.
const OTHER_OBJECTS: &[(&str, &str, &str)] = &[
    ("aus", "client_id.server_id", "an authorization server"),
    ("00u", "client_id.user_id", "a user"),
    ("00g", "client_id.group_id", "a group"),
];

fn check_other_object(id: &str, printable_id: &str) -> Option<Check> {
    let (prefix, check_id, object) = OTHER_OBJECTS
        .iter()
        .find(|(prefix, _, _)| is_okta_id(id, prefix))?;
    let extra = if *prefix == "aus" {
        format!(
            " An authorization server id belongs in the issuer URL, as in https://example-org.okta.com/oauth2/{printable_id}."
        )
    } else {
        String::new()
    };
    Some(Check::fail(
        check_id,
        format!(
            "{printable_id} is the id of {object} (Okta ids starting with {prefix}), not the app's client ID."
        ),
        format!("This is the id of {object}, not a client ID. {WHERE_TO_FIND}{extra}"),
    ))
}

fn check_format(id: &str, printable_id: &str) -> Check {
    if is_okta_id(id, "0oa") {
        return Check::pass(
            "client_id.format",
            format!("Client ID {printable_id} has the usual Okta shape."),
        );
    }

    let length = id.chars().count();
    let not_allowed: Vec<char> = id
        .chars()
        .filter(|&c| !c.is_ascii_alphanumeric() && !CUSTOM_ID_PUNCTUATION.contains(c))
        .collect();
    if !not_allowed.is_empty() || !CUSTOM_ID_LENGTH.contains(&length) {
        return invalid_format(printable_id, length, &not_allowed);
    }

    if let Some(rest) = id
        .strip_prefix(['O', 'o'])
        .filter(|rest| rest.starts_with("oa") && length == 20)
    {
        return Check::fail(
            "client_id.format",
            format!("Client ID {printable_id} starts with the letter O instead of the digit zero."),
            format!("Okta client IDs start with zero, 0oa: the ID is probably 0{rest}."),
        );
    }

    if id.starts_with("0oa") && id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Check::warn(
            "client_id.format",
            format!(
                "Client ID {printable_id} starts with 0oa but has {length} characters; Okta-generated client IDs have 20."
            ),
            format!(
                "Okta-generated client IDs have 20 characters, and this one has {length}. The ID may have been cut short or have extra characters; copy the Client ID again from the app's General tab. Okta also allows custom client IDs, so confirm with the client if this one was chosen on purpose."
            ),
        );
    }

    Check::warn(
        "client_id.format",
        format!(
            "Client ID {printable_id} is not shaped like an Okta-generated ID (0oa followed by 17 letters or digits)."
        ),
        format!(
            "Okta generates client IDs that start with 0oa, but it also allows custom client IDs. Confirm with the client that {printable_id} is the Client ID shown on the app's General tab."
        ),
    )
}

fn invalid_format(printable_id: &str, length: usize, not_allowed: &[char]) -> Check {
    let reason = if !not_allowed.is_empty() {
        let printable_chars: Vec<String> = not_allowed
            .iter()
            .map(|&c| {
                if c.is_ascii_graphic() {
                    format!("\"{c}\"")
                } else {
                    code_points([c])
                }
            })
            .collect();
        format!(
            "contains characters a client ID cannot have: {}",
            printable_chars.join(", ")
        )
    } else if length < *CUSTOM_ID_LENGTH.start() {
        format!("is only {length} characters long")
    } else {
        format!("is {length} characters long")
    };
    Check::fail(
        "client_id.format",
        format!("Client ID {printable_id} {reason}."),
        format!(
            "Okta client IDs are 6 to 100 letters, digits or the characters {CUSTOM_ID_PUNCTUATION}. {WHERE_TO_FIND}"
        ),
    )
}

fn report_duplicates(ids: &[String], checks: &mut Vec<Check>) {
    for (index, id) in ids.iter().enumerate() {
        let first_seen = ids[..index].contains(id);
        let count = ids.iter().filter(|other| *other == id).count();
        if first_seen || count < 2 {
            continue;
        }
        let times = if count == 2 {
            "twice".to_string()
        } else {
            format!("{count} times")
        };
        checks.push(Check::warn(
            "client_id.duplicate",
            format!("Client ID {} was given {times}.", printable(id)),
            "The same client ID was sent twice. Remove the duplicate, or ask the client whether a different ID was meant.",
        ));
    }
}

#[cfg(test)]
mod tests;
