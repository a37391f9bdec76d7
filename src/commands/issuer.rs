//! `cake-okta issuer check`: validate an issuer on its own and print the
//! report as a checklist or as JSON.

use crate::cli::{IssuerCheckArgs, IssuerCommand};
use crate::context::Context;
use crate::exit::Exit;
use crate::issuer::discovery::fetched::{PRIVATE_ADDRESS_ID, TLS_CERTIFICATE_ID};
use crate::issuer::{self, Options, Report, ServerType, Status, Verdict};
use crate::output::{Output, Style};
use crate::text::{one_line, plural, shell_word};

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
        print_report(&context.output, &report, args)?;
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
pub fn print_report(output: &Output, report: &Report, args: &IssuerCheckArgs) -> anyhow::Result<()> {
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
    output.line(&format!("Next:   {}", next_step(report, args)))?;
    Ok(())
}

/// Describes a verdict (`pass`, `warn` or `fail`) in one phrase, and says
/// so when the discovery document and signing keys were not checked, so an
/// offline pass never reads as a full one.
pub fn describe_verdict(word: &str, network_skipped: bool) -> String {
    if network_skipped && word != "fail" {
        format!("{word} (offline: discovery document and signing keys not checked)")
    } else {
        word.to_string()
    }
}

/// Returns the word of a verdict, as in the JSON report.
pub fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Pass => "pass",
        Verdict::Warn => "warn",
        Verdict::Fail => "fail",
    }
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
    format!("{} ({})", output.paint(style, word), count_text(failures, warnings))
}

/// Counts failures and warnings for the verdict line: "1 failed, 2 warnings".
fn count_text(failures: usize, warnings: usize) -> String {
    format!("{failures} failed, {}", plural(warnings, "warning", "warnings"))
}

/// Builds the "Next:" line: what to do about the findings, then the command
/// to run, with the corrected issuer and the cleaned client IDs.
fn next_step(report: &Report, args: &IssuerCheckArgs) -> String {
    let local = report.failures_are_local();
    let mut extra = given_flags(args);
    let mut advice = Vec::new();
    if local {
        for (text, flag) in local_fixes(report) {
            push_new(&mut advice, text.to_string());
            if let Some(flag) = flag {
                push_new(&mut extra, flag.to_string());
            }
        }
    }
    let check_command = format!("cake-okta issuer check {}{}", issuer_word(report), flags_text(report, &extra));

    match report.verdict {
        Verdict::Fail if local => {
            format!("fix this on this machine, not with the client: {}. Then run: {check_command}", advice.join("; "))
        }
        Verdict::Fail => format!("send the hints above to the client, then run: {check_command}"),
        _ if args.offline => format!("run the full check: {check_command}"),
        _ => format!(
            "cake-okta activate TENANT --issuer {}{} --option hybrid",
            issuer_word(report),
            flags_text(report, &given_flags(args))
        ),
    }
}

/// Returns the issuer for a suggested command: the corrected one, or a placeholder
/// when the input failed without a usable guess. The input as typed is never
/// repeated, because it is what the hints ask to change.
fn issuer_word(report: &Report) -> String {
    match (&report.suggested_issuer, report.input_failed()) {
        (Some(suggested), true) => shell_word(&one_line(suggested)),
        (None, true) => "ISSUER_URL".to_string(),
        (_, false) => shell_word(&one_line(&report.issuer)),
    }
}

/// Returns the `--client-id` flags with the cleaned IDs, or a placeholder when none
/// was kept, followed by `extra`.
fn flags_text(report: &Report, extra: &[String]) -> String {
    let mut text: String = report.client_ids.iter().map(|id| format!(" --client-id {}", shell_word(&one_line(id)))).collect();
    if report.client_ids.is_empty() {
        text.push_str(" --client-id CLIENT_ID");
    }
    for flag in extra {
        text.push(' ');
        text.push_str(flag);
    }
    text
}

/// Returns the flags of this run that the next one needs too. `--offline` is left out,
/// because the next step is the full check.
fn given_flags(args: &IssuerCheckArgs) -> Vec<String> {
    let mut flags = Vec::new();
    if let Some(path) = &args.network.ca_cert {
        flags.push(format!("--ca-cert {}", shell_word(&path.display().to_string())));
    }
    if args.network.allow_private_network {
        flags.push("--allow-private-network".to_string());
    }
    if let Some(seconds) = args.network.timeout {
        flags.push(format!("--timeout {seconds}"));
    }
    if args.probe.probe {
        flags.push("--probe".to_string());
    }
    if let Some(uri) = &args.probe.redirect_uri {
        flags.push(format!("--redirect-uri {}", shell_word(uri.as_str())));
    }
    flags
}

fn push_new(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// For each failed check with a local cause, what to do on this machine and
/// the flag that the next run needs for it, if any.
fn local_fixes(report: &Report) -> impl Iterator<Item = (&'static str, Option<&'static str>)> {
    report.failures().map(|check| match check.id {
        PRIVATE_ADDRESS_ID => (
            "if the issuer really is on this machine or a private network, allow that with --allow-private-network",
            Some("--allow-private-network"),
        ),
        TLS_CERTIFICATE_ID => (
            "if the client's server uses a certificate from a private CA, trust that CA with --ca-cert CA_FILE",
            Some("--ca-cert CA_FILE"),
        ),
        _ => ("check the network connection, VPN and proxy settings (a slow network needs a larger --timeout)", None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_text_table() {
        let cases = [(0, 0, "0 failed, 0 warnings"), (1, 1, "1 failed, 1 warning"), (2, 3, "2 failed, 3 warnings")];
        for (failures, warnings, expected) in cases {
            assert_eq!(count_text(failures, warnings), expected);
        }
    }

    #[test]
    fn describe_verdict_table() {
        let cases = [
            (Verdict::Pass, false, "pass"),
            (Verdict::Warn, false, "warn"),
            (Verdict::Pass, true, "pass (offline: discovery document and signing keys not checked)"),
            (Verdict::Warn, true, "warn (offline: discovery document and signing keys not checked)"),
            (Verdict::Fail, true, "fail"),
        ];
        for (verdict, skipped, expected) in cases {
            assert_eq!(describe_verdict(verdict_word(verdict), skipped), expected, "{verdict:?} {skipped}");
        }
    }
}
