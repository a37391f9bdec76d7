//! First stage of the input diagnosis: the raw text before any URL parsing.
//! Removes what surrounds a pasted URL (whitespace, quotes, angle brackets, a Markdown link,
//! sentence punctuation) and rejects what cannot be part of an issuer
//! (control characters, inner spaces, template placeholders).

use super::{Finding, code_points, is_blank, is_hidden, is_quote, printable};

/// Maximum input length diagnosed, in characters. An issuer URL is rarely
/// longer than a few hundred, so longer text is a paste of something else,
/// such as an email body or a token.
pub(super) const MAX_INPUT_CHARS: usize = 2048;

/// Hint shared by the findings that name a corrupted copy.
const COPY_AGAIN: &str = "Copy the issuer again from the Okta Admin Console: Security > API > Authorization Servers lists it as Issuer URI.";

/// Returns the cleaned text, or `None` when nothing more can be diagnosed.
pub(super) fn clean(input: &str, findings: &mut Vec<Finding>) -> Option<String> {
    let unwrapped = unwrap(input);
    if unwrapped.text.is_empty() {
        findings.push(Finding::rejected(
            "input.empty",
            "No issuer URL was given.",
            "Ask the client for the issuer URL of the authorization server the app uses, for example https://example-org.okta.com/oauth2/default.",
        ));
        return None;
    }

    let length = unwrapped.text.chars().count();
    if length > MAX_INPUT_CHARS {
        findings.push(Finding::rejected(
            "input.length",
            format!("The input is {length} characters long; an issuer URL is far shorter (at most {MAX_INPUT_CHARS} accepted)."),
            "Send only the issuer URL, for example https://example-org.okta.com/oauth2/default.",
        ));
        return None;
    }

    report_unwrapping(&unwrapped, findings);
    let text = remove_hidden_chars(unwrapped.text, findings)?;
    let text = remove_inner_quotes(&text, findings);
    let text = remove_inner_whitespace(&text, findings)?;

    if let Some(placeholder) = find_placeholder(&text) {
        findings.push(placeholder.finding());
        return None;
    }
    Some(replace_backslashes(text, findings))
}

/// Result of peeling off what surrounded the URL.
#[derive(Debug, Default)]
struct Unwrapped<'a> {
    text: &'a str,
    whitespace: bool,
    quotes: bool,
    angle_brackets: bool,
    markdown_link: bool,
    punctuation: Vec<char>,
}

/// Peels whitespace, quotes, angle brackets and trailing punctuation off both
/// ends, in any nesting, until nothing changes.
fn unwrap(input: &str) -> Unwrapped<'_> {
    let mut unwrapped = Unwrapped {
        text: input,
        ..Unwrapped::default()
    };
    loop {
        let before = unwrapped.text;

        let trimmed = unwrapped.text.trim_matches(is_blank);
        unwrapped.whitespace |= trimmed.len() != unwrapped.text.len();
        unwrapped.text = trimmed;

        let unquoted = unwrapped
            .text
            .trim_start_matches(is_quote)
            .trim_end_matches(is_quote);
        unwrapped.quotes |= unquoted.len() != unwrapped.text.len();
        unwrapped.text = unquoted;

        if let Some(inner) = strip_angle_brackets(unwrapped.text) {
            unwrapped.angle_brackets = true;
            unwrapped.text = inner;
        }

        if let Some(target) = strip_markdown_link(unwrapped.text) {
            unwrapped.markdown_link = true;
            unwrapped.text = target;
        }

        if let Some(last) = unwrapped
            .text
            .chars()
            .last()
            .filter(|c| matches!(c, '.' | ',' | ';'))
        {
            unwrapped.punctuation.push(last);
            unwrapped.text = &unwrapped.text[..unwrapped.text.len() - 1];
        }

        if unwrapped.text == before {
            return unwrapped;
        }
    }
}

