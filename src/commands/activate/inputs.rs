//! The values of a request: from flags, else from prompts on a terminal,
//! else a usage error naming every missing flag.

use anyhow::Context as _;
use dialoguer::{Confirm, Input, Select};

use super::{ActivateArgs, OptionArg};
use crate::context::Context;
use crate::exit::usage_error;
use crate::ledger::IntegrationOption;
use crate::tenant;
use crate::users::check_email;

/// Values typed by the user, before the issuer check corrects any.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub tenant: String,
    pub client_ids: Vec<String>,
    pub issuer: String,
    pub option: IntegrationOption,
    pub ticket: Option<String>,
    pub contact: Option<String>,
    pub note: Option<String>,
}

/// Collects the values, prompting for missing ones when prompts are allowed.
pub fn gather(args: &ActivateArgs, context: &Context) -> anyhow::Result<Inputs> {
    let missing = missing_flags(args);
    if !missing.is_empty() && !context.interactive {
        return Err(usage_error(format!(
            "missing {}: pass {} on the command line. Prompts for missing values appear only when stdin and stderr are terminals and neither --no-input nor CAKE_OKTA_NO_INPUT is set",
            missing.join(", "),
            if missing.len() == 1 { "it" } else { "them" }
        )));
    }

    // A mistyped contact is reported before any prompt asks for more.
    let contact = non_empty(&args.contact).map(|contact| check_contact(&contact)).transpose()?;

    let tenant = match &args.tenant {
        Some(name) => tenant::validate(name).map_err(|error| usage_error(error.to_string()))?,
        None => prompt_tenant()?,
    };
    let client_ids = if args.client_ids.is_empty() {
        prompt_client_ids()?
    } else {
        args.client_ids.clone()
    };
    let issuer = match &args.issuer {
        Some(issuer) => issuer.clone(),
        None => prompt_text("Issuer URL", false)?.unwrap_or_default(),
    };
    let option = match args.option {
        Some(option) => option.into(),
        None => prompt_option()?,
    };

    // Optional values are asked for only in a session that prompts anyway,
    // so a complete command line never stops to ask.
    let prompting = !missing.is_empty();
    let optional = |flag: &Option<String>, label: &str| -> anyhow::Result<Option<String>> {
        match non_empty(flag) {
            Some(value) => Ok(Some(value)),
            None if prompting => prompt_text(label, true),
            None => Ok(None),
        }
    };
    Ok(Inputs {
        tenant,
        client_ids,
        issuer,
        option,
        ticket: optional(&args.ticket, "Ticket reference (optional)")?,
        contact: match contact {
            Some(contact) => Some(contact),
            None if prompting => prompt_contact()?,
            None => None,
        },
        note: optional(&args.note, "Note (optional)")?,
    })
}

/// Lists the required values that no flag gave, named as the user types them.
fn missing_flags(args: &ActivateArgs) -> Vec<&'static str> {
    let checks = [
        (args.tenant.is_none(), "TENANT"),
        (args.client_ids.is_empty(), "--client-id"),
        (args.issuer.is_none(), "--issuer"),
        (args.option.is_none(), "--option"),
    ];
    checks
        .into_iter()
        .filter(|(missing, _)| *missing)
        .map(|(_, name)| name)
        .collect()
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_string)
}

fn prompt_tenant() -> anyhow::Result<String> {
    Input::<String>::new()
        .with_prompt("Tenant (host name of the client's CAKE admin site)")
        .validate_with(|name: &String| {
            tenant::validate(name)
                .map(drop)
                .map_err(|error| error.to_string())
        })
        .interact_text()
        .context("failed to read the tenant from the terminal")
}

fn prompt_client_ids() -> anyhow::Result<Vec<String>> {
    let answer = Input::<String>::new()
        .with_prompt("Okta client IDs (separate several with spaces or commas)")
        .interact_text()
        .context("failed to read the client IDs from the terminal")?;
    Ok(answer
        .split([' ', ','])
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .collect())
}

fn prompt_text(label: &str, optional: bool) -> anyhow::Result<Option<String>> {
    let answer = Input::<String>::new()
        .with_prompt(label)
        .allow_empty(optional)
        .interact_text()
        .with_context(|| format!("failed to read {label:?} from the terminal"))?;
    let answer = answer.trim();
    Ok((!answer.is_empty()).then(|| answer.to_string()))
}

/// Checks that `--contact` is an email address, so the stored contact can
/// be written to.
fn check_contact(text: &str) -> anyhow::Result<String> {
    check_email(text).map_err(|error| {
        usage_error(format!("invalid --contact: {error}; give the client contact's email address, such as ann@acme.example"))
    })
}

fn prompt_contact() -> anyhow::Result<Option<String>> {
    let answer = Input::<String>::new()
        .with_prompt("Client contact email (optional)")
        .allow_empty(true)
        .validate_with(|text: &String| check_contact_answer(text))
        .interact_text()
        .context("failed to read the client contact email from the terminal")?;
    let answer = answer.trim();
    Ok((!answer.is_empty()).then(|| answer.to_string()))
}

/// Checks a typed contact: empty (the contact is optional) or an email
/// address. The error is shown under the prompt, which asks again.
fn check_contact_answer(text: &str) -> Result<(), String> {
    match text.trim() {
        "" => Ok(()),
        email => check_email(email).map(drop).map_err(|error| error.to_string()),
    }
}

fn prompt_option() -> anyhow::Result<IntegrationOption> {
    let choices = [
        "hybrid     username/password stays, plus a \"Login with Okta\" button (recommended)",
        "okta-only  only the \"Login with Okta\" button; admin users without an Okta identity are locked out",
    ];
    let index = Select::new()
        .with_prompt("Integration option")
        .items(choices)
        .default(0)
        .interact()
        .context("failed to read the integration option from the terminal")?;
    Ok(if index == 0 {
        IntegrationOption::Hybrid
    } else {
        IntegrationOption::OktaOnly
    })
}

/// Asks a yes/no question on the terminal, defaulting to no.
pub fn confirm(question: &str) -> anyhow::Result<bool> {
    Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()
        .context("failed to read the answer from the terminal")
}

impl From<OptionArg> for IntegrationOption {
    fn from(arg: OptionArg) -> IntegrationOption {
        match arg {
            OptionArg::Hybrid => IntegrationOption::Hybrid,
            OptionArg::OktaOnly => IntegrationOption::OktaOnly,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_answer_table() {
        let cases = [
            ("", None),
            ("  ", None),
            ("dana@acme.example", None),
            (" dana@acme.example ", None),
            ("dana", Some("\"dana\" has no @")),
            ("dana@acme", Some("no dot in its domain")),
            ("dana smith@acme.example", Some("contains a space")),
        ];
        for (text, problem) in cases {
            match (check_contact_answer(text), problem) {
                (Ok(()), None) => {}
                (Err(error), Some(problem)) => assert!(error.contains(problem), "{text:?}: {error}"),
                (result, _) => panic!("{text:?}: unexpected {result:?}"),
            }
        }
    }

    #[test]
    fn contact_flag_error_names_value() {
        let error = check_contact("dana.acme.example").unwrap_err();
        assert_eq!(crate::exit::code_for(&error), crate::exit::Exit::Usage);
        let text = error.to_string();
        assert!(text.contains("--contact"), "{text}");
        assert!(text.contains("\"dana.acme.example\""), "{text}");
        assert_eq!(check_contact(" ann@acme.example ").unwrap(), "ann@acme.example");
    }
}
