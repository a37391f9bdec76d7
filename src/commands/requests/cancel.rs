//! `cake-okta requests cancel ID`: close an open request as cancelled.

use clap::Args;

use crate::context::Context;
use crate::exit::Exit;
use crate::ledger::{RequestRef, Status, StatusChange};

#[derive(Debug, Args)]
pub struct CancelArgs {
    /// Request number (42 or #42) or UUID
    #[arg(value_name = "ID")]
    pub id: RequestRef,

    /// Reason for the cancellation, kept in the request's history
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,

    /// Print the updated request as JSON (the fields of 'requests list --json')
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &CancelArgs, context: &Context) -> anyhow::Result<Exit> {
    let mut ledger = super::open_ledger(context)?;
    let request = ledger.request(&args.id)?;

    // The backend knows submitted and in-progress requests, so it cancels
    // them first; it refuses one that is already active.
    if matches!(request.status, Status::Submitted | Status::InProgress) {
        super::backend_cancel::cancel_on_backend(context, &request)?;
    }
    let actor = context.actor();
    let cancelled = ledger.change_status(&StatusChange {
        number: request.number,
        expected: request.status,
        to: Status::Cancelled,
        actor: &actor,
        note: args.note.as_deref(),
        at: context.now,
        accepted_at: None,
    })?;

    super::mark::report_change(context, &request, &cancelled, args.json)?;
    Ok(Exit::Success)
}
