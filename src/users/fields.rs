//! Field rules for admin users, checked before `POST /okta/users` or
//! `PUT /okta/users/{id}` is sent, so that a typo is reported with the field
//! and the reason instead of as a `422` from the tenant's site.
//!
//! NOTE: the tenant API does not publish its own limits. The lengths here are
//! the tool's: 254 bytes for an email address (RFC 5321 section 4.5.3.1.3
//! allows 256 octets for a path, which adds `<` and `>` to the address) and
//! 100 characters for names and Okta logins. A value the site still rejects
//! comes back as a `422`.

use std::fmt;

/// Maximum length of an email address, in bytes of UTF-8.
pub const MAX_EMAIL_LEN: usize = 254;
/// Maximum length of the local part (before the `@`) of an email address,
/// in bytes of UTF-8 (RFC 5321 section 4.5.3.1.1).
const MAX_LOCAL_PART_LEN: usize = 64;
/// Maximum length of a DNS label of the domain part.
const MAX_LABEL_LEN: usize = 63;
/// Maximum length of a first or last name, in characters.
pub const MAX_NAME_LEN: usize = 100;
/// Maximum length of an Okta login, in characters.
pub const MAX_OKTA_LOGIN_LEN: usize = 100;

/// Characters an unquoted email local part or an Okta login never contains
/// in practice; they usually come from a pasted "Name <address>" or a list.
const SPECIAL: &[char] = &['"', '(', ')', ',', ':', ';', '<', '>', '[', ']', '\\'];

/// A field of an admin user, named as in the API and the CSV header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Email,
    FirstName,
    LastName,
    OktaLogin,
    Active,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Email => "email",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::OktaLogin => "okta_login",
            Field::Active => "active",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value that breaks a field rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} {problem}")]
pub struct FieldError {
    pub field: Field,
    /// Problem with the value, as the rest of a sentence that starts with
    /// the field name ("email has no @").
    pub problem: String,
}

fn invalid(field: Field, problem: impl Into<String>) -> FieldError {
    FieldError { field, problem: problem.into() }
}

/// Checks an email address and returns it without surrounding whitespace.
///
/// The address must have one `@`, a local part of 1 to 64 characters
/// without spaces, quotes or list punctuation, and a domain with at least
/// one dot whose labels are letters, digits and inner hyphens.
pub fn check_email(text: &str) -> Result<String, FieldError> {
    let email = text.trim();
    check_common(Field::Email, email)?;
    if email.len() > MAX_EMAIL_LEN {
        return Err(invalid(Field::Email, format!("is longer than {MAX_EMAIL_LEN} bytes")));
    }

    let Some((local, domain)) = email.split_once('@') else {
        return Err(invalid(Field::Email, format!("{email:?} has no @")));
    };
    if domain.contains('@') {
        return Err(invalid(Field::Email, format!("{email:?} has more than one @")));
    }
    check_local_part(email, local)?;
    check_domain(email, domain)?;
    Ok(email.to_string())
}

fn check_local_part(email: &str, local: &str) -> Result<(), FieldError> {
    if local.is_empty() {
        return Err(invalid(Field::Email, format!("{email:?} has nothing before the @")));
    }
    if local.len() > MAX_LOCAL_PART_LEN {
        return Err(invalid(
            Field::Email,
            format!("{email:?} has more than {MAX_LOCAL_PART_LEN} bytes before the @"),
        ));
    }
    if let Some(special) = local.chars().find(|c| SPECIAL.contains(c)) {
        return Err(invalid(Field::Email, format!("{email:?} contains {special:?} before the @")));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(invalid(
            Field::Email,
            format!("{email:?} has a dot at the start or end of the part before the @, or two dots in a row"),
        ));
    }
    Ok(())
}

fn check_domain(email: &str, domain: &str) -> Result<(), FieldError> {
    if domain.is_empty() {
        return Err(invalid(Field::Email, format!("{email:?} has no domain after the @")));
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err(invalid(Field::Email, format!("{email:?} has no dot in its domain {domain:?}")));
    }

    for label in &labels {
        let shaped = !label.is_empty()
            && label.chars().count() <= MAX_LABEL_LEN
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !shaped {
            return Err(invalid(
                Field::Email,
                format!(
                    "{email:?} has an invalid domain {domain:?}: use letters, digits and inner hyphens between single dots"
                ),
            ));
        }
    }
    if labels.last().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit())) {
        return Err(invalid(Field::Email, format!("{email:?} ends in a number, not a domain name")));
    }
    Ok(())
}

