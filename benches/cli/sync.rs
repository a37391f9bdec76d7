//! `requests sync` of 200 submitted requests against a fake backend that
//! responds to each status query after 100 ms and counts how many queries
//! it serves at once.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rusqlite::{Connection, params};
use serde_json::json;

use crate::measure::{self, Spec};
use crate::report::{Row, Summary};
use crate::support::{Response, Sandbox, Server};

/// Requests in the ledger, all submitted.
const REQUESTS: usize = 200;

/// Time the fake backend waits before it responds to a call.
const LATENCY: Duration = Duration::from_millis(100);

/// Most status queries `requests sync` keeps in flight: `MAX_WORKERS` in
/// src/commands/requests/sync.rs.
const CONCURRENCY_LIMIT: usize = 8;

const TOKEN: &str = "ck_bench_0123456789abcdef";

/// Calls the fake backend is serving right now, and the most it ever
/// served at once.
#[derive(Default)]
struct Load {
    current: AtomicUsize,
    max: AtomicUsize,
    calls: AtomicUsize,
}

pub fn bench(runs: usize) -> Vec<Row> {
    let sandbox = Sandbox::new();
    let path = sandbox.data_dir().join("ledger.sqlite3");
    cake_okta::ledger::Ledger::open(&path, &mut |_| {}).expect("create the ledger");
    let ids = insert_submitted(&path);

    let load = Arc::new(Load::default());
    let backend = start_backend(ids, load.clone());
    sandbox.write_config(&format!(
        "[profiles.default]\nbackend_url = \"{base}\"\ntenant_url = \"{base}/sites/{{tenant}}\"\nstaff_name = \"Bench\"\n",
        base = backend.base()
    ));
    let spec = crate::cake(&sandbox).args(["requests", "sync", "--json"]).env("CAKE_OKTA_TOKEN", TOKEN);
    check_output(&spec);

    let mut samples = Vec::new();
    for _ in 0..runs {
        samples.push(measure::run(&spec));
    }
    let calls = load.calls.load(Ordering::SeqCst);
    assert_eq!(calls, REQUESTS * (runs + 1), "the fake backend served {calls} status queries");
    let max = load.max.load(Ordering::SeqCst);
    assert!(max <= CONCURRENCY_LIMIT, "the fake backend served {max} status queries at once");

    let summary = Summary::of(&samples);
    vec![Row {
        name: format!("`requests sync`, {REQUESTS} submitted requests, backend answers in {} ms", LATENCY.as_millis()),
        target: format!("< 3 s; ≤ {CONCURRENCY_LIMIT} calls at once"),
        summary,
        met: Some(summary.median < Duration::from_secs(3)),
        note: format!("at most {max} calls at once"),
    }]
}

/// Inserts the submitted requests and returns each tenant's request UUID.
fn insert_submitted(path: &std::path::Path) -> HashMap<String, String> {
    let mut connection = Connection::open(path).expect("open the bench ledger");
    let transaction = connection.transaction().expect("begin");
    let mut ids = HashMap::new();
    for index in 0..REQUESTS {
        let id = uuid::Uuid::new_v4().to_string();
        let tenant = format!("tenant-{index}.cake.example");
        transaction
            .execute(
                "INSERT INTO requests (id, tenant, client_ids, issuer_input, issuer, option, status,
                                       created_at, accepted_at, updated_at)
                 VALUES (?1, ?2, '[\"0oa1b2c3d4e5f6g7h8i9\"]', 'https://acme.okta.com', 'https://acme.okta.com',
                         'hybrid', 'submitted', '2026-06-01T14:00:00Z', '2026-06-01T14:05:00Z', '2026-06-01T14:05:00Z')",
                params![id, tenant],
            )
            .expect("insert request");
        ids.insert(tenant, id);
    }
    transaction.commit().expect("commit");
    ids
}

/// Starts a backend whose status query reports every request as still
/// pending, so each sync run finds the same work.
fn start_backend(ids: HashMap<String, String>, load: Arc<Load>) -> Server {
    Server::http(move |request| {
        if request.header("authorization") != Some(format!("Bearer {TOKEN}").as_str()) {
            return Response::json(401, &json!({"error": {"code": "unauthorized", "message": "bad token"}}));
        }
        let segments: Vec<&str> = request.path.trim_start_matches('/').split('/').collect();
        let ["v1", "tenants", tenant, "sso", "okta"] = segments[..] else {
            return Response::json(404, &json!({"error": {"code": "not_found", "message": "no such route"}}));
        };
        let Some(id) = ids.get(tenant) else {
            return Response::json(404, &json!({"error": {"code": "not_found", "message": "nothing submitted"}}));
        };

        let in_flight = load.current.fetch_add(1, Ordering::SeqCst) + 1;
        load.max.fetch_max(in_flight, Ordering::SeqCst);
        load.calls.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(LATENCY);
        load.current.fetch_sub(1, Ordering::SeqCst);

        Response::json(200, &json!({"request_id": id, "status": "pending", "updated_at": "2026-06-01T14:05:00Z"}))
    })
}

/// Runs the sync once and checks that it asked about every request and
/// found nothing changed.
fn check_output(spec: &Spec) {
    let output = spec.command().output().expect("run requests sync");
    assert!(output.status.success(), "requests sync failed: {}", String::from_utf8_lossy(&output.stderr));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    let results = value["results"].as_array().expect("a results list");
    assert_eq!(results.len(), REQUESTS);
    assert!(results.iter().all(|result| result["outcome"] == "unchanged"), "{value:#}");
}
