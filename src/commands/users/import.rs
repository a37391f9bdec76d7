//! `cake-okta users import TENANT FILE.csv`: add, and with
//! `--update-existing` update, a tenant's admin users from a CSV file.
//!
//! Steps: read and check the whole file, list the site's users, and plan
//! each row (add, update or skip). A bad row, found in the file or by the
//! plan, stops the import before anything on the site is changed, and every
//! bad row is reported at once. `--dry-run` stops after the plan. Otherwise
//! the plan is carried out row by row with a progress bar. A run that stops
//! halfway reports what was and was not done, and can be repeated: the
//! users it added are skipped the next time.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use serde::Serialize;

use crate::backend::{BackendClient, BackendError, User};
use crate::context::Context;
use crate::exit::{Exit, with_hint};
use crate::output::Output;
use crate::preflight::plural;
use crate::text::one_line;
use crate::users::{self, Action, BadRow, ImportReport, PlannedRow, RowOutcome, RowResult, SkipReason};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Tenant: host name of the client's CAKE admin site, such as acme.cake.example
    #[arg(value_name = "TENANT", value_parser = super::parse_tenant)]
    pub tenant: String,

    /// CSV file with a header row naming the columns email (required), first_name, last_name, okta_login and active, in any order
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,

    /// Check the file and show what would be added, updated and skipped, and send nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Update users that already exist (same email, in any case) where the file's values differ; without it they are skipped
    #[arg(long)]
    pub update_existing: bool,

    /// Print one JSON object
    ///
    /// Fields: tenant, file, outcome, added, updated, skipped, failed,
    /// not_attempted, invalid_rows, rows and error. The outcome is invalid
    /// (bad rows, nothing sent), dry_run (nothing sent, and the counts are
    /// what would happen), complete, or stopped (a backend failure ended the
    /// run early). Each invalid row has line, email and reasons. Each row has
    /// line, email, action (add, update or skip), result (added, updated,
    /// skipped, failed, not_attempted, or null for dry_run), id and error.
    /// The error field says what stopped the run, or is null.
    #[arg(long)]
    pub json: bool,
}

/// The `--json` object.
#[derive(Debug, Serialize)]
struct ImportJson {
    tenant: String,
    file: String,
    outcome: &'static str,
    added: usize,
    updated: usize,
    skipped: usize,
    failed: usize,
    not_attempted: usize,
    invalid_rows: Vec<InvalidRowJson>,
    rows: Vec<RowJson>,
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct InvalidRowJson {
    line: u64,
    email: Option<String>,
    reasons: Vec<String>,
}

#[derive(Debug, Serialize)]
struct RowJson {
    line: u64,
    email: String,
    action: &'static str,
    result: Option<&'static str>,
    id: Option<String>,
    error: Option<String>,
}

pub fn run(args: &ImportArgs, context: &Context) -> anyhow::Result<Exit> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("failed to read {}", args.file.display()))?;
    let file = users::read_import_file(&bytes).with_context(|| format!("cannot import {}", args.file.display()))?;
    if file.rows.is_empty() && file.bad_rows.is_empty() {
        context.output.note(&format!("{} has no rows after the header; nothing to import.", args.file.display()));
    }

    // The site's users are listed even when the file has bad rows, so that
    // rows only the site can judge (a new user without a name) are reported
    // in the same run. Listing changes nothing on the site.
    let (client, existing) = match list_existing(args, context) {
        Ok(listed) => listed,
        Err(error) if !file.bad_rows.is_empty() => {
            context.output.warn(&format!("the rows were not compared with the site's users: {}", one_line(&format!("{error:#}"))));
            return report_invalid(args, context, file.bad_rows);
        }
        Err(error) => return Err(error),
    };
    let plan = match users::plan_import(&file.rows, &existing, args.update_existing) {
        Ok(plan) if file.bad_rows.is_empty() => plan,
        Ok(_) => return report_invalid(args, context, file.bad_rows),
        Err(more) => return report_invalid(args, context, [file.bad_rows, more].concat()),
    };
    if args.dry_run {
        return report_dry_run(args, context, &plan);
    }

    let report = {
        let progress = context.output.progress(plan.len() as u64, "Importing users");
        users::apply_plan(&client, &args.tenant, &plan, &mut |_| progress.inc(1))
    };
    report_run(args, context, &plan, &report)
}

