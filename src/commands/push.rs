//! Pushing a recorded request to the backend, shared by `activate` and
//! `requests retry`: submit the config with the request's UUID as the
//! idempotency key, then record `submitted` with the backend's acceptance
//! time, or keep the draft and record why the push failed.
//!
//! A failed push is an error of type [`NotPushed`] (exit code 4) whose
//! report ends with the command that pushes the request again.

use crate::backend::SubmitBody;
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
    NotPushed::new(number, cause).into()
}