/// Strips `<…>` only around something that looks like a whole URL, as mail
/// programs write links; `<your-org>` inside a URL is a placeholder instead.
fn strip_angle_brackets(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('<')?.strip_suffix('>')?;
    let whole_url = inner.contains("://") && !inner.contains(['<', '>']);
    whole_url.then_some(inner)
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// Strips a Markdown link `[url](url)`, as chat programs copy a link, when
/// its label is the same URL as its target, so nothing is chosen.
fn strip_markdown_link(text: &str) -> Option<&str> {
    let (label, target) = text.strip_prefix('[')?.split_once("](")?;
    let target = target.strip_suffix(')')?;
    let whole_url = target.contains("://") && !target.contains(['[', ']', '(', ')']);
    (whole_url && label == target).then_some(target)
}

fn report_unwrapping(unwrapped: &Unwrapped, findings: &mut Vec<Finding>) {
    if unwrapped.whitespace {
        findings.push(Finding::corrected(
            "input.whitespace",
            "Spaces, line breaks or invisible characters around the URL were removed.",
            "Send the issuer URL on its own, without whitespace (spaces, tabs or line breaks) around it.",
        ));
    }

    let removed: Vec<&str> = [
        (unwrapped.quotes, "quotes"),
        (unwrapped.angle_brackets, "angle brackets"),
        (unwrapped.markdown_link, "Markdown link brackets"),
    ]
    .into_iter()
    .filter_map(|(found, name)| found.then_some(name))
    .collect();
    if !removed.is_empty() {
        let removed = removed.join(" and ");
        let removed = capitalize(&removed);
        findings.push(Finding::corrected(
            "input.quotes",
            format!("{removed} around the URL were removed."),
            "Send the issuer URL without quote marks or brackets around it.",
        ));
    }

    if !unwrapped.punctuation.is_empty() {
        let marks: String = unwrapped.punctuation.iter().rev().collect();
        findings.push(Finding::corrected(
            "input.punctuation",
            format!("The punctuation \"{marks}\" after the URL was removed."),
            "The issuer URL ends with the host name or the authorization server id, never with punctuation.",
        ));
    }
}

/// Rejects control characters, which come from a corrupted copy or from
/// terminal escape sequences whose visible rest (`[31m`) would only mislead
/// later stages. Invisible format characters such as a zero-width space are
/// removed with the result suggested.
fn remove_hidden_chars(text: &str, findings: &mut Vec<Finding>) -> Option<String> {
    let controls: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .collect();
    if !controls.is_empty() {
        findings.push(Finding::rejected(
            "input.control_chars",
            format!("The URL contains control characters ({}).", code_points(controls)),
            format!("Control characters are invisible and mean the text was corrupted on the way. {COPY_AGAIN}"),
        ));
        return None;
    }

    let hidden: Vec<char> = text.chars().filter(|&c| is_hidden(c)).collect();
    if hidden.is_empty() {
        return Some(text.to_string());
    }
    findings.push(Finding::guessed(
        "input.control_chars",
        format!(
            "The URL contains invisible characters ({}).",
            code_points(hidden)
        ),
        format!(
            "These characters do not show on screen but make the URL a different one. {COPY_AGAIN}"
        ),
    ));
    Some(text.chars().filter(|&c| !is_hidden(c)).collect())
}

fn remove_inner_quotes(text: &str, findings: &mut Vec<Finding>) -> String {
    if !text.contains(is_quote) {
        return text.to_string();
    }

    findings.push(Finding::guessed(
        "input.quotes",
        "The URL contains quote marks inside it.",
        format!("An issuer URL never contains quote marks. {COPY_AGAIN}"),
    ));
    text.chars().filter(|&c| !is_quote(c)).collect()
}

/// Rejects spaces and line breaks inside the URL. The guess keeps the one
/// word that contains `://`, joined to the words after it when a line break
/// split its path, and drops labels such as "Issuer:" before it.
fn remove_inner_whitespace(text: &str, findings: &mut Vec<Finding>) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 {
        return Some(text.to_string());
    }

    let urls: Vec<usize> = (0..words.len())
        .filter(|&i| words[i].contains("://"))
        .collect();
    if urls.len() > 1 {
        findings.push(Finding::rejected(
            "input.spaces",
            format!("The input contains {} URLs; exactly one issuer URL is expected.", urls.len()),
            "Send only the issuer URL of the authorization server the app uses, for example https://example-org.okta.com/oauth2/default.",
        ));
        return None;
    }

    let start = urls.first().copied().unwrap_or(0);
    let mut joined = words[start].to_string();
    for word in &words[start + 1..] {
        let wrapped = joined.ends_with(['/', '-', '.'])
            || word.starts_with(['/', '-', '.'])
            || urls.is_empty();
        if !wrapped {
            break;
        }
        joined.push_str(word);
    }

    findings.push(Finding::guessed(
        "input.spaces",
        "The URL contains spaces or line breaks inside it.",
        format!("An issuer URL is one piece of text without spaces; it may have been broken across lines or sent with other words. {COPY_AGAIN}"),
    ));
    Some(joined)
}