fn list_existing(args: &ImportArgs, context: &Context) -> anyhow::Result<(BackendClient, Vec<User>)> {
    let client = super::client(context)?;
    let _spinner = context.output.spinner("Listing the existing users…");
    let users = client.list_users(&args.tenant).map_err(|error| {
        let message = format!("failed to list the admin users of {}, so nothing was imported", args.tenant);
        super::site_failure(error, &args.tenant, message)
    })?;
    Ok((client, users))
}

/// Reports every bad row; nothing was sent.
fn report_invalid(args: &ImportArgs, context: &Context, mut bad_rows: Vec<BadRow>) -> anyhow::Result<Exit> {
    bad_rows.sort_by_key(|bad| bad.line);
    if args.json {
        let json = ImportJson {
            outcome: "invalid",
            invalid_rows: bad_rows.iter().map(invalid_row_json).collect(),
            ..empty_json(args)
        };
        context.output.json(&json)?;
    }

    let output = &context.output;
    let rows = plural(bad_rows.len(), "row", "rows");
    output.note(&format!("{} has {rows} that cannot be imported:", args.file.display()));
    for bad in &bad_rows {
        output.note(&format!("  {}", one_line(&bad.to_string())));
    }
    Err(with_hint(
        format!("nothing was imported into {}: fix the {rows} above", args.tenant),
        "correct the file and run the same command again; --dry-run checks it without sending anything",
    ))
}

fn report_dry_run(args: &ImportArgs, context: &Context, plan: &[PlannedRow]) -> anyhow::Result<Exit> {
    let count = |wanted: fn(&Action) -> bool| plan.iter().filter(|row| wanted(&row.action)).count();
    let adds = count(|action| matches!(action, Action::Add(_)));
    let updates = count(|action| matches!(action, Action::Update { .. }));
    let skips = count(|action| matches!(action, Action::Skip { .. }));

    if args.json {
        let json = ImportJson {
            outcome: "dry_run",
            added: adds,
            updated: updates,
            skipped: skips,
            rows: plan.iter().map(|planned| planned_json(planned, None)).collect(),
            ..empty_json(args)
        };
        return context.output.json(&json).map(|()| Exit::Success);
    }

    let output = &context.output;
    let cells: Vec<Vec<String>> = plan
        .iter()
        .filter(|planned| !matches!(planned.action, Action::Skip { .. }))
        .map(|planned| vec![planned.line.to_string(), planned.email.clone(), action_name(&planned.action).to_string(), changes_text(&planned.action)])
        .collect();
    if !cells.is_empty() {
        output.rows(&["line", "email", "action", "values"], &cells)?;
    }
    output.note(&format!(
        "Dry run for {}: would add {adds}, update {updates} and skip {skips}; nothing was sent.",
        args.tenant
    ));
    Ok(Exit::Success)
}

fn report_run(args: &ImportArgs, context: &Context, plan: &[PlannedRow], report: &ImportReport) -> anyhow::Result<Exit> {
    if args.json {
        let json = ImportJson {
            outcome: if report.stopped.is_some() { "stopped" } else { "complete" },
            added: report.added(),
            updated: report.updated(),
            skipped: report.skipped(),
            failed: report.failed(),
            not_attempted: report.not_attempted(),
            rows: plan.iter().zip(&report.rows).map(|(planned, result)| planned_json(planned, Some(result))).collect(),
            error: report.stopped.as_ref().map(ToString::to_string),
            ..empty_json(args)
        };
        context.output.json(&json)?;
    } else {
        print_summary(&context.output, &args.tenant, report)?;
    }

    print_failures(&context.output, report);
    if let Some(error) = &report.stopped {
        print_stop(&context.output, args, report, error);
        return Ok(Exit::Error);
    }
    Ok(if report.failed() > 0 { Exit::Error } else { Exit::Success })
}

fn print_summary(output: &Output, tenant: &str, report: &ImportReport) -> anyhow::Result<()> {
    let mut parts = vec![
        format!("{} added", report.added()),
        format!("{} updated", report.updated()),
        format!("{} skipped", report.skipped()),
        format!("{} failed", report.failed()),
    ];
    if report.not_attempted() > 0 {
        parts.push(format!("{} not attempted", report.not_attempted()));
    }
    let verb = if report.stopped.is_some() { "Import stopped" } else { "Imported" };
    output.line(&format!("{verb} into {tenant}: {}.", parts.join(", ")))?;

    let unchanged = report.count(|outcome| outcome == RowOutcome::Skipped(SkipReason::Unchanged));
    let existing = report.count(|outcome| outcome == RowOutcome::Skipped(SkipReason::Exists));
    if existing > 0 {
        output.line(&format!(
            "Skipped {} that already exist; --update-existing updates them.",
            plural(existing, "user", "users")
        ))?;
    }
    if unchanged > 0 {
        output.line(&format!("Skipped {} whose values already match.", plural(unchanged, "user", "users")))?;
    }
    Ok(())
}

