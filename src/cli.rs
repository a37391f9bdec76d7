//! The command line as typed: clap definitions only. Values are settled into
//! a [`crate::context::Context`] before any command runs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Builds a help template that opens with one example command line.
///
/// clap wraps `before_help` to the terminal width, which breaks a long
/// example in the middle so that it no longer runs when copied. The literal
/// text of a template is printed as it is, so the example stays on one line.
/// The rest is clap's default template. The example must not contain `{`,
/// which starts a template tag.
#[macro_export]
macro_rules! example {
    ($command:literal) => {
        concat!("Example:\n  ", $command, "\n\n{about-with-newline}\n{usage-heading} {usage}\n\n{all-args}{after-help}")
    };
}

/// Record, validate, push and track Okta sign-in requests for CAKE tenants.
#[derive(Debug, Parser)]
#[command(
    name = "cake-okta",
    version,
    disable_help_subcommand = true,
    help_template = crate::example!("cake-okta issuer check https://acme.okta.com/oauth2/default --client-id 0oa1b2c3d4e5f6g7h8i9"),
    after_help = "Run 'cake-okta help exit-codes' or 'cake-okta help environment' for those topics."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags accepted by every command.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Configuration profile to use [env: CAKE_OKTA_PROFILE]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]
    #[arg(long, global = true)]
    pub no_input: bool,

    /// Log each HTTP exchange and ledger migration to stderr, secrets redacted
    #[arg(long, global = true)]
    pub debug: bool,
}

/// Network flags shared by every command that fetches an issuer.
#[derive(Debug, Clone, Args)]
pub struct NetworkArgs {
    /// Trust the CA certificates in this PEM file besides the platform's store
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,

    /// Allow issuer hosts that resolve to loopback, private, link-local or metadata addresses
    #[arg(long)]
    pub allow_private_network: bool,

    /// Total time allowed for each HTTP request, in seconds
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: Option<u64>,
}

/// Authorization probe flags shared by `issuer check` and `activate`.
#[derive(Debug, Clone, Args)]
pub struct ProbeArgs {
    /// Also send one authorization request per client ID, to check that the issuer knows the client and accepts CAKE's redirect URI for it
    #[arg(long, conflicts_with = "offline")]
    pub probe: bool,

    /// CAKE's callback URL to probe with [default: the profile's redirect_uri, with {tenant} filled in]
    #[arg(long, value_name = "URI", requires = "probe", value_parser = parse_redirect_uri, value_hint = clap::ValueHint::Url)]
    pub redirect_uri: Option<url::Url>,
}

fn parse_redirect_uri(text: &str) -> Result<url::Url, String> {
    crate::issuer::probe::parse_redirect_uri(text).map_err(|reason| format!("the redirect URI {reason}"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate an issuer URL and client IDs
    #[command(
        subcommand,
        help_template = crate::example!("cake-okta issuer check https://acme.okta.com/oauth2/default --client-id 0oa1b2c3d4e5f6g7h8i9")
    )]
    Issuer(IssuerCommand),

    /// Check a client's Okta issuer and client IDs, record the request and push it
    #[command(
        help_template = crate::example!("cake-okta activate acme.cake.example --client-id 0oa1b2c3d4e5f6g7h8i9 --issuer https://acme.okta.com --option hybrid --ticket SUP-1234")
    )]
    Activate(crate::commands::activate::ActivateArgs),

    /// List, show, mark, cancel, push again and sync recorded requests
    #[command(
        subcommand,
        help_template = crate::example!("cake-okta requests list --pending")
    )]
    Requests(crate::commands::requests::RequestsCommand),

    /// List open requests, overdue first (short for 'requests list --pending')
    #[command(help_template = crate::example!("cake-okta pending --overdue --exit-status"))]
    Pending(crate::commands::pending::PendingArgs),

    /// List, add, edit and import the admin users of a tenant's CAKE site
    #[command(subcommand, help_template = crate::example!("cake-okta users list acme.cake.example --missing-okta"))]
    Users(crate::commands::users::UsersCommand),

    /// Store, remove and show the backend API token of a profile
    #[command(subcommand, help_template = crate::example!("cake-okta auth login"))]
    Auth(crate::commands::auth::AuthCommand),

    /// Show where the config file is, what is in effect, or change one key
    #[command(subcommand, help_template = crate::example!("cake-okta config show"))]
    Config(crate::commands::config::ConfigCommand),

    /// Check the config, profile, keyring, token, backend and ledger
    #[command(help_template = crate::example!("cake-okta doctor"))]
    Doctor(crate::commands::doctor::DoctorArgs),

    /// Print a shell completion script
    #[command(help_template = crate::example!("cake-okta completions bash > /etc/bash_completion.d/cake-okta"))]
    Completions {
        /// Shell to generate the script for
        shell: clap_complete::Shell,
    },

    /// Print the manual page in roff format
    #[command(hide = true)]
    Manpage,

    /// Show help for a command, or a topic: exit-codes, environment
    #[command(help_template = crate::example!("cake-okta help exit-codes"))]
    Help {
        /// A topic (exit-codes, environment) or a command path such as 'issuer check'
        topic: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum IssuerCommand {
    /// Check an issuer's URL, discovery document, signing keys and client IDs
    #[command(help_template = crate::example!("cake-okta issuer check https://acme.okta.com/oauth2/default --client-id 0oa1b2c3d4e5f6g7h8i9"))]
    Check(IssuerCheckArgs),
}

#[derive(Debug, Clone, Args)]
pub struct IssuerCheckArgs {
    /// Issuer URL as the client sent it
    #[arg(value_name = "URL")]
    pub url: String,

    /// Okta client ID of CAKE's app integration (repeat for several)
    #[arg(long = "client-id", value_name = "ID")]
    pub client_ids: Vec<String>,

    /// Print one JSON object instead of the checklist
    #[arg(long)]
    pub json: bool,

    /// Run only the checks that need no network
    #[arg(long)]
    pub offline: bool,

    #[command(flatten)]
    pub probe: ProbeArgs,

    #[command(flatten)]
    pub network: NetworkArgs,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