/// Backslashes are a typing mistake for `/`: the `url` crate would turn them
/// into slashes silently, so they fail here with the slashes suggested.
fn replace_backslashes(text: String, findings: &mut Vec<Finding>) -> String {
    if !text.contains('\\') {
        return text;
    }

    findings.push(Finding::guessed(
        "input.syntax",
        "The URL contains backslashes (\\) where a URL has forward slashes (/).",
        "Write the issuer URL with forward slashes only.",
    ));
    text.replace('\\', "/")
}

/// A template placeholder found in the input.
#[derive(Debug, PartialEq, Eq)]
struct Placeholder {
    /// The placeholder as written, made printable.
    text: String,
    /// Plain name of the brackets around it, when there are any.
    brackets: Option<&'static str>,
}

impl Placeholder {
    fn finding(&self) -> Finding {
        let replace = match self.brackets {
            Some(brackets) => format!("Replace {}, {brackets} included,", self.text),
            None => format!(
                "Replace {} (documentation often shows placeholders in curly braces, such as {{yourOktaDomain}})",
                self.text
            ),
        };
        Finding::rejected(
            "input.placeholder",
            format!("The URL contains the template placeholder {}.", self.text),
            format!(
                "The placeholder was copied from documentation and never filled in. {replace} with the client's own Okta address, for example https://example-org.okta.com/oauth2/default."
            ),
        )
    }
}

/// Bracket pairs that templates use, most specific first, with their plain
/// names.
const BRACKETS: &[(&str, &str, &str)] = &[
    ("{{", "}}", "double curly braces"),
    ("${", "}", "the dollar sign and curly braces"),
    ("{", "}", "curly braces"),
    ("%7B", "%7D", "percent-encoded curly braces (%7B and %7D)"),
    ("%3C", "%3E", "percent-encoded angle brackets (%3C and %3E)"),
    ("<", ">", "angle brackets"),
];

/// Words that documentation uses in place of a real value, compared after
/// lowercasing and removing `-` and `_`.
const PLACEHOLDER_WORDS: &[&str] = &[
    "youroktadomain",
    "youroktaorg",
    "youroktaurl",
    "yourorg",
    "yourdomain",
    "yoursubdomain",
    "yourcompany",
    "yourtenant",
    "yourissuer",
    "yourauthserver",
    "authserverid",
    "authorizationserverid",
];

/// Environment-variable and camel-case names, compared as written so that a
/// real host such as `okta-domain.example` is not mistaken for one.
const PLACEHOLDER_NAMES: &[&str] = &[
    "OKTA_DOMAIN",
    "OKTA_ORG",
    "OKTA_ISSUER",
    "OKTA_URL",
    "oktaDomain",
];

fn find_placeholder(text: &str) -> Option<Placeholder> {
    find_bracketed(text)
        .or_else(|| find_square_bracketed(text))
        .or_else(|| find_placeholder_word(text))
}

fn find_bracketed(text: &str) -> Option<Placeholder> {
    let upper = text.to_ascii_uppercase();
    let found = |start: usize, end: usize, name: &'static str| Placeholder {
        text: printable(&text[start..end]),
        brackets: Some(name),
    };

    for (open, close, name) in BRACKETS {
        if let Some(start) = upper.find(open) {
            let after = start + open.len();
            let end = upper[after..]
                .find(close)
                .map_or(text.len(), |offset| after + offset + close.len());
            return Some(found(start, end, name));
        }
    }

    // A lone closing bracket is what is left of a placeholder after part of
    // it was replaced. Single brackets come last in the table, so searching
    // it backwards names `}` as a curly brace rather than as part of `${`.
    BRACKETS.iter().rev().find_map(|(_, close, name)| {
        let start = upper.find(close)?;
        Some(found(start, start + close.len(), name))
    })
}

