//! `cake-okta requests notify ID`: the plain-text email that informs the
//! client that Okta sign-in is active and what changed, for an active
//! request only. It goes to stdout, or to a file with `--out`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;

use crate::context::Context;
use crate::exit::{Exit, with_hint};
use crate::ledger::{Event, RequestRef, Status};
use crate::notice::{NoticeInput, render_client_notice};
use crate::text::one_line;

#[derive(Debug, Args)]
pub struct NotifyArgs {
    /// Request number (42 or #42) or UUID
    #[arg(value_name = "ID")]
    pub id: RequestRef,

    /// Write the email to this file instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Replace FILE when it already exists
    #[arg(long, requires = "out")]
    pub force: bool,
}

pub fn run(args: &NotifyArgs, context: &Context) -> anyhow::Result<Exit> {
    let ledger = super::open_ledger_for_reading(context)?;
    let request = ledger.request(&args.id)?;
    if request.status != Status::Active {
        return Err(with_hint(
            format!(
                "request #{} for {} is {}, not active, so the client cannot be told that Okta sign-in works yet",
                request.number,
                one_line(&request.tenant),
                request.status
            ),
            format!(
                "'cake-okta requests sync {}' asks the backend for the current status; write the notice once it is active",
                request.number
            ),
        ));
    }

    let settings = super::window_settings(context)?;
    let events = ledger.events(request.number)?;
    let signature = context.actor();
    let notice = render_client_notice(&NoticeInput {
        tenant: &request.tenant,
        option: request.option,
        issuer: &request.issuer,
        client_ids: &request.client_ids,
        ticket: request.ticket.as_deref(),
        active_since: activation_time(&events).map(|at| settings.date_of(at)),
        signature: &signature,
    });

    match &args.out {
        Some(path) => {
            write_notice(path, &notice, args.force)?;
            context.output.note(&format!("Wrote the client notice for request #{} to {}.", request.number, path.display()));
        }
        None => context.output.write(&notice)?,
    }
    Ok(Exit::Success)
}

/// When the request last became active.
fn activation_time(events: &[Event]) -> Option<jiff::Timestamp> {
    events
        .iter()
        .rev()
        .find(|event| event.new_status == Status::Active && event.old_status != Some(Status::Active))
        .map(|event| event.at)
}

/// Writes the notice, refusing to replace an existing file unless `force`.
/// Without `force` the file is created exclusively, so a file that appears
/// meanwhile is not overwritten either.
fn write_notice(path: &Path, notice: &str, force: bool) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }

    let mut file = match options.open(path) {
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(with_hint(
                format!("{} already exists; nothing was written", path.display()),
                "pass --force to replace it, or choose another file with --out",
            ));
        }
        opened => opened.with_context(|| format!("failed to create {}", path.display()))?,
    };
    file.write_all(notice.as_bytes()).with_context(|| format!("failed to write {}", path.display()))
}
