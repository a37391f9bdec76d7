//! The configuration file: named profiles, activation settings and network
//! settings, read from `config.toml` in the user's config directory or from
//! the file `CAKE_OKTA_CONFIG` names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};

/// Profile used when neither the flag, the environment nor the file picks one.
pub const DEFAULT_PROFILE: &str = "default";

/// The file as written. Unknown keys are errors, so a typo is reported with
/// its line instead of being ignored.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
    #[serde(default)]
    pub activation: ActivationConfig,
    #[serde(default)]
    pub network: NetworkConfig,
}

/// One backend environment and the staff member's name in it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub backend_url: Option<String>,
    /// Base of the tenant's `/okta/users` API; `{tenant}` is replaced.
    pub tenant_url: Option<String>,
    /// CAKE's callback registered in Okta; `{tenant}` is replaced.
    pub redirect_uri: Option<String>,
    pub staff_name: Option<String>,
}

/// Settings for counting activation windows.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ActivationConfig {
    pub min_business_days: Option<u32>,
    pub max_business_days: Option<u32>,
    #[serde(default)]
    pub holidays: Vec<jiff::civil::Date>,
    /// IANA zone name; the machine's local zone when absent.
    pub time_zone: Option<String>,
}

/// Network limits and trust settings shared by every outbound call.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkConfig {
    pub connect_timeout_secs: Option<u64>,
    pub timeout_secs: Option<u64>,
    pub ca_file: Option<PathBuf>,
    pub allow_private_networks: Option<bool>,
}

/// The loaded file and where it came from.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    /// False when no file exists yet and every value is a default.
    pub exists: bool,
    pub file: ConfigFile,
}

impl Config {
    /// Loads the file at `path`. A missing file yields the defaults; a file
    /// that cannot be read or parsed is an error naming the file, the line and
    /// the key.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config { path: path.to_path_buf(), exists: false, file: ConfigFile::default() });
            }
            Err(error) => {
                return Err(error).with_context(|| format!("failed to read config file {}", path.display()));
            }
        };

        let file: ConfigFile = toml::from_str(&text)
            .with_context(|| format!("invalid config file {}", path.display()))?;
        Ok(Config { path: path.to_path_buf(), exists: true, file })
    }

    /// Picks the profile: the explicit choice (flag, then environment), else
    /// the file's `default_profile`, else `default`. An explicit or default
    /// name missing from a file that has profiles is an error listing them.
    pub fn select_profile(&self, explicit: Option<&str>) -> anyhow::Result<(String, Profile)> {
        let name = explicit
            .map(str::to_string)
            .or_else(|| self.file.default_profile.clone())
            .unwrap_or_else(|| DEFAULT_PROFILE.to_string());

        if let Some(profile) = self.file.profiles.get(&name) {
            return Ok((name, profile.clone()));
        }
        if self.file.profiles.is_empty() && (explicit.is_none() || name == DEFAULT_PROFILE) {
            return Ok((name, Profile::default()));
        }

        let known: Vec<&str> = self.file.profiles.keys().map(String::as_str).collect();
        let message = format!(
            "profile {name:?} is not defined in {} (defined: {})",
            self.path.display(),
            if known.is_empty() { "none".to_string() } else { known.join(", ") }
        );
        // A name the user typed is a usage error (exit code 2); a file whose
        // default_profile names a missing profile is a broken config.
        match explicit {
            Some(_) => Err(crate::exit::usage_error(message)),
            None => bail!(message),
        }
    }
}

/// Returns the default location of `config.toml` for this platform.
pub fn default_path() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "cake-okta")
        .context("could not determine the config directory: no home directory is known")?;
    Ok(dirs.config_dir().join("config.toml"))
}

/// Returns the default data directory (where the ledger lives) for this platform.
pub fn default_data_dir() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "cake-okta")
        .context("could not determine the data directory: no home directory is known")?;
    Ok(dirs.data_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> anyhow::Result<ConfigFile> {
        Ok(toml::from_str(text)?)
    }

    #[test]
    fn config_sample_parses() {
        let file = parse(
            r#"
default_profile = "production"
[profiles.production]
backend_url = "https://admin-api.cake.example"
tenant_url = "https://{tenant}"
redirect_uri = "https://{tenant}/okta/callback"
staff_name = "Dana Smith"
[activation]
min_business_days = 3
max_business_days = 5
holidays = ["2026-12-25", "2027-01-01"]
time_zone = "America/New_York"
[network]
connect_timeout_secs = 5
timeout_secs = 15
ca_file = "/path/to/extra-ca.pem"
allow_private_networks = false
"#,
        )
        .unwrap();
        assert_eq!(file.default_profile.as_deref(), Some("production"));
        assert_eq!(file.activation.holidays.len(), 2);
        assert_eq!(file.network.timeout_secs, Some(15));
    }

    #[test]
    fn config_typo_names_key_and_line() {
        let error = parse("[profiles.production]\nbackend_ur = \"https://x.example\"\n").unwrap_err();
        let message = format!("{error:#}");
        assert!(message.contains("backend_ur"), "{message}");
        assert!(message.contains("line 2"), "{message}");
    }

    #[test]
    fn config_wrong_type_is_rejected() {
        let error = parse("[network]\ntimeout_secs = \"fifteen\"\n").unwrap_err();
        assert!(format!("{error:#}").contains("timeout_secs"));
    }

    #[test]
    fn profile_selection_order() {
        let config = Config {
            path: PathBuf::from("/tmp/config.toml"),
            exists: true,
            file: parse("default_profile = \"b\"\n[profiles.a]\n[profiles.b]\n").unwrap(),
        };
        assert_eq!(config.select_profile(None).unwrap().0, "b");
        assert_eq!(config.select_profile(Some("a")).unwrap().0, "a");
        let error = config.select_profile(Some("c")).unwrap_err().to_string();
        assert!(error.contains("a, b"), "{error}");
    }
}
