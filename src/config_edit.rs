//! `config set`: changes one key of the config file in place. The value is
//! checked against the key's type, the changed file is checked as a whole
//! (it must load and its URLs and calendar must be valid), and only then is
//! the file replaced. Comments and layout survive, because the file is
//! edited as a `toml_edit` document rather than re-serialized.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use jiff::civil::Date;
use toml_edit::{Array, DocumentMut, Item, Table, TableLike, Value};

use crate::backend::{check_tenant_url_template, parse_backend_url, tenant_base_url};
use crate::config::{ConfigFile, Profile};
use crate::exit::{usage_error, with_hint};
use crate::net::tls::read_ca_file;
use crate::secret::Secret;
use crate::secrets::looks_like_token;
use crate::window::{MAX_BUSINESS_DAYS_LIMIT, WindowSettings};

/// Largest timeout accepted, in seconds, as for `--timeout`.
const MAX_TIMEOUT_SECS: i64 = 600;

/// What a key holds, which decides how its value is parsed and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    ProfileName,
    BackendUrl,
    TenantUrl,
    RedirectUri,
    Text,
    BusinessDays,
    Dates,
    TimeZone,
    Seconds,
    CaFile,
    Bool,
}

/// A key of the config file, split into the tables that lead to it and
/// its own name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySpec {
    tables: Vec<String>,
    name: String,
    kind: Kind,
}

impl KeySpec {
    /// Returns the dotted key, as typed.
    pub fn dotted(&self) -> String {
        let mut parts = self.tables.clone();
        parts.push(self.name.clone());
        parts.join(".")
    }
}

/// Every settable key, for messages; `NAME` is any profile name.
pub const SETTABLE_KEYS: &[&str] = &[
    "default_profile",
    "profiles.NAME.backend_url",
    "profiles.NAME.tenant_url",
    "profiles.NAME.redirect_uri",
    "profiles.NAME.staff_name",
    "activation.min_business_days",
    "activation.max_business_days",
    "activation.holidays",
    "activation.time_zone",
    "network.connect_timeout_secs",
    "network.timeout_secs",
    "network.ca_file",
    "network.allow_private_networks",
];

/// Parses a dotted key such as `profiles.production.backend_url`.
pub fn parse_key(key: &str) -> anyhow::Result<KeySpec> {
    let parts: Vec<&str> = key.split('.').collect();
    if parts.iter().any(|part| is_secret_name(part)) {
        return Err(with_hint(
            format!("the config file does not store API tokens ({key:?})"),
            "store the token in the OS keyring with 'cake-okta auth login', or set CAKE_OKTA_TOKEN",
        ));
    }

    let spec = |tables: &[&str], name: &str, kind| KeySpec {
        tables: tables.iter().map(|table| table.to_string()).collect(),
        name: name.to_string(),
        kind,
    };
    let found = match parts.as_slice() {
        ["default_profile"] => spec(&[], "default_profile", Kind::ProfileName),
        ["profiles", profile, name] => {
            check_profile_name(profile)?;
            let kind = match *name {
                "backend_url" => Kind::BackendUrl,
                "tenant_url" => Kind::TenantUrl,
                "redirect_uri" => Kind::RedirectUri,
                "staff_name" => Kind::Text,
                _ => return Err(unknown_key(key)),
            };
            spec(&["profiles", profile], name, kind)
        }
        ["activation", name @ ("min_business_days" | "max_business_days")] => {
            spec(&["activation"], name, Kind::BusinessDays)
        }
        ["activation", "holidays"] => spec(&["activation"], "holidays", Kind::Dates),
        ["activation", "time_zone"] => spec(&["activation"], "time_zone", Kind::TimeZone),
        ["network", name @ ("connect_timeout_secs" | "timeout_secs")] => spec(&["network"], name, Kind::Seconds),
        ["network", "ca_file"] => spec(&["network"], "ca_file", Kind::CaFile),
        ["network", "allow_private_networks"] => spec(&["network"], "allow_private_networks", Kind::Bool),
        _ => return Err(unknown_key(key)),
    };
    Ok(found)
}

fn unknown_key(key: &str) -> anyhow::Error {
    usage_error(format!("unknown config key {key:?}; settable keys: {}", SETTABLE_KEYS.join(", ")))
}

fn is_secret_name(part: &str) -> bool {
    let part = part.to_ascii_lowercase();
    ["token", "secret", "password", "api_key", "apikey"].iter().any(|word| part.contains(word))
}

fn check_profile_name(name: &str) -> anyhow::Result<()> {
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(usage_error(format!(
            "invalid profile name {name:?}: use letters, digits, '-' and '_'"
        )));
    }
    Ok(())
}

