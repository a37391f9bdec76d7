//! Reads an OAuth error out of whatever an authorization server sent back:
//! the query (or fragment) of a redirect, a JSON body, or an HTML error page.
//!
//! JSON bodies use the OAuth names (`error`, `error_description`, RFC 6749
//! section 5.2) or Okta's API names (`errorCode`, `errorSummary`). HTML pages
//! have no standard shape, so the page is reduced to its visible text and
//! searched for a known error code and a `Description:` or
//! `error_description:` line.

use serde_json::Value;
use url::Url;

use crate::text::one_line;

/// Maximum length of a description kept, in characters. Messages stay one line, and a
/// server cannot fill the report with its own text.
const MAX_DESCRIPTION_CHARS: usize = 200;

/// Error codes an authorization endpoint may return: RFC 6749 section 4.1.2.1,
/// OpenID Connect Core 1.0 section 3.1.2.6, and `invalid_client` and
/// `invalid_redirect_uri`, which many servers (Okta, oidc-provider) also use
/// on their error pages. Longer codes sharing a prefix come first, so a text
/// search picks `invalid_request_uri` over `invalid_request`.
const KNOWN_CODES: &[&str] = &[
    "invalid_client",
    "invalid_redirect_uri",
    "invalid_request_uri",
    "invalid_request_object",
    "invalid_request",
    "unauthorized_client",
    "access_denied",
    "unsupported_response_type",
    "invalid_scope",
    "server_error",
    "temporarily_unavailable",
    "login_required",
    "interaction_required",
    "consent_required",
    "account_selection_required",
    "request_not_supported",
    "request_uri_not_supported",
    "registration_not_supported",
];

/// An OAuth error as the server stated it, cleaned for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    pub code: String,
    pub description: Option<String>,
}

impl OAuthError {
    /// `code` alone, or `code (description)`.
    pub fn describe(&self) -> String {
        match &self.description {
            Some(description) => format!("{} ({description})", self.code),
            None => self.code.clone(),
        }
    }
}

/// Reads `error` and `error_description` from a URL's query, then from its
/// fragment, where servers put them for `response_mode=fragment`.
pub fn from_url(url: &Url) -> Option<OAuthError> {
    from_pairs(url.query_pairs()).or_else(|| {
        let fragment = url.fragment()?;
        from_pairs(url::form_urlencoded::parse(fragment.as_bytes()))
    })
}

fn from_pairs<'a>(pairs: impl Iterator<Item = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>) -> Option<OAuthError> {
    let mut code = None;
    let mut description = None;
    for (name, value) in pairs {
        match name.as_ref() {
            "error" => code = Some(value.into_owned()),
            "error_description" => description = Some(value.into_owned()),
            _ => {}
        }
    }
    Some(OAuthError { code: clean(&code?)?, description: description.as_deref().and_then(clean) })
}

/// Reads an error from a JSON object with OAuth or Okta member names.
pub fn from_json(value: &Value) -> Option<OAuthError> {
    let text = |name: &str| value.get(name).and_then(Value::as_str);
    let code = text("error").or_else(|| text("errorCode"))?;
    let description = text("error_description").or_else(|| text("errorSummary"));
    Some(OAuthError { code: clean(code)?, description: description.and_then(clean) })
}

/// Searches an HTML or plain-text page for a known error code and its
/// description. `include_scripts` also searches `<script>` contents, which a
/// sign-in page fills with strings that look like error codes, so it is only
/// worth doing on a page already known to be an error.
pub fn from_page(html: &str, include_scripts: bool) -> Option<OAuthError> {
    let text = visible_text(html, include_scripts);
    let code = find_code(&text)?;
    Some(OAuthError { code: code.to_string(), description: find_description(&text) })
}

/// Returns whether the page's visible text is about the redirect URI, not only
/// echoes a request URL that carries a `redirect_uri=` parameter.
pub fn page_mentions_redirect_uri(html: &str) -> bool {
    let text = visible_text(html, false).to_ascii_lowercase();
    let echoed = text.matches("redirect_uri=").count();
    let named = text.matches("redirect_uri").count() + text.matches("redirect uri").count();
    named > echoed
}

/// Finds the first known error code that appears as a whole word.
fn find_code(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    KNOWN_CODES.iter().copied().find(|code| contains_word(&lower, code))
}

fn contains_word(text: &str, word: &str) -> bool {
    let is_word_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).any(|(start, _)| {
        let before = text[..start].chars().next_back();
        let after = text[start + word.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

/// Finds the text after `error_description:` or `Description:` on its line.
fn find_description(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let line = line.trim();
        let lower = line.to_ascii_lowercase();
        ["error_description", "description"].iter().find_map(|label| {
            let rest = lower.strip_prefix(label)?.trim_start();
            let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))?;
            // The slice is taken from the original line to keep its case.
            let value = &line[line.len() - rest.len()..];
            clean(value)
        })
    })
}

