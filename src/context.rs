//! Settled values every command receives: the chosen profile, the
//! environment, "now", whether prompts are allowed, and the output.
//!
//! Flags, environment and the config file are resolved here once, so that
//! commands never look at `std::env` or decide precedence themselves.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use jiff::Timestamp;

use crate::cli::{GlobalArgs, NetworkArgs, ProbeArgs};
use crate::config::{self, Config, Profile};
use crate::env::Env;
use crate::issuer::probe::{self, ProbeOptions};
use crate::net::NetworkOptions;
use crate::output::Output;

pub struct Context {
    pub env: Env,
    pub config: Config,
    pub profile_name: String,
    pub profile: Profile,
    /// The instant used as "now": `CAKE_OKTA_NOW` when set, else the clock.
    pub now: Timestamp,
    /// Prompts are allowed: stdin and stderr are terminals and neither
    /// `--no-input` nor `CAKE_OKTA_NO_INPUT` forbids them.
    pub interactive: bool,
    pub debug: bool,
    pub output: Output,
}

impl Context {
    /// Resolves the global flags, the environment and the config file.
    pub fn settle(global: &GlobalArgs, env: Env) -> anyhow::Result<Context> {
        let path = match &env.config_path {
            Some(path) => path.clone(),
            None => config::default_path()?,
        };
        let config = Config::load(&path)?;

        let explicit = global.profile.as_deref().or(env.profile.as_deref());
        let (profile_name, profile) = config.select_profile(explicit)?;

        let output = Output::detect(env.no_color, env.dumb_terminal);
        let terminal = std::io::stdin().is_terminal() && output.stderr_is_terminal();
        let interactive = terminal && !global.no_input && !env.no_input;

        Ok(Context {
            now: env.now.unwrap_or_else(Timestamp::now),
            env,
            config,
            profile_name,
            profile,
            interactive,
            debug: global.debug,
            output,
        })
    }

    /// Directory of the ledger: `CAKE_OKTA_DATA_DIR`, else the platform's
    /// data directory.
    pub fn data_dir(&self) -> anyhow::Result<PathBuf> {
        match &self.env.data_dir {
            Some(dir) => Ok(dir.clone()),
            None => config::default_data_dir(),
        }
    }

    /// Name recorded as the actor of ledger events: the profile's staff name,
    /// else the operating-system user.
    pub fn actor(&self) -> String {
        self.profile
            .staff_name
            .clone()
            .filter(|name| !name.trim().is_empty())
            .or_else(|| self.env.os_user.clone())
            .unwrap_or_else(|| "unknown".to_string())
    }

    /// Network options from the flags, then the config file, then defaults.
    pub fn network_options(&self, args: &NetworkArgs) -> anyhow::Result<NetworkOptions> {
        let network = &self.config.file.network;
        let defaults = NetworkOptions::default();

        let ca_file = match &args.ca_cert {
            Some(path) => Some(path.clone()),
            None => network.ca_file.clone(),
        };
        if let Some(path) = &ca_file {
            std::fs::metadata(path).with_context(|| format!("cannot read CA file {}", path.display()))?;
        }

        Ok(NetworkOptions {
            connect_timeout: network.connect_timeout_secs.map(Duration::from_secs).unwrap_or(defaults.connect_timeout),
            timeout: args
                .timeout
                .or(network.timeout_secs)
                .map(Duration::from_secs)
                .unwrap_or(defaults.timeout),
            ca_file,
            allow_private_networks: args.allow_private_network || network.allow_private_networks.unwrap_or(false),
            debug: self.debug,
        })
    }

    /// Probe settings from the flags, or `None` without `--probe`. The
    /// redirect URI is `--redirect-uri`, else the profile's template with
    /// `tenant` filled in; `issuer check` has no tenant.
    pub fn probe_options(&self, args: &ProbeArgs, tenant: Option<&str>) -> Option<ProbeOptions> {
        if !args.probe {
            return None;
        }
        let template = self.profile.redirect_uri.as_deref();
        let redirect_uri = probe::resolve_redirect_uri(args.redirect_uri.as_ref(), template, tenant);
        Some(ProbeOptions { redirect_uri })
    }
}
