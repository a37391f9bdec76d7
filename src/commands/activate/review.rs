//! The open requests a tenant already has: an identical one means the new
//! request is already recorded, a different one needs a confirmation first.

use crate::context::Context;
use crate::exit::usage_error;
use crate::ledger::{Difference, Ledger, NewRequest, Request, RequestFilter};
use crate::output::Output;
use crate::text::{one_line, plural};

use super::inputs;

/// Open requests the ledger already contains for the tenant.
#[derive(Debug)]
pub enum Review {
    /// No open request.
    Clear,
    /// An open request with the same client IDs, issuer and option.
    Identical(Box<Request>),
    /// Open requests that differ, with their differences.
    Differs(Vec<(Request, Vec<Difference>)>),
}

impl Review {
    /// Numbers of the open requests the user is shown.
    pub fn reviewed_numbers(&self) -> Vec<i64> {
        match self {
            Review::Clear => Vec::new(),
            Review::Identical(request) => vec![request.number],
            Review::Differs(open) => open.iter().map(|(request, _)| request.number).collect(),
        }
    }
}

/// Compares `new` with the tenant's open requests.
pub fn review(ledger: Option<&Ledger>, new: &NewRequest) -> anyhow::Result<Review> {
    let Some(ledger) = ledger else {
        return Ok(Review::Clear);
    };

    let filter = RequestFilter {
        tenant: Some(new.tenant.clone()),
        ..RequestFilter::open()
    };
    let open = ledger.list_requests(&filter)?;
    if let Some(identical) = open
        .iter()
        .find(|request| request.differences(new).is_empty())
    {
        return Ok(Review::Identical(Box::new(identical.clone())));
    }
    if open.is_empty() {
        return Ok(Review::Clear);
    }
    Ok(Review::Differs(
        open.into_iter()
            .map(|request| {
                let differences = request.differences(new);
                (request, differences)
            })
            .collect(),
    ))
}

/// Prints how each open request differs from the new one, on stderr.
pub fn print_differences(output: &Output, tenant: &str, open: &[(Request, Vec<Difference>)]) {
    output.warn(&format!(
        "{} already has {}:",
        one_line(tenant),
        plural(open.len(), "open request", "open requests")
    ));
    for (request, differences) in open {
        output.note(&format!(
            "  #{} ({}) differs in:",
            request.number, request.status
        ));
        for difference in differences {
            output.note(&format!(
                "    {:<11} recorded: {}",
                difference.field,
                one_line(&difference.recorded)
            ));
            output.note(&format!(
                "    {:<11} new:      {}",
                "",
                one_line(&difference.new)
            ));
        }
    }
}

/// Gets the go-ahead to record a request next to different open ones:
/// `--yes`, else a prompt, else a usage error that explains how to proceed.
pub fn confirm_despite_open(
    yes: bool,
    context: &Context,
    tenant: &str,
    open: &[(Request, Vec<Difference>)],
) -> anyhow::Result<bool> {
    if yes {
        return Ok(true);
    }

    let numbers: Vec<String> = open
        .iter()
        .map(|(request, _)| format!("#{}", request.number))
        .collect();
    if !context.interactive {
        return Err(usage_error(format!(
            "{} already has open request {}; pass --yes to record another request anyway, or cancel the open one first ('cake-okta requests cancel {}')",
            one_line(tenant),
            numbers.join(", "),
            open[0].0.number
        )));
    }
    inputs::confirm(&format!(
        "Record another request for {} anyway?",
        one_line(tenant)
    ))
}