/// Converts a value typed on the command line into the TOML value of its
/// key, checking it on the way. `known_tokens` are values that must never be
/// stored, such as the token in use.
pub fn parse_value(spec: &KeySpec, text: &str, known_tokens: &[&Secret]) -> anyhow::Result<Value> {
    let key = spec.dotted();
    let invalid = |reason: String| usage_error(format!("invalid value for {key}: {reason}"));

    let is_known_token = known_tokens.iter().any(|token| !token.expose().is_empty() && text.contains(token.expose()));
    if is_known_token || (is_free_text(spec.kind) && looks_like_token(text)) {
        return Err(with_hint(
            format!("the value for {key} looks like an API token, which the config file never stores"),
            "store the token in the OS keyring with 'cake-okta auth login', or set CAKE_OKTA_TOKEN",
        ));
    }

    let value = match spec.kind {
        Kind::ProfileName => {
            check_profile_name(text)?;
            Value::from(text)
        }
        Kind::BackendUrl => {
            parse_backend_url(text).map_err(|error| invalid(error.reason))?;
            Value::from(text)
        }
        Kind::TenantUrl => {
            check_tenant_url_template(text).map_err(|error| invalid(error.reason))?;
            Value::from(text)
        }
        Kind::RedirectUri => {
            check_redirect_uri(text).map_err(|error| invalid(format!("{error:#}")))?;
            Value::from(text)
        }
        Kind::Text => {
            if text.trim().is_empty() || text.chars().any(char::is_control) {
                return Err(invalid("give one line of text".into()));
            }
            Value::from(text.trim())
        }
        Kind::BusinessDays => Value::from(parse_integer(text, 0, i64::from(MAX_BUSINESS_DAYS_LIMIT)).map_err(invalid)?),
        Kind::Seconds => Value::from(parse_integer(text, 1, MAX_TIMEOUT_SECS).map_err(invalid)?),
        Kind::Dates => Value::Array(parse_dates(text).map_err(invalid)?),
        Kind::TimeZone => {
            jiff::tz::TimeZone::get(text)
                .map_err(|_| invalid(format!("unknown time zone {text:?}; use an IANA name such as America/New_York")))?;
            Value::from(text)
        }
        Kind::CaFile => {
            let path = Path::new(text);
            read_ca_file(path).map_err(|error| invalid(format!("{error:#}")))?;
            Value::from(absolute(path)?.to_string_lossy().as_ref())
        }
        Kind::Bool => Value::from(parse_bool(text).map_err(invalid)?),
    };
    Ok(value)
}

/// Kinds whose value is free text, where a pasted token could hide.
fn is_free_text(kind: Kind) -> bool {
    matches!(kind, Kind::ProfileName | Kind::Text | Kind::BackendUrl | Kind::TenantUrl | Kind::RedirectUri)
}

fn check_redirect_uri(template: &str) -> anyhow::Result<()> {
    // The redirect URI is checked like a tenant URL, but it may carry a path
    // and need not contain the tenant.
    let sample = template.replace(crate::backend::TENANT_PLACEHOLDER, "tenant.example");
    let url = url::Url::parse(&sample).with_context(|| format!("{template:?} is not a URL"))?;
    if url.scheme() != "https" && !(url.scheme() == "http" && crate::backend::is_loopback(&url)) {
        bail!("use an https:// URL (plain http only for loopback hosts)");
    }
    Ok(())
}

fn parse_integer(text: &str, min: i64, max: i64) -> Result<i64, String> {
    let number: i64 = text.trim().parse().map_err(|_| format!("{text:?} is not a whole number"))?;
    if !(min..=max).contains(&number) {
        return Err(format!("{number} is outside {min}..={max}"));
    }
    Ok(number)
}

fn parse_bool(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        _ => Err(format!("{text:?} is not true or false")),
    }
}

/// Parses a comma-separated list of dates; an empty value clears the list.
fn parse_dates(text: &str) -> Result<Array, String> {
    let mut dates: Vec<Date> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|part| !part.is_empty()) {
        let date: Date = part.parse().map_err(|_| format!("{part:?} is not a date like 2026-12-25"))?;
        dates.push(date);
    }
    dates.sort();
    dates.dedup();
    Ok(dates.iter().map(|date| date.to_string()).collect())
}

fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    std::path::absolute(path).with_context(|| format!("cannot resolve the path {}", path.display()))
}

