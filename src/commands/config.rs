//! `cake-okta config path|show|set`: where the config file is, every value
//! in effect with its source, and changing one key.
//!
//! These run before the context is settled, so `path` and `set` still work
//! when the file names a profile that does not exist yet.

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::GlobalArgs;
use crate::config::{self, Config};
use crate::config_edit;
use crate::env::{self, Env};
use crate::exit::Exit;
use crate::output::Output;
use crate::secret::Secret;
use crate::secrets::{self, CredentialStore, TokenSource};
use crate::settings::{self, Setting};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the path of the config file in effect
    #[command(help_template = crate::example!("cake-okta config path"))]
    Path,

    /// Show every setting in effect and where it comes from (file, environment, flag or default)
    #[command(help_template = crate::example!("cake-okta config show --profile production"))]
    Show(ShowArgs),

    /// Change one key of the config file, keeping its comments and layout
    #[command(help_template = crate::example!("cake-okta config set profiles.production.backend_url https://admin-api.cake.example"))]
    Set(SetArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Print one JSON object: profile, token_source and settings [{key, value, source, detail}]
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// Dotted key, such as profiles.production.backend_url, activation.holidays or network.timeout_secs
    #[arg(value_name = "KEY")]
    pub key: String,

    /// New value; activation.holidays takes a comma-separated list of dates (empty clears it)
    #[arg(value_name = "VALUE", allow_hyphen_values = true)]
    pub value: String,
}

pub fn run(command: &ConfigCommand, global: &GlobalArgs, env: &Env) -> anyhow::Result<Exit> {
    let output = Output::detect(env.no_color, env.dumb_terminal);
    let path = config_path(env)?;
    match command {
        ConfigCommand::Path => print_path(&output, &path),
        ConfigCommand::Show(args) => show(args, global, env, &output, &path),
        ConfigCommand::Set(args) => set(args, env, &output, &path),
    }
}

/// Returns the config file in effect: `CAKE_OKTA_CONFIG`, else the default.
fn config_path(env: &Env) -> anyhow::Result<std::path::PathBuf> {
    match &env.config_path {
        Some(path) => Ok(path.clone()),
        None => config::default_path(),
    }
}

fn print_path(output: &Output, path: &std::path::Path) -> anyhow::Result<Exit> {
    output.line(&path.display().to_string())?;
    if !path.exists() {
        output.note("(the file does not exist yet; 'cake-okta config set' creates it)");
    }
    Ok(Exit::Success)
}

/// The JSON form of `config show`.
#[derive(Debug, Serialize)]
struct ShowReport<'a> {
    profile: &'a str,
    config_exists: bool,
    /// `environment`, `keyring`, `none` or `unavailable`; the token itself
    /// is never shown.
    token_source: &'static str,
    token_detail: Option<String>,
    settings: &'a [Setting],
}

fn show(
    args: &ShowArgs,
    global: &GlobalArgs,
    env: &Env,
    output: &Output,
    path: &std::path::Path,
) -> anyhow::Result<Exit> {
    let config = Config::load(path)?;
    let explicit = global.profile.as_deref().or(env.profile.as_deref());
    let (profile, _) = config.select_profile(explicit)?;

    let data_dir = match &env.data_dir {
        Some(dir) => dir.clone(),
        None => config::default_data_dir()?,
    };
    let settings = settings::effective_settings(&config, global.profile.as_deref(), env, &data_dir);
    let (token_source, token_detail) = describe_token(env, &profile);

    if args.json {
        let report = ShowReport {
            profile: &profile,
            config_exists: config.exists,
            token_source,
            token_detail,
            settings: &settings,
        };
        output.json(&report)?;
        return Ok(Exit::Success);
    }

    let mut rows: Vec<Vec<String>> = settings.iter().map(setting_row).collect();
    let token_source_text = match &token_detail {
        Some(detail) => format!("{token_source} ({detail})"),
        None => token_source.to_string(),
    };
    rows.push(vec!["token".into(), "(never shown)".into(), token_source_text]);
    output.rows(&["KEY", "VALUE", "SOURCE"], &rows)?;
    if !config.exists {
        output.note(&format!("(no config file at {}; every file value is a default)", path.display()));
    }
    Ok(Exit::Success)
}

fn setting_row(setting: &Setting) -> Vec<String> {
    let value = setting.value.clone().unwrap_or_else(|| "(not set)".into());
    let source = match &setting.detail {
        Some(detail) => format!("{} ({detail})", setting.source),
        None => setting.source.to_string(),
    };
    vec![setting.key.clone(), value, source]
}

/// Finds where the token would come from without showing it. The keyring
/// is asked only when `CAKE_OKTA_TOKEN` is not set.
fn describe_token(env: &Env, profile: &str) -> (&'static str, Option<String>) {
    let store = super::connect::credential_store();
    match secrets::resolve_token(env.token.as_ref(), &store, profile) {
        Ok(Some(token)) => match token.source {
            TokenSource::Environment => ("environment", Some(env::TOKEN.to_string())),
            TokenSource::Store => ("keyring", Some(store.describe(profile))),
        },
        Ok(None) => ("none", Some("run 'cake-okta auth login' or set CAKE_OKTA_TOKEN".into())),
        Err(error) => ("unavailable", Some(error.to_string())),
    }
}

fn set(args: &SetArgs, env: &Env, output: &Output, path: &std::path::Path) -> anyhow::Result<Exit> {
    let spec = config_edit::parse_key(&args.key)?;
    let known_tokens: Vec<&Secret> = env.token.iter().collect();
    let value = config_edit::parse_value(&spec, &args.value, &known_tokens)?;

    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => {
            return Err(anyhow::Error::new(error).context(format!("failed to read config file {}", path.display())));
        }
    };
    let shown = value.to_string();
    let updated = config_edit::set_in_text(&text, &spec, value, path)?;
    config_edit::write_config(path, &updated)?;

    output.line(&format!("Set {} = {} in {}", spec.dotted(), shown.trim(), path.display()))?;
    Ok(Exit::Success)
}

