//! Cancelling on the backend before a request is cancelled in the ledger,
//! for requests the backend knows (submitted or in progress).

use crate::backend::BackendError;
use crate::commands::connect;
use crate::context::Context;
use crate::exit::hint_over;
use crate::ledger::Request;
use crate::text::one_line;

/// Cancels the request on the backend. A `404` (the backend has no such
/// request) lets the local cancel go ahead with a warning. Any other
/// failure, `409` for an already active request included, stops the
/// cancel, so the ledger never shows a request cancelled that the backend
/// still runs.
pub(super) fn cancel_on_backend(context: &Context, request: &Request) -> anyhow::Result<()> {
    let client = connect::backend_client(context, &connect::no_network_flags())?;
    let result = {
        let _spinner = context.output.spinner("Cancelling on the backend…");
        client.cancel_request(&request.tenant, request.id)
    };

    match result {
        Ok(()) => Ok(()),
        Err(error) if error.status() == Some(404) => {
            context.output.warn(&format!(
                "the backend has no record of request #{} for {}; cancelling it in the ledger only",
                request.number,
                one_line(&request.tenant)
            ));
            Ok(())
        }
        Err(error) if error.status() == Some(409) => Err(already_active(request, error)),
        Err(error) => Err(connect::backend_failure(
            error,
            format!("request #{} was not cancelled", request.number),
        )),
    }
}

fn already_active(request: &Request, error: BackendError) -> anyhow::Error {
    hint_over(
        error,
        format!(
            "request #{} was not cancelled: the backend has already activated it",
            request.number
        ),
        format!(
            "record the activation with 'cake-okta requests sync {}'; to turn Okta off again, contact the activation team",
            request.number
        ),
    )
}
