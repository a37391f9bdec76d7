//! `cake-okta doctor`: checks the whole setup one step at a time (config
//! file, profile, keyring, token, backend, ledger) and prints one line per
//! check. It runs before the context is settled, so a broken config file is
//! reported as a failed check instead of stopping the command.

use clap::Args;
use serde::Serialize;

use super::auth;
use super::connect;
use crate::backend;
use crate::cli::GlobalArgs;
use crate::config::{self, Config};
use crate::context::Context;
use crate::env::{self, Env};
use crate::exit::Exit;
use crate::ledger::{self, Ledger};
use crate::output::{Output, Style};
use crate::secrets::{self, CredentialStore};
use crate::text::one_line;

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Do not contact the backend
    #[arg(long)]
    pub offline: bool,

    /// Print one JSON object: ok and checks [{id, status, message, hint}]
    #[arg(long)]
    pub json: bool,
}

/// Outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Ok,
    Warn,
    Fail,
    Skipped,
}

#[derive(Debug, Serialize)]
struct Check {
    id: &'static str,
    status: Status,
    message: String,
    /// Advice for a check that did not pass.
    hint: Option<String>,
}

fn check(id: &'static str, status: Status, message: impl Into<String>) -> Check {
    Check { id, status, message: message.into(), hint: None }
}

impl Check {
    fn with_hint(self, hint: Option<String>) -> Check {
        Check { hint, ..self }
    }
}

#[derive(Debug, Serialize)]
struct Report {
    /// False when any check failed.
    ok: bool,
    checks: Vec<Check>,
}

pub fn run(args: &DoctorArgs, global: &GlobalArgs, env: &Env) -> anyhow::Result<Exit> {
    let output = Output::detect(env.no_color, env.dumb_terminal);
    if !args.offline && !args.json {
        auth::announce_live_check(&output);
    }
    let checks = run_checks(args, global, env);
    let report = Report { ok: !checks.iter().any(|check| check.status == Status::Fail), checks };

    if args.json {
        output.json(&report)?;
    } else {
        print_report(&output, &report)?;
    }
    Ok(if report.ok { Exit::Success } else { Exit::Error })
}

fn run_checks(args: &DoctorArgs, global: &GlobalArgs, env: &Env) -> Vec<Check> {
    let mut checks = Vec::new();

    let context = match Context::settle(global, env.clone()) {
        Ok(context) => context,
        Err(error) => {
            checks.push(settle_failure(env, &error));
            checks.push(check("ledger", Status::Skipped, "not checked: the config file must load first"));
            return checks;
        }
    };

    checks.push(config_check(&context.config));
    checks.push(check("profile", Status::Ok, format!("profile {:?} selected", context.profile_name)));
    checks.push(backend_url_check(&context));

    let store = connect::credential_store();
    let keyring = store.get(&context.profile_name);
    checks.push(keyring_check(env, &store, &context.profile_name, &keyring));
    checks.push(token_check(env, &keyring));
    checks.push(backend_check(args, &context, &keyring));
    checks.push(ledger_check(&context));
    checks
}

/// Reports why the config or profile could not be settled. The file is
/// loaded again here only to tell the two failures apart.
fn settle_failure(env: &Env, error: &anyhow::Error) -> Check {
    let path = env.config_path.clone().or_else(|| config::default_path().ok());
    let loads = path.as_deref().map(|path| Config::load(path).is_ok()).unwrap_or(false);
    let id = if loads { "profile" } else { "config" };
    check(id, Status::Fail, one_line(&format!("{error:#}")))
}

fn config_check(config: &Config) -> Check {
    if config.exists {
        check("config", Status::Ok, format!("config file {} loaded", config.path.display()))
    } else {
        check("config", Status::Warn, format!("no config file at {}; every value is a default", config.path.display()))
    }
}

fn backend_url_check(context: &Context) -> Check {
    match connect::backend_url(context) {
        Ok(url) => check("backend_url", Status::Ok, format!("backend_url is {url}")),
        Err(error) => {
            let hint = crate::exit::hints_of(&error).first().map(|hint| hint.to_string());
            check("backend_url", Status::Fail, one_line(&format!("{error:#}"))).with_hint(hint)
        }
    }
}

