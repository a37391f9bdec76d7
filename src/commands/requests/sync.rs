//! `cake-okta requests sync [ID]`: ask the backend for the activation status
//! of open requests and record every change as an event. The backend calls
//! run on a few worker threads that share one client; the ledger is written
//! afterwards on this thread, one transaction per change.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use clap::Args;
use serde::Serialize;

use crate::backend::{BackendClient, BackendError, ConfigStatus};
use crate::commands::connect;
use crate::context::Context;
use crate::exit::Exit;
use crate::ledger::{Ledger, Request, RequestFilter, RequestRef, Status, StatusChange};
use crate::output::Spinner;
use crate::text::one_line;

/// Most status queries in flight at once.
const MAX_WORKERS: usize = 8;

/// The backend's response for one request: its current request for the
/// tenant, `None` when nothing is submitted, or why it could not be asked.
type StatusResult = Result<Option<ConfigStatus>, BackendError>;

/// Event note when the backend sends no message with a change.
const DEFAULT_NOTE: &str = "reported by the backend";

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Request number (42 or #42) or UUID [default: every submitted or in-progress request]
    #[arg(value_name = "ID")]
    pub id: Option<RequestRef>,

    /// Print one JSON object: results [{number, tenant, outcome, before, after, backend_status, message, error}]
    #[arg(long)]
    pub json: bool,
}

/// Result of syncing one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Outcome {
    /// The status changed and the change was recorded.
    Changed,
    Unchanged,
    /// The backend reports a status the ledger's cannot change to.
    Disagrees,
    /// The backend's current request for the tenant is another one.
    Superseded,
    /// The backend has nothing submitted for the tenant.
    Missing,
    /// A draft, which the backend does not know yet.
    Skipped,
    /// The backend could not be asked, or the change could not be recorded.
    Failed,
}

#[derive(Debug, Serialize)]
struct SyncResult {
    number: i64,
    tenant: String,
    outcome: Outcome,
    before: Status,
    after: Status,
    backend_status: Option<&'static str>,
    /// The backend's message, or what the outcome means.
    message: Option<String>,
    error: Option<String>,
    /// The failed backend call, for the error report that ends the run.
    #[serde(skip)]
    cause: Option<BackendError>,
}

#[derive(Debug, Serialize)]
struct SyncJson<'a> {
    results: Vec<&'a SyncResult>,
    /// Drafts left out because the backend does not know them yet.
    drafts_skipped: Vec<i64>,
}

pub fn run(args: &SyncArgs, context: &Context) -> anyhow::Result<Exit> {
    let mut ledger = super::open_ledger(context)?;
    let (targets, drafts) = select(&ledger, args.id.as_ref())?;

    let mut results: Vec<SyncResult> = drafts.iter().filter(|_| args.id.is_some()).map(skipped).collect();
    if !targets.is_empty() {
        let client = connect::backend_client(context, &connect::no_network_flags())?;
        let progress = context.output.progress(targets.len() as u64, "Asking the backend");
        let statuses = query_all(&client, &targets, &progress);
        drop(progress);

        for (request, status) in targets.iter().zip(statuses) {
            results.push(apply(&mut ledger, context, request, status));
        }
    }

    // Drafts named by ID are reported as skipped above, the others in a note.
    let drafts_skipped: Vec<i64> = match args.id {
        Some(_) => Vec::new(),
        None => drafts.iter().map(|draft| draft.number).collect(),
    };
    if args.json {
        context.output.json(&SyncJson { results: results.iter().collect(), drafts_skipped })?;
    } else {
        print_results(context, &results, &drafts_skipped)?;
    }
    match sync_failure(&results) {
        Some(error) => Err(error),
        None => Ok(Exit::Success),
    }
}

/// Builds the error that ends a run in which some requests failed. The
/// first failed backend call, a rejected token first, stays in the chain,
/// so the report ends with its advice.
fn sync_failure(results: &[SyncResult]) -> Option<anyhow::Error> {
    let failed: Vec<&SyncResult> = results.iter().filter(|result| result.outcome == Outcome::Failed).collect();
    if failed.is_empty() {
        return None;
    }

    let message = match (results.len(), failed.as_slice()) {
        (1, [only]) => format!("request #{} could not be synced", only.number),
        (total, _) => format!("{} of {total} requests could not be synced", failed.len()),
    };
    let causes = || failed.iter().filter_map(|result| result.cause.as_ref());
    let cause = causes().find(|cause| cause.is_unauthorized()).or_else(|| causes().next());
    Some(match cause {
        Some(cause) => anyhow::Error::new(cause.clone()).context(message),
        None => anyhow::anyhow!(message),
    })
}

/// Picks the requests to ask about (submitted or in progress) and the
/// drafts, from one reference or from every open request.
fn select(ledger: &Ledger, reference: Option<&RequestRef>) -> anyhow::Result<(Vec<Request>, Vec<Request>)> {
    let requests = match reference {
        Some(reference) => {
            let request = ledger.request(reference)?;
            if !request.status.is_open() {
                anyhow::bail!(
                    "request #{} is {}, a closed status, so there is nothing to sync",
                    request.number,
                    request.status
                );
            }
            vec![request]
        }
        None => ledger.list_requests(&RequestFilter::open())?,
    };
    Ok(requests.into_iter().partition(|request| request.status != Status::Draft))
}

