//! `cake-okta requests list` (and `cake-okta pending`): requests with their
//! activation windows, overdue ones first.
//!
//! On a terminal the list is a table with dates for people. Piped, it is
//! tab-separated with a header line, RFC 3339 times and `YYYY-MM-DD` dates,
//! and its columns are the `--json` field names.

use clap::Args;

use super::StatusArg;
use super::view::{RequestJson, Timeline, due_text, list_key, sort_for_list, window_dates};
use crate::context::Context;
use crate::exit::{Exit, is_broken_pipe};
use crate::ledger::{ALL_STATUSES, Ledger, OPEN_STATUSES, Request, RequestFilter, Status, VisitOrder};
use crate::output::{JsonListWriter, TsvWriter};
use crate::window::WindowSettings;
use jiff::Timestamp;

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
    let ledger = super::open_ledger_for_reading(context)?;
    let settings = super::window_settings(context)?;

    let mut printer = Printer::start(args.json, context, settings.date_of(context.now))?;
    printer.count_after_close = args.exit_status;
    if let Some(statuses) = statuses(pending || args.overdue, &args.status) {
        let query = ListQuery {
            statuses: if statuses.is_empty() { ALL_STATUSES.to_vec() } else { statuses },
            tenant: args.tenant.clone(),
            overdue_only: args.overdue,
        };
        visit_in_list_order(&ledger, &query, &settings, context.now, &mut |request, timeline| {
            printer.row(request, timeline)
        })?;
    }
    let overdue = printer.overdue;
    printer.finish(context)?;

    if args.exit_status && overdue > 0 {
        context
            .output
            .note(&format!("overdue requests listed: {overdue}"));
        return Ok(Exit::Error);
    }
    Ok(Exit::Success)
}

/// Selection of the requests a list shows.
struct ListQuery {
    /// Not empty.
    statuses: Vec<Status>,
    tenant: Option<String>,
    /// Keep only requests past the latest date of their window.
    overdue_only: bool,
}

type Row = (Request, Timeline);

/// Receives each listed request with its timeline.
type Emit<'a> = dyn FnMut(&Request, &Timeline) -> anyhow::Result<()> + 'a;

/// Passes the matching requests to `emit` in list order ([`list_key`]).
/// Open requests are few, so they are read and sorted in memory. Closed
/// requests can be tens of thousands: they are read one at a time in window
/// order and merged in, so memory does not grow with them.
fn visit_in_list_order(
    ledger: &Ledger,
    query: &ListQuery,
    settings: &WindowSettings,
    now: Timestamp,
    emit: &mut Emit<'_>,
) -> anyhow::Result<()> {
    let (open, closed): (Vec<Status>, Vec<Status>) =
        query.statuses.iter().partition(|status| status.is_open());
    let filter = |statuses| RequestFilter {
        statuses,
        tenant: query.tenant.clone(),
    };

    let mut open_rows: Vec<Row> = Vec::new();
    if !open.is_empty() {
        ledger.visit_requests(&filter(open), VisitOrder::Number, &mut |request| {
            let timeline = Timeline::of(&request, settings, now);
            if !query.overdue_only || timeline.overdue() {
                open_rows.push((request, timeline));
            }
            Ok(())
        })?;
    }
    sort_for_list(&mut open_rows);
    let mut merge = Merge {
        open: open_rows.into_iter().peekable(),
        group: Vec::new(),
        emit,
    };

    // Closed requests are never overdue.
    if !closed.is_empty() && !query.overdue_only {
        ledger.visit_requests(&filter(closed), VisitOrder::Acceptance, &mut |request| {
            let timeline = Timeline::of(&request, settings, now);
            merge.push_closed((request, timeline))
        })?;
    }
    merge.finish()
}

/// Merges closed requests, which arrive in acceptance order, with the open
/// ones, which are sorted already.
struct Merge<'a, 'b> {
    open: std::iter::Peekable<std::vec::IntoIter<Row>>,
    /// Closed requests whose windows end on the same day. Acceptance order
    /// sorts them by that day but not by number, so each day is sorted
    /// before it is passed on.
    group: Vec<Row>,
    emit: &'a mut Emit<'b>,
}

