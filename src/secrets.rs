//! Storage of the backend API token in the OS keyring (service `cake-okta`,
//! one entry per profile name), behind a small trait so tests can use an
//! in-memory store. There is no plaintext fallback: when no keyring is
//! reachable the token comes from `CAKE_OKTA_TOKEN` or not at all.
//!
//! Keyring calls may block for a long time (a locked keyring waiting for a
//! password dialog, a D-Bus service that does not respond), so each one runs
//! on a worker thread and is abandoned after a timeout.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use thiserror::Error;

use crate::env;
use crate::secret::Secret;

/// Keyring service name of every entry.
pub const SERVICE: &str = "cake-okta";

/// How long one keyring call may take before it is abandoned.
pub const KEYRING_TIMEOUT: Duration = Duration::from_secs(5);

/// Maximum token length accepted, in bytes. Tokens are sent in a header, and a
/// longer value is more likely a pasted document than a token.
const MAX_TOKEN_BYTES: usize = 4096;

/// Failure to use the credential store. Every message ends with what to do
/// instead.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    #[error(
        "no OS keyring is available ({detail}); start or unlock a keyring service (such as GNOME Keyring or KWallet), or set {} instead",
        env::TOKEN
    )]
    Unavailable { detail: String },

    #[error("the OS keyring denied access ({detail}); unlock the keyring, or set {} instead", env::TOKEN)]
    Locked { detail: String },

    #[error(
        "the OS keyring did not respond within {} s; it may be locked or waiting for a password dialog: unlock it, or set {} instead",
        .seconds,
        env::TOKEN
    )]
    TimedOut { seconds: u64 },

    #[error("the keyring entry of profile {profile:?} is not a valid token; run 'cake-okta auth login' to replace it")]
    BadEntry { profile: String },

    #[error("the OS keyring failed: {detail}; set {} instead", env::TOKEN)]
    Other { detail: String },
}

impl StoreError {
    /// Describes what went wrong without the advice, for a report in which
    /// the advice does not apply, such as when `CAKE_OKTA_TOKEN` is set.
    pub fn problem(&self) -> String {
        match self {
            StoreError::Unavailable { detail } => format!("no OS keyring is available ({detail})"),
            StoreError::Locked { detail } => format!("the OS keyring denied access ({detail})"),
            StoreError::TimedOut { seconds } => format!("the OS keyring did not respond within {seconds} s"),
            StoreError::BadEntry { profile } => format!("the keyring entry of profile {profile:?} is not a valid token"),
            StoreError::Other { detail } => format!("the OS keyring failed: {detail}"),
        }
    }
}

/// A place to keep one API token per profile.
pub trait CredentialStore: Send + Sync {
    /// Reads the token of a profile; `None` when there is no entry.
    fn get(&self, profile: &str) -> Result<Option<Secret>, StoreError>;

    /// Stores or replaces the token of a profile.
    fn set(&self, profile: &str, token: &Secret) -> Result<(), StoreError>;

    /// Removes the token of a profile. Returns false when there was none.
    fn delete(&self, profile: &str) -> Result<bool, StoreError>;

    /// Names the entry for messages, such as
    /// `OS keyring (service cake-okta, entry production)`.
    fn describe(&self, profile: &str) -> String;
}

/// The OS keyring through the `keyring` crate: Secret Service on Linux and
/// the BSDs, the Keychain on macOS, the Credential Manager on Windows.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    timeout: Duration,
}

impl KeyringStore {
    pub fn new() -> KeyringStore {
        KeyringStore { timeout: KEYRING_TIMEOUT }
    }

    pub fn with_timeout(timeout: Duration) -> KeyringStore {
        KeyringStore { timeout }
    }

    /// Runs one operation on the profile's entry on a worker thread and
    /// returns the keyring's own result, or a timeout.
    fn run<T: Send + 'static>(
        &self,
        profile: &str,
        operation: impl FnOnce(&keyring::Entry) -> keyring::Result<T> + Send + 'static,
    ) -> Result<keyring::Result<T>, StoreError> {
        let user = profile.to_string();
        call_with_timeout(self.timeout, move || keyring::Entry::new(SERVICE, &user).and_then(|entry| operation(&entry)))
    }
}

/// Runs `work` on a worker thread and waits at most `timeout` for it. On
/// timeout the thread is left to finish or hang on its own, which is
/// acceptable because the process exits soon after.
fn call_with_timeout<T: Send + 'static>(
    timeout: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, StoreError> {
    let (sender, receiver) = mpsc::channel();
    let spawned = thread::Builder::new().name("keyring".into()).spawn(move || {
        let _ = sender.send(work());
    });
    if let Err(error) = spawned {
        return Err(StoreError::Other { detail: format!("cannot start the keyring thread: {error}") });
    }

    receiver
        .recv_timeout(timeout)
        .map_err(|_| StoreError::TimedOut { seconds: timeout.as_secs().max(1) })
}

