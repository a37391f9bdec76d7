//! `cake-okta requests retry ID`: push a draft to the backend again. The
//! request keeps its UUID, which is the idempotency key, so a push that
//! reached the backend before is not recorded there twice. The lock-out and
//! MFA preflight runs again first, because the tenant's users may have
//! changed since the draft was recorded.

use clap::Args;

use crate::commands::preflight::{self, GoAhead};
use crate::commands::{connect, push};
use crate::context::Context;
use crate::exit::Exit;
use crate::ledger::{RequestRef, Status};
use crate::text::one_line;

#[derive(Debug, Args)]
pub struct RetryArgs {
    /// Request number (42 or #42) or UUID
    #[arg(value_name = "ID")]
    pub id: RequestRef,

    /// Push even when okta-only would lock out admin users without an Okta login or CAKE MFA would be switched off
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Push okta-only even when the tenant's users or security settings cannot be read
    #[arg(long)]
    pub force: bool,

    /// Print the updated request as JSON (the fields of 'requests list --json')
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &RetryArgs, context: &Context) -> anyhow::Result<Exit> {
    let mut ledger = super::open_ledger(context)?;
    let request = ledger.request(&args.id)?;

    match request.status {
        Status::Draft => {}
        Status::Submitted | Status::InProgress => {
            context.output.line(&format!(
                "Request #{} ({}) was already pushed and is {}; nothing to do.",
                request.number,
                one_line(&request.tenant),
                request.status
            ))?;
            return Ok(Exit::Success);
        }
        Status::Active | Status::Failed | Status::Cancelled => anyhow::bail!(
            "request #{} is {}, a closed status, so it cannot be pushed again; record a new request with 'cake-okta activate'",
            request.number,
            request.status
        ),
    }

    let network = connect::no_network_flags();
    let go_ahead = GoAhead { yes: args.yes, force: args.force };
    let unchanged = "nothing was pushed";
    let Some(cleared) =
        preflight::clear(context, &network, &request.tenant, request.option, go_ahead, !args.json, unchanged)?
    else {
        context.output.note("Nothing was pushed.");
        return Ok(Exit::Success);
    };
    if let Some(note) = &cleared.note {
        ledger.add_note(request.number, &context.actor(), note, context.now)?;
    }

    let pushed = push::push_draft(context, &mut ledger, &request, &network)?;
    super::mark::report_change(context, &request, &pushed, args.json)?;
    Ok(Exit::Success)
}