impl Merge<'_, '_> {
    fn push_closed(&mut self, row: Row) -> anyhow::Result<()> {
        let latest = |row: &Row| row.1.window.map(|window| window.latest);
        if self.group.first().is_some_and(|first| latest(first) != latest(&row)) {
            self.emit_group()?;
        }
        // Requests never accepted have no window and arrive by number.
        if latest(&row).is_none() {
            return self.emit_closed(row);
        }
        self.group.push(row);
        Ok(())
    }

    fn emit_group(&mut self) -> anyhow::Result<()> {
        let mut group = std::mem::take(&mut self.group);
        sort_for_list(&mut group);
        group.into_iter().try_for_each(|row| self.emit_closed(row))
    }

    /// Passes on the open requests that come before `row`, then `row`.
    fn emit_closed(&mut self, row: Row) -> anyhow::Result<()> {
        let key = list_key(&row.0, &row.1);
        while let Some((request, timeline)) = self
            .open
            .next_if(|(request, timeline)| list_key(request, timeline) < key)
        {
            (self.emit)(&request, &timeline)?;
        }
        (self.emit)(&row.0, &row.1)
    }

    fn finish(mut self) -> anyhow::Result<()> {
        self.emit_group()?;
        for (request, timeline) in self.open {
            (self.emit)(&request, &timeline)?;
        }
        Ok(())
    }
}

/// Destination of listed requests: JSON or tab-separated lines written one
/// request at a time, or a table for a terminal, collected first.
struct Printer {
    format: Format,
    today: jiff::civil::Date,
    /// Overdue requests listed so far, written out or not.
    overdue: usize,
    /// Keep counting overdue requests after the reader closed stdout (as
    /// `| head` does), because `--exit-status` must not depend on how much
    /// of the list was read.
    count_after_close: bool,
    /// The reader closed stdout, so nothing more is written.
    closed: bool,
}

enum Format {
    Json(JsonListWriter),
    Tsv(TsvWriter),
    Table(Vec<Vec<String>>),
}

impl Printer {
    fn start(json: bool, context: &Context, today: jiff::civil::Date) -> anyhow::Result<Printer> {
        let output = &context.output;
        let format = if json {
            Format::Json(output.json_list())
        } else if output.stdout_is_terminal() {
            Format::Table(Vec::new())
        } else {
            Format::Tsv(output.tsv_list(&TSV_HEADERS)?)
        };
        Ok(Printer {
            format,
            today,
            overdue: 0,
            count_after_close: false,
            closed: false,
        })
    }

    fn row(&mut self, request: &Request, timeline: &Timeline) -> anyhow::Result<()> {
        if timeline.overdue() {
            self.overdue += 1;
        }
        if self.closed {
            return Ok(());
        }
        let written = match &mut self.format {
            Format::Json(writer) => writer.item(&RequestJson::new(request, timeline)),
            Format::Tsv(writer) => writer.row(&tsv_row(request, timeline)),
            Format::Table(rows) => {
                rows.push(table_row(request, timeline, self.today));
                Ok(())
            }
        };
        self.note_closed(written)
    }

    fn finish(mut self, context: &Context) -> anyhow::Result<()> {
        if self.closed {
            return Ok(());
        }
        let written = match std::mem::replace(&mut self.format, Format::Table(Vec::new())) {
            Format::Json(writer) => writer.finish().map(drop),
            Format::Tsv(writer) => writer.finish().map(drop),
            Format::Table(rows) if rows.is_empty() => {
                context.output.note("No requests match.");
                Ok(())
            }
            Format::Table(rows) => context.output.rows(&TABLE_HEADERS, &rows),
        };
        self.note_closed(written)
    }

