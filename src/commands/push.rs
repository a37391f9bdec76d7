//! Pushing a recorded request to the backend, shared by `activate` and
//! `requests retry`: submit the config with the request's UUID as the
//! idempotency key, then record `submitted` with the backend's acceptance
//! time, or keep the draft and record why the push failed.
//!
//! A failed push is an error of type [`NotPushed`] (exit code 4) whose
//! report ends with the next step for its cause, such as the command that
//! pushes the request again after a transient fault.

use crate::backend::{BackendError, SubmitBody};
use crate::cli::NetworkArgs;
use crate::context::Context;
use crate::exit::NotPushed;
use crate::ledger::{Ledger, Request, Status, StatusChange};
use crate::text::one_line;

use super::connect;

/// Note of the event that records an accepted push.
const ACCEPTED_NOTE: &str = "accepted by the backend";

/// The submit body of a recorded request.
pub fn submit_body(request: &Request, context: &Context) -> SubmitBody {
    SubmitBody {
        request_id: request.id,
        client_ids: request.client_ids.clone(),
        issuer: request.issuer.clone(),
        option: request.option,
        ticket: request.ticket.clone(),
        contact: request.contact.clone(),
        submitted_by: context.actor(),
    }
}

/// Pushes a draft and records the outcome in the ledger. Returns the
/// updated request, or a [`NotPushed`] error after the push error was
/// stored with the draft.
pub fn push_draft(
    context: &Context,
    ledger: &mut Ledger,
    request: &Request,
    network: &NetworkArgs,
) -> anyhow::Result<Request> {
    let submitted = {
        let _spinner = context.output.spinner("Pushing the request to the backend…");
        submit(context, request, network)
    };

    match submitted {
        Ok(received_at) => {
            let actor = context.actor();
            ledger.change_status(&StatusChange {
                number: request.number,
                expected: Status::Draft,
                to: Status::Submitted,
                actor: &actor,
                note: Some(ACCEPTED_NOTE),
                at: context.now,
                accepted_at: Some(received_at),
            })
        }
        Err(error) => {
            let message = one_line(&format!("{error:#}"));
            ledger.record_push_error(request.number, &message, context.now)?;
            Err(not_pushed(request.number, error))
        }
    }
}

/// Submits the request and returns when the backend received it.
fn submit(context: &Context, request: &Request, network: &NetworkArgs) -> anyhow::Result<jiff::Timestamp> {
    let client = connect::backend_client(context, network)?;
    let body = submit_body(request, context);
    let accepted = client
        .submit_config(&request.tenant, &body, request.id)
        .map_err(|error| connect::backend_failure(error, format!("failed to push request #{}", request.number)))?;
    Ok(accepted.received_at)
}

fn not_pushed(number: i64, cause: anyhow::Error) -> anyhow::Error {
    let hint = after_failure(number, &cause);
    NotPushed::new(number, cause, Some(hint)).into()
}

/// Chooses the step after a failed push by its cause. Pushing the same
/// request again is suggested right away only for a transient fault, and
/// after the cause's own fix for a rejected token, an open conflicting
/// request or a local setting. A request the backend rejected as it is
/// (unknown tenant, invalid field) is cancelled and recorded again.
fn after_failure(number: i64, cause: &anyhow::Error) -> String {
    let retry = format!("cake-okta requests retry {number}");
    let backend = cause.chain().find_map(|cause| cause.downcast_ref::<BackendError>());
    match backend {
        Some(error) if error.is_transient() => format!("push it again later with: {retry}"),
        Some(error) if error.is_unauthorized() => format!("then push it again with: {retry}"),
        Some(error) if error.status() == Some(409) => {
            format!("once the tenant's other open request is cancelled or active, push this one with: {retry}")
        }
        Some(_) => format!(
            "the backend would reject this request again as it is: cancel it with 'cake-okta requests cancel {number}' and record a corrected one with 'cake-okta activate'"
        ),
        None => format!("then push it with: {retry}"),
    }
}