/// Checks a first or last name and returns it without surrounding
/// whitespace. A name is required, so an empty one is an error.
pub fn check_name(field: Field, text: &str) -> Result<String, FieldError> {
    let name = text.trim();
    if name.is_empty() {
        return Err(invalid(field, "is empty"));
    }
    if name.chars().count() > MAX_NAME_LEN {
        return Err(invalid(field, format!("is longer than {MAX_NAME_LEN} characters")));
    }
    if name.chars().any(char::is_control) {
        return Err(invalid(field, format!("{name:?} contains control characters (such as a line break or tab)")));
    }
    Ok(name.to_string())
}

/// Checks an Okta login and returns it without surrounding whitespace.
///
/// Okta's default username format is an email address, so a login with an
/// `@` must be a valid one. Orgs can choose other formats, so a login
/// without `@` passes when it has no spaces, quotes or list punctuation.
/// Okta user ids (`00u` and 17 more letters or digits) are caught, because
/// they are pasted into this field by mistake.
pub fn check_okta_login(text: &str) -> Result<String, FieldError> {
    let login = text.trim();
    check_common(Field::OktaLogin, login)?;
    if login.chars().count() > MAX_OKTA_LOGIN_LEN {
        return Err(invalid(Field::OktaLogin, format!("is longer than {MAX_OKTA_LOGIN_LEN} characters")));
    }

    if login.contains("://") {
        return Err(invalid(
            Field::OktaLogin,
            format!("{login:?} is a URL; give the user's Okta username, usually their email address"),
        ));
    }
    if looks_like_okta_user_id(login) {
        return Err(invalid(
            Field::OktaLogin,
            format!("{login:?} looks like an Okta user id; give the user's Okta username, usually their email address"),
        ));
    }
    if login.contains('@') {
        return check_email(login).map_err(|error| invalid(Field::OktaLogin, error.problem));
    }
    if let Some(special) = login.chars().find(|c| SPECIAL.contains(c)) {
        return Err(invalid(Field::OktaLogin, format!("{login:?} contains {special:?}")));
    }
    Ok(login.to_string())
}

/// Parses an `active` value: true/false, yes/no, y/n or 1/0, in any case.
pub fn parse_active(text: &str) -> Result<bool, FieldError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err(invalid(Field::Active, format!("{:?} is not true or false", text.trim()))),
    }
}

/// True when a user is linked to an Okta identity. A blank login counts as
/// none, because it cannot match anyone in Okta.
pub fn has_okta_login(login: Option<&str>) -> bool {
    login.is_some_and(|login| !login.trim().is_empty())
}

/// Checks the rules shared by email and login: present, and one word of
/// printable characters.
fn check_common(field: Field, value: &str) -> Result<(), FieldError> {
    if value.is_empty() {
        return Err(invalid(field, "is empty"));
    }
    if value.chars().any(char::is_control) {
        return Err(invalid(field, format!("{value:?} contains control characters")));
    }
    if value.chars().any(char::is_whitespace) {
        return Err(invalid(field, format!("{value:?} contains a space")));
    }
    Ok(())
}