/// Square brackets also enclose IPv6 addresses (`[::1]`); only brackets
/// without a colon inside are a placeholder.
fn find_square_bracketed(text: &str) -> Option<Placeholder> {
    let start = text.find('[')?;
    let end = text[start..]
        .find(']')
        .map_or(text.len(), |offset| start + offset + 1);
    let inside = &text[start..end];
    (!inside.contains(':')).then(|| Placeholder {
        text: printable(inside),
        brackets: Some("square brackets"),
    })
}

/// Finds placeholder words, runs of `x` such as `dev-xxxxxx`, and an ellipsis
/// standing for an omitted part. Reports the URL part that contains them.
fn find_placeholder_word(text: &str) -> Option<Placeholder> {
    let is_placeholder = |part: &str| {
        let folded: String = part
            .to_lowercase()
            .chars()
            .filter(|c| !matches!(c, '-' | '_'))
            .collect();
        PLACEHOLDER_WORDS.iter().any(|word| folded.contains(word))
            || PLACEHOLDER_NAMES.iter().any(|name| part.contains(name))
            || folded.contains("xxxx")
            || part.contains("...")
            || part.contains('…')
    };

    text.split(['/', ':', '?', '#', '&', '=', '@'])
        .flat_map(|part| {
            part.split('.')
                .filter(|label| !label.is_empty())
                .chain([part])
        })
        .find(|part| is_placeholder(part))
        .map(|part| Placeholder {
            text: printable(part),
            brackets: None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unwrap_cases() {
        // (input, text, whitespace, quotes, angle brackets, punctuation)
        #[rustfmt::skip]
        let cases: &[(&str, &str, bool, bool, bool, &str)] = &[
            ("https://a.test", "https://a.test", false, false, false, ""),
            ("  https://a.test\n", "https://a.test", true, false, false, ""),
            ("\"https://a.test\"", "https://a.test", false, true, false, ""),
            ("  \"https://a.test\"\n", "https://a.test", true, true, false, ""),
            ("\u{201C}https://a.test\u{201D}", "https://a.test", false, true, false, ""),
            ("'https://a.test'", "https://a.test", false, true, false, ""),
            ("`https://a.test`", "https://a.test", false, true, false, ""),
            ("\u{00AB}https://a.test\u{00BB}", "https://a.test", false, true, false, ""),
            ("\"https://a.test", "https://a.test", false, true, false, ""),
            ("<https://a.test>", "https://a.test", false, false, true, ""),
            ("\" <https://a.test> \"", "https://a.test", true, true, true, ""),
            ("https://a.test.", "https://a.test", false, false, false, "."),
            ("\"https://a.test\",", "https://a.test", false, true, false, ","),
            ("https://a.test/x;.", "https://a.test/x", false, false, false, ".;"),
            ("\u{FEFF}https://a.test\u{200B}", "https://a.test", true, false, false, ""),
            ("\u{00A0}https://a.test\t\r\n", "https://a.test", true, false, false, ""),
            ("<your-org>", "<your-org>", false, false, false, ""),
            ("\"\"", "", false, true, false, ""),
        ];
        for (input, text, whitespace, quotes, angle, punctuation) in cases {
            let unwrapped = unwrap(input);
            assert_eq!(unwrapped.text, *text, "text of {input:?}");
            assert_eq!(unwrapped.whitespace, *whitespace, "whitespace of {input:?}");
            assert_eq!(unwrapped.quotes, *quotes, "quotes of {input:?}");
            assert_eq!(
                unwrapped.angle_brackets, *angle,
                "angle brackets of {input:?}"
            );
            let marks: String = unwrapped.punctuation.iter().collect();
            assert_eq!(marks, *punctuation, "punctuation of {input:?}");
        }
    }

    #[test]
    fn placeholder_cases() {
        // (input, placeholder text, brackets)
        #[rustfmt::skip]
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("https://{yourOktaDomain}/oauth2/default", "{yourOktaDomain}", Some("curly braces")),
            ("https://${OKTA_DOMAIN}/oauth2/default", "${OKTA_DOMAIN}", Some("the dollar sign and curly braces")),
            ("https://{{okta_domain}}/oauth2/default", "{{okta_domain}}", Some("double curly braces")),
            ("https://<your-org>.okta.com", "<your-org>", Some("angle brackets")),
            ("https://%7ByourOktaDomain%7D/oauth2/default", "%7ByourOktaDomain%7D", Some("percent-encoded curly braces (%7B and %7D)")),
            ("https://%7byourOktaDomain%7d", "%7byourOktaDomain%7d", Some("percent-encoded curly braces (%7B and %7D)")),
            ("https://%3Corg%3E.okta.com", "%3Corg%3E", Some("percent-encoded angle brackets (%3C and %3E)")),
            ("https://example.okta.com/oauth2/{authServerId}", "{authServerId}", Some("curly braces")),
            ("https://example.okta.com/oauth2/{authServerId", "{authServerId", Some("curly braces")),
            ("https://example.okta.com/oauth2/default}", "}", Some("curly braces")),
            ("https://[your-org].okta.com", "[your-org]", Some("square brackets")),
            ("https://yourOktaDomain/oauth2/default", "yourOktaDomain", None),
            ("https://your-okta-domain.okta.com", "your-okta-domain", None),
            ("https://OKTA_DOMAIN/oauth2/default", "OKTA_DOMAIN", None),
            ("https://dev-xxxxxx.okta.com", "dev-xxxxxx", None),
            ("https://example.okta.com/oauth2/...", "...", None),
            ("https://example.okta.com/oauth2/\u{2026}", "\u{2026}", None),
            ("https://example.okta.com/oauth2/YOUR_AUTH_SERVER_ID", "YOUR_AUTH_SERVER_ID", None),
        ];
        for (input, text, brackets) in cases {
            let found = find_placeholder(input);
            assert_eq!(
                found,
                Some(Placeholder {
                    text: text.to_string(),
                    brackets: *brackets
                }),
                "placeholder in {input:?}"
            );
        }
    }

    #[test]
    fn placeholder_absent_cases() {
        #[rustfmt::skip]
        let cases = [
            "https://example-org.okta.com/oauth2/default",
            "https://[::1]:8443/oauth2/default",
            "https://[2001:db8::1]/oauth2/aus1a2b3c4d5e6f7g8h9",
            "https://login.example.test",
            "https://okta-domain.example.test",
            "https://example.okta.com/oauth2/aus1x2x3x4x5x6x7x8x9",
        ];
        for input in cases {
            assert_eq!(find_placeholder(input), None, "input {input:?}");
        }
    }

    #[test]
    fn inner_whitespace_guesses() {
        #[rustfmt::skip]
        let cases = [
            ("Issuer: https://a.test/oauth2/default", "https://a.test/oauth2/default"),
            ("https://a.test/oauth2/default (production)", "https://a.test/oauth2/default"),
            ("https://a.test/oauth2/\ndefault", "https://a.test/oauth2/default"),
            ("https://a.test/oauth2\n/default", "https://a.test/oauth2/default"),
            ("example.okta. com", "example.okta.com"),
        ];
        for (input, expected) in cases {
            let mut findings = Vec::new();
            let joined = remove_inner_whitespace(input, &mut findings);
            assert_eq!(joined.as_deref(), Some(expected), "input {input:?}");
            assert_eq!(findings.len(), 1, "findings for {input:?}");
            assert_eq!(findings[0].check.id, "input.spaces");
        }
    }

    #[test]
    fn markdown_link_unwrapped() {
        let url = "https://example.okta.com/oauth2/default";
        let unwrapped = unwrap("[https://example.okta.com/oauth2/default](https://example.okta.com/oauth2/default)");
        assert_eq!(unwrapped.text, url);
        assert!(unwrapped.markdown_link);

        let mut findings = Vec::new();
        report_unwrapping(&unwrapped, &mut findings);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].check.message, "Markdown link brackets around the URL were removed.");

        // A label that differs from the target leaves the choice to people.
        let labelled = unwrap("[Okta issuer](https://example.okta.com/oauth2/default)");
        assert!(!labelled.markdown_link);
    }

    #[test]
    fn two_urls_stop_diagnosis() {
        let mut findings = Vec::new();
        let joined = remove_inner_whitespace("https://a.test https://b.test", &mut findings);
        assert_eq!(joined, None);
        assert_eq!(findings[0].fix, super::super::Fix::Impossible);
    }
}
