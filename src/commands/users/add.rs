//! `cake-okta users add TENANT`: add an admin user with
//! `POST /okta/users` on the tenant's site, after checking every field.

use clap::Args;

use super::UserJson;
use crate::backend::NewUser;
use crate::context::Context;
use crate::exit::Exit;
use crate::text::one_line;
use crate::users::{self, Field, FieldError};

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Tenant: host name of the client's CAKE admin site, such as acme.cake.example
    #[arg(value_name = "TENANT", value_parser = super::parse_tenant)]
    pub tenant: String,

    /// Email address of the user
    #[arg(long, value_name = "EMAIL")]
    pub email: String,

    /// First name of the user
    #[arg(long, value_name = "NAME")]
    pub first_name: String,

    /// Last name of the user
    #[arg(long, value_name = "NAME")]
    pub last_name: String,

    /// Okta username to link, usually the user's email address in Okta
    #[arg(long, value_name = "LOGIN")]
    pub okta_login: Option<String>,

    /// Whether the user may sign in [default: the site's, usually true]
    #[arg(long, value_name = "true|false", value_parser = super::parse_active_flag)]
    pub active: Option<bool>,

    /// Print the added user as one JSON object (the fields of 'users list --json')
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &AddArgs, context: &Context) -> anyhow::Result<Exit> {
    let new = checked_user(args).map_err(|errors| super::invalid_flags(&errors))?;
    let client = super::client(context)?;

    let added = {
        let _spinner = context.output.spinner("Adding the user…");
        client.add_user(&args.tenant, &new).map_err(|error| {
            let message = format!("failed to add {} to {}", one_line(&new.email), args.tenant);
            super::site_failure(error, &args.tenant, message)
        })?
    };

    if args.json {
        context.output.json(&UserJson::new(&added))?;
    } else {
        context.output.line(&format!("Added user {} to {}:", one_line(&added.id), args.tenant))?;
        super::print_user(&context.output, &added)?;
    }
    Ok(Exit::Success)
}

/// Checks every field and returns the body to send, or every problem found.
fn checked_user(args: &AddArgs) -> Result<NewUser, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut keep = |result: Result<String, FieldError>| match result {
        Ok(value) => value,
        Err(error) => {
            errors.push(error);
            String::new()
        }
    };

    let email = keep(users::check_email(&args.email));
    let first_name = keep(users::check_name(Field::FirstName, &args.first_name));
    let last_name = keep(users::check_name(Field::LastName, &args.last_name));
    let okta_login = args.okta_login.as_deref().map(|login| keep(users::check_okta_login(login)));

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewUser { email, first_name, last_name, okta_login, active: args.active })
}
