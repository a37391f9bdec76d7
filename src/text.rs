//! Text cleaning for anything that came from the network or from a client.

/// Removes terminal control characters (C0 and C1 controls, including ESC,
/// and DEL) so that text from a server cannot move the cursor, change colours
/// or rewrite the terminal title. Newlines and tabs are kept.
pub fn strip_control(text: &str) -> String {
    text.chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// Like [`strip_control`], and also folds newlines and tabs into spaces, for
/// values shown on one line.
pub fn one_line(text: &str) -> String {
    strip_control(text).replace(['\n', '\r', '\t'], " ")
}

/// Capitalizes the first letter, to start a sentence with text that
/// usually follows other words.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Counts with the right noun form: "1 thing" or "3 things".
pub fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 { format!("1 {one}") } else { format!("{count} {many}") }
}

/// Quotes a value for a POSIX shell when it contains anything but letters,
/// digits and `-_./:@%+=,`, so a suggested command can be copied as is.
pub fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms() {
        assert_eq!(plural(1, "user", "users"), "1 user");
        assert_eq!(plural(0, "user", "users"), "0 users");
        assert_eq!(plural(3, "user", "users"), "3 users");
    }

    #[test]
    fn shell_word_cases() {
        let cases = [
            ("https://acme.okta.com/oauth2/default", "https://acme.okta.com/oauth2/default"),
            ("0oa1b2c3d4e5f6g7h8i9", "0oa1b2c3d4e5f6g7h8i9"),
            ("two words", "'two words'"),
            ("{clientId}", "'{clientId}'"),
            ("it's", r"'it'\''s'"),
            ("", "''"),
        ];
        for (input, expected) in cases {
            assert_eq!(shell_word(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn strip_control_cases() {
        let cases = [
            ("plain", "plain"),
            ("\x1b[31mred\x1b[0m", "[31mred[0m"),
            ("title\x1b]0;owned\x07", "title]0;owned"),
            ("c1\u{9b}2J", "c12J"),
            ("line\nnext\ttab", "line\nnext\ttab"),
            ("del\x7f", "del"),
        ];
        for (input, expected) in cases {
            assert_eq!(strip_control(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn one_line_folds_breaks() {
        assert_eq!(one_line("a\nb\r\tc"), "a b c");
    }
}