fn keyring_check(
    env: &Env,
    store: &dyn CredentialStore,
    profile: &str,
    keyring: &Result<Option<crate::secret::Secret>, secrets::StoreError>,
) -> Check {
    let entry = store.describe(profile);
    match keyring {
        Ok(Some(_)) => check("keyring", Status::Ok, format!("keyring reachable; {entry} holds a token")),
        Ok(None) => check("keyring", Status::Ok, format!("keyring reachable; {entry} is empty")),
        // Without a keyring the tool still works from CAKE_OKTA_TOKEN, so the
        // advice to set it is left out.
        Err(error) if env.token.is_some() => check(
            "keyring",
            Status::Warn,
            format!("{}; not needed while {} provides the token", error.problem(), env::TOKEN),
        ),
        Err(error) => check("keyring", Status::Fail, error.to_string()),
    }
}

fn token_check(env: &Env, keyring: &Result<Option<crate::secret::Secret>, secrets::StoreError>) -> Check {
    match (&env.token, keyring) {
        (Some(_), Ok(Some(_))) => check(
            "token",
            Status::Ok,
            format!("token from {} (it overrides the keyring entry)", env::TOKEN),
        ),
        (Some(_), _) => check("token", Status::Ok, format!("token from {}", env::TOKEN)),
        (None, Ok(Some(_))) => check("token", Status::Ok, "token from the keyring"),
        (None, _) => check(
            "token",
            Status::Fail,
            format!("no API token: run 'cake-okta auth login', or set {}", env::TOKEN),
        ),
    }
}

fn backend_check(
    args: &DoctorArgs,
    context: &Context,
    keyring: &Result<Option<crate::secret::Secret>, secrets::StoreError>,
) -> Check {
    if args.offline {
        return check("backend", Status::Skipped, "not checked: --offline was given");
    }
    let token = match (&context.env.token, keyring) {
        (Some(secret), _) => secrets::Token { secret: secret.clone(), source: secrets::TokenSource::Environment },
        (None, Ok(Some(secret))) => secrets::Token { secret: secret.clone(), source: secrets::TokenSource::Store },
        (None, _) => return check("backend", Status::Skipped, "not checked: there is no token"),
    };
    if connect::backend_url(context).is_err() {
        return check("backend", Status::Skipped, "not checked: backend_url is missing or invalid");
    }

    let result = auth::check_backend(context, token, backend::ACCESS_CHECK_TENANT);
    let status = match result.outcome {
        "accepted" => Status::Ok,
        _ => Status::Fail,
    };
    check("backend", status, one_line(&result.message)).with_hint(result.hint)
}

fn ledger_check(context: &Context) -> Check {
    let path = match context.data_dir() {
        Ok(dir) => ledger::path_in(&dir),
        Err(error) => return check("ledger", Status::Fail, one_line(&format!("{error:#}"))),
    };
    match Ledger::open_read_only(&path) {
        Ok(Some(_)) => check(
            "ledger",
            Status::Ok,
            format!("ledger {} readable, schema version {}", path.display(), ledger::latest_version()),
        ),
        Ok(None) => check("ledger", Status::Ok, format!("no ledger yet at {}; the first request creates it", path.display())),
        Err(error) => check("ledger", Status::Fail, one_line(&format!("{error:#}"))),
    }
}

fn print_report(output: &Output, report: &Report) -> anyhow::Result<()> {
    for check in &report.checks {
        let (glyph, word, style) = match check.status {
            Status::Ok => ("✔", "ok", Style::Good),
            Status::Warn => ("▲", "warn", Style::Warn),
            Status::Fail => ("✘", "fail", Style::Bad),
            Status::Skipped => ("–", "skip", Style::Dim),
        };
        let label = output.paint(style, &format!("{glyph} {word:<4}"));
        output.line(&format!("{label}  {:<11} {}", check.id, one_line(&check.message)))?;
        if let Some(hint) = &check.hint {
            output.line(&format!("{:<20}{} {}", "", output.paint(Style::Dim, "hint:"), one_line(hint)))?;
        }
    }
    Ok(())
}
