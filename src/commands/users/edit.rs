//! `cake-okta users edit TENANT ID`: change an admin user with
//! `PUT /okta/users/{id}` on the tenant's site. Only the fields given are
//! sent, each checked first.

use clap::Args;

use super::UserJson;
use crate::backend::UserChanges;
use crate::context::Context;
use crate::exit::{Exit, usage_error};
use crate::text::one_line;
use crate::users::{self, Field, FieldError};

#[derive(Debug, Args)]
pub struct EditArgs {
    /// Tenant: host name of the client's CAKE admin site, such as acme.cake.example
    #[arg(value_name = "TENANT", value_parser = super::parse_tenant)]
    pub tenant: String,

    /// Id of the user on the tenant's site, as 'users list' shows it
    #[arg(value_name = "ID", value_parser = parse_user_id)]
    pub id: String,

    /// New email address
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,

    /// New first name
    #[arg(long, value_name = "NAME")]
    pub first_name: Option<String>,

    /// New last name
    #[arg(long, value_name = "NAME")]
    pub last_name: Option<String>,

    /// Okta username to link, usually the user's email address in Okta
    #[arg(long, value_name = "LOGIN", conflicts_with = "clear_okta_login")]
    pub okta_login: Option<String>,

    /// Remove the user's Okta link; with okta-only sign-in the user can then no longer sign in
    #[arg(long)]
    pub clear_okta_login: bool,

    /// Whether the user may sign in
    #[arg(long, value_name = "true|false", value_parser = super::parse_active_flag)]
    pub active: Option<bool>,

    /// Print the changed user as one JSON object (the fields of 'users list --json')
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &EditArgs, context: &Context) -> anyhow::Result<Exit> {
    let changes = checked_changes(args).map_err(|errors| super::invalid_flags(&errors))?;
    if changes == UserChanges::default() {
        return Err(usage_error(
            "nothing to change: give at least one of --email, --first-name, --last-name, --okta-login, --clear-okta-login or --active",
        ));
    }
    let client = super::client(context)?;

    let edited = {
        let _spinner = context.output.spinner("Saving the changes…");
        client.edit_user(&args.tenant, &args.id, &changes).map_err(|error| {
            let message = format!("failed to edit user {} of {}", one_line(&args.id), args.tenant);
            super::site_failure(error, &args.tenant, message)
        })?
    };

    if args.json {
        context.output.json(&UserJson::new(&edited))?;
    } else {
        context.output.line(&format!("Changed user {} of {}:", one_line(&edited.id), args.tenant))?;
        super::print_user(&context.output, &edited)?;
    }
    Ok(Exit::Success)
}

/// Checks every field given and returns the changes to send, or every
/// problem found.
fn checked_changes(args: &EditArgs) -> Result<UserChanges, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut keep = |result: Result<String, FieldError>| match result {
        Ok(value) => Some(value),
        Err(error) => {
            errors.push(error);
            None
        }
    };

    let email = args.email.as_deref().and_then(|email| keep(users::check_email(email)));
    let first_name = args.first_name.as_deref().and_then(|name| keep(users::check_name(Field::FirstName, name)));
    let last_name = args.last_name.as_deref().and_then(|name| keep(users::check_name(Field::LastName, name)));
    let okta_login = match &args.okta_login {
        Some(login) => keep(users::check_okta_login(login)).map(Some),
        None if args.clear_okta_login => Some(None),
        None => None,
    };

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(UserChanges { email, first_name, last_name, okta_login, active: args.active })
}

/// Checks a user id typed on the command line. The id is percent-encoded
/// in the URL path, but whitespace and control characters can only be a
/// paste mistake.
fn parse_user_id(text: &str) -> Result<String, String> {
    let id = text.trim();
    if id.is_empty() {
        return Err("the user id is empty".to_string());
    }
    if id.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(format!("the user id {id:?} contains spaces or control characters"));
    }
    Ok(id.to_string())
}
