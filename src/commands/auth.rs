//! `cake-okta auth login|logout|status`: store, remove and show the backend
//! API token of the active profile. The token is stored in the OS keyring
//! only. `CAKE_OKTA_TOKEN` overrides it and is never written anywhere.

use std::io::Read;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::connect;
use crate::backend::{self, AccessCheck, BackendError};
use crate::context::Context;
use crate::env;
use crate::exit::{Exit, usage_error};
use crate::output::{Output, Style};
use crate::secret::Secret;
use crate::secrets::{self, CredentialStore, TokenSource};

/// Maximum number of bytes read from stdin for `--with-token`.
const MAX_STDIN_BYTES: u64 = 64 * 1024;

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Store the backend API token of the profile in the OS keyring
    #[command(help_template = crate::example!("cake-okta auth login --with-token < token.txt"))]
    Login(LoginArgs),

    /// Remove the profile's API token from the OS keyring
    #[command(help_template = crate::example!("cake-okta auth logout --profile staging"))]
    Logout,

    /// Show where the token comes from (masked) and check it against the backend
    #[command(help_template = crate::example!("cake-okta auth status --json"))]
    Status(StatusArgs),
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Read the token from stdin instead of prompting for it
    #[arg(long)]
    pub with_token: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Do not contact the backend; only report where the token comes from
    #[arg(long)]
    pub offline: bool,

    /// Tenant whose activation status is read for the check [default: a reserved name no tenant has]
    #[arg(long, value_name = "TENANT")]
    pub tenant: Option<String>,

    /// Print one JSON object: profile, backend_url, token_source, token (masked) and check
    #[arg(long)]
    pub json: bool,
}

pub fn run(command: &AuthCommand, context: &Context) -> anyhow::Result<Exit> {
    match command {
        AuthCommand::Login(args) => login(args, context),
        AuthCommand::Logout => logout(context),
        AuthCommand::Status(args) => status(args, context),
    }
}

fn login(args: &LoginArgs, context: &Context) -> anyhow::Result<Exit> {
    let store = connect::credential_store();
    let profile = &context.profile_name;

    let token = if args.with_token {
        read_token_from_stdin()?
    } else if context.interactive {
        // Fail before the prompt when there is nowhere to store the token.
        store.get(profile).map(|_| ())?;
        prompt_for_token(profile)?
    } else {
        return Err(usage_error(
            "no token given and prompts are not allowed here; pipe the token into 'cake-okta auth login --with-token'",
        ));
    };

    store
        .set(profile, &token)
        .with_context(|| format!("failed to store the API token of profile {profile:?}"))?;
    context.output.line(&format!("Stored the API token of profile {profile:?} in the {}.", store.describe(profile)))?;
    if context.env.token.is_some() {
        context.output.warn(&format!("{} is set, and it is used instead of the stored token", env::TOKEN));
    }
    Ok(Exit::Success)
}

fn read_token_from_stdin() -> anyhow::Result<Secret> {
    let mut text = String::new();
    std::io::stdin()
        .take(MAX_STDIN_BYTES)
        .read_to_string(&mut text)
        .context("failed to read the token from stdin")?;
    secrets::check_token(&text).map_err(|error| usage_error(error.to_string()))
}

fn prompt_for_token(profile: &str) -> anyhow::Result<Secret> {
    let text = dialoguer::Password::new()
        .with_prompt(format!("API token for profile {profile}"))
        .interact()
        .context("failed to read the token from the terminal")?;
    secrets::check_token(&text).map_err(|error| usage_error(error.to_string()))
}

fn logout(context: &Context) -> anyhow::Result<Exit> {
    let store = connect::credential_store();
    let profile = &context.profile_name;

    let removed = store
        .delete(profile)
        .with_context(|| format!("failed to remove the API token of profile {profile:?}"))?;
    if removed {
        context.output.line(&format!("Removed the API token of profile {profile:?} from the {}.", store.describe(profile)))?;
    } else {
        context.output.line(&format!("No API token is stored for profile {profile:?}."))?;
    }
    if context.env.token.is_some() {
        context.output.warn(&format!("{} is still set and provides a token", env::TOKEN));
    }
    Ok(Exit::Success)
}

/// The JSON form of `auth status`.
#[derive(Debug, Serialize)]
struct StatusReport {
    profile: String,
    backend_url: Option<String>,
    /// `environment`, `keyring`, `none` or `unavailable`.
    token_source: &'static str,
    /// The first characters of the token and a mask.
    token: Option<String>,
    /// Reason the keyring could not be read, when it could not.
    keyring_error: Option<String>,
    check: Check,
}

/// Result of the live check.
#[derive(Debug, Serialize)]
pub(super) struct Check {
    /// `accepted`, `rejected`, `unreachable`, `error` or `skipped`.
    pub outcome: &'static str,
    /// The call made, such as `GET https://.../v1/tenants/x/sso/okta`.
    pub call: Option<String>,
    pub status: Option<u16>,
    pub message: String,
    /// Advice when the check did not succeed and there is a clear next step.
    pub hint: Option<String>,
}

