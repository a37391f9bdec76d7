//! Output of `activate`: check results on stderr, and the outcome on stdout
//! for people or as one JSON object.

use serde::Serialize;

use crate::backend::SubmitBody;
use crate::commands::issuer::{describe_verdict, verdict_word};
use crate::commands::preflight::PreflightJson;
use crate::commands::requests::view::{RequestJson, Timeline, window_dates};
use crate::issuer::{Report, Status as CheckStatus};
use crate::ledger::{IntegrationOption, NewRequest, Request};
use crate::notice;
use crate::output::{Output, Style};
use crate::text::one_line;

/// Result of an `activate` run, as the `outcome` field of `--json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A new request was recorded.
    Recorded,
    /// An identical open request exists; nothing was recorded.
    AlreadyRecorded,
    /// `--dry-run`: nothing was recorded or sent.
    DryRun,
    /// The issuer check failed and `--force` was not given.
    CheckFailed,
}

/// The `--json` object of `activate`.
#[derive(Debug, Serialize)]
pub struct ActivateJson<'a> {
    pub outcome: Outcome,
    /// The recorded request, or the identical one already recorded.
    pub request: Option<RequestJson>,
    /// For `--dry-run`, what would be stored.
    pub preview: Option<PreviewJson>,
    /// Body of the submit call: what was or would be sent.
    pub submit: Option<SubmitBody>,
    pub pushed: bool,
    /// True when the request was recorded despite a failed issuer check.
    pub forced: bool,
    /// Other open requests of the tenant the user was shown.
    pub open_requests: Vec<i64>,
    /// Lock-out and MFA findings, when the request is or would be pushed.
    pub preflight: Option<&'a PreflightJson>,
    /// The issuer check report, as `issuer check --json` prints it.
    pub validation: &'a Report,
}

/// Request that `--dry-run` would store.
#[derive(Debug, Serialize)]
pub struct PreviewJson {
    pub tenant: String,
    pub status: &'static str,
    pub option: IntegrationOption,
    pub client_ids: Vec<String>,
    pub issuer: String,
    pub issuer_input: String,
    pub ticket: Option<String>,
    pub contact: Option<String>,
    pub note: Option<String>,
}

impl PreviewJson {
    pub fn new(new: &NewRequest) -> PreviewJson {
        PreviewJson {
            tenant: new.tenant.clone(),
            status: "draft",
            option: new.option,
            client_ids: new.client_ids.clone(),
            issuer: new.issuer.clone(),
            issuer_input: new.issuer_input.clone(),
            ticket: new.ticket.clone(),
            contact: new.contact.clone(),
            note: new.note.clone(),
        }
    }
}

/// Prints the checks that did not pass and the verdict on stderr, and notes
/// when the issuer was corrected.
pub fn print_check_problems(output: &Output, report: &Report) {
    for check in &report.checks {
        let label = match check.status {
            CheckStatus::Fail => output.paint_err(Style::Bad, "failed check:"),
            CheckStatus::Warn => output.paint_err(Style::Warn, "warning:"),
            CheckStatus::Pass | CheckStatus::Skipped => continue,
        };
        let hint = check
            .hint
            .as_deref()
            .map(|hint| format!(" ({})", one_line(hint)))
            .unwrap_or_default();
        output.note(&format!(
            "{label} [{}] {}{hint}",
            check.id,
            one_line(&check.message)
        ));
    }
    if report.issuer != report.input {
        output.note(&format!(
            "Using the corrected issuer {} (typed: {})",
            one_line(&report.issuer),
            one_line(&report.input)
        ));
    }
    output.note(&format!(
        "Issuer check: {}",
        describe_verdict(verdict_word(report.verdict), report.network_skipped())
    ));
}

/// Explains on stderr that nothing was recorded because the check failed.
pub fn print_check_failure(output: &Output) {
    output.note(
        "The issuer check failed, so nothing was recorded. Send the hints above to the client, or pass --force to record the request anyway (it stays a draft and is not pushed).",
    );
}