    /// Turns a closed stdout into success when overdue requests are still to
    /// be counted; any other result is passed on.
    fn note_closed(&mut self, written: anyhow::Result<()>) -> anyhow::Result<()> {
        match written {
            Err(error) if self.count_after_close && is_broken_pipe(&error) => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
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
    use crate::ledger::{IntegrationOption, NewRequest, Recorded, StatusChange};

    fn record(ledger: &mut Ledger, index: usize, now: Timestamp) -> Request {
        let new = NewRequest {
            tenant: format!("t{index}.cake.example"),
            client_ids: vec!["0oa1b2c3d4e5f6g7h8i9".to_string()],
            issuer_input: "https://acme.okta.com".to_string(),
            issuer: "https://acme.okta.com".to_string(),
            option: IntegrationOption::Hybrid,
            ticket: None,
            contact: None,
            note: None,
            validation_report: Some("{}".to_string()),
        };
        match ledger.insert_request(&new, &[], "dana", now).unwrap() {
            Recorded::New(request) => request,
            Recorded::AlreadyRecorded(request) => panic!("#{} recorded twice", request.number),
        }
    }

    fn change(ledger: &mut Ledger, number: i64, expected: Status, to: Status, at: Timestamp) {
        let change = StatusChange {
            number,
            expected,
            to,
            actor: "dana",
            note: None,
            at,
            accepted_at: None,
        };
        ledger.change_status(&change).unwrap();
    }

    /// Records requests in every status, accepted on days in an order
    /// unrelated to their numbers, several on one day and several whose
    /// windows end on the same day (Friday, Saturday and Sunday
    /// acceptances).
    fn mixed_ledger(dir: &tempfile::TempDir, now: Timestamp) -> Ledger {
        let mut ledger = Ledger::open(&dir.path().join("ledger.sqlite3"), &mut |_| {}).unwrap();
        let days = [3, 2, 16, 2, 20, 21, 22, 5, 13, 1, 16, 23, 12, 14, 4, 19, 6];
        let statuses = [
            Status::Active,
            Status::Submitted,
            Status::Cancelled,
            Status::Failed,
            Status::InProgress,
            Status::Active,
            Status::Draft,
        ];
        for (index, day) in days.iter().enumerate() {
            let number = record(&mut ledger, index, now).number;
            let status = statuses[index % statuses.len()];
            // Drafts, and cancelled requests of even index, never reached
            // the backend.
            if status == Status::Draft || (status == Status::Cancelled && index % 2 == 0) {
                if status == Status::Cancelled {
                    change(&mut ledger, number, Status::Draft, Status::Cancelled, now);
                }
                continue;
            }
            let accepted: Timestamp = format!("2026-10-{day:02}T15:00:00Z").parse().unwrap();
            ledger.set_accepted_at(number, accepted, now).unwrap();
            change(&mut ledger, number, Status::Draft, Status::Submitted, now);
            let path: &[Status] = match status {
                Status::InProgress => &[Status::InProgress],
                Status::Active => &[Status::InProgress, Status::Active],
                Status::Failed => &[Status::Failed],
                Status::Cancelled => &[Status::Cancelled],
                _ => &[],
            };
            let mut current = Status::Submitted;
            for &next in path {
                change(&mut ledger, number, current, next, now);
                current = next;
            }
        }
        ledger
    }

    #[test]
    fn list_order_merges_closed_with_open() {
        let dir = tempfile::tempdir().unwrap();
        let now: Timestamp = "2026-10-26T15:00:00Z".parse().unwrap();
        let ledger = mixed_ledger(&dir, now);
        let settings = WindowSettings::with_time_zone_name(3, 5, [], "America/New_York").unwrap();

        let cases: &[(&[Status], bool)] = &[
            (&ALL_STATUSES, false),
            (&OPEN_STATUSES, false),
            (&OPEN_STATUSES, true),
            (&[Status::Active, Status::Cancelled], false),
            (&[Status::Submitted, Status::Failed], false),
        ];
        for (statuses, overdue_only) in cases {
            let filter = RequestFilter {
                statuses: statuses.to_vec(),
                tenant: None,
            };
            let mut expected: Vec<Row> = ledger
                .list_requests(&filter)
                .unwrap()
                .into_iter()
                .map(|request| {
                    let timeline = Timeline::of(&request, &settings, now);
                    (request, timeline)
                })
                .filter(|(_, timeline)| !overdue_only || timeline.overdue())
                .collect();
            sort_for_list(&mut expected);
            let expected: Vec<i64> = expected.iter().map(|(request, _)| request.number).collect();

            let query = ListQuery {
                statuses: statuses.to_vec(),
                tenant: None,
                overdue_only: *overdue_only,
            };
            let mut listed = Vec::new();
            visit_in_list_order(&ledger, &query, &settings, now, &mut |request, _| {
                listed.push(request.number);
                Ok(())
            })
            .unwrap();
            assert_eq!(listed, expected, "statuses {statuses:?}, overdue only {overdue_only}");
        }
    }

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
