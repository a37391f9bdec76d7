//! `cake-okta activate [TENANT]`: check a client's issuer and client IDs,
//! record the request in the ledger and push it to the admin backend.
//!
//! Steps: collect the values (flags or prompts), validate the tenant name and
//! the issuer, stop on a failed check unless `--force`, compare with the
//! tenant's open requests, run the lock-out and MFA preflight before a push
//! (see `commands::preflight`), then record the request as a draft and push
//! it. `--dry-run` stops before anything is written and shows what would be
//! stored and sent, with the preflight findings.

mod inputs;
mod report;
mod review;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use crate::backend::SubmitBody;
use crate::cli::{NetworkArgs, ProbeArgs};
use crate::commands::preflight::{self, Cleared, GoAhead};
use crate::commands::push;
use crate::commands::requests::{self, view::Timeline};
use crate::context::Context;
use crate::exit::Exit;
use crate::issuer::{self, Report, Verdict};
use crate::ledger::{Ledger, NewRequest, Recorded, Request, RequestRef, Status};

use inputs::Inputs;
use report::{ActivateJson, Held, Outcome, PreviewJson};
use review::Review;

#[derive(Debug, Args)]
pub struct ActivateArgs {
    /// Tenant: host name of the client's CAKE admin site, such as acme.cake.example
    #[arg(value_name = "TENANT")]
    pub tenant: Option<String>,

    /// Okta client ID of CAKE's app integration (repeat for several)
    #[arg(long = "client-id", value_name = "ID", allow_hyphen_values = true)]
    pub client_ids: Vec<String>,

    /// Issuer URL as the client sent it
    #[arg(long, value_name = "URL", allow_hyphen_values = true)]
    pub issuer: Option<String>,

    /// Sign-in option: hybrid keeps passwords and adds an Okta button; okta-only shows only the Okta button
    #[arg(long, value_enum, value_name = "OPTION")]
    pub option: Option<OptionArg>,

    /// Support ticket reference
    #[arg(long, value_name = "REF")]
    pub ticket: Option<String>,

    /// Client contact email
    #[arg(long, value_name = "EMAIL")]
    pub contact: Option<String>,

    /// Free-text note kept with the request
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,

    /// Go ahead without prompts: record another request even when the tenant has a different open one, and push even when okta-only would lock out admin users without an Okta login or CAKE MFA would be switched off
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Show what would be stored and sent, and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Record the request as a draft without pushing it to the backend
    #[arg(long)]
    pub skip_push: bool,

    /// Record the request even when the issuer check fails (it stays a draft), and push okta-only even when the tenant's users or security settings cannot be read
    #[arg(long)]
    pub force: bool,

    /// Print one JSON object
    ///
    /// Fields: outcome (recorded, already_recorded, dry_run, check_failed),
    /// request (as in 'requests list --json', or null), preview (what
    /// --dry-run would store, or null), submit (body of the submit call:
    /// request_id, client_ids, issuer, option, ticket, contact, submitted_by,
    /// or null), pushed, forced, open_requests (numbers of the tenant's other
    /// open requests), preflight (null when nothing is pushed; else
    /// active_without_okta_login, lockout_count, users_without_okta_login,
    /// mfa_enabled, needs_confirmation and errors) and validation (the
    /// 'issuer check --json' report).
    #[arg(long)]
    pub json: bool,

    /// Run only the issuer checks that need no network
    #[arg(long)]
    pub offline: bool,

    #[command(flatten)]
    pub probe: ProbeArgs,

    #[command(flatten)]
    pub network: NetworkArgs,
}

/// The integration option as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OptionArg {
    Hybrid,
    #[value(alias = "okta_only")]
    OktaOnly,
}

