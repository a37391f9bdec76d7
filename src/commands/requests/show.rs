//! `cake-okta requests show ID`: one request with its activation window, its
//! full status history and a summary of its last validation report.

use clap::Args;
use jiff::civil::Date;
use serde::Serialize;

use super::view::{RequestJson, Timeline, business_days, local_time, window_dates};
use crate::commands::issuer::describe_verdict;
use crate::context::Context;
use crate::exit::Exit;
use crate::issuer::discovery::DISCOVERY;
use crate::ledger::{Event, Request, RequestRef, Status};
use crate::output::{Output, Style};
use crate::text::one_line;
use crate::window::{DayKind, Window, WindowSettings};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Request number (42 or #42) or UUID
    #[arg(value_name = "ID")]
    pub id: RequestRef,

    /// Print one JSON object: the fields of 'requests list --json', plus
    /// events (at, actor, old_status, new_status, note) and validation (the
    /// stored issuer report, or null)
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct ShowJson {
    #[serde(flatten)]
    request: RequestJson,
    events: Vec<EventJson>,
    validation: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct EventJson {
    at: jiff::Timestamp,
    actor: String,
    old_status: Option<Status>,
    new_status: Status,
    note: Option<String>,
}

pub fn run(args: &ShowArgs, context: &Context) -> anyhow::Result<Exit> {
    let ledger = super::open_ledger_for_reading(context)?;
    let settings = super::window_settings(context)?;
    let request = ledger.request(&args.id)?;
    let events = ledger.events(request.number)?;
    let timeline = Timeline::of(&request, &settings, context.now);
    let validation = request
        .validation_report
        .as_deref()
        .and_then(|text| serde_json::from_str(text).ok());

    if args.json {
        let events = events.iter().map(event_json).collect();
        context.output.json(&ShowJson {
            request: RequestJson::new(&request, &timeline),
            events,
            validation,
        })?;
        return Ok(Exit::Success);
    }

    let output = &context.output;
    print_fields(output, &request, &timeline, &settings, context.now)?;
    if let Some(window) = &timeline.window
        && output.stdout_is_terminal()
    {
        output.line("")?;
        print_calendar(output, window, &settings, settings.date_of(context.now))?;
    }
    output.line("")?;
    print_history(output, &events, &settings)?;
    output.line("")?;
    print_validation(output, validation.as_ref())?;
    Ok(Exit::Success)
}

fn event_json(event: &Event) -> EventJson {
    EventJson {
        at: event.at,
        actor: event.actor.clone(),
        old_status: event.old_status,
        new_status: event.new_status,
        note: event.note.clone(),
    }
}

fn print_fields(
    output: &Output,
    request: &Request,
    timeline: &Timeline,
    settings: &WindowSettings,
    now: jiff::Timestamp,
) -> anyhow::Result<()> {
    let title = format!("Request #{}  {}", request.number, one_line(&request.tenant));
    output.line(&output.paint(Style::Bold, &title))?;

    let mut fields = vec![
        ("ID", request.id.to_string()),
        ("Status", request.status.to_string()),
        ("Option", request.option.to_string()),
        ("Client IDs", request.client_ids.join(", ")),
        ("Issuer", request.issuer.clone()),
    ];
    if request.issuer_input != request.issuer {
        fields.push(("Typed as", request.issuer_input.clone()));
    }
    let optional = [
        ("Ticket", &request.ticket),
        ("Contact", &request.contact),
        ("Note", &request.note),
    ];
    fields.extend(
        optional
            .into_iter()
            .filter_map(|(label, value)| value.clone().map(|value| (label, value))),
    );
    fields.push(("Created", local_time(request.created_at, settings)));
    if let Some(accepted_at) = request.accepted_at {
        fields.push(("Accepted", local_time(accepted_at, settings)));
    }
    fields.push((
        "Window",
        window_text(request, timeline, settings.date_of(now)),
    ));
    if let Some(error) = &request.last_error {
        fields.push(("Last error", error.clone()));
    }

    for (label, value) in fields {
        output.line(&format!("  {label:<11} {}", one_line(&value)))?;
    }
    Ok(())
}

fn window_text(request: &Request, timeline: &Timeline, today: Date) -> String {
    let Some(window) = &timeline.window else {
        return if request.status == Status::Draft {
            format!(
                "starts when the backend accepts the request (push it with 'cake-okta requests retry {}')",
                request.number
            )
        } else {
            "starts when the backend accepts the request".to_string()
        };
    };

    let dates = window_dates(window, today);
    match timeline.progress {
        None => dates,
        Some(progress) if progress.overdue => {
            format!(
                "{dates} (overdue by {})",
                business_days(progress.overdue_business_days)
            )
        }
        Some(progress) if progress.business_days_left == 0 => {
            format!("{dates} (latest date is today)")
        }
        Some(progress) => format!(
            "{dates} ({} left)",
            business_days(progress.business_days_left)
        ),
    }
}

/// Prints one column per day from acceptance to the latest date, with the
/// business days counted and weekends and holidays marked.
fn print_calendar(
    output: &Output,
    window: &Window,
    settings: &WindowSettings,
    today: Date,
) -> anyhow::Result<()> {
    let days = window.days();
    let mut weekdays = String::from("  ");
    let mut dates = String::from("  ");
    let mut marks = String::from("  ");
    let mut counted = 0;

    for day in &days {
        let mark = match settings.day_kind(*day) {
            _ if *day == window.accepted_on => "acc".to_string(),
            DayKind::Weekend => "·".to_string(),
            DayKind::Holiday => "hol".to_string(),
            DayKind::Business => {
                counted += 1;
                counted.to_string()
            }
        };
        let in_window = *day >= window.earliest && *day <= window.latest;
        let style = if *day == today {
            Style::Bold
        } else if in_window {
            Style::Good
        } else {
            Style::Dim
        };

        weekdays.push_str(&output.paint(style, &format!("{:>5}", day.strftime("%a").to_string())));
        dates.push_str(&output.paint(style, &format!("{:>5}", day.day())));
        marks.push_str(&output.paint(style, &format!("{mark:>5}")));
    }

    for line in [weekdays, dates, marks] {
        output.line(&line)?;
    }
    let legend = "acc accepted, 1-n business days counted, · weekend, hol holiday; the window is in green, today in bold";
    output.line(&format!("  {}", output.paint(Style::Dim, legend)))
}

fn print_history(
    output: &Output,
    events: &[Event],
    settings: &WindowSettings,
) -> anyhow::Result<()> {
    output.line(&output.paint(Style::Bold, "History"))?;
    for event in events {
        let change = match event.old_status {
            None => format!("recorded as {}", event.new_status),
            Some(old) if old == event.new_status => "note".to_string(),
            Some(old) => format!("{old} → {}", event.new_status),
        };
        let note = event.note.as_deref().map(one_line).unwrap_or_default();
        output.line(&format!(
            "  {}  {:<20} {:<26} {note}",
            local_time(event.at, settings),
            one_line(&event.actor),
            change
        ))?;
    }
    Ok(())
}

/// Summarises the stored issuer report: its verdict, whether the network
/// checks were skipped, and the checks that did not pass.
fn print_validation(output: &Output, report: Option<&serde_json::Value>) -> anyhow::Result<()> {
    let Some(report) = report else {
        return output.line("Validation  no report stored");
    };

    let checks = report["checks"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let network_skipped = checks
        .iter()
        .any(|check| check["id"] == DISCOVERY.fetch_id && check["status"] == "skipped");
    let verdict = describe_verdict(report["verdict"].as_str().unwrap_or("unknown"), network_skipped);
    output.line(&format!(
        "{} {verdict}",
        output.paint(Style::Bold, "Validation")
    ))?;

    for check in checks
        .iter()
        .filter(|check| matches!(check["status"].as_str(), Some("warn" | "fail")))
    {
        output.line(&format!(
            "  {:<4} {} [{}]",
            check["status"].as_str().unwrap_or_default(),
            one_line(check["message"].as_str().unwrap_or_default()),
            check["id"].as_str().unwrap_or_default()
        ))?;
    }
    Ok(())
}
