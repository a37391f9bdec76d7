//! `pending` and `requests list --json` on large ledgers: 2,000 open
//! requests with 10,000 or 98,000 closed ones. The ledgers are made once per
//! benchmark run, with the schema the binary creates and rows inserted by
//! direct SQL in one transaction.

use std::path::Path;

use jiff::{Timestamp, ToSpan};
use rusqlite::{Connection, params};

use crate::measure::{self, Spec};
use crate::report::{Row, Summary};
use crate::support::Sandbox;

/// Open requests in every benchmark ledger.
pub const OPEN: usize = 2_000;

/// "Now" of every run, so windows and overdue flags are the same each time.
pub const NOW: &str = "2026-06-15T15:00:00Z";

const CONFIG: &str = r#"
[profiles.default]
staff_name = "Bench"

[activation]
time_zone = "America/New_York"
holidays = ["2026-05-25", "2026-07-03"]
"#;

/// A sandbox whose ledger contains [`OPEN`] open and `closed` closed requests.
pub struct BenchLedger {
    pub sandbox: Sandbox,
    pub closed: usize,
}

impl BenchLedger {
    pub fn create(closed: usize, validation_report: &str) -> BenchLedger {
        let sandbox = Sandbox::new();
        sandbox.write_config(CONFIG);
        let path = sandbox.data_dir().join("ledger.sqlite3");
        create_schema(&path);
        insert_requests(&path, closed, validation_report);
        BenchLedger { sandbox, closed }
    }

    fn spec(&self, args: &[&str]) -> Spec {
        crate::cake(&self.sandbox).args(args).env("CAKE_OKTA_NOW", NOW)
    }

    fn size_mib(&self) -> f64 {
        let path = self.sandbox.data_dir().join("ledger.sqlite3");
        std::fs::metadata(path).map_or(0.0, |metadata| metadata.len() as f64 / (1024.0 * 1024.0))
    }
}

/// Lets the binary create the ledger, so the schema is exactly its own.
fn create_schema(path: &Path) {
    cake_okta::ledger::Ledger::open(path, &mut |_| {}).expect("create the ledger");
}

/// Inserts the closed requests first and the open ones last, as in a
/// ledger used for years, each with the events its status implies.
fn insert_requests(path: &Path, closed: usize, validation_report: &str) {
    let mut connection = Connection::open(path).expect("open the bench ledger");
    let transaction = connection.transaction().expect("begin");
    {
        let mut request = transaction
            .prepare(
                "INSERT INTO requests (id, tenant, client_ids, issuer_input, issuer, option, ticket, contact, note,
                                       status, created_at, accepted_at, updated_at, last_error)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, NULL, ?8, ?9, ?10, ?11, ?12)",
            )
            .expect("prepare request insert");
        let mut report = transaction
            .prepare("INSERT INTO validation_reports (request_number, report) VALUES (?1, ?2)")
            .expect("prepare report insert");
        let mut event = transaction
            .prepare(
                "INSERT INTO events (request_number, at, actor, old_status, new_status, note)
                 VALUES (?1, ?2, 'Bench', ?3, ?4, ?5)",
            )
            .expect("prepare event insert");

        let now: Timestamp = NOW.parse().expect("NOW");
        let total = closed + OPEN;
        for index in 0..total {
            let shape = Shape::of(index, closed, total, now);
            let tenant = format!("tenant-{index}.cake.example");
            let accepted = shape.accepted.map(|at| at.to_string());
            let last_error = (shape.status == "draft").then_some("backend unreachable: connection refused");
            request
                .execute(params![
                    uuid::Uuid::new_v4().to_string(),
                    tenant,
                    r#"["0oa1b2c3d4e5f6g7h8i9"]"#,
                    format!("https://acme-{}.okta.com/oauth2/default", index % 500),
                    if index % 3 == 0 { "okta_only" } else { "hybrid" },
                    format!("CS-{}", 10_000 + index),
                    format!("admin@tenant-{index}.example"),
                    shape.status,
                    shape.created.to_string(),
                    accepted,
                    shape.updated.to_string(),
                    last_error,
                ])
                .expect("insert request");
            let number = transaction.last_insert_rowid();
            report.execute(params![number, validation_report]).expect("insert report");
            for (old, new, at) in shape.events() {
                event.execute(params![number, at.to_string(), old, new, "bench"]).expect("insert event");
            }
        }
    }
    transaction.commit().expect("commit");
}

/// Status and times of the request at `index`.
struct Shape {
    status: &'static str,
    created: Timestamp,
    accepted: Option<Timestamp>,
    updated: Timestamp,
}

