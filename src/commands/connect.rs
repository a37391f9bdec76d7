//! Setup shared by every command that talks to the backend. It turns the
//! profile's backend URL, the API token (`CAKE_OKTA_TOKEN`, else the keyring)
//! and the network settings into a [`BackendClient`]. It also turns backend
//! errors into reports with a next step.

use url::Url;

use crate::backend::{self, BackendClient, BackendError, ClientOptions, RetryPolicy};
use crate::cli::NetworkArgs;
use crate::context::Context;
use crate::exit::with_hint;
use crate::secrets::{self, CredentialStore, KeyringStore, Token};

/// Returns the credential store of this platform.
pub fn credential_store() -> KeyringStore {
    KeyringStore::new()
}

/// Network flags as if none were given, for commands without them.
pub fn no_network_flags() -> NetworkArgs {
    NetworkArgs { ca_cert: None, allow_private_network: false, timeout: None }
}

/// Finds the API token of the active profile, or fails saying how to
/// provide one.
pub fn require_token(context: &Context, store: &dyn CredentialStore) -> anyhow::Result<Token> {
    let found = secrets::resolve_token(context.env.token.as_ref(), store, &context.profile_name)?;
    found.ok_or_else(|| {
        with_hint(
            format!("no API token for profile {:?}", context.profile_name),
            "run 'cake-okta auth login' to store one in the OS keyring, or set CAKE_OKTA_TOKEN",
        )
    })
}

/// Returns the active profile's checked backend URL, or an error saying how
/// to set it.
pub fn backend_url(context: &Context) -> anyhow::Result<Url> {
    let name = &context.profile_name;
    let Some(text) = context.profile.backend_url.as_deref() else {
        return Err(with_hint(
            format!("profile {name:?} has no backend_url in {}", context.config.path.display()),
            format!("set it with: cake-okta config set profiles.{name}.backend_url https://..."),
        ));
    };

    backend::parse_backend_url(text).map_err(|error| {
        with_hint(
            format!("{error} (profile {name:?} in {})", context.config.path.display()),
            format!("fix it with: cake-okta config set profiles.{name}.backend_url https://..."),
        )
    })
}

/// Builds the backend client of the active profile. The backend URL is
/// checked before the token is looked up, so a missing URL never waits on
/// the keyring.
pub fn backend_client(context: &Context, network: &NetworkArgs) -> anyhow::Result<BackendClient> {
    let backend_url = backend_url(context)?;
    let token = require_token(context, &credential_store())?;
    client_with_token(context, network, backend_url, token)
}

/// Builds the backend client with a token already found.
pub fn client_with_token(
    context: &Context,
    network: &NetworkArgs,
    backend_url: Url,
    token: Token,
) -> anyhow::Result<BackendClient> {
    let options = ClientOptions {
        backend_url,
        tenant_url: context.profile.tenant_url.clone().unwrap_or_else(|| backend::DEFAULT_TENANT_URL.to_string()),
        token: token.secret,
        network: context.network_options(network)?,
        retry: RetryPolicy::default(),
    };
    BackendClient::new(options)
}

/// Wraps a backend error in a report that starts with `message`. The error
/// stays in the chain, and the error report ends with its hint.
pub fn backend_failure(error: BackendError, message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(error).context(message.into())
}