/// Asks the backend about every request, on up to [`MAX_WORKERS`] threads
/// that share `client`. Results come back in the order of `requests`.
fn query_all(
    client: &BackendClient,
    requests: &[Request],
    progress: &Spinner,
) -> Vec<StatusResult> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<StatusResult>>> = requests.iter().map(|_| Mutex::new(None)).collect();

    thread::scope(|scope| {
        for _ in 0..MAX_WORKERS.min(requests.len()) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(request) = requests.get(index) else { break };
                    let status = client.config_status(&request.tenant);
                    *slots[index].lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(status);
                    progress.inc(1);
                }
            });
        }
    });

    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .expect("every request is queried once")
        })
        .collect()
}

/// Compares one request with the backend's status and records a change.
fn apply(
    ledger: &mut Ledger,
    context: &Context,
    request: &Request,
    status: StatusResult,
) -> SyncResult {
    let mut result = SyncResult {
        number: request.number,
        tenant: request.tenant.clone(),
        outcome: Outcome::Unchanged,
        before: request.status,
        after: request.status,
        backend_status: None,
        message: None,
        error: None,
        cause: None,
    };

    let status = match status {
        Ok(Some(status)) => status,
        Ok(None) => {
            result.outcome = Outcome::Missing;
            result.message = Some("the backend has nothing submitted for this tenant".into());
            return result;
        }
        Err(error) => {
            result.outcome = Outcome::Failed;
            result.error = Some(error.to_string());
            result.cause = Some(error);
            return result;
        }
    };
    result.backend_status = Some(status.status.as_str());
    result.message = status.message.as_deref().map(one_line);
    if status.request_id != request.id {
        result.outcome = Outcome::Superseded;
        result.message = Some(format!("the backend's current request for this tenant is {}", status.request_id));
        return result;
    }

    let to = status.status.to_ledger();
    if to == request.status {
        return result;
    }
    if request.status.check_transition(to).is_err() {
        result.outcome = Outcome::Disagrees;
        return result;
    }
    record_change(ledger, context, request, to, result)
}

fn record_change(ledger: &mut Ledger, context: &Context, request: &Request, to: Status, result: SyncResult) -> SyncResult {
    let actor = context.actor();
    let change = StatusChange {
        number: request.number,
        expected: request.status,
        to,
        actor: &actor,
        note: Some(result.message.as_deref().unwrap_or(DEFAULT_NOTE)),
        at: context.now,
        accepted_at: None,
    };
    match ledger.change_status(&change) {
        Ok(updated) => SyncResult { outcome: Outcome::Changed, after: updated.status, ..result },
        Err(error) => SyncResult { outcome: Outcome::Failed, error: Some(format!("{error:#}")), ..result },
    }
}

fn skipped(draft: &Request) -> SyncResult {
    SyncResult {
        number: draft.number,
        tenant: draft.tenant.clone(),
        outcome: Outcome::Skipped,
        before: draft.status,
        after: draft.status,
        backend_status: None,
        message: Some(format!("a draft is not on the backend yet; push it with 'cake-okta requests retry {}'", draft.number)),
        error: None,
        cause: None,
    }
}

fn print_results(context: &Context, results: &[SyncResult], drafts: &[i64]) -> anyhow::Result<()> {
    if results.is_empty() && drafts.is_empty() {
        return context.output.line("No open requests to sync.");
    }
    if results.is_empty() {
        context.output.line("No submitted or in-progress requests to sync.")?;
    }

    let rows: Vec<Vec<String>> = results.iter().map(result_row).collect();
    if !rows.is_empty() {
        context.output.rows(&["REQUEST", "TENANT", "STATUS", "RESULT"], &rows)?;
    }
    if !drafts.is_empty() {
        let numbers: Vec<String> = drafts.iter().map(|number| format!("#{number}")).collect();
        let (drafts, them) = if numbers.len() == 1 { ("draft", "it") } else { ("drafts", "them") };
        context.output.note(&format!(
            "Not asked about {drafts} {}: push {them} with 'cake-okta requests retry ID'.",
            numbers.join(", ")
        ));
    }
    Ok(())
}

fn result_row(result: &SyncResult) -> Vec<String> {
    let status = match result.outcome {
        Outcome::Changed => format!("{} → {}", result.before, result.after),
        _ => result.after.to_string(),
    };
    let words = match result.outcome {
        Outcome::Changed => "changed",
        Outcome::Unchanged => "unchanged",
        Outcome::Disagrees => "backend disagrees",
        Outcome::Superseded => "superseded",
        Outcome::Missing => "not on the backend",
        Outcome::Skipped => "skipped",
        Outcome::Failed => "failed",
    };
    let mut text = words.to_string();
    if let Some(backend) = result.backend_status.filter(|_| result.outcome == Outcome::Disagrees) {
        text.push_str(&format!(" (backend: {backend})"));
    }
    if let Some(detail) = result.error.as_deref().or(result.message.as_deref()) {
        text.push_str(&format!(": {}", one_line(detail)));
    }
    vec![format!("#{}", result.number), result.tenant.clone(), status, text]
}
