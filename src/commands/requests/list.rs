//! `cake-okta requests list` (and `cake-okta pending`): requests with their
//! activation windows, overdue ones first.
//!
//! On a terminal the list is a table with dates for people. Piped, it is
//! tab-separated with a header line, RFC 3339 times and `YYYY-MM-DD` dates,
//! and its columns are the `--json` field names.

use clap::Args;

use super::StatusArg;
use super::view::{RequestJson, Timeline, due_text, sort_for_list, window_dates};
use crate::context::Context;
use crate::exit::Exit;
use crate::ledger::{OPEN_STATUSES, Request, RequestFilter, Status};

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only open requests: draft, submitted or in progress
    #[arg(long)]
    pub pending: bool,

    #[command(flatten)]
    pub filter: ListFilterArgs,
}

/// Filters and formats shared by `requests list` and `pending`.
#[derive(Debug, Args)]
pub struct ListFilterArgs {
    /// Only open requests past the latest date of their activation window
    #[arg(long)]
    pub overdue: bool,

    /// Only requests with this status (repeat, or separate with commas)
    #[arg(long, value_name = "STATUS", value_enum, value_delimiter = ',')]
    pub status: Vec<StatusArg>,

    /// Only requests for this tenant
    #[arg(long, value_name = "TENANT")]
    pub tenant: Option<String>,

    /// Print a JSON array instead of a table
    ///
    /// Each object has these fields: number, id, tenant, status, option
    /// (hybrid or okta_only), client_ids, issuer, issuer_input, ticket,
    /// contact, note, created_at, accepted_at, updated_at, window_start,
    /// window_end, business_days_left, overdue, overdue_business_days and
    /// last_error. Times are RFC 3339 in UTC. The window dates are YYYY-MM-DD
    /// and null until the backend accepted the request. business_days_left is
    /// null for closed requests and requests not accepted yet.
    #[arg(long)]
    pub json: bool,

    /// Exit with code 1 when any listed request is overdue, for cron jobs
    #[arg(long)]
    pub exit_status: bool,
}

const TABLE_HEADERS: [&str; 6] = ["#", "Tenant", "Status", "Option", "Window", "Due"];
const TSV_HEADERS: [&str; 15] = [
    "number",
    "id",
    "tenant",
    "status",
    "option",
    "client_ids",
    "issuer",
    "created_at",
    "accepted_at",
    "window_start",
    "window_end",
    "business_days_left",
    "overdue",
    "overdue_business_days",
    "last_error",
];

pub fn run(args: &ListArgs, context: &Context) -> anyhow::Result<Exit> {
    list(args.pending, &args.filter, context)
}

/// Lists requests; `pending` keeps only open ones.
pub fn list(pending: bool, args: &ListFilterArgs, context: &Context) -> anyhow::Result<Exit> {
    let ledger = super::open_ledger(context)?;
    let settings = super::window_settings(context)?;

    let requests = match statuses(pending || args.overdue, &args.status) {
        Some(statuses) => ledger.list_requests(&RequestFilter {
            statuses,
            tenant: args.tenant.clone(),
        })?,
        None => Vec::new(),
    };
    let mut rows: Vec<(Request, Timeline)> = requests
        .into_iter()
        .map(|request| {
            let timeline = Timeline::of(&request, &settings, context.now);
            (request, timeline)
        })
        .filter(|(_, timeline)| !args.overdue || timeline.overdue())
        .collect();
    sort_for_list(&mut rows);

    print_rows(&rows, args.json, context, &settings)?;

    let overdue = rows
        .iter()
        .filter(|(_, timeline)| timeline.overdue())
        .count();
    if args.exit_status && overdue > 0 {
        context
            .output
            .note(&format!("overdue requests listed: {overdue}"));
        return Ok(Exit::Error);
    }
    Ok(Exit::Success)
}

/// Works out which statuses to read; empty means every status. With
/// `open_only`, `--status` values that are not open are dropped, and `None`
/// means no status can match.
fn statuses(open_only: bool, requested: &[StatusArg]) -> Option<Vec<Status>> {
    let requested: Vec<Status> = requested.iter().map(|&arg| Status::from(arg)).collect();
    if !open_only {
        return Some(requested);
    }
    if requested.is_empty() {
        return Some(OPEN_STATUSES.to_vec());
    }

    let kept: Vec<Status> = requested
        .into_iter()
        .filter(|status| status.is_open())
        .collect();
    (!kept.is_empty()).then_some(kept)
}

fn print_rows(
    rows: &[(Request, Timeline)],
    json: bool,
    context: &Context,
    settings: &crate::window::WindowSettings,
) -> anyhow::Result<()> {
    let output = &context.output;
    if json {
        let objects: Vec<RequestJson> = rows
            .iter()
            .map(|(request, timeline)| RequestJson::new(request, timeline))
            .collect();
        return output.json(&objects);
    }

    if !output.stdout_is_terminal() {
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|(request, timeline)| tsv_row(request, timeline))
            .collect();
        return output.rows(&TSV_HEADERS, &cells);
    }

    if rows.is_empty() {
        output.note("No requests match.");
        return Ok(());
    }
    let today = settings.date_of(context.now);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|(request, timeline)| table_row(request, timeline, today))
        .collect();
    output.rows(&TABLE_HEADERS, &cells)
}

fn table_row(request: &Request, timeline: &Timeline, today: jiff::civil::Date) -> Vec<String> {
    vec![
        format!("#{}", request.number),
        request.tenant.clone(),
        request.status.to_string(),
        request.option.to_string(),
        timeline
            .window
            .map_or_else(|| "-".to_string(), |window| window_dates(&window, today)),
        due_text(request, timeline),
    ]
}

fn tsv_row(request: &Request, timeline: &Timeline) -> Vec<String> {
    let json = RequestJson::new(request, timeline);
    let text = |value: Option<String>| value.unwrap_or_default();
    vec![
        json.number.to_string(),
        json.id,
        json.tenant,
        json.status.to_string(),
        json.option.to_string(),
        json.client_ids.join(","),
        json.issuer,
        json.created_at.to_string(),
        text(json.accepted_at.map(|at| at.to_string())),
        text(json.window_start.map(|date| date.to_string())),
        text(json.window_end.map(|date| date.to_string())),
        text(json.business_days_left.map(|days| days.to_string())),
        json.overdue.to_string(),
        json.overdue_business_days.to_string(),
        text(json.last_error),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_table() {
        type Case = (bool, &'static [StatusArg], Option<&'static [Status]>);
        let cases: &[Case] = &[
            (false, &[], Some(&[])),
            (false, &[StatusArg::Active], Some(&[Status::Active])),
            (true, &[], Some(&OPEN_STATUSES)),
            (
                true,
                &[StatusArg::Draft, StatusArg::Active],
                Some(&[Status::Draft]),
            ),
            (true, &[StatusArg::Active], None),
        ];
        for (open_only, requested, expected) in cases {
            assert_eq!(
                statuses(*open_only, requested).as_deref(),
                *expected,
                "{open_only} {requested:?}"
            );
        }
    }
}
