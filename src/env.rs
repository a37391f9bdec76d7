//! Every environment variable the tool reads, read in this one place.

use std::env::VarError;
use std::path::PathBuf;

use anyhow::Context as _;
use jiff::Timestamp;

use crate::exit::usage_error;
use crate::secret::Secret;

/// Names of the variables, for messages and `help environment`.
pub const CONFIG: &str = "CAKE_OKTA_CONFIG";
pub const DATA_DIR: &str = "CAKE_OKTA_DATA_DIR";
pub const PROFILE: &str = "CAKE_OKTA_PROFILE";
pub const TOKEN: &str = "CAKE_OKTA_TOKEN";
pub const NO_INPUT: &str = "CAKE_OKTA_NO_INPUT";
pub const NOW: &str = "CAKE_OKTA_NOW";
pub const NO_COLOR: &str = "NO_COLOR";

/// Values taken from the environment at start-up.
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub config_path: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub profile: Option<String>,
    pub token: Option<Secret>,
    pub no_input: bool,
    pub no_color: bool,
    pub dumb_terminal: bool,
    pub now: Option<Timestamp>,
    /// Operating-system user name, the actor of events when no staff name is
    /// configured.
    pub os_user: Option<String>,
}

impl Env {
    /// Reads the process environment. Fails only on a malformed value, such as
    /// a `CAKE_OKTA_NOW` that is not an RFC 3339 instant.
    pub fn read() -> anyhow::Result<Env> {
        Ok(Env {
            config_path: path_var(CONFIG),
            data_dir: path_var(DATA_DIR),
            profile: setting_var(PROFILE)?,
            token: token_var()?,
            no_input: flag_var(NO_INPUT)?,
            // NO_COLOR counts when set to anything but the empty string.
            no_color: std::env::var_os(NO_COLOR).is_some_and(|value| !value.is_empty()),
            dumb_terminal: std::env::var("TERM").is_ok_and(|term| term == "dumb"),
            now: now_var()?,
            os_user: text_var("USER")
                .or_else(|| text_var("LOGNAME"))
                .or_else(|| text_var("USERNAME"))
                .or_else(account_name),
        })
    }
}

/// Looks up the account name of the process's user in `/etc/passwd`, for
/// shells that set none of the usual variables (some containers and `su`).
#[cfg(unix)]
fn account_name() -> Option<String> {
    // SAFETY: getuid has no preconditions and cannot fail.
    let uid = unsafe { libc::getuid() }.to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        (fields.get(2) == Some(&uid.as_str())).then(|| fields[0].to_string())
    })
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

fn text_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.trim().is_empty())
}

/// Reads one of the tool's own variables. A value that is not valid UTF-8
/// is a usage error rather than unset, so a garbled `CAKE_OKTA_PROFILE`
/// never falls back to the default profile without a word. The value is not
/// repeated, because it may be the token.
fn setting_var(name: &str) -> anyhow::Result<Option<String>> {
    match std::env::var(name) {
        Ok(value) => Ok(Some(value).filter(|value| !value.trim().is_empty())),
        Err(VarError::NotPresent) => Ok(None),
        Err(VarError::NotUnicode(_)) => {
            Err(usage_error(format!("{name} is not valid UTF-8; set it to plain text or unset it")))
        }
    }
}

fn path_var(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|value| !value.is_empty()).map(PathBuf::from)
}

/// Reads `CAKE_OKTA_TOKEN` without the whitespace around it, which a token
/// read from a file or pasted usually brings along (a trailing `\r\n` made
/// every backend call fail as a broken connection). A value that still
/// cannot be sent in a header is a usage error.
fn token_var() -> anyhow::Result<Option<Secret>> {
    let Some(text) = setting_var(TOKEN)? else {
        return Ok(None);
    };
    crate::secrets::check_token(&text)
        .map(Some)
        .map_err(|error| usage_error(format!("{TOKEN} does not hold a usable API token: {}", error.0)))
}

/// Reads a switch variable: on unless it is empty or one of the usual false words.
fn flag_var(name: &str) -> anyhow::Result<bool> {
    Ok(setting_var(name)?.is_some_and(|value| {
        !matches!(value.trim().to_ascii_lowercase().as_str(), "0" | "false" | "no" | "off")
    }))
}

fn now_var() -> anyhow::Result<Option<Timestamp>> {
    let Some(text) = setting_var(NOW)? else {
        return Ok(None);
    };

    let now = text
        .trim()
        .parse::<Timestamp>()
        .with_context(|| format!("{NOW}={text:?} is not an RFC 3339 instant"))
        .map_err(|error| usage_error(format!("{error:#} (example: 2026-12-04T15:00:00-05:00)")))?;
    Ok(Some(now))
}
