//! `cake-okta requests ...`: list, show, mark, cancel, push again and sync
//! the requests in the local ledger. Also home of what every ledger command shares: opening the
//! ledger from the context and the activation calendar from the config.

mod backend_cancel;
mod cancel;
mod list;
mod mark;
mod notify;
mod retry;
mod show;
mod sync;
pub(super) mod view;

use anyhow::Context as _;
use clap::{Subcommand, ValueEnum};

use crate::context::Context;
use crate::exit::Exit;
use crate::ledger::{self, Ledger, Status};
use crate::window::{DEFAULT_MAX_BUSINESS_DAYS, DEFAULT_MIN_BUSINESS_DAYS, WindowSettings};

pub use list::ListFilterArgs;

#[derive(Debug, Subcommand)]
pub enum RequestsCommand {
    /// List recorded requests with their activation windows
    #[command(
        help_template = crate::example!("cake-okta requests list --pending --tenant acme.cake.example")
    )]
    List(list::ListArgs),

    /// Show one request with its window, status history and last validation
    #[command(help_template = crate::example!("cake-okta requests show 42"))]
    Show(show::ShowArgs),

    /// Record a status change made outside this tool, such as a call from the activation team
    #[command(
        help_template = crate::example!("cake-okta requests mark 42 active --note \"confirmed by phone\"")
    )]
    Mark(mark::MarkArgs),

    /// Cancel an open request
    #[command(help_template = crate::example!("cake-okta requests cancel 42 --note \"client withdrew\""))]
    Cancel(cancel::CancelArgs),

    /// Push a draft to the backend again, with the same request UUID
    #[command(help_template = crate::example!("cake-okta requests retry 42"))]
    Retry(retry::RetryArgs),

    /// Write the email that tells the client Okta sign-in is active and what changed
    #[command(help_template = crate::example!("cake-okta requests notify 42 --out acme-notice.txt"))]
    Notify(notify::NotifyArgs),

    /// Ask the backend for the activation status of open requests and record changes
    #[command(help_template = crate::example!("cake-okta requests sync"))]
    Sync(sync::SyncArgs),
}

pub fn run(command: RequestsCommand, context: &Context) -> anyhow::Result<Exit> {
    match command {
        RequestsCommand::List(args) => list::run(&args, context),
        RequestsCommand::Show(args) => show::run(&args, context),
        RequestsCommand::Mark(args) => mark::run(&args, context),
        RequestsCommand::Cancel(args) => cancel::run(&args, context),
        RequestsCommand::Retry(args) => retry::run(&args, context),
        RequestsCommand::Sync(args) => sync::run(&args, context),
        RequestsCommand::Notify(args) => notify::run(&args, context),
    }
}

/// Runs `requests list --pending` with the given filters.
pub fn run_pending(filter: &ListFilterArgs, context: &Context) -> anyhow::Result<Exit> {
    list::list(true, filter, context)
}

/// A status as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Draft,
    Submitted,
    #[value(alias = "in_progress")]
    InProgress,
    Active,
    Failed,
    Cancelled,
}

impl From<StatusArg> for Status {
    fn from(arg: StatusArg) -> Status {
        match arg {
            StatusArg::Draft => Status::Draft,
            StatusArg::Submitted => Status::Submitted,
            StatusArg::InProgress => Status::InProgress,
            StatusArg::Active => Status::Active,
            StatusArg::Failed => Status::Failed,
            StatusArg::Cancelled => Status::Cancelled,
        }
    }
}

/// Opens the ledger in the data directory for reading and writing, logging
/// each migration applied under `--debug`.
pub(super) fn open_ledger(context: &Context) -> anyhow::Result<Ledger> {
    let path = ledger::path_in(&context.data_dir()?);
    Ledger::open(&path, &mut migration_logger(context, &path))
}

/// Opens the ledger for a command that reads it, skipping the full-file
/// integrity check while the command does not write; see
/// [`Ledger::open_for_reading`].
pub(super) fn open_ledger_for_reading(context: &Context) -> anyhow::Result<Ledger> {
    let path = ledger::path_in(&context.data_dir()?);
    Ledger::open_for_reading(&path, &mut migration_logger(context, &path))
}

/// Returns the `--debug` log line writer for each migration applied.
fn migration_logger<'a>(context: &'a Context, path: &'a std::path::Path) -> impl FnMut(&ledger::AppliedMigration) + 'a {
    let debug = context.debug;
    move |migration| {
        if debug {
            context.output.note(&format!(
                "debug: ledger {}: applied migration {} ({})",
                path.display(),
                migration.version,
                migration.description
            ));
        }
    }
}

/// Opens the ledger without writing or creating anything; `None` when there
/// is no ledger yet.
pub(super) fn open_ledger_read_only(context: &Context) -> anyhow::Result<Option<Ledger>> {
    Ledger::open_read_only(&ledger::path_in(&context.data_dir()?))
}

/// Builds the activation calendar from the config file's `[activation]`
/// table.
pub(super) fn window_settings(context: &Context) -> anyhow::Result<WindowSettings> {
    let activation = &context.config.file.activation;
    let min = activation
        .min_business_days
        .unwrap_or(DEFAULT_MIN_BUSINESS_DAYS);
    let max = activation
        .max_business_days
        .unwrap_or(DEFAULT_MAX_BUSINESS_DAYS);
    let holidays = activation.holidays.iter().copied();

    let settings = match &activation.time_zone {
        Some(name) => WindowSettings::with_time_zone_name(min, max, holidays, name),
        None => WindowSettings::new(min, max, holidays, jiff::tz::TimeZone::system()),
    };
    settings.with_context(|| {
        format!(
            "invalid [activation] settings in {}",
            context.config.path.display()
        )
    })
}