pub fn run(args: &ActivateArgs, context: &Context) -> anyhow::Result<Exit> {
    let inputs = inputs::gather(args, context)?;
    let report = validate_issuer(args, &inputs, context)?;
    let forced = report.verdict == Verdict::Fail;
    if !args.json {
        report::print_check_problems(&context.output, &report);
    }
    if forced && !args.force {
        return check_failed(args, context, &report);
    }
    if forced {
        context.output.warn(
            "recording the request although the issuer check failed (--force); it is not pushed",
        );
    }

    let new = new_request(&inputs, &report)?;
    if args.dry_run {
        return dry_run(args, context, &new, &report);
    }

    let mut ledger = requests::open_ledger(context)?;
    let review = review::review(Some(&ledger), &new)?;
    if let Review::Identical(existing) = &review {
        return already_recorded(args, context, existing, &report);
    }
    if let Review::Differs(open) = &review {
        review::print_differences(&context.output, &new.tenant, open);
        if !review::confirm_despite_open(args.yes, context, &new.tenant, open)? {
            context.output.note("Nothing was recorded.");
            return Ok(Exit::Success);
        }
    }

    let cleared = if pushes(args, forced) {
        let go_ahead = GoAhead { yes: args.yes, force: args.force };
        let unchanged = "nothing was recorded or pushed";
        match preflight::clear(context, &args.network, &new.tenant, new.option, go_ahead, !args.json, unchanged)? {
            Some(cleared) => Some(cleared),
            None => {
                context.output.note("Nothing was recorded.");
                return Ok(Exit::Success);
            }
        }
    } else {
        None
    };

    record(args, context, &mut ledger, &new, &review, &report, cleared.as_ref())
}

/// True when the request is pushed right after it is recorded, so the
/// preflight must run first. A request that failed the issuer check, or one
/// kept back with `--skip-push`, stays a draft.
fn pushes(args: &ActivateArgs, forced: bool) -> bool {
    !forced && !args.skip_push
}

fn validate_issuer(
    args: &ActivateArgs,
    inputs: &Inputs,
    context: &Context,
) -> anyhow::Result<Report> {
    let options = issuer::Options {
        client_ids: inputs.client_ids.clone(),
        offline: args.offline,
        network: context.network_options(&args.network)?,
        probe: context.probe_options(&args.probe, Some(&inputs.tenant)),
    };
    let _spinner = (!args.offline).then(|| context.output.spinner("Checking the issuer…"));
    issuer::validate(&inputs.issuer, &options)
}

/// Builds the request to store: the corrected issuer and the trimmed client
/// IDs from the report, and the report itself as JSON.
fn new_request(inputs: &Inputs, report: &Report) -> anyhow::Result<NewRequest> {
    Ok(NewRequest {
        tenant: inputs.tenant.clone(),
        client_ids: report.client_ids.clone(),
        issuer_input: report.input.clone(),
        issuer: report.issuer.clone(),
        option: inputs.option,
        ticket: inputs.ticket.clone(),
        contact: inputs.contact.clone(),
        note: inputs.note.clone(),
        validation_report: Some(
            serde_json::to_string(report).context("failed to encode the issuer report")?,
        ),
    })
}

fn submit_body(new: &NewRequest, request_id: uuid::Uuid, context: &Context) -> SubmitBody {
    SubmitBody {
        request_id,
        client_ids: new.client_ids.clone(),
        issuer: new.issuer.clone(),
        option: new.option,
        ticket: new.ticket.clone(),
        contact: new.contact.clone(),
        submitted_by: context.actor(),
    }
}

fn check_failed(args: &ActivateArgs, context: &Context, report: &Report) -> anyhow::Result<Exit> {
    if args.json {
        context
            .output
            .json(&empty_json(Outcome::CheckFailed, report))?;
    } else {
        report::print_check_failure(&context.output);
    }
    Ok(Exit::CheckFailed)
}

fn dry_run(
    args: &ActivateArgs,
    context: &Context,
    new: &NewRequest,
    report: &Report,
) -> anyhow::Result<Exit> {
    let ledger = requests::open_ledger_read_only(context)?;
    let review = review::review(ledger.as_ref(), new)?;
    let body = submit_body(new, uuid::Uuid::new_v4(), context);
    let forced = report.verdict == Verdict::Fail;
    let preflight = pushes(args, forced)
        .then(|| preflight::preview(context, &args.network, &new.tenant, new.option, !args.json));

    if args.json {
        let json = ActivateJson {
            preview: Some(PreviewJson::new(new)),
            submit: Some(body),
            open_requests: review.reviewed_numbers(),
            preflight: preflight.as_ref(),
            ..empty_json(Outcome::DryRun, report)
        };
        context.output.json(&json)?;
        return Ok(Exit::Success);
    }

    match &review {
        Review::Clear => {}
        Review::Identical(existing) => report::print_already_recorded(&context.output, existing)?,
        Review::Differs(open) => {
            review::print_differences(&context.output, &new.tenant, open);
            context
                .output
                .note("Without --dry-run, recording it needs a confirmation or --yes.");
        }
    }
    report::print_dry_run(&context.output, new, &body)?;
    report::print_consequences(&context.output, new.option, "Once it is active:", None)?;
    Ok(Exit::Success)
}