/// Prints what `--dry-run` would store and send.
pub fn print_dry_run(output: &Output, new: &NewRequest, body: &SubmitBody) -> anyhow::Result<()> {
    output.line("Dry run: nothing was recorded or sent.")?;
    output.line("")?;
    output.line(&format!(
        "Would record a draft request for {}:",
        one_line(&new.tenant)
    ))?;
    print_values(
        output,
        new.option,
        &new.client_ids,
        &new.issuer,
        [&new.ticket, &new.contact, &new.note],
    )?;
    output.line("")?;
    output.line(&format!(
        "Would send PUT /v1/tenants/{}/sso/okta with this body:",
        one_line(&new.tenant)
    ))?;
    output.json(body)?;
    output.line("(A new request_id is made each time a request is recorded.)")
}

/// Reason a recorded request was not pushed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// The issuer check failed and `--force` recorded it anyway.
    Forced,
    /// `--skip-push` was given.
    SkipPush,
    /// The push failed. The error report that follows explains why and what
    /// to do next.
    PushFailed,
}

/// Prints a recorded request and what happens next.
pub fn print_recorded(
    output: &Output,
    request: &Request,
    timeline: &Timeline,
    today: jiff::civil::Date,
    held: Option<Held>,
) -> anyhow::Result<()> {
    output.line(&format!(
        "Recorded request #{} for {} ({}).",
        request.number,
        one_line(&request.tenant),
        request.status
    ))?;
    print_values(
        output,
        request.option,
        &request.client_ids,
        &request.issuer,
        [&request.ticket, &request.contact, &request.note],
    )?;

    if let Some(window) = &timeline.window {
        output.line(&format!(
            "Activation expected {}.",
            window_dates(window, today)
        ))?;
    }
    let retry = format!("Push it later with 'cake-okta requests retry {}'.", request.number);
    match held {
        None => Ok(()),
        Some(Held::Forced) => output.line(&format!(
            "Not pushed to the backend: the issuer check failed and the request was recorded with --force. {retry}"
        )),
        Some(Held::SkipPush) => output.line(&format!("Not pushed to the backend: --skip-push was given. {retry}")),
        Some(Held::PushFailed) => output.line("Not pushed to the backend: the push failed (see the error below)."),
    }
}

/// Prints what changes for the tenant once the request is active, so the
/// agent can warn the client before it happens. `heading` names when that
/// is, such as "Once it is active:". `number` names the request whose client
/// notice `requests notify` writes later.
pub fn print_consequences(
    output: &Output,
    option: IntegrationOption,
    heading: &str,
    number: Option<i64>,
) -> anyhow::Result<()> {
    output.line("")?;
    output.line(heading)?;
    for consequence in notice::consequences(option) {
        output.line(&format!("  - {}: {}", consequence.title, consequence.text))?;
    }
    if let Some(number) = number {
        output.line(&format!(
            "Tell the client before it happens; 'cake-okta requests notify {number}' writes the email for when it is active."
        ))?;
    }
    Ok(())
}

/// Prints that an identical open request exists.
pub fn print_already_recorded(output: &Output, request: &Request) -> anyhow::Result<()> {
    output.line(&format!(
        "Already recorded as request #{} for {} ({}) with the same client IDs, issuer and option; nothing was recorded.",
        request.number,
        one_line(&request.tenant),
        request.status
    ))?;
    output.line(&format!(
        "See it with 'cake-okta requests show {}'.",
        request.number
    ))
}

fn print_values(
    output: &Output,
    option: IntegrationOption,
    client_ids: &[String],
    issuer: &str,
    [ticket, contact, note]: [&Option<String>; 3],
) -> anyhow::Result<()> {
    let mut rows = vec![
        ("Client IDs", client_ids.join(", ")),
        ("Issuer", issuer.to_string()),
        ("Option", option.to_string()),
    ];
    let optional = [("Ticket", ticket), ("Contact", contact), ("Note", note)];
    rows.extend(
        optional
            .into_iter()
            .filter_map(|(label, value)| value.clone().map(|value| (label, value))),
    );

    for (label, value) in rows {
        output.line(&format!("  {label:<11} {}", one_line(&value)))?;
    }
    Ok(())
}
