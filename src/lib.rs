//! cake-okta: the tool CAKE support staff use to record a client's Okta
//! sign-in request, validate its issuer and client IDs, push it to CAKE's
//! admin backend and track it until it is active.
//!
//! The binary is a thin wrapper around [`main`]. Domain modules (`issuer`,
//! `net`, ...) know nothing of the terminal; `commands` turns their results
//! into output.

pub mod backend;
pub mod cli;
pub mod commands;
pub mod config;
pub mod config_edit;
pub mod context;
pub mod env;
pub mod exit;
pub mod issuer;
pub mod ledger;
pub mod net;
pub mod notice;
pub mod output;
pub mod preflight;
pub mod secret;
pub mod secrets;
pub mod settings;
pub mod tenant;
pub mod text;
pub mod users;
pub mod window;

use std::process::ExitCode;

use clap::Parser;

use crate::exit::Exit;

/// Parses the command line, runs the command and reports an error in the one
/// place errors are printed.
pub fn main() -> ExitCode {
    let cli = cli::Cli::parse();

    match run(cli) {
        Ok(exit) => exit.into(),
        Err(error) if exit::is_broken_pipe(&error) => Exit::Success.into(),
        Err(error) => {
            report_error(&error);
            exit::code_for(&error).into()
        }
    }
}

fn run(cli: cli::Cli) -> anyhow::Result<Exit> {
    // Commands that need no configuration run before it is read, so a broken
    // config file never stops `--help`-like output.
    if let Some(exit) = commands::run_standalone(&cli.command)? {
        return Ok(exit);
    }

    let env = env::Env::read()?;
    if let Some(exit) = commands::run_before_settle(&cli.command, &cli.global, &env)? {
        return Ok(exit);
    }
    let context = context::Context::settle(&cli.global, env)?;
    commands::run(cli.command, &context)
}

fn report_error(error: &anyhow::Error) {
    let output = output::Output::detect(
        std::env::var_os(env::NO_COLOR).is_some_and(|value| !value.is_empty()),
        false,
    );
    let label = output.paint_err(output::Style::Bad, "error:");
    output.note(&format!("{label} {}", text::strip_control(&error.to_string())));

    for cause in error.chain().skip(1) {
        output.note(&format!("  caused by: {}", text::strip_control(&cause.to_string())));
    }
    for hint in exit::hints_of(error) {
        output.note(&format!("  hint: {}", text::strip_control(hint)));
    }
}
