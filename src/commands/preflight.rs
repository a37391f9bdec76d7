//! The preflight as commands show it. The findings go to stderr, with a
//! table of the users okta-only would lock out, and into the `--json`
//! object. The go-ahead comes from `--yes`, else from a prompt that states
//! the count, else the command fails with a usage error that names `--yes`.

use anyhow::Context as _;
use dialoguer::Confirm;
use serde::Serialize;

use super::connect;
use super::users::{UserJson, user_cells};
use crate::cli::NetworkArgs;
use crate::context::Context;
use crate::exit::{hint_over, usage_error, with_hint};
use crate::ledger::IntegrationOption;
use crate::output::{Output, Style};
use crate::preflight::{Confirmation, Failure, Findings, plural};
use crate::text::{capitalize, one_line};

/// The preflight in `--json` output. The field names are a stable interface.
#[derive(Debug, Serialize)]
pub struct PreflightJson {
    /// Active users without an Okta login; null when the users could not be
    /// listed.
    pub active_without_okta_login: Option<usize>,
    /// Users okta-only would lock out: the same count for okta-only, 0 for
    /// hybrid; null when the users could not be listed.
    pub lockout_count: Option<usize>,
    /// The active users without an Okta login (fields of 'users list --json').
    pub users_without_okta_login: Vec<UserJson>,
    /// Whether CAKE MFA is on; null when the settings could not be read.
    pub mfa_enabled: Option<bool>,
    /// True when a push needs `--yes` or a confirmation at a prompt.
    pub needs_confirmation: bool,
    /// Lookups that failed, in words.
    pub errors: Vec<String>,
}

impl PreflightJson {
    pub fn new(findings: &Findings) -> PreflightJson {
        PreflightJson {
            active_without_okta_login: findings.unlinked_count(),
            lockout_count: findings.lockout_count(),
            users_without_okta_login: findings
                .unlinked_users()
                .unwrap_or_default()
                .into_iter()
                .map(UserJson::new)
                .collect(),
            mfa_enabled: findings.mfa_enabled.as_ref().ok().copied(),
            needs_confirmation: findings.needs_confirmation(),
            errors: findings.failures().iter().map(|(what, failure)| format!("{what}: {}", failure.message)).collect(),
        }
    }
}

/// The agent's decision after the preflight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead. The note, present when the agent acknowledged a lock-out
    /// or the MFA change or forced past a failed lookup, becomes an event of
    /// the request.
    Proceed { note: Option<String> },
    /// The agent answered no at the prompt.
    Declined,
}

/// The flags that let a push go ahead without a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoAhead {
    /// `--yes`: the lock-out and the MFA change are confirmed.
    pub yes: bool,
    /// `--force`: push even when a lookup failed.
    pub force: bool,
}

/// A preflight the agent went ahead with.
#[derive(Debug)]
pub struct Cleared {
    pub json: PreflightJson,
    /// Text of the event that records what the agent acknowledged; `None`
    /// when nothing needed a confirmation or `--force`.
    pub note: Option<String>,
}

/// Runs the preflight before a push and gets the go-ahead. Returns `None`
/// when the agent answered no at the prompt. `print` shows the findings on
/// stderr. `unchanged` ends the message of a refusal and names what was
/// left undone, such as "nothing was recorded".
pub fn clear(
    context: &Context,
    network: &NetworkArgs,
    tenant: &str,
    option: IntegrationOption,
    go_ahead: GoAhead,
    print: bool,
    unchanged: &str,
) -> anyhow::Result<Option<Cleared>> {
    let findings = check(context, network, tenant, option);
    if print {
        print_findings(&context.output, &findings);
    }
    match decide(context, &findings, go_ahead, unchanged)? {
        Decision::Proceed { note } => Ok(Some(Cleared { json: PreflightJson::new(&findings), note })),
        Decision::Declined => Ok(None),
    }
}

/// Runs the preflight for `--dry-run`: shows the findings and what a real
/// run would need, without a prompt.
pub fn preview(
    context: &Context,
    network: &NetworkArgs,
    tenant: &str,
    option: IntegrationOption,
    print: bool,
) -> PreflightJson {
    let findings = check(context, network, tenant, option);
    if print {
        print_findings(&context.output, &findings);
        if findings.blocks_push() {
            context.output.note("Without --dry-run, okta-only is not pushed unless these checks succeed or --force is given.");
        } else if findings.needs_confirmation() {
            context.output.note("Without --dry-run, pushing needs a confirmation at the prompt or --yes.");
        }
    }
    PreflightJson::new(&findings)
}

/// Lists the tenant's users and reads its security settings, with a
/// spinner. A client that cannot be built (no backend URL, no token) counts
/// as both lookups failing.
pub fn check(context: &Context, network: &NetworkArgs, tenant: &str, option: IntegrationOption) -> Findings {
    let client = match connect::backend_client(context, network) {
        Ok(client) => client,
        Err(error) => return Findings::unchecked(tenant, option, Failure::from_error(&error)),
    };
    let _spinner = context.output.spinner("Checking the tenant's users and security settings…");
    Findings::check(&client, tenant, option)
}

/// Prints the findings on stderr.
pub fn print_findings(output: &Output, findings: &Findings) {
    let tenant = one_line(&findings.tenant);
    print_users(output, findings, &tenant);
    match &findings.mfa_enabled {
        Ok(true) => output.warn(&format!(
            "CAKE MFA is on for {tenant}. Once Okta sign-in is active, Okta becomes the MFA provider and CAKE MFA is switched off."
        )),
        Ok(false) => output.note(&format!("CAKE MFA is off for {tenant}.")),
        Err(failure) => {
            output.warn(&format!("failed to read the security settings of {tenant}: {}", one_line(&failure.message)));
            print_hint(output, failure);
            output.note("  If CAKE MFA is on, it will be switched off and Okta becomes the MFA provider.");
        }
    }
}