impl Default for KeyringStore {
    fn default() -> Self {
        KeyringStore::new()
    }
}

impl CredentialStore for KeyringStore {
    fn get(&self, profile: &str) -> Result<Option<Secret>, StoreError> {
        match self.run(profile, |entry| entry.get_password())? {
            Ok(token) => check_token(&token)
                .map(Some)
                .map_err(|_| StoreError::BadEntry { profile: profile.to_string() }),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(store_error(profile, error)),
        }
    }

    fn set(&self, profile: &str, token: &Secret) -> Result<(), StoreError> {
        let value = token.expose().to_string();
        self.run(profile, move |entry| entry.set_password(&value))?
            .map_err(|error| store_error(profile, error))
    }

    fn delete(&self, profile: &str) -> Result<bool, StoreError> {
        match self.run(profile, |entry| entry.delete_credential())? {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(error) => Err(store_error(profile, error)),
        }
    }

    fn describe(&self, profile: &str) -> String {
        format!("OS keyring (service {SERVICE}, entry {profile})")
    }
}

fn store_error(profile: &str, error: keyring::Error) -> StoreError {
    match error {
        keyring::Error::PlatformFailure(cause) => StoreError::Unavailable { detail: cause.to_string() },
        keyring::Error::NoStorageAccess(cause) => StoreError::Locked { detail: cause.to_string() },
        keyring::Error::BadEncoding(_) => StoreError::BadEntry { profile: profile.to_string() },
        other => StoreError::Other { detail: other.to_string() },
    }
}

/// A store in memory, for tests. It can also act as an unreachable keyring.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, Secret>>,
    failure: Option<StoreError>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// Creates a store whose every call fails with `error`.
    pub fn failing(error: StoreError) -> MemoryStore {
        MemoryStore { entries: Mutex::default(), failure: Some(error) }
    }

    fn check(&self) -> Result<(), StoreError> {
        match &self.failure {
            Some(error) => Err(error.clone()),
            None => Ok(()),
        }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, Secret>> {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl CredentialStore for MemoryStore {
    fn get(&self, profile: &str) -> Result<Option<Secret>, StoreError> {
        self.check()?;
        Ok(self.entries().get(profile).cloned())
    }

    fn set(&self, profile: &str, token: &Secret) -> Result<(), StoreError> {
        self.check()?;
        self.entries().insert(profile.to_string(), token.clone());
        Ok(())
    }

    fn delete(&self, profile: &str) -> Result<bool, StoreError> {
        self.check()?;
        Ok(self.entries().remove(profile).is_some())
    }

    fn describe(&self, profile: &str) -> String {
        format!("memory store (entry {profile})")
    }
}

/// Source of the token in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    /// The `CAKE_OKTA_TOKEN` environment variable.
    Environment,
    /// The profile's entry in the credential store.
    Store,
}

impl fmt::Display for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenSource::Environment => write!(f, "environment ({})", env::TOKEN),
            TokenSource::Store => f.write_str("keyring"),
        }
    }
}

/// A token ready to use, with its source.
#[derive(Debug, Clone)]
pub struct Token {
    pub secret: Secret,
    pub source: TokenSource,
}

/// Finds the token: `CAKE_OKTA_TOKEN` first, else the profile's entry in
/// the store. The store is not queried when the variable is set, so a
/// headless machine never waits on a keyring it does not have.
pub fn resolve_token(
    env_token: Option<&Secret>,
    store: &dyn CredentialStore,
    profile: &str,
) -> Result<Option<Token>, StoreError> {
    if let Some(secret) = env_token {
        return Ok(Some(Token { secret: secret.clone(), source: TokenSource::Environment }));
    }
    let stored = store.get(profile)?;
    Ok(stored.map(|secret| Token { secret, source: TokenSource::Store }))
}

