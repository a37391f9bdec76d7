//! The effective value of every setting and where it came from (a flag, the
//! environment, the config file or a built-in default), for `config show`
//! and `doctor`. The token is not a setting here: only its source is ever
//! shown, and finding it needs the keyring.

use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::backend::DEFAULT_TENANT_URL;
use crate::config::{Config, DEFAULT_PROFILE};
use crate::env::{self, Env};
use crate::net::NetworkOptions;
use crate::window::{DEFAULT_MAX_BUSINESS_DAYS, DEFAULT_MIN_BUSINESS_DAYS};

/// Where an effective value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Flag,
    Environment,
    File,
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::Flag => "flag",
            Source::Environment => "environment",
            Source::File => "file",
            Source::Default => "default",
        })
    }
}

/// One setting in effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Setting {
    /// Dotted key as `config set` takes it, or a name such as `config_file`
    /// for values that only come from the environment.
    pub key: String,
    /// `None` when the setting is unset and has no default.
    pub value: Option<String>,
    pub source: Source,
    /// The flag or variable that set it, or what a default means.
    pub detail: Option<String>,
}

fn setting(key: impl Into<String>, value: Option<String>, source: Source, detail: Option<&str>) -> Setting {
    Setting { key: key.into(), value, source, detail: detail.map(str::to_string) }
}

/// Picks the source of the profile name, in the order the profile is chosen:
/// `--profile`, `CAKE_OKTA_PROFILE`, the file's `default_profile`, `default`.
pub fn profile_setting(config: &Config, flag: Option<&str>, env: &Env) -> Setting {
    if let Some(name) = flag {
        return setting("profile", Some(name.into()), Source::Flag, Some("--profile"));
    }
    if let Some(name) = &env.profile {
        return setting("profile", Some(name.clone()), Source::Environment, Some(env::PROFILE));
    }
    if let Some(name) = &config.file.default_profile {
        return setting("profile", Some(name.clone()), Source::File, Some("default_profile"));
    }
    setting("profile", Some(DEFAULT_PROFILE.into()), Source::Default, None)
}

/// Lists every effective setting for the chosen profile.
pub fn effective_settings(config: &Config, profile_flag: Option<&str>, env: &Env, data_dir: &Path) -> Vec<Setting> {
    let mut settings = vec![
        match &env.config_path {
            Some(path) => setting("config_file", Some(display(path)), Source::Environment, Some(env::CONFIG)),
            None => setting("config_file", Some(display(&config.path)), Source::Default, None),
        },
        match &env.data_dir {
            Some(path) => setting("data_dir", Some(display(path)), Source::Environment, Some(env::DATA_DIR)),
            None => setting("data_dir", Some(display(data_dir)), Source::Default, None),
        },
    ];

    let profile = profile_setting(config, profile_flag, env);
    let name = profile.value.clone().unwrap_or_default();
    settings.push(profile);
    settings.extend(profile_settings(config, &name, env));
    settings.extend(activation_settings(config));
    settings.extend(network_settings(config));
    settings
}

fn profile_settings(config: &Config, name: &str, env: &Env) -> Vec<Setting> {
    let profile = config.file.profiles.get(name).cloned().unwrap_or_default();
    let key = |field: &str| format!("profiles.{name}.{field}");
    let from_file = |field: &str, value: Option<String>, default: Setting| match value {
        Some(value) => setting(key(field), Some(value), Source::File, None),
        None => default,
    };

    let staff_default = match &env.os_user {
        Some(user) => setting(key("staff_name"), Some(user.clone()), Source::Environment, Some("USER")),
        None => setting(key("staff_name"), Some("unknown".into()), Source::Default, None),
    };
    vec![
        from_file("backend_url", profile.backend_url, setting(key("backend_url"), None, Source::Default, None)),
        from_file(
            "tenant_url",
            profile.tenant_url,
            setting(key("tenant_url"), Some(DEFAULT_TENANT_URL.into()), Source::Default, None),
        ),
        from_file("redirect_uri", profile.redirect_uri, setting(key("redirect_uri"), None, Source::Default, None)),
        from_file("staff_name", profile.staff_name.filter(|name| !name.trim().is_empty()), staff_default),
    ]
}

