//! A wrapper for the backend API token that never shows its value by accident.

use std::fmt;

/// A secret string. `Debug` and `Display` print a mask, so a token cannot leak
/// through logging or error formatting; [`Secret::expose`] is the one way out.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// Returns the real value, for the `Authorization` header and the keyring.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Shows the first four characters, enough to tell tokens apart.
    pub fn masked(&self) -> String {
        let prefix: String = self.0.chars().take(4).collect();
        if self.0.chars().count() <= 8 {
            "****".to_string()
        } else {
            format!("{prefix}****")
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(****)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("****")
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn secret_formatting_hides_value() {
        let secret = Secret::new("tok_abcdefghijklmnop");
        assert_eq!(format!("{secret}"), "****");
        assert_eq!(format!("{secret:?}"), "Secret(****)");
        assert_eq!(secret.masked(), "tok_****");
        assert_eq!(Secret::new("short").masked(), "****");
    }
}