/// Text a browser would show: tags removed, block ends turned into line
/// breaks, the common entities decoded, and script and style contents
/// dropped unless `include_scripts` is set.
fn visible_text(html: &str, include_scripts: bool) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    let mut rest = html;

    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let after = &rest[open..];
        let Some(close) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after[1..close].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        rest = &after[close + 1..];

        if !include_scripts && (name == "script" || name == "style") && !after[1..].starts_with('/') {
            rest = skip_element(rest, &name);
        }
        if is_block(&name) {
            text.push('\n');
        }
    }
    text.push_str(rest);
    decode_entities(&text)
}

/// Skips past `</name>`, or to the end when the element is never closed.
fn skip_element<'a>(html: &'a str, name: &str) -> &'a str {
    let closing = format!("</{name}");
    let lower = html.to_ascii_lowercase();
    match lower.find(&closing) {
        Some(at) => match html[at..].find('>') {
            Some(end) => &html[at + end + 1..],
            None => "",
        },
        None => "",
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "br" | "p" | "div" | "pre" | "li" | "tr" | "td" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "title"
            | "section" | "header" | "footer" | "main" | "dt" | "dd"
    )
}

fn decode_entities(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Strips control characters, folds whitespace and caps the length. Returns
/// `None` for text that is empty once cleaned.
fn clean(text: &str) -> Option<String> {
    let folded = one_line(text).split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.is_empty() {
        return None;
    }
    if folded.chars().count() <= MAX_DESCRIPTION_CHARS {
        return Some(folded);
    }
    let cut: String = folded.chars().take(MAX_DESCRIPTION_CHARS).collect();
    Some(format!("{cut}…"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(code: &str, description: Option<&str>) -> Option<OAuthError> {
        Some(OAuthError { code: code.to_string(), description: description.map(str::to_string) })
    }

    #[test]
    fn from_url_cases() {
        let cases: &[(&str, Option<OAuthError>)] = &[
            ("https://a.test/cb?error=invalid_client&error_description=no+such+client", error("invalid_client", Some("no such client"))),
            ("https://a.test/cb?state=x&error=login_required", error("login_required", None)),
            ("https://a.test/cb#error=consent_required&state=x", error("consent_required", None)),
            ("https://a.test/cb?code=abc&state=x", None),
            ("https://a.test/cb?error=", None),
            ("https://a.test/cb?error=access_denied&error_description=%1B%5B31mred", error("access_denied", Some("[31mred"))),
        ];
        for (url, expected) in cases {
            assert_eq!(&from_url(&Url::parse(url).unwrap()), expected, "url {url}");
        }
    }

    #[test]
    fn from_json_cases() {
        let cases: &[(Value, Option<OAuthError>)] = &[
            (serde_json::json!({"error": "invalid_client", "error_description": "client is invalid"}), error("invalid_client", Some("client is invalid"))),
            (
                serde_json::json!({"errorCode": "invalid_client", "errorSummary": "Invalid value for 'client_id' parameter.", "errorCauses": []}),
                error("invalid_client", Some("Invalid value for 'client_id' parameter.")),
            ),
            (serde_json::json!({"error": 7}), None),
            (serde_json::json!({"message": "nope"}), None),
        ];
        for (value, expected) in cases {
            assert_eq!(&from_json(value), expected, "value {value}");
        }
    }

    #[test]
    fn from_page_cases() {
        let cases: &[(&str, bool, Option<OAuthError>)] = &[
            (
                "<pre><strong>error</strong>: invalid_client</pre><pre><strong>error_description</strong>: client is invalid</pre>",
                false,
                error("invalid_client", Some("client is invalid")),
            ),
            (
                "<h2>Error Code: invalid_request</h2><p>Description: The &#39;redirect_uri&#39; parameter must be a Login redirect URI</p>",
                false,
                error("invalid_request", Some("The 'redirect_uri' parameter must be a Login redirect URI")),
            ),
            ("<p>invalid_request_uri</p>", false, error("invalid_request_uri", None)),
            ("<p>my_invalid_client_x</p>", false, None),
            ("<html><script>var codes = ['invalid_client'];</script><p>Sign in</p></html>", false, None),
            ("<html><script>var error = 'invalid_client';</script><p>Oops</p></html>", true, error("invalid_client", None)),
        ];
        for (html, scripts, expected) in cases {
            assert_eq!(&from_page(html, *scripts), expected, "page {html}");
        }
    }

    #[test]
    fn redirect_uri_mentions() {
        let cases = [
            ("<p>The redirect_uri is not registered</p>", true),
            ("<p>Redirect URI mismatch</p>", true),
            ("<p>Request: /authorize?client_id=x&amp;redirect_uri=https://a.test/cb</p>", false),
            ("<p>Sign in</p>", false),
        ];
        for (html, expected) in cases {
            assert_eq!(page_mentions_redirect_uri(html), expected, "page {html}");
        }
    }

    #[test]
    fn long_description_is_cut() {
        let long = "x".repeat(500);
        let found = from_json(&serde_json::json!({"error": "server_error", "error_description": long})).unwrap();
        let description = found.description.unwrap();
        assert_eq!(description.chars().count(), MAX_DESCRIPTION_CHARS + 1);
        assert!(description.ends_with('…'));
    }
}