fn already_recorded(
    args: &ActivateArgs,
    context: &Context,
    existing: &Request,
    report: &Report,
) -> anyhow::Result<Exit> {
    if args.json {
        let json = ActivateJson {
            request: Some(request_json(existing, context)?),
            open_requests: vec![existing.number],
            ..empty_json(Outcome::AlreadyRecorded, report)
        };
        context.output.json(&json)?;
    } else {
        report::print_already_recorded(&context.output, existing)?;
    }
    Ok(Exit::Success)
}

fn record(
    args: &ActivateArgs,
    context: &Context,
    ledger: &mut Ledger,
    new: &NewRequest,
    review: &Review,
    report: &Report,
    cleared: Option<&Cleared>,
) -> anyhow::Result<Exit> {
    let forced = report.verdict == Verdict::Fail;
    let actor = context.actor();
    let request =
        match ledger.insert_request(new, &review.reviewed_numbers(), &actor, context.now)? {
            Recorded::New(request) => request,
            // Another process recorded the same request since the review.
            Recorded::AlreadyRecorded(existing) => {
                return already_recorded(args, context, &existing, report);
            }
        };
    if let Some(note) = cleared.and_then(|cleared| cleared.note.as_deref()) {
        ledger.add_note(request.number, &actor, note, context.now)?;
    }

    let (request, held, push_error) = push_recorded(args, context, ledger, request, forced)?;

    if args.json {
        let json = ActivateJson {
            request: Some(request_json(&request, context)?),
            submit: Some(submit_body(new, request.id, context)),
            pushed: request.status != Status::Draft,
            forced,
            open_requests: review.reviewed_numbers(),
            preflight: cleared.map(|cleared| &cleared.json),
            ..empty_json(Outcome::Recorded, report)
        };
        context.output.json(&json)?;
    } else {
        let settings = requests::window_settings(context)?;
        let timeline = Timeline::of(&request, &settings, context.now);
        report::print_recorded(&context.output, &request, &timeline, settings.date_of(context.now), held)?;
        // The consequences are news to pass on only for a request that goes
        // ahead: one the backend accepted, or a draft kept back on purpose.
        let heading = match held {
            None => Some("Once it is active:"),
            Some(Held::SkipPush) => Some("Once it is pushed and active:"),
            Some(Held::Forced | Held::PushFailed) => None,
        };
        if let Some(heading) = heading {
            report::print_consequences(&context.output, request.option, heading, Some(request.number))?;
        }
    }

    // A failed push ends with exit code 4 after the request was shown.
    match push_error {
        Some(error) => Err(error),
        None => Ok(Exit::Success),
    }
}

/// Pushes a just-recorded draft unless `--force` or `--skip-push` keeps it
/// local. Returns the request as it is now, why it was not pushed, and the
/// push error to end the command with.
fn push_recorded(
    args: &ActivateArgs,
    context: &Context,
    ledger: &mut Ledger,
    request: Request,
    forced: bool,
) -> anyhow::Result<(Request, Option<Held>, Option<anyhow::Error>)> {
    if forced {
        return Ok((request, Some(Held::Forced), None));
    }
    if args.skip_push {
        return Ok((request, Some(Held::SkipPush), None));
    }

    match push::push_draft(context, ledger, &request, &args.network) {
        Ok(pushed) => Ok((pushed, None, None)),
        Err(error) => {
            let draft = ledger.request(&RequestRef::Number(request.number))?;
            Ok((draft, Some(Held::PushFailed), Some(error)))
        }
    }
}

fn request_json(
    request: &Request,
    context: &Context,
) -> anyhow::Result<requests::view::RequestJson> {
    let settings = requests::window_settings(context)?;
    let timeline = Timeline::of(request, &settings, context.now);
    Ok(requests::view::RequestJson::new(request, &timeline))
}

fn empty_json(outcome: Outcome, report: &Report) -> ActivateJson<'_> {
    ActivateJson {
        outcome,
        request: None,
        preview: None,
        submit: None,
        pushed: false,
        forced: false,
        open_requests: Vec::new(),
        preflight: None,
        validation: report,
    }
}
