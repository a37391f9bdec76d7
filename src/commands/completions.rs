//! `cake-okta completions SHELL` and the hidden `cake-okta manpage`: both are
//! generated from the clap definition, so they cannot drift from the CLI.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::exit::Exit;

pub fn print_completions(shell: clap_complete::Shell) -> anyhow::Result<Exit> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "cake-okta", &mut script);
    write_stdout(&script)
}

pub fn print_manpage() -> anyhow::Result<Exit> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|error| anyhow::anyhow!("failed to render the manual page: {error}"))?;
    write_stdout(&page)
}

fn write_stdout(bytes: &[u8]) -> anyhow::Result<Exit> {
    use std::io::Write;

    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()?;
    Ok(Exit::Success)
}
