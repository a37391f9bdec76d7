//! `cake-okta issuer check`: validate an issuer on its own and print the
//! report as a checklist or as JSON.

use crate::cli::{IssuerCheckArgs, IssuerCommand};
use crate::context::Context;
use crate::exit::Exit;
use crate::issuer::{self, Options, Report, ServerType, Status, Verdict};
use crate::output::{Output, Style};
use crate::text::one_line;

pub fn run(command: IssuerCommand, context: &Context) -> anyhow::Result<Exit> {
    match command {
        IssuerCommand::Check(args) => check(&args, context),
    }
}

fn check(args: &IssuerCheckArgs, context: &Context) -> anyhow::Result<Exit> {
    let options = Options {
        client_ids: args.client_ids.clone(),
        offline: args.offline,
        network: context.network_options(&args.network)?,
        probe: context.probe_options(&args.probe, None),
    };

    let report = {
        let _spinner = (!args.offline).then(|| context.output.spinner("Checking the issuer…"));
        issuer::validate(&args.url, &options)?
    };

    if args.json {
        context.output.json(&report)?;
    } else {
        print_report(&context.output, &report, args.offline)?;
    }
    Ok(exit_for(report.verdict))
}

/// Exit code of a finished check: failures are 3, anything else succeeds.
pub fn exit_for(verdict: Verdict) -> Exit {
    match verdict {
        Verdict::Fail => Exit::CheckFailed,
        Verdict::Pass | Verdict::Warn => Exit::Success,
    }
}

/// Prints the checklist, the verdict and a "Next:" line.
pub fn print_report(output: &Output, report: &Report, offline: bool) -> anyhow::Result<()> {
    output.line(&format!("Issuer  {}", one_line(&report.issuer)))?;
    output.line(&format!("Type    {}", describe_server_type(report.server_type)))?;
    output.line("")?;

    for check in &report.checks {
        let (glyph, word, style) = status_label(check.status);
        let label = output.paint(style, &format!("{glyph} {word:<4}"));
        let id = output.paint(Style::Dim, &format!("[{}]", check.id));
        output.line(&format!("  {label}  {} {id}", one_line(&check.message)))?;
        if let Some(hint) = &check.hint {
            output.line(&format!("          {} {}", output.paint(Style::Dim, "hint:"), one_line(hint)))?;
        }
    }

    output.line("")?;
    output.line(&format!("Verdict {}", verdict_line(output, report)))?;
    output.line(&format!("Next:   {}", next_step(report, offline)))?;
    Ok(())
}

fn status_label(status: Status) -> (&'static str, &'static str, Style) {
    match status {
        Status::Pass => ("✔", "pass", Style::Good),
        Status::Warn => ("▲", "warn", Style::Warn),
        Status::Fail => ("✘", "fail", Style::Bad),
        Status::Skipped => ("–", "skip", Style::Dim),
    }
}

fn describe_server_type(server_type: ServerType) -> &'static str {
    match server_type {
        ServerType::OktaOrg => "Okta org authorization server",
        ServerType::OktaCustom => "Okta custom authorization server",
        ServerType::Other => "not an Okta issuer shape",
    }
}

fn verdict_line(output: &Output, report: &Report) -> String {
    let count = |status| report.checks.iter().filter(|check| check.status == status).count();
    let (failures, warnings) = (count(Status::Fail), count(Status::Warn));

    let (word, style) = match report.verdict {
        Verdict::Pass => ("PASS", Style::Good),
        Verdict::Warn => ("WARN", Style::Warn),
        Verdict::Fail => ("FAIL", Style::Bad),
    };
    format!("{} ({failures} failed, {warnings} warnings)", output.paint(style, word))
}

fn next_step(report: &Report, offline: bool) -> String {
    let issuer = one_line(&report.issuer);
    let client_flags: String = report
        .client_ids
        .iter()
        .map(|id| format!(" --client-id {}", one_line(id)))
        .collect();

    match report.verdict {
        Verdict::Fail => format!(
            "send the hints above to the client, then run: cake-okta issuer check {issuer}{client_flags}"
        ),
        _ if offline => format!("run the full check: cake-okta issuer check {issuer}{client_flags}"),
        _ => format!("cake-okta activate TENANT --issuer {issuer}{client_flags} --option hybrid"),
    }
}
