//! `cake-okta users list TENANT`: the tenant's admin users from
//! `GET /okta/users`, as a table on a terminal, tab-separated when piped, or
//! JSON.

use clap::Args;

use super::{TABLE_HEADERS, TSV_HEADERS, UserJson, user_cells};
use crate::backend::User;
use crate::context::Context;
use crate::exit::Exit;
use crate::preflight::plural;
use crate::users::has_okta_login;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Tenant: host name of the client's CAKE admin site, such as acme.cake.example
    #[arg(value_name = "TENANT", value_parser = super::parse_tenant)]
    pub tenant: String,

    /// Only users without an Okta login, inactive ones included
    #[arg(long)]
    pub missing_okta: bool,

    /// Print a JSON array instead of a table
    ///
    /// Each object has these fields: id, email, first_name, last_name,
    /// okta_login (null when the user has none) and active (true or false).
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &ListArgs, context: &Context) -> anyhow::Result<Exit> {
    let client = super::client(context)?;
    let users = {
        let _spinner = context.output.spinner("Listing users…");
        client.list_users(&args.tenant).map_err(|error| {
            let message = format!("failed to list the admin users of {}", args.tenant);
            super::site_failure(error, &args.tenant, message)
        })?
    };

    let shown: Vec<&User> = users
        .iter()
        .filter(|user| !args.missing_okta || !has_okta_login(user.okta_login.as_deref()))
        .collect();
    print_users(&shown, args.json, context)?;

    if !args.json && context.output.stdout_is_terminal() {
        let unlinked = users.iter().filter(|user| user.active && !has_okta_login(user.okta_login.as_deref())).count();
        context.output.note(&format!(
            "{} listed; {} without an Okta login.",
            plural(shown.len(), "user", "users"),
            plural(unlinked, "active user", "active users")
        ));
    }
    Ok(Exit::Success)
}

fn print_users(users: &[&User], json: bool, context: &Context) -> anyhow::Result<()> {
    let output = &context.output;
    if json {
        let objects: Vec<UserJson> = users.iter().map(|user| UserJson::new(user)).collect();
        return output.json(&objects);
    }

    let cells: Vec<Vec<String>> = users.iter().map(|user| user_cells(user)).collect();
    if !output.stdout_is_terminal() {
        return output.rows(&TSV_HEADERS, &cells);
    }
    if cells.is_empty() {
        return Ok(());
    }
    output.rows(&TABLE_HEADERS, &cells)
}
