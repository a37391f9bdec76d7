//! Masks credentials in an issuer URL as typed before it is shown, stored or
//! sent: the user info before the host (`user:password@`) and the values of
//! query and fragment parameters, which can be authorization codes or tokens
//! when a client pastes the address bar after signing in.

/// Replacement for a masked part.
const MASK: &str = "****";

/// Characters that end the user info when scanning back from its `@`.
fn ends_userinfo(c: char) -> bool {
    c.is_whitespace() || matches!(c, '/' | '\\' | '?' | '#' | '&' | '=' | '<' | '>') || super::is_quote(c)
}

/// Returns `text` with user info and parameter values replaced by `****`.
/// Parameter names stay, so the text still shows what was pasted.
pub fn mask_credentials(text: &str) -> String {
    let masked = mask_userinfo(text);
    match masked.find(['?', '#']) {
        Some(start) => {
            let (before, parameters) = masked.split_at(start);
            format!("{before}{}", mask_parameter_values(parameters))
        }
        None => masked,
    }
}

/// Replaces what comes before each `@`, back to the `//` of the scheme or
/// the start of the word.
fn mask_userinfo(text: &str) -> String {
    let mut masked = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let start = rest[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| ends_userinfo(c))
            .map_or(0, |(index, c)| index + c.len_utf8());
        masked.push_str(&rest[..start]);
        if start < at {
            masked.push_str(MASK);
        }
        masked.push('@');
        rest = &rest[at + 1..];
    }
    masked.push_str(rest);
    masked
}

/// Replaces the value of every `name=value` pair after a `?` or `#`.
fn mask_parameter_values(parameters: &str) -> String {
    let mut masked = String::with_capacity(parameters.len());
    let mut in_value = false;
    for c in parameters.chars() {
        match c {
            '?' | '#' | '&' | ';' => {
                in_value = false;
                masked.push(c);
            }
            '=' if !in_value => {
                in_value = true;
                masked.push('=');
                masked.push_str(MASK);
            }
            _ if in_value => {}
            _ => masked.push(c),
        }
    }
    masked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_credentials_cases() {
        #[rustfmt::skip]
        let cases = [
            ("https://acme.okta.com/oauth2/default", "https://acme.okta.com/oauth2/default"),
            ("https://dana:Hunter2@acme.okta.com/oauth2/default", "https://****@acme.okta.com/oauth2/default"),
            ("https://dana@acme.okta.com", "https://****@acme.okta.com"),
            ("dana:Hunter2@acme.okta.com", "****@acme.okta.com"),
            ("  \"https://a:b@acme.okta.com\"\n", "  \"https://****@acme.okta.com\"\n"),
            ("https://a:b@c:d@acme.okta.com", "https://****@****@acme.okta.com"),
            ("https://acme.okta.com/oauth2/default?code=abc123&state=xyz", "https://acme.okta.com/oauth2/default?code=****&state=****"),
            ("https://cake.example/cb#id_token=eyJh.eyJz.c2ln&token_type=Bearer", "https://cake.example/cb#id_token=****&token_type=****"),
            ("https://acme.okta.com/x?a=1=2&b", "https://acme.okta.com/x?a=****&b"),
            ("https://acme.okta.com/oauth2/default?", "https://acme.okta.com/oauth2/default?"),
            ("https://@acme.okta.com", "https://@acme.okta.com"),
        ];
        for (input, expected) in cases {
            assert_eq!(mask_credentials(input), expected, "input {input:?}");
        }
    }
}
