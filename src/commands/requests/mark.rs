//! `cake-okta requests mark ID STATUS`: record a status change by hand, for
//! news that reached support outside this tool.

use clap::Args;

use super::StatusArg;
use super::view::{RequestJson, Timeline, window_dates};
use crate::context::Context;
use crate::exit::Exit;
use crate::ledger::{Request, RequestRef, Status, StatusChange};
use crate::text::one_line;

#[derive(Debug, Args)]
pub struct MarkArgs {
    /// Request number (42 or #42) or UUID
    #[arg(value_name = "ID")]
    pub id: RequestRef,

    /// New status
    #[arg(value_enum, value_name = "STATUS")]
    pub status: StatusArg,

    /// Reason for the change, kept in the request's history
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,

    /// Print the updated request as JSON (the fields of 'requests list --json')
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &MarkArgs, context: &Context) -> anyhow::Result<Exit> {
    let to = Status::from(args.status);
    let mut ledger = super::open_ledger(context)?;
    let request = ledger.request(&args.id)?;

    // Marking a draft as submitted records a push made outside this tool, so
    // its activation window starts now.
    let accepted_at = (to == Status::Submitted).then_some(context.now);
    let actor = context.actor();
    let updated = ledger.change_status(&StatusChange {
        number: request.number,
        expected: request.status,
        to,
        actor: &actor,
        note: args.note.as_deref(),
        at: context.now,
        accepted_at,
    })?;

    report_change(context, &request, &updated, args.json)?;
    Ok(Exit::Success)
}

/// Prints a status change: the request as JSON, or one line plus the window.
pub(super) fn report_change(
    context: &Context,
    before: &Request,
    after: &Request,
    json: bool,
) -> anyhow::Result<()> {
    let settings = super::window_settings(context)?;
    let timeline = Timeline::of(after, &settings, context.now);
    if json {
        return context.output.json(&RequestJson::new(after, &timeline));
    }

    context.output.line(&format!(
        "Request #{} ({}): {} → {}",
        after.number,
        one_line(&after.tenant),
        before.status,
        after.status
    ))?;
    if let (Some(window), true) = (timeline.window, after.status.is_open()) {
        let today = settings.date_of(context.now);
        context.output.line(&format!(
            "Activation expected {}",
            window_dates(&window, today)
        ))?;
    }
    Ok(())
}