fn print_failures(output: &Output, report: &ImportReport) {
    for row in report.rows.iter().filter(|row| row.outcome == RowOutcome::Failed) {
        let error = row.error.as_deref().map(one_line).unwrap_or_default();
        output.warn(&format!("line {} ({}) failed: {error}", row.line, one_line(&row.email)));
    }
}

/// Reports where the run stopped, what is left, and that a re-run is safe.
fn print_stop(output: &Output, args: &ImportArgs, report: &ImportReport, error: &BackendError) {
    let left: Vec<u64> = report.rows.iter().filter(|row| row.outcome == RowOutcome::NotAttempted).map(|row| row.line).collect();
    let done = report.added() + report.updated();
    output.note(&format!(
        "The import stopped after the failure above, which no other row can avoid. {} changed before it stopped, and {} not attempted{}.",
        plural(done, "user was", "users were"),
        plural(left.len(), "row was", "rows were"),
        line_span(&left),
    ));
    if let Some(hint) = error.hint() {
        output.note(&format!("  hint: {}", one_line(hint)));
    }
    output.note(&format!(
        "Run 'cake-okta users import {} {}' again when the site answers: users already added are skipped.",
        args.tenant,
        args.file.display()
    ));
}

/// Formats the lines of the rows not attempted as " (lines 12-500)". They
/// follow each other in file order, so first and last are enough.
fn line_span(lines: &[u64]) -> String {
    match lines {
        [] => String::new(),
        [only] => format!(" (line {only})"),
        [first, .., last] => format!(" (lines {first}-{last})"),
    }
}

fn empty_json(args: &ImportArgs) -> ImportJson {
    ImportJson {
        tenant: args.tenant.clone(),
        file: args.file.display().to_string(),
        outcome: "complete",
        added: 0,
        updated: 0,
        skipped: 0,
        failed: 0,
        not_attempted: 0,
        invalid_rows: Vec::new(),
        rows: Vec::new(),
        error: None,
    }
}

fn invalid_row_json(bad: &BadRow) -> InvalidRowJson {
    InvalidRowJson { line: bad.line, email: bad.email.clone(), reasons: bad.reasons.clone() }
}

fn planned_json(planned: &PlannedRow, result: Option<&RowResult>) -> RowJson {
    let id = match &planned.action {
        Action::Update { id, .. } | Action::Skip { id, .. } => Some(id.clone()),
        Action::Add(_) => None,
    };
    RowJson {
        line: planned.line,
        email: planned.email.clone(),
        action: action_name(&planned.action),
        result: result.map(|result| result_name(result.outcome)),
        id: result.and_then(|result| result.id.clone()).or(id),
        error: result.and_then(|result| result.error.clone()),
    }
}

fn action_name(action: &Action) -> &'static str {
    match action {
        Action::Add(_) => "add",
        Action::Update { .. } => "update",
        Action::Skip { .. } => "skip",
    }
}

fn result_name(outcome: RowOutcome) -> &'static str {
    match outcome {
        RowOutcome::Added => "added",
        RowOutcome::Updated => "updated",
        RowOutcome::Skipped(_) => "skipped",
        RowOutcome::Failed => "failed",
        RowOutcome::NotAttempted => "not_attempted",
    }
}

/// Formats the values a dry run would send as `field=value` pairs.
fn changes_text(action: &Action) -> String {
    let value = |changes: serde_json::Value| -> String {
        let Some(object) = changes.as_object() else { return String::new() };
        object
            .iter()
            .map(|(field, value)| match value {
                serde_json::Value::String(text) => format!("{field}={}", one_line(text)),
                other => format!("{field}={other}"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    match action {
        Action::Add(user) => value(serde_json::to_value(user).unwrap_or_default()),
        Action::Update { changes, .. } => value(serde_json::to_value(changes).unwrap_or_default()),
        Action::Skip { .. } => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_span_forms() {
        assert_eq!(line_span(&[]), "");
        assert_eq!(line_span(&[7]), " (line 7)");
        assert_eq!(line_span(&[7, 8, 9]), " (lines 7-9)");
    }
}