fn activation_settings(config: &Config) -> Vec<Setting> {
    let activation = &config.file.activation;
    let number = |key: &str, value: Option<u32>, default: u32| match value {
        Some(value) => setting(key, Some(value.to_string()), Source::File, None),
        None => setting(key, Some(default.to_string()), Source::Default, None),
    };
    let holidays: Vec<String> = activation.holidays.iter().map(ToString::to_string).collect();

    vec![
        number("activation.min_business_days", activation.min_business_days, DEFAULT_MIN_BUSINESS_DAYS),
        number("activation.max_business_days", activation.max_business_days, DEFAULT_MAX_BUSINESS_DAYS),
        if holidays.is_empty() {
            setting("activation.holidays", Some(String::new()), Source::Default, Some("none"))
        } else {
            setting("activation.holidays", Some(holidays.join(",")), Source::File, None)
        },
        match &activation.time_zone {
            Some(zone) => setting("activation.time_zone", Some(zone.clone()), Source::File, None),
            None => setting(
                "activation.time_zone",
                jiff::tz::TimeZone::system().iana_name().map(str::to_string),
                Source::Default,
                Some("the machine's local zone"),
            ),
        },
    ]
}

fn network_settings(config: &Config) -> Vec<Setting> {
    let network = &config.file.network;
    let defaults = NetworkOptions::default();
    let seconds = |key: &str, value: Option<u64>, default: u64| match value {
        Some(value) => setting(key, Some(value.to_string()), Source::File, None),
        None => setting(key, Some(default.to_string()), Source::Default, None),
    };

    vec![
        seconds("network.connect_timeout_secs", network.connect_timeout_secs, defaults.connect_timeout.as_secs()),
        seconds("network.timeout_secs", network.timeout_secs, defaults.timeout.as_secs()),
        match &network.ca_file {
            Some(path) => setting("network.ca_file", Some(display(path)), Source::File, None),
            None => setting("network.ca_file", None, Source::Default, Some("the platform's trust store only")),
        },
        match network.allow_private_networks {
            Some(allow) => setting("network.allow_private_networks", Some(allow.to_string()), Source::File, None),
            None => setting("network.allow_private_networks", Some("false".into()), Source::Default, None),
        },
    ]
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn config(text: &str) -> Config {
        Config { path: PathBuf::from("/cfg/config.toml"), exists: true, file: toml::from_str(text).unwrap() }
    }

    fn find<'a>(settings: &'a [Setting], key: &str) -> &'a Setting {
        settings.iter().find(|setting| setting.key == key).unwrap_or_else(|| panic!("no {key}"))
    }

    #[test]
    fn profile_source_order() {
        let config = config("default_profile = \"file\"\n");
        let env = Env { profile: Some("env".into()), ..Env::default() };
        let cases = [
            (Some("flag"), &env, "flag", Source::Flag),
            (None, &env, "env", Source::Environment),
            (None, &Env::default(), "file", Source::File),
        ];
        for (flag, env, expected, source) in cases {
            let setting = profile_setting(&config, flag, env);
            assert_eq!(setting.value.as_deref(), Some(expected));
            assert_eq!(setting.source, source);
        }
        let bare = profile_setting(&self::config(""), None, &Env::default());
        assert_eq!((bare.value.as_deref(), bare.source), (Some("default"), Source::Default));
    }

    #[test]
    fn values_come_from_file_or_default() {
        let config = config(
            "default_profile = \"production\"\n[profiles.production]\nbackend_url = \"https://api.cake.example\"\n[network]\ntimeout_secs = 20\n[activation]\nholidays = [\"2026-12-25\"]\n",
        );
        let env = Env { os_user: Some("dana".into()), ..Env::default() };
        let settings = effective_settings(&config, None, &env, Path::new("/data"));

        let cases = [
            ("profiles.production.backend_url", Some("https://api.cake.example"), Source::File),
            ("profiles.production.tenant_url", Some("https://{tenant}"), Source::Default),
            ("profiles.production.staff_name", Some("dana"), Source::Environment),
            ("network.timeout_secs", Some("20"), Source::File),
            ("network.connect_timeout_secs", Some("5"), Source::Default),
            ("activation.holidays", Some("2026-12-25"), Source::File),
            ("activation.min_business_days", Some("3"), Source::Default),
            ("data_dir", Some("/data"), Source::Default),
        ];
        for (key, value, source) in cases {
            let setting = find(&settings, key);
            assert_eq!(setting.value.as_deref(), value, "{key}");
            assert_eq!(setting.source, source, "{key}");
        }
    }
}
