//! One file per command. Each turns its arguments into options, calls the
//! domain and renders the result.

pub(crate) mod activate;
pub(crate) mod auth;
mod completions;
pub(crate) mod config;
mod connect;
pub(crate) mod doctor;
mod help;
mod issuer;
pub(crate) mod pending;
mod preflight;
mod push;
pub(crate) mod requests;
pub(crate) mod users;

use crate::cli::{Command, GlobalArgs};
use crate::context::Context;
use crate::env::Env;
use crate::exit::Exit;

/// Runs the commands that need neither configuration nor environment, and
/// returns `None` for the others.
pub fn run_standalone(command: &Command) -> anyhow::Result<Option<Exit>> {
    match command {
        Command::Completions { shell } => completions::print_completions(*shell).map(Some),
        Command::Manpage => completions::print_manpage().map(Some),
        Command::Help { topic } => help::print_help(topic).map(Some),
        _ => Ok(None),
    }
}

/// Runs the commands that read the environment but settle the config
/// themselves, so they still work, or report the problem, when the config
/// file is broken or names an unknown profile. Returns `None` for the
/// others.
pub fn run_before_settle(command: &Command, global: &GlobalArgs, env: &Env) -> anyhow::Result<Option<Exit>> {
    match command {
        Command::Config(command) => config::run(command, global, env).map(Some),
        Command::Doctor(args) => doctor::run(args, global, env).map(Some),
        _ => Ok(None),
    }
}

/// Runs a command that needs the settled context.
pub fn run(command: Command, context: &Context) -> anyhow::Result<Exit> {
    match command {
        Command::Issuer(command) => issuer::run(command, context),
        Command::Activate(args) => activate::run(&args, context),
        Command::Requests(command) => requests::run(command, context),
        Command::Pending(args) => pending::run(&args, context),
        Command::Auth(command) => auth::run(&command, context),
        Command::Users(command) => users::run(command, context),
        Command::Config(_) | Command::Doctor(_) => {
            unreachable!("config and doctor run before the context is settled")
        }
        Command::Completions { .. } | Command::Manpage | Command::Help { .. } => {
            unreachable!("standalone commands run before the context is settled")
        }
    }
}
