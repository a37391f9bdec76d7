//! `cake-okta users ...`: a tenant's admin users, through the `/okta/users`
//! API on the tenant's own site (base URL from the profile's `tenant_url`).
//! Also home of what the subcommands share: the tenant argument, the client,
//! the JSON shape of a user and the reports of the site's rejections.

mod add;
mod edit;
mod import;
mod list;

use clap::Subcommand;
use serde::Serialize;

use super::connect;
use crate::backend::{BackendClient, BackendError, Call, User};
use crate::context::Context;
use crate::exit::{Exit, hint_over};
use crate::output::Output;
use crate::text::one_line;
use crate::users::{self, FieldError};

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// List a tenant's admin users and their Okta logins
    #[command(help_template = crate::example!("cake-okta users list acme.cake.example --missing-okta"))]
    List(list::ListArgs),

    /// Add an admin user to a tenant's site
    #[command(
        help_template = crate::example!("cake-okta users add acme.cake.example --email ann@acme.example --first-name Ann --last-name Lee --okta-login ann@acme.example")
    )]
    Add(add::AddArgs),

    /// Change an admin user of a tenant's site
    #[command(help_template = crate::example!("cake-okta users edit acme.cake.example u42 --okta-login ann@acme.example"))]
    Edit(edit::EditArgs),

    /// Add or update admin users from a CSV file
    #[command(help_template = crate::example!("cake-okta users import acme.cake.example users.csv --dry-run"))]
    Import(import::ImportArgs),
}

pub fn run(command: UsersCommand, context: &Context) -> anyhow::Result<Exit> {
    match command {
        UsersCommand::List(args) => list::run(&args, context),
        UsersCommand::Add(args) => add::run(&args, context),
        UsersCommand::Edit(args) => edit::run(&args, context),
        UsersCommand::Import(args) => import::run(&args, context),
    }
}

/// One user in `--json` output. The field names are a stable interface.
#[derive(Debug, Clone, Serialize)]
pub struct UserJson {
    /// Id of the user on the tenant's site.
    pub id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// Okta login linked to the user, or null.
    pub okta_login: Option<String>,
    pub active: bool,
}

impl UserJson {
    pub fn new(user: &User) -> UserJson {
        UserJson {
            id: user.id.clone(),
            email: user.email.clone(),
            first_name: user.first_name.clone(),
            last_name: user.last_name.clone(),
            okta_login: user.okta_login.clone().filter(|login| users::has_okta_login(Some(login))),
            active: user.active,
        }
    }
}

/// Column names of tab-separated user lists: the `--json` field names.
pub const TSV_HEADERS: [&str; 6] = ["id", "email", "first_name", "last_name", "okta_login", "active"];
/// Column names of user tables on a terminal.
pub const TABLE_HEADERS: [&str; 6] = ["ID", "Email", "First name", "Last name", "Okta login", "Active"];

/// Returns a user's cells, in the order of the headers above.
pub fn user_cells(user: &User) -> Vec<String> {
    let json = UserJson::new(user);
    vec![
        json.id,
        json.email,
        json.first_name,
        json.last_name,
        json.okta_login.unwrap_or_default(),
        if json.active { "yes" } else { "no" }.to_string(),
    ]
}

/// Checks a tenant name typed on the command line.
fn parse_tenant(text: &str) -> Result<String, String> {
    crate::tenant::validate(text).map_err(|error| error.to_string())
}

/// Parses `--active true|false`.
fn parse_active_flag(text: &str) -> Result<bool, String> {
    users::parse_active(text).map_err(|error| error.problem)
}

/// Builds the client for the tenant's site from the active profile.
fn client(context: &Context) -> anyhow::Result<BackendClient> {
    connect::backend_client(context, &connect::no_network_flags())
}

/// Turns field errors found in flags into one usage error that names the
/// flag of each.
fn invalid_flags(errors: &[FieldError]) -> anyhow::Error {
    let lines: Vec<String> =
        errors.iter().map(|error| format!("--{}: {}", error.field.as_str().replace('_', "-"), error)).collect();
    crate::exit::usage_error(format!("invalid values, nothing was sent:\n  {}", lines.join("\n  ")))
}

/// Reports a failed call on the tenant's site with a next step that fits
/// its status.
fn site_failure(error: BackendError, tenant: &str, message: String) -> anyhow::Error {
    let tenant = one_line(tenant);
    let hint = match error.status() {
        Some(409) => Some(format!(
            "another user of {tenant} has this email; find it with 'cake-okta users list {tenant}' and change that user with 'cake-okta users edit {tenant} ID'"
        )),
        Some(404) if error.call == Call::EditUser => {
            Some(format!("list the users and their ids with 'cake-okta users list {tenant}'"))
        }
        Some(404) => Some(
            "check the tenant name and the profile's tenant_url, the base of the site's /okta/users API ('cake-okta config show')"
                .to_string(),
        ),
        Some(422) => Some("correct the field the site named and run the command again".to_string()),
        _ => None,
    };
    match hint {
        Some(hint) => hint_over(error, message, hint),
        None => connect::backend_failure(error, message),
    }
}

/// Prints one user as aligned lines.
fn print_user(output: &Output, user: &User) -> anyhow::Result<()> {
    let json = UserJson::new(user);
    let login = json.okta_login.unwrap_or_else(|| "(none)".to_string());
    let fields = [
        ("ID", json.id),
        ("Email", json.email),
        ("First name", json.first_name),
        ("Last name", json.last_name),
        ("Okta login", login),
        ("Active", if json.active { "yes" } else { "no" }.to_string()),
    ];
    for (label, value) in fields {
        output.line(&format!("  {label:<11} {}", one_line(&value)))?;
    }
    Ok(())
}
