//! One file per command. Each turns its arguments into options, calls the
//! domain and renders the result.

mod completions;
mod help;
mod issuer;

use crate::cli::Command;
use crate::context::Context;
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

/// Runs a command that needs the settled context.
pub fn run(command: Command, context: &Context) -> anyhow::Result<Exit> {
    match command {
        Command::Issuer(command) => issuer::run(command, context),
        Command::Completions { .. } | Command::Manpage | Command::Help { .. } => {
            unreachable!("standalone commands run before the context is settled")
        }
    }
}
