//! Redaction of URLs for `--debug` logs: query values whose names suggest a
//! credential are replaced, so a log pasted into a ticket leaks nothing.

use url::Url;

use crate::text::one_line;

/// Substrings of query parameter names whose values are never logged.
/// `code` and `state` are included because an authorization code or its
/// state can be replayed while it is fresh.
const SECRET_NAME_PARTS: &[&str] = &[
    "secret",
    "token",
    "password",
    "passwd",
    "key",
    "code",
    "state",
    "assertion",
    "auth",
    "session",
    "sig",
    "credential",
];

const REDACTED: &str = "REDACTED";

/// Returns `url` as text with secret-looking query values replaced, the
/// user-info password removed and control characters stripped.
pub fn redact_url(url: &Url) -> String {
    let mut redacted = url.clone();
    if redacted.password().is_some() {
        let _ = redacted.set_password(Some(REDACTED));
    }

    if redacted.query().is_some() {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(name, value)| {
                let value = if looks_secret(&name) { REDACTED.to_string() } else { value.into_owned() };
                (name.into_owned(), value)
            })
            .collect();
        redacted.query_pairs_mut().clear().extend_pairs(pairs);
    }

    one_line(redacted.as_str())
}

fn looks_secret(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SECRET_NAME_PARTS.iter().any(|part| name.contains(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_url_table() {
        let cases = [
            ("https://a.test/keys", "https://a.test/keys"),
            ("https://a.test/x?client_id=0oa1", "https://a.test/x?client_id=0oa1"),
            ("https://a.test/x?client_secret=s3cr3t&x=1", "https://a.test/x?client_secret=REDACTED&x=1"),
            ("https://a.test/x?access_token=abc", "https://a.test/x?access_token=REDACTED"),
            ("https://a.test/x?code=abc&state=xyz", "https://a.test/x?code=REDACTED&state=REDACTED"),
            ("https://a.test/x?API_KEY=abc", "https://a.test/x?API_KEY=REDACTED"),
            ("https://user:pw@a.test/", "https://user:REDACTED@a.test/"),
        ];
        for (input, expected) in cases {
            let url = Url::parse(input).unwrap();
            assert_eq!(redact_url(&url), expected, "url {input}");
        }
    }
}