impl Shape {
    fn of(index: usize, closed: usize, total: usize, now: Timestamp) -> Shape {
        // Closed requests spread over the four years before the open ones,
        // which spread over the last 30 days, so some are overdue.
        let (status, age_days) = if index < closed {
            let status = match index % 20 {
                0 => "failed",
                1..=3 => "cancelled",
                _ => "active",
            };
            (status, 30 + (closed - index) * 4 * 365 / closed)
        } else {
            let status = match (index - closed) % 4 {
                0 => "draft",
                1 | 2 => "submitted",
                _ => "in_progress",
            };
            (status, (total - index) * 30 / OPEN)
        };

        let created = now - (age_days as i64 * 24 + 1).hours();
        // Drafts and half of the cancelled requests never reached the backend.
        let reached_backend = status != "draft" && !(status == "cancelled" && index.is_multiple_of(2));
        let accepted = reached_backend.then(|| created + 5.minutes());
        let updated = accepted.map_or(created, |at| at + 30.hours());
        Shape { status, created, accepted, updated }
    }

    /// Events from `draft` to the current status: `(old, new, at)`.
    fn events(&self) -> Vec<(Option<&'static str>, &'static str, Timestamp)> {
        let mut events = vec![(None, "draft", self.created)];
        if let Some(accepted) = self.accepted {
            events.push((Some("draft"), "submitted", accepted));
        }
        let last = events.last().expect("first event").1;
        if self.status != last {
            events.push((Some(last), self.status, self.updated));
        }
        events
    }
}

/// Measures `pending` and `requests list --json` on both ledgers, and
/// compares their peak memory.
pub fn bench(small: &BenchLedger, large: &BenchLedger, runs: usize) -> Vec<Row> {
    let commands: [(&str, &[&str]); 2] = [("pending", &["pending"]), ("requests list --json", &["requests", "list", "--json"])];
    let mut rows = Vec::new();
    for (name, args) in commands {
        let small_spec = small.spec(args);
        let large_spec = large.spec(args);
        let small_output = check_output(&small_spec, small.closed);
        let large_output = check_output(&large_spec, large.closed);

        measure::run(&small_spec);
        measure::run(&large_spec);
        let mut small_samples = Vec::new();
        let mut large_samples = Vec::new();
        for _ in 0..runs {
            small_samples.push(measure::run(&small_spec));
            large_samples.push(measure::run(&large_spec));
        }

        let small_summary = Summary::of(&small_samples);
        let large_summary = Summary::of(&large_samples);
        let growth = large_summary.rss_median_kib as f64 / small_summary.rss_median_kib as f64;
        rows.push(Row {
            name: format!("`{name}`, {OPEN} open + {} closed ({:.0} MiB ledger)", small.closed, small.size_mib()),
            target: "< 50 ms".into(),
            summary: small_summary,
            met: Some(small_summary.median.as_millis() < 50),
            note: format!("prints {}", size_text(small_output)),
        });
        rows.push(Row {
            name: format!("`{name}`, {OPEN} open + {} closed ({:.0} MiB ledger)", large.closed, large.size_mib()),
            target: "< 50 ms; peak RSS ≤ 1.1 × the 10,000-closed ledger's".into(),
            summary: large_summary,
            met: Some(large_summary.median.as_millis() < 50 && growth <= 1.1),
            note: format!("prints {}; RSS {growth:.2} × the smaller ledger's", size_text(large_output)),
        });
    }
    rows
}

/// Formats a byte count in KiB or MiB.
fn size_text(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{:.0} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// Runs the command once, checks that it printed every request it should
/// (the open ones for `pending`, all of them for `requests list`), and
/// returns the size of its output in bytes.
fn check_output(spec: &Spec, closed: usize) -> usize {
    let output = spec.command().output().expect("run the ledger command");
    assert!(output.status.success(), "{} failed: {}", spec.display(), String::from_utf8_lossy(&output.stderr));

    let listed = if spec.args.iter().any(|arg| arg == "--json") {
        let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON output");
        value.as_array().expect("a JSON array").len()
    } else {
        // Tab-separated: one header line, then one line per request.
        output.stdout.iter().filter(|&&byte| byte == b'\n').count() - 1
    };
    let expected = if spec.args.iter().any(|arg| arg == "pending") { OPEN } else { OPEN + closed };
    assert_eq!(listed, expected, "{} listed {listed} requests", spec.display());
    output.stdout.len()
}
