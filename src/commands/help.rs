//! `cake-okta help [TOPIC | COMMAND...]`: the topics that have no command of
//! their own (exit codes, environment), and clap's help for a command path.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::exit::{Exit, usage_error};

const EXIT_CODES: &str = "\
Exit codes

  0  Success. For 'issuer check', the verdict is pass or warn.
  1  Error: the command could not do its job (bad config file, unreadable
     ledger, network failure outside a check). For 'requests list
     --exit-status', at least one listed request is overdue.
  2  Usage error: a flag is missing or invalid, or a prompt was needed but
     prompts are not allowed (no terminal, --no-input, CAKE_OKTA_NO_INPUT).
  3  The issuer check found failures. 'activate' stops and records nothing
     unless --force is given.
  4  The request is stored in the local ledger but was not pushed: the
     backend was unreachable or rejected it. The error's hints say what to
     fix first; 'cake-okta requests retry ID' pushes it again.
";

const ENVIRONMENT: &str = "\
Environment variables

  CAKE_OKTA_CONFIG    Path of the config file, instead of config.toml in the
                      user's config directory.
  CAKE_OKTA_DATA_DIR  Directory of the local ledger, instead of the user's
                      data directory.
  CAKE_OKTA_PROFILE   Config profile to use; --profile wins over it.
  CAKE_OKTA_TOKEN     Backend API token. Overrides the OS keyring, for CI and
                      headless machines.
  CAKE_OKTA_NO_INPUT  When set (and not 0/false/no/off), never prompt, as
                      with --no-input.
  CAKE_OKTA_NOW       An RFC 3339 instant used as \"now\" for activation
                      windows and overdue flags, for planning and tests.
  NO_COLOR            When set to a non-empty value, never use colour.
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY
                      Proxies for outbound HTTP, as usual.
";

pub fn print_help(topic: &[String]) -> anyhow::Result<Exit> {
    let words: Vec<&str> = topic.iter().map(String::as_str).collect();

    match words.as_slice() {
        ["exit-codes"] => print!("{EXIT_CODES}"),
        ["environment"] => print!("{ENVIRONMENT}"),
        path => print_command_help(path)?,
    }
    Ok(Exit::Success)
}

fn print_command_help(path: &[&str]) -> anyhow::Result<()> {
    let mut command = Cli::command();
    command.build();

    let mut current = &mut command;
    for word in path {
        let known: Vec<String> =
            current.get_subcommands().filter(|sub| !sub.is_hide_set()).map(|sub| sub.get_name().to_string()).collect();
        current = current.find_subcommand_mut(word).ok_or_else(|| {
            usage_error(format!(
                "no help topic or command {word:?} (topics: exit-codes, environment; commands: {})",
                known.join(", ")
            ))
        })?;
    }

    current.print_long_help()?;
    Ok(())
}
