//! `cake-okta pending`: the short form of `cake-okta requests list --pending`.

use clap::Args;

use super::requests::{self, ListFilterArgs};
use crate::context::Context;
use crate::exit::Exit;

#[derive(Debug, Args)]
pub struct PendingArgs {
    #[command(flatten)]
    pub filter: ListFilterArgs,
}

pub fn run(args: &PendingArgs, context: &Context) -> anyhow::Result<Exit> {
    requests::run_pending(&args.filter, context)
}