/// A value that cannot be an API token.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("invalid API token: {0}")]
pub struct InvalidToken(pub &'static str);

/// Checks the shape of a token typed or piped in, after trimming the
/// surrounding whitespace: not empty, at most 4096 bytes, and only visible
/// ASCII, because it is sent in an HTTP header.
pub fn check_token(text: &str) -> Result<Secret, InvalidToken> {
    let token = text.trim();
    if token.is_empty() {
        return Err(InvalidToken("it is empty"));
    }
    if token.len() > MAX_TOKEN_BYTES {
        return Err(InvalidToken("it is longer than 4096 bytes"));
    }
    if !token.chars().all(|c| c.is_ascii_graphic()) {
        return Err(InvalidToken("it contains spaces, control characters or non-ASCII characters"));
    }
    Ok(Secret::new(token))
}

/// Guesses whether a config value is a pasted secret: a bearer header, a
/// JWT, or one long word mixing letters and digits that is neither a URL nor
/// a path. Used to keep tokens out of the config file.
pub fn looks_like_token(value: &str) -> bool {
    let value = value.trim();
    if value.len() >= 7 && value[..7].eq_ignore_ascii_case("bearer ") {
        return true;
    }
    if value.starts_with("eyJ") && value.split('.').count() == 3 {
        return true;
    }

    let one_word = !value.chars().any(char::is_whitespace);
    let url_or_path = value.contains("://") || value.contains('/') || value.contains('\\');
    let has_letter = value.chars().any(|c| c.is_ascii_alphabetic());
    let has_digit = value.chars().any(|c| c.is_ascii_digit());
    one_word && !url_or_path && value.len() >= 20 && has_letter && has_digit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_wins_over_store() {
        let store = MemoryStore::new();
        store.set("production", &Secret::new("stored-token")).unwrap();
        let env = Secret::new("env-token");

        let token = resolve_token(Some(&env), &store, "production").unwrap().unwrap();
        assert_eq!(token.source, TokenSource::Environment);
        assert_eq!(token.secret.expose(), "env-token");

        let token = resolve_token(None, &store, "production").unwrap().unwrap();
        assert_eq!(token.source, TokenSource::Store);
        assert_eq!(token.secret.expose(), "stored-token");

        assert!(resolve_token(None, &store, "staging").unwrap().is_none());
    }

    #[test]
    fn environment_skips_broken_store() {
        let store = MemoryStore::failing(StoreError::Unavailable { detail: "no D-Bus session".into() });
        let env = Secret::new("env-token");
        assert!(resolve_token(Some(&env), &store, "p").unwrap().is_some());

        let error = resolve_token(None, &store, "p").unwrap_err().to_string();
        assert!(error.contains("CAKE_OKTA_TOKEN"), "{error}");
        assert!(error.contains("no D-Bus session"), "{error}");
    }

    #[test]
    fn every_store_error_names_the_variable() {
        let errors = [
            StoreError::Unavailable { detail: "x".into() },
            StoreError::Locked { detail: "x".into() },
            StoreError::TimedOut { seconds: 5 },
            StoreError::Other { detail: "x".into() },
        ];
        for error in errors {
            assert!(error.to_string().contains(env::TOKEN), "{error}");
        }
    }

    #[test]
    fn memory_store_round_trip() {
        let store = MemoryStore::new();
        assert!(!store.delete("p").unwrap());
        store.set("p", &Secret::new("one")).unwrap();
        store.set("p", &Secret::new("two")).unwrap();
        assert_eq!(store.get("p").unwrap().unwrap().expose(), "two");
        assert!(store.delete("p").unwrap());
        assert!(store.get("p").unwrap().is_none());
    }

    #[test]
    fn token_shape_cases() {
        let cases = [
            ("tok_abc123", Some("tok_abc123")),
            ("  tok_abc123\n", Some("tok_abc123")),
            ("", None),
            ("   \n", None),
            ("two words", None),
            ("tab\there", None),
            ("esc\x1b[0m", None),
            ("tökén", None),
        ];
        for (input, expected) in cases {
            let result = check_token(input).ok();
            assert_eq!(result.as_ref().map(Secret::expose), expected, "{input:?}");
        }
        assert!(check_token(&"a".repeat(4097)).is_err());
    }

    #[test]
    fn looks_like_token_cases() {
        let cases = [
            ("ck_live_4f9a8b7c6d5e4f3a2b1c", true),
            ("Bearer abc", true),
            ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", true),
            ("00ab12cd34ef56ab78cd90ef", true),
            ("https://admin-api.cake.example/v1", false),
            ("/home/dana/certs/extra-ca-2026.pem", false),
            ("America/New_York", false),
            ("Dana Smith", false),
            ("2026-12-25,2027-01-01", false),
            ("15", false),
            ("true", false),
            ("production", false),
        ];
        for (value, expected) in cases {
            assert_eq!(looks_like_token(value), expected, "{value:?}");
        }
    }

    #[test]
    fn hung_call_times_out() {
        let started = std::time::Instant::now();
        let result = call_with_timeout(Duration::from_millis(100), || thread::sleep(Duration::from_secs(5)));
        assert_eq!(result, Err(StoreError::TimedOut { seconds: 1 }));
        assert!(started.elapsed() < Duration::from_secs(2), "waited {:?}", started.elapsed());
        assert!(result.unwrap_err().to_string().contains("CAKE_OKTA_TOKEN"));
    }

    #[test]
    fn quick_call_returns_value() {
        assert_eq!(call_with_timeout(Duration::from_secs(5), || 42), Ok(42));
    }

    #[test]
    fn keyring_descriptions_name_service_and_profile() {
        assert_eq!(KeyringStore::new().describe("production"), "OS keyring (service cake-okta, entry production)");
    }
}