fn print_users(output: &Output, findings: &Findings, tenant: &str) {
    let unlinked = match (&findings.users, findings.unlinked_users()) {
        (Err(failure), _) => {
            output.warn(&format!("failed to list the admin users of {tenant}: {}", one_line(&failure.message)));
            print_hint(output, failure);
            return;
        }
        (Ok(_), None) => return,
        (Ok(_), Some(unlinked)) => unlinked,
    };

    if findings.no_active_users() {
        output.warn(&format!(
            "the site of {tenant} lists no active admin users. Every CAKE site has one, so the tenant name or the profile's tenant_url is most likely wrong; check both ('cake-okta config show')."
        ));
        return;
    }

    let users = plural(unlinked.len(), "active admin user", "active admin users");
    match (findings.option, unlinked.len()) {
        (_, 0) => output.note(&format!("Every active admin user of {tenant} has an Okta login.")),
        (IntegrationOption::Hybrid, _) => output.note(&format!(
            "{users} of {tenant} have no Okta login; with hybrid they keep username and password sign-in. See them with 'cake-okta users list {tenant} --missing-okta'."
        )),
        (IntegrationOption::OktaOnly, _) => {
            output.warn(&format!("okta-only would lock out {users} of {tenant} who have no Okta login:"));
            print_user_table(output, &unlinked);
            output.note(&format!(
                "  Link them first with 'cake-okta users edit {tenant} ID --okta-login LOGIN' or 'cake-okta users import {tenant} FILE.csv --update-existing'."
            ));
        }
    }
}

/// Prints users on stderr: a table on a terminal, tab-separated lines
/// otherwise.
fn print_user_table(output: &Output, users: &[&crate::backend::User]) {
    let rows: Vec<Vec<String>> = users.iter().map(|user| user_cells(user)).collect();
    if output.stderr_is_terminal() {
        let mut table = output.table(&super::users::TABLE_HEADERS);
        for row in &rows {
            table.add_row(row.iter().map(|cell| one_line(cell)));
        }
        output.note(&table.to_string());
        return;
    }
    for row in &rows {
        let cells: Vec<String> = row.iter().map(|cell| one_line(cell)).collect();
        output.note(&format!("  {}", cells.join("\t")));
    }
}

fn print_hint(output: &Output, failure: &Failure) {
    if let Some(hint) = &failure.hint {
        output.note(&format!("  hint: {}", one_line(hint)));
    }
}

/// Gets the go-ahead for a push. Fails when okta-only could not be checked
/// and `--force` was not given, or when a confirmation is needed, `--yes`
/// was not given and prompts are not allowed (a usage error naming `--yes`).
pub fn decide(context: &Context, findings: &Findings, go_ahead: GoAhead, unchanged: &str) -> anyhow::Result<Decision> {
    let GoAhead { yes, force } = go_ahead;
    let tenant = one_line(&findings.tenant);
    if findings.blocks_push() && !force {
        return Err(blocked(findings, &tenant, unchanged));
    }

    let forced = force && !findings.failures().is_empty();
    if !findings.needs_confirmation() {
        let note = forced.then(|| findings.event_note(Confirmation::NotNeeded, forced));
        return Ok(Decision::Proceed { note });
    }
    if yes {
        return Ok(Decision::Proceed { note: Some(findings.event_note(Confirmation::YesFlag, forced)) });
    }

    let risks = risks(findings);
    if !context.interactive {
        return Err(usage_error(format!(
            "{}; {unchanged}. Pass --yes to go ahead anyway",
            risks.join(" and ")
        )));
    }

    let question = format!("{}. Go ahead?", capitalize(&risks.join(" and ")));
    let confirmed = Confirm::new()
        .with_prompt(context.output.paint_err(Style::Bold, &question))
        .default(false)
        .interact()
        .context("failed to read the answer from the terminal")?;
    Ok(if confirmed {
        Decision::Proceed { note: Some(findings.event_note(Confirmation::Prompt, forced)) }
    } else {
        Decision::Declined
    })
}

/// Builds the error that stops an okta-only push whose lookups failed. The
/// first failed call stays in the chain, so the report also ends with its
/// advice, such as `auth login` after a rejected token.
fn blocked(findings: &Findings, tenant: &str, unchanged: &str) -> anyhow::Error {
    let failures = findings.failures();
    let what: Vec<&str> = failures.iter().map(|(what, _)| *what).collect();
    let message =
        format!("not pushing okta-only for {tenant}: {}, so nobody can tell who would be locked out; {unchanged}", what.join(" and "));
    let hint = "run it again when the backend answers, or pass --force to push without these checks";

    match failures.iter().find_map(|(_, failure)| failure.cause.clone()) {
        Some(cause) => hint_over(cause, message, hint),
        None => with_hint(message, hint),
    }
}

/// Lists what the confirmation covers, each with its count and the tenant.
fn risks(findings: &Findings) -> Vec<String> {
    let tenant = one_line(&findings.tenant);
    let mut risks = Vec::new();
    if let Some(count) = findings.lockout_count().filter(|count| *count > 0) {
        risks.push(format!(
            "okta-only would lock out {} of {tenant} who have no Okta login",
            plural(count, "active admin user", "active admin users")
        ));
    }
    if findings.option == IntegrationOption::OktaOnly && findings.no_active_users() {
        risks.push(format!(
            "the site of {tenant} lists no active admin users, so nobody's Okta login could be checked (wrong tenant or tenant_url?)"
        ));
    }
    if findings.mfa_enabled == Ok(true) {
        risks.push(format!("CAKE MFA of {tenant} would be switched off (Okta becomes the MFA provider)"));
    }
    risks
}
