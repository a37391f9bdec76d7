//! Tenant names: the host name of a client's CAKE admin site, as used in
//! backend URLs (`/v1/tenants/{tenant}/...`) and the tenant's own base URL.
//!
//! A tenant name is lowercase letters, digits, hyphens and dots, and is a
//! valid DNS name: labels of 1 to 63 characters that neither start nor end
//! with a hyphen, 253 characters at most. Pasted URLs and mixed case are
//! common, so a rejected name comes with a cleaned suggestion when one can be
//! made.

/// Maximum length of a DNS name in its text form, without the trailing dot.
const MAX_NAME_LEN: usize = 253;
/// Maximum length of one DNS label.
const MAX_LABEL_LEN: usize = 63;

/// A rejected tenant name: what is wrong, and the cleaned value when
/// cleaning produced a valid one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid tenant {input:?}: {problem}{}", suggestion_text(.suggestion))]
pub struct InvalidTenant {
    pub input: String,
    pub problem: String,
    pub suggestion: Option<String>,
}

fn suggestion_text(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(cleaned) => format!(" (did you mean {cleaned}?)"),
        None => String::new(),
    }
}

/// Checks a tenant name and returns it unchanged when it is valid.
pub fn validate(input: &str) -> Result<String, InvalidTenant> {
    let Some(problem) = find_problem(input) else {
        return Ok(input.to_string());
    };

    let cleaned = clean(input);
    let suggestion = (cleaned != input && find_problem(&cleaned).is_none()).then_some(cleaned);
    Err(InvalidTenant {
        input: input.to_string(),
        problem,
        suggestion,
    })
}

/// Describes the first problem found, or `None` for a valid name.
fn find_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some(
            "the tenant is empty; give the host name of the client's CAKE admin site".to_string(),
        );
    }
    if name.trim() != name {
        return Some("it has leading or trailing whitespace".to_string());
    }
    if name.contains("://") {
        return Some(
            "it is a URL; give only the host name, without a scheme such as https://".to_string(),
        );
    }
    if name.contains(['/', '?', '#']) {
        return Some("it contains a path, query or fragment; give only the host name".to_string());
    }
    if name.contains(['@', ':']) {
        return Some("it contains a user name or port; give only the host name".to_string());
    }
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        return Some("it contains uppercase letters; tenant names are lowercase".to_string());
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '.'))
    {
        return Some(format!(
            "it contains {bad:?}; only lowercase letters, digits, hyphens and dots are allowed"
        ));
    }
    find_dns_problem(name)
}

fn find_dns_problem(name: &str) -> Option<String> {
    if name.len() > MAX_NAME_LEN {
        return Some(format!(
            "it is {} characters long; a host name has at most {MAX_NAME_LEN}",
            name.len()
        ));
    }

    for label in name.split('.') {
        if label.is_empty() {
            return Some(
                "it has an empty label (two dots in a row, or a leading or trailing dot)"
                    .to_string(),
            );
        }
        if label.len() > MAX_LABEL_LEN {
            return Some(format!(
                "the label {label:?} is longer than {MAX_LABEL_LEN} characters"
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some(format!("the label {label:?} starts or ends with a hyphen"));
        }
    }
    None
}

/// Cleans a pasted value: trims it, drops a scheme, user name, port, path,
/// query, fragment and trailing dot, and lowercases it.
fn clean(input: &str) -> String {
    let mut host = input.trim();
    if let Some((_, rest)) = host.split_once("://") {
        host = rest;
    }
    if let Some(end) = host.find(['/', '?', '#']) {
        host = &host[..end];
    }
    if let Some((_, rest)) = host.rsplit_once('@') {
        host = rest;
    }
    if let Some((name, port)) = host.rsplit_once(':')
        && port.chars().all(|c| c.is_ascii_digit())
    {
        host = name;
    }
    host.trim_end_matches('.').to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_tenants_pass() {
        for name in ["acme.cake.example", "admin-2.acme.example", "x", "a1.b2.c3"] {
            assert_eq!(validate(name), Ok(name.to_string()), "{name}");
        }
    }

    #[test]
    fn invalid_tenants_table() {
        let long_label = format!("{}.example", "a".repeat(64));
        let cases: Vec<(&str, &str, Option<&str>)> = vec![
            ("", "empty", None),
            (
                " acme.cake.example ",
                "whitespace",
                Some("acme.cake.example"),
            ),
            (
                "https://acme.cake.example/admin",
                "is a URL",
                Some("acme.cake.example"),
            ),
            ("acme.cake.example/login", "path", Some("acme.cake.example")),
            ("Acme.Cake.Example", "uppercase", Some("acme.cake.example")),
            ("acme.cake.example:8443", "port", Some("acme.cake.example")),
            (
                "acme.cake.example.",
                "empty label",
                Some("acme.cake.example"),
            ),
            ("acme..example", "empty label", None),
            ("acme_corp.example", "'_'", None),
            ("-acme.example", "hyphen", None),
            (&long_label, "longer than 63", None),
        ];

        for (input, problem, suggestion) in cases {
            let error = validate(input).unwrap_err();
            assert!(
                error.problem.contains(problem),
                "{input:?}: {}",
                error.problem
            );
            assert_eq!(error.suggestion.as_deref(), suggestion, "{input:?}");
        }
    }

    #[test]
    fn message_names_input_and_suggestion() {
        let message = validate("HTTPS://Acme.cake.example/")
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("\"HTTPS://Acme.cake.example/\""),
            "{message}"
        );
        assert!(
            message.contains("did you mean acme.cake.example?"),
            "{message}"
        );
    }

    #[test]
    fn overlong_name_is_rejected() {
        let name = vec!["abcdefghij"; 24].join(".");
        assert!(name.len() > MAX_NAME_LEN);
        let error = validate(&name).unwrap_err();
        assert!(error.problem.contains("at most 253"), "{}", error.problem);
    }
}