fn status(args: &StatusArgs, context: &Context) -> anyhow::Result<Exit> {
    let store = connect::credential_store();
    let profile = context.profile_name.clone();
    let resolved = secrets::resolve_token(context.env.token.as_ref(), &store, &profile);

    let (token_source, token, keyring_error) = match &resolved {
        Ok(Some(token)) => (source_name(token.source), Some(token.secret.masked()), None),
        Ok(None) => ("none", None, None),
        Err(error) => ("unavailable", None, Some(error.to_string())),
    };
    let check = match (&resolved, args.offline) {
        (_, true) => skipped("--offline was given"),
        (Ok(Some(token)), false) => {
            if !args.json {
                announce_live_check(&context.output);
            }
            let tenant = args.tenant.as_deref().unwrap_or(backend::ACCESS_CHECK_TENANT);
            check_backend(context, token.clone(), tenant)
        }
        (Ok(None), false) => skipped("there is no token to check"),
        (Err(_), false) => skipped("the keyring could not be read"),
    };

    let report = StatusReport {
        profile,
        backend_url: context.profile.backend_url.clone(),
        token_source,
        token,
        keyring_error,
        check,
    };
    if args.json {
        context.output.json(&report)?;
    } else {
        print_status(context, &report, &store, args.tenant.is_some())?;
    }

    let healthy = report.token.is_some() && matches!(report.check.outcome, "accepted" | "skipped");
    Ok(if healthy { Exit::Success } else { Exit::Error })
}

fn source_name(source: TokenSource) -> &'static str {
    match source {
        TokenSource::Environment => "environment",
        TokenSource::Store => "keyring",
    }
}

pub(super) fn skipped(reason: &str) -> Check {
    Check { outcome: "skipped", call: None, status: None, message: format!("not checked: {reason}"), hint: None }
}

/// Checks the backend with the token: reachability, and whether the token
/// is accepted.
pub(super) fn check_backend(context: &Context, token: secrets::Token, tenant: &str) -> Check {
    let client = connect::backend_url(context)
        .and_then(|url| connect::client_with_token(context, &connect::no_network_flags(), url, token));
    let client = match client {
        Ok(client) => client,
        Err(error) => {
            let hint = crate::exit::hints_of(&error).first().map(|hint| hint.to_string());
            return Check { outcome: "error", call: None, status: None, message: format!("{error:#}"), hint };
        }
    };

    let _spinner = context.output.spinner("Checking the backend…");
    describe_access(client.check_access(tenant))
}

/// Words the result of the access check. The tenant is left out, because
/// without `--tenant` it is a reserved name that only serves the check.
fn describe_access(result: Result<AccessCheck, BackendError>) -> Check {
    match result {
        Ok(check) if check.token_accepted() => Check {
            outcome: "accepted",
            call: Some(format!("GET {}", check.url)),
            status: Some(check.status),
            message: "backend reachable, token accepted".to_string(),
            hint: None,
        },
        Ok(check) => Check {
            outcome: "error",
            call: Some(format!("GET {}", check.url)),
            status: Some(check.status),
            message: format!("backend reachable, but it returned HTTP {}, so the token could not be checked", check.status),
            hint: None,
        },
        Err(error) => {
            let (outcome, message) = match error.status() {
                Some(status) if error.is_unauthorized() => ("rejected", format!("token rejected (HTTP {status})")),
                _ => ("unreachable", format!("backend not reachable: {}", error.reason())),
            };
            Check {
                outcome,
                call: Some(format!("GET {}", error.url)),
                status: error.status(),
                message,
                hint: error.hint().map(str::to_string),
            }
        }
    }
}

/// Tells the user, before the call, that a live check contacts the backend.
pub(super) fn announce_live_check(output: &Output) {
    output.note("Checking the token with a live call to the backend (--offline skips it).");
}

fn print_status(
    context: &Context,
    report: &StatusReport,
    store: &dyn CredentialStore,
    tenant_named: bool,
) -> anyhow::Result<()> {
    let output = &context.output;
    output.line(&format!("Profile  {}", report.profile))?;
    output.line(&format!("Backend  {}", report.backend_url.as_deref().unwrap_or("(not set)")))?;

    let token_line = match (&report.token, report.token_source) {
        (Some(masked), "environment") => format!("{masked} from {}", env::TOKEN),
        (Some(masked), _) => format!("{masked} from the {}", store.describe(&report.profile)),
        (None, "unavailable") => format!("unknown: {}", report.keyring_error.as_deref().unwrap_or_default()),
        (None, _) => "none; run 'cake-okta auth login' or set CAKE_OKTA_TOKEN".to_string(),
    };
    output.line(&format!("Token    {token_line}"))?;

    let (glyph, style) = match report.check.outcome {
        "accepted" => ("✔", Style::Good),
        "skipped" => ("–", Style::Dim),
        _ => ("✘", Style::Bad),
    };
    output.line(&format!("Check    {} {}", output.paint(style, glyph), crate::text::one_line(&report.check.message)))?;
    // The call names a tenant only when --tenant chose a real one.
    if let Some(call) = report.check.call.as_ref().filter(|_| tenant_named) {
        output.line(&format!("         {}", output.paint(Style::Dim, &format!("({call})"))))?;
    }
    if let Some(hint) = &report.check.hint {
        output.note(&format!("hint: {}", crate::text::one_line(hint)));
    }
    Ok(())
}