fn looks_like_okta_user_id(text: &str) -> bool {
    text.len() == 20 && text.starts_with("00u") && text.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_cases() {
        let long_local = format!("{}@acme.example", "a".repeat(65));
        let long_total = format!("a@{}.example", "b".repeat(250));
        // 33 two-byte characters are 66 bytes, over the limit of 64.
        let wide_local = format!("{}@acme.example", "é".repeat(33));
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("ann@acme.example", Ok("ann@acme.example")),
            ("  ann.lee+cake@mail.acme.example ", Ok("ann.lee+cake@mail.acme.example")),
            ("o'brien@acme.example", Ok("o'brien@acme.example")),
            ("józef@przykład.example", Ok("józef@przykład.example")),
            ("", Err("is empty")),
            ("ann.acme.example", Err("has no @")),
            ("ann@@acme.example", Err("more than one @")),
            ("@acme.example", Err("nothing before the @")),
            ("ann@", Err("no domain")),
            ("ann@localhost", Err("no dot")),
            ("ann lee@acme.example", Err("contains a space")),
            ("ann@acme..example", Err("invalid domain")),
            ("ann@-acme.example", Err("invalid domain")),
            ("ann@acme_corp.example", Err("invalid domain")),
            ("ann@10.0.0.1", Err("ends in a number")),
            (".ann@acme.example", Err("dot at the start")),
            ("ann..lee@acme.example", Err("two dots")),
            ("Ann <ann@acme.example>", Err("contains a space")),
            ("ann,bob@acme.example", Err("contains ','")),
            ("ann@acme.example\u{7}", Err("control characters")),
            (&long_local, Err("more than 64 bytes")),
            (&wide_local, Err("more than 64 bytes")),
            (&long_total, Err("longer than 254")),
        ];
        for (input, expected) in cases {
            match (check_email(input), expected) {
                (Ok(value), Ok(want)) => assert_eq!(value, *want, "{input:?}"),
                (Err(error), Err(want)) => {
                    assert_eq!(error.field, Field::Email);
                    assert!(error.to_string().contains(want), "{input:?}: {error}");
                }
                (got, want) => panic!("{input:?}: got {got:?}, expected {want:?}"),
            }
        }
    }

    #[test]
    fn name_cases() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("Ann", Ok("Ann")),
            ("  Mary Ann ", Ok("Mary Ann")),
            ("Ó Briain", Ok("Ó Briain")),
            ("", Err("is empty")),
            ("   ", Err("is empty")),
            ("Ann\nLee", Err("control characters")),
            ("Ann\tLee", Err("control characters")),
        ];
        for (input, expected) in cases {
            match (check_name(Field::FirstName, input), expected) {
                (Ok(value), Ok(want)) => assert_eq!(value, *want, "{input:?}"),
                (Err(error), Err(want)) => {
                    assert!(error.to_string().starts_with("first_name "), "{error}");
                    assert!(error.to_string().contains(want), "{input:?}: {error}");
                }
                (got, want) => panic!("{input:?}: got {got:?}, expected {want:?}"),
            }
        }
        let long = "x".repeat(MAX_NAME_LEN + 1);
        assert!(check_name(Field::LastName, &long).unwrap_err().to_string().contains("longer than 100"));
        assert!(check_name(Field::LastName, &"x".repeat(MAX_NAME_LEN)).is_ok());
    }

    #[test]
    fn okta_login_cases() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("ann@acme.example", Ok("ann@acme.example")),
            (" ann.lee ", Ok("ann.lee")),
            ("ACME\\ann", Err("contains '\\\\'")),
            ("ann@", Err("no domain")),
            ("ann lee", Err("contains a space")),
            ("https://acme.okta.example/ann", Err("is a URL")),
            ("00u1a2b3c4d5e6f7g8h9", Err("Okta user id")),
            ("", Err("is empty")),
        ];
        for (input, expected) in cases {
            match (check_okta_login(input), expected) {
                (Ok(value), Ok(want)) => assert_eq!(value, *want, "{input:?}"),
                (Err(error), Err(want)) => {
                    assert_eq!(error.field, Field::OktaLogin, "{input:?}");
                    assert!(error.to_string().contains(want), "{input:?}: {error}");
                }
                (got, want) => panic!("{input:?}: got {got:?}, expected {want:?}"),
            }
        }
        let long = format!("{}@acme.example", "a".repeat(MAX_OKTA_LOGIN_LEN));
        assert!(check_okta_login(&long).unwrap_err().to_string().contains("longer than 100"));
    }

    #[test]
    fn active_values() {
        for text in ["true", "TRUE", "yes", "Y", "1", " true "] {
            assert_eq!(parse_active(text), Ok(true), "{text:?}");
        }
        for text in ["false", "No", "n", "0"] {
            assert_eq!(parse_active(text), Ok(false), "{text:?}");
        }
        for text in ["", "maybe", "2", "active"] {
            assert!(parse_active(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn blank_login_is_none() {
        assert!(has_okta_login(Some("ann@acme.example")));
        assert!(!has_okta_login(Some("  ")));
        assert!(!has_okta_login(None));
    }
}