/// Sets one key in the text of a config file and returns the new text.
/// The new text is checked as a whole before it is returned.
pub fn set_in_text(text: &str, spec: &KeySpec, value: Value, path: &Path) -> anyhow::Result<String> {
    let mut document: DocumentMut =
        text.parse().with_context(|| format!("invalid config file {}; fix it by hand first", path.display()))?;

    let table = table_at(document.as_table_mut(), &spec.tables)?;
    set_keeping_comment(table, &spec.name, value);

    let updated = document.to_string();
    check_whole_file(&updated).with_context(|| {
        format!("setting {} would leave the config file {} invalid; nothing was written", spec.dotted(), path.display())
    })?;
    Ok(updated)
}

/// Walks to the table at `path`, creating missing tables. Tables created on
/// the way are implicit, so only the innermost one gets a `[header]`.
fn table_at<'a>(root: &'a mut Table, path: &[String]) -> anyhow::Result<&'a mut dyn TableLike> {
    // A new table gets a blank line before its header unless the file is
    // empty, as hand-written files usually have.
    let blank_line = if root.is_empty() { "" } else { "\n" };
    let mut current: &mut dyn TableLike = root;
    for (index, name) in path.iter().enumerate() {
        let last = index + 1 == path.len();
        let item = current.entry(name).or_insert_with(|| {
            let mut table = Table::new();
            table.set_implicit(!last);
            table.decor_mut().set_prefix(blank_line);
            Item::Table(table)
        });
        current = item
            .as_table_like_mut()
            .with_context(|| format!("{} is not a table in the config file", path[..=index].join(".")))?;
    }
    Ok(current)
}

/// Replaces a value in place, so the key keeps the comment above it and the
/// value keeps the comment after it.
fn set_keeping_comment(table: &mut dyn TableLike, name: &str, mut value: Value) {
    match table.get_mut(name) {
        Some(Item::Value(old)) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        _ => {
            table.insert(name, Item::Value(value));
        }
    }
}

/// Checks a whole config text: it loads as the tool reads it, its URLs
/// follow the URL rules and its calendar settings are usable.
pub fn check_whole_file(text: &str) -> anyhow::Result<()> {
    let file: ConfigFile = toml::from_str(text).context("the file would not load")?;

    for (name, profile) in &file.profiles {
        check_profile(profile).with_context(|| format!("invalid profile {name:?}"))?;
    }

    let activation = &file.activation;
    let min = activation.min_business_days.unwrap_or(crate::window::DEFAULT_MIN_BUSINESS_DAYS);
    let max = activation.max_business_days.unwrap_or(crate::window::DEFAULT_MAX_BUSINESS_DAYS);
    let holidays = activation.holidays.iter().copied();
    match &activation.time_zone {
        Some(zone) => WindowSettings::with_time_zone_name(min, max, holidays, zone).map(|_| ()),
        None => WindowSettings::new(min, max, holidays, jiff::tz::TimeZone::UTC).map(|_| ()),
    }
    .context("invalid [activation] settings")?;
    Ok(())
}

fn check_profile(profile: &Profile) -> anyhow::Result<()> {
    if let Some(url) = &profile.backend_url {
        parse_backend_url(url)?;
    }
    if let Some(template) = &profile.tenant_url {
        tenant_base_url(template, "tenant.example")?;
    }
    if let Some(template) = &profile.redirect_uri {
        check_redirect_uri(template)?;
    }
    Ok(())
}

/// Replaces the config file with `text`: the directory is created when
/// missing (owner-only), the text goes to a temporary file readable by its
/// owner only, which then takes the file's place, so a crash never leaves
/// half a file behind.
pub fn write_config(path: &Path, text: &str) -> anyhow::Result<()> {
    // Writing through a symbolic link keeps the link and changes its target.
    let target = match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            fs::canonicalize(path).with_context(|| format!("cannot follow the link {}", path.display()))?
        }
        _ => path.to_path_buf(),
    };
    let dir = target.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
    create_private_dir(dir)?;

    let temporary = dir.join(format!(".config.toml.{}.tmp", std::process::id()));
    let result = write_private(&temporary, text).and_then(|()| {
        fs::rename(&temporary, &target).with_context(|| format!("cannot replace the config file {}", target.display()))
    });
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).with_context(|| format!("cannot create the config directory {}", dir.display()))
}

fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);

    let mut file = options.open(path).with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str, key: &str, value: &str) -> anyhow::Result<String> {
        let spec = parse_key(key)?;
        let value = parse_value(&spec, value, &[])?;
        set_in_text(text, &spec, value, Path::new("/tmp/config.toml"))
    }

    #[test]
    fn set_keeps_comments_and_layout() {
        let text = "# staff settings\ndefault_profile = \"production\" # main one\n\n[profiles.production]\n# the API\nbackend_url = \"https://old.cake.example\"  # moved in May\nstaff_name = \"Dana\"\n";
        let updated = set(text, "profiles.production.backend_url", "https://new.cake.example").unwrap();
        assert_eq!(
            updated,
            "# staff settings\ndefault_profile = \"production\" # main one\n\n[profiles.production]\n# the API\nbackend_url = \"https://new.cake.example\"  # moved in May\nstaff_name = \"Dana\"\n"
        );
    }

    #[test]
    fn set_creates_missing_tables() {
        let updated = set("", "profiles.staging.backend_url", "http://127.0.0.1:8080").unwrap();
        assert_eq!(updated, "[profiles.staging]\nbackend_url = \"http://127.0.0.1:8080\"\n");

        let updated = set(&updated, "network.timeout_secs", "20").unwrap();
        assert!(updated.ends_with("\n\n[network]\ntimeout_secs = 20\n"), "{updated}");
        let file: ConfigFile = toml::from_str(&updated).unwrap();
        assert_eq!(file.network.timeout_secs, Some(20));
    }

    #[test]
    fn holidays_from_comma_list() {
        let updated = set("", "activation.holidays", "2027-01-01, 2026-12-25,2026-12-25").unwrap();
        let file: ConfigFile = toml::from_str(&updated).unwrap();
        let holidays: Vec<String> = file.activation.holidays.iter().map(ToString::to_string).collect();
        assert_eq!(holidays, ["2026-12-25", "2027-01-01"]);

        let cleared = set(&updated, "activation.holidays", "").unwrap();
        let file: ConfigFile = toml::from_str(&cleared).unwrap();
        assert!(file.activation.holidays.is_empty());
    }

    #[test]
    fn invalid_values_rejected() {
        let cases = [
            ("profiles.p.backend_url", "http://admin-api.cake.example", "loopback"),
            ("profiles.p.backend_url", "not a url", "not a URL"),
            ("profiles.p.tenant_url", "https://cake.example", "{tenant}"),
            ("network.timeout_secs", "fifteen", "not a whole number"),
            ("network.timeout_secs", "0", "outside 1..=600"),
            ("network.allow_private_networks", "maybe", "not true or false"),
            ("activation.holidays", "2026-13-01", "not a date"),
            ("activation.time_zone", "Mars/Olympus", "unknown time zone"),
            ("activation.max_business_days", "61", "outside 0..=60"),
            ("network.ca_file", "/nonexistent/ca.pem", "/nonexistent/ca.pem"),
            ("profiles.p.staff_name", "  ", "one line"),
        ];
        for (key, value, expected) in cases {
            let error = set("", key, value).unwrap_err();
            let message = format!("{error:#}");
            assert!(message.contains(expected), "{key}={value}: {message}");
        }
    }

    #[test]
    fn whole_file_checked_before_writing() {
        let text = "[activation]\nmax_business_days = 5\n";
        let error = set(text, "activation.min_business_days", "7").unwrap_err();
        let message = format!("{error:#}");
        assert!(message.contains("nothing was written"), "{message}");
        assert!(message.contains("greater than the maximum"), "{message}");
    }

    #[test]
    fn unknown_and_secret_keys_rejected() {
        assert!(format!("{:#}", parse_key("profiles.p.backend").unwrap_err()).contains("settable keys"));
        assert!(format!("{:#}", parse_key("colour").unwrap_err()).contains("unknown config key"));
        for key in ["profiles.p.token", "profiles.p.api_token", "network.password"] {
            let error = parse_key(key).unwrap_err();
            assert!(crate::exit::hints_of(&error).iter().any(|hint| hint.contains("auth login")), "{key}");
        }
        assert!(parse_key("profiles.bad name.backend_url").is_err());
    }

    #[test]
    fn token_values_rejected() {
        let spec = parse_key("profiles.p.staff_name").unwrap();
        assert!(parse_value(&spec, "ck_live_4f9a8b7c6d5e4f3a2b1c", &[]).is_err());

        let token = Secret::new("hunter2hunter2");
        let error = parse_value(&spec, "Dana hunter2hunter2", &[&token]).unwrap_err();
        assert!(error.to_string().contains("looks like an API token"), "{error}");
        assert!(parse_value(&spec, "Dana Smith", &[&token]).is_ok());
    }

    #[test]
    fn write_creates_private_file_and_directory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("config.toml");
        write_config(&path, "default_profile = \"p\"\n").unwrap();
        write_config(&path, "default_profile = \"q\"\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "default_profile = \"q\"\n");

        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            let dir_mode = fs::metadata(path.parent().unwrap()).unwrap().permissions().mode() & 0o777;
            assert_eq!(dir_mode, 0o700);
        }
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "temporary files remain");
    }
}
