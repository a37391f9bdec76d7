//! Faults the ledger must survive without losing or damaging a request:
//! many writers at once, processes killed mid-write, a read-only or full
//! data directory, ledgers from older and newer builds, and arbitrary
//! input to the issuer checks.

mod properties;
mod storage;

use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rusqlite::Connection;
use serde_json::Value;

use crate::support::{Run, Sandbox};

const CLIENT_ID: &str = "0oa1b2c3d4e5f6g7h8i9";

/// Config with a fixed time zone, so windows do not depend on the machine.
const CONFIG: &str = r#"
[profiles.default]
staff_name = "Dana Smith"

[activation]
time_zone = "America/New_York"
"#;

fn sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write_config(CONFIG);
    sandbox
}


/// Prepares an offline `activate` that records a draft and prints it as
/// JSON.
fn activate(sandbox: &Sandbox, tenant: &str) -> Run {
    sandbox.cake([
        "activate",
        tenant,
        "--client-id",
        CLIENT_ID,
        "--issuer",
        "https://acme.okta.com",
        "--option",
        "hybrid",
        "--skip-push",
        "--offline",
        "--json",
    ])
}

/// Number and tenant of the request an `activate --json` run recorded.
fn recorded(stdout: &[u8]) -> Option<(u64, String)> {
    let json: Value = serde_json::from_slice(stdout).ok()?;
    let request = &json["request"];
    Some((request["number"].as_u64()?, request["tenant"].as_str()?.to_string()))
}

/// Lists every request in the ledger as (number, tenant, status), by
/// number, through the binary.
fn listed(sandbox: &Sandbox) -> Vec<(u64, String, String)> {
    let outcome = sandbox.cake(["requests", "list", "--json"]).run();
    outcome.code(0);
    let mut requests: Vec<(u64, String, String)> = outcome
        .json()
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|request| {
            (
                request["number"].as_u64().expect("a number"),
                request["tenant"].as_str().expect("a tenant").to_string(),
                request["status"].as_str().expect("a status").to_string(),
            )
        })
        .collect();
    requests.sort();
    requests
}

/// Result of `PRAGMA integrity_check`: "ok" for a sound file.
fn integrity(path: &Path) -> String {
    let connection = Connection::open(path).expect("open the ledger");
    let problems: Vec<String> = connection
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    problems.join("; ")
}

/// A small xorshift generator, so the random delays need no extra crate.
/// The seed is printed with every failure.
struct Random(u64);

impl Random {
    fn from_clock() -> Random {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock after 1970").as_nanos();
        Random((nanos as u64) | 1)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

#[test]
fn fifty_concurrent_activations_recorded() {
    let sandbox = sandbox();
    let children: Vec<_> =
        (0..50).map(|index| activate(&sandbox, &format!("tenant-{index}.cake.example")).spawn()).collect();

    let mut numbers = Vec::new();
    for child in children {
        let output = child.wait_with_output().expect("wait for activate");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "stderr: {stderr}");
        assert!(!stderr.contains("error"), "stderr: {stderr}");
        let (number, _) = recorded(&output.stdout).expect("activate printed the request");
        numbers.push(number);
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=50).collect::<Vec<_>>(), "numbers printed");

    let requests = listed(&sandbox);
    let listed_numbers: Vec<u64> = requests.iter().map(|(number, _, _)| *number).collect();
    assert_eq!(listed_numbers, (1..=50).collect::<Vec<_>>(), "numbers in the ledger");
    let mut tenants: Vec<&str> = requests.iter().map(|(_, tenant, _)| tenant.as_str()).collect();
    tenants.sort_unstable();
    tenants.dedup();
    assert_eq!(tenants.len(), 50, "every tenant once");
    assert_eq!(integrity(&sandbox.ledger_path()), "ok");
}

#[test]
fn killed_activations_lose_no_finished_request() {
    let sandbox = sandbox();
    let mut random = Random::from_clock();
    let seed = random.0;

    // The first run creates the ledger. The second one's time sets the
    // range of delays, so kills land before, during and after the write.
    let mut finished = Vec::new();
    let mut typical = Duration::ZERO;
    for tenant in ["first.cake.example", "second.cake.example"] {
        let started = Instant::now();
        let outcome = activate(&sandbox, tenant).run();
        outcome.code(0);
        typical = started.elapsed().max(Duration::from_millis(5));
        finished.push(recorded(outcome.stdout.as_bytes()).expect("request printed"));
    }

    let mut killed = 0;
    for index in 0..100 {
        let tenant = format!("killed-{index}.cake.example");
        let mut child = activate(&sandbox, &tenant).spawn();
        let delay = random.below(typical.as_micros() as u64 * 3 / 2);
        std::thread::sleep(Duration::from_micros(delay));
        // Fails only when the child already exited, which is fine.
        let _ = child.kill();

        let output = child.wait_with_output().expect("wait for activate");
        match output.status.code() {
            Some(0) => {
                let request = recorded(&output.stdout).unwrap_or_else(|| panic!("seed {seed}: exit 0 without a request"));
                assert_eq!(request.1, tenant, "seed {seed}");
                finished.push(request);
            }
            None => killed += 1,
            Some(code) => panic!(
                "seed {seed}: activate {index} exited with {code}: {}",
                String::from_utf8_lossy(&output.stderr)
            ),
        }
    }
    eprintln!("seed {seed}: {killed} of 100 runs killed, {} finished", finished.len() - 2);

    assert_eq!(integrity(&sandbox.ledger_path()), "ok", "seed {seed}");
    let requests = listed(&sandbox);
    for (number, tenant) in &finished {
        assert!(
            requests.iter().any(|(listed_number, listed_tenant, _)| listed_number == number && listed_tenant == tenant),
            "seed {seed}: request #{number} for {tenant} finished but is missing"
        );
    }
    let mut numbers: Vec<u64> = requests.iter().map(|(number, _, _)| *number).collect();
    numbers.dedup();
    assert_eq!(numbers.len(), requests.len(), "seed {seed}: numbers are unique");
}

/// The schema the first migration created, as a build that knew only
/// version 1 wrote it.
const VERSION_1_SCHEMA: &str = r#"
    CREATE TABLE requests (
        number            INTEGER PRIMARY KEY AUTOINCREMENT,
        id                TEXT NOT NULL UNIQUE,
        tenant            TEXT NOT NULL,
        client_ids        TEXT NOT NULL,
        issuer_input      TEXT NOT NULL,
        issuer            TEXT NOT NULL,
        option            TEXT NOT NULL CHECK (option IN ('hybrid', 'okta_only')),
        ticket            TEXT,
        contact           TEXT,
        note              TEXT,
        status            TEXT NOT NULL CHECK (status IN
            ('draft', 'submitted', 'in_progress', 'active', 'failed', 'cancelled')),
        created_at        TEXT NOT NULL,
        accepted_at       TEXT,
        updated_at        TEXT NOT NULL,
        validation_report TEXT,
        last_error        TEXT
    );
    CREATE INDEX requests_by_status ON requests (status, number);
    CREATE INDEX requests_by_tenant ON requests (tenant, status);
    CREATE TABLE events (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        request_number INTEGER NOT NULL REFERENCES requests (number),
        at             TEXT NOT NULL,
        actor          TEXT NOT NULL,
        old_status     TEXT,
        new_status     TEXT NOT NULL,
        note           TEXT
    );
    CREATE INDEX events_by_request ON events (request_number, id);
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN
        SELECT RAISE(ABORT, 'ledger events are append-only');
    END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN
        SELECT RAISE(ABORT, 'ledger events are append-only');
    END;
"#;

/// `PRAGMA application_id` of a ledger: the ASCII bytes "CKOK".
const APPLICATION_ID: i32 = 0x434B_4F4B;

/// Writes a version 1 ledger in WAL mode with one submitted request.
fn write_version_1_ledger(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let connection = Connection::open(path).unwrap();
    connection.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
    connection.pragma_update(None, "journal_mode", "wal").unwrap();
    connection.execute_batch(VERSION_1_SCHEMA).unwrap();
    connection
        .execute_batch(
            "INSERT INTO requests (id, tenant, client_ids, issuer_input, issuer, option, ticket, status,
                                   created_at, accepted_at, updated_at, validation_report)
             VALUES ('6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5', 'old.cake.example', '[\"0oa1b2c3d4e5f6g7h8i9\"]',
                     'https://old.okta.com/', 'https://old.okta.com', 'okta_only', 'SUP-7', 'submitted',
                     '2026-11-30T14:00:00Z', '2026-11-30T14:05:00Z', '2026-11-30T14:05:00Z', '{\"verdict\":\"pass\"}');
             INSERT INTO events (request_number, at, actor, old_status, new_status, note)
             VALUES (1, '2026-11-30T14:00:00Z', 'Dana Smith', NULL, 'draft', 'recorded'),
                    (1, '2026-11-30T14:05:00Z', 'Dana Smith', 'draft', 'submitted', 'pushed');
             PRAGMA user_version = 1;",
        )
        .unwrap();
}

fn user_version(path: &Path) -> u32 {
    let connection = Connection::open(path).unwrap();
    connection.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap()
}

#[test]
fn version_one_ledger_migrates() {
    let sandbox = sandbox();
    let path = sandbox.ledger_path();
    write_version_1_ledger(&path);

    let show = sandbox.cake(["--debug", "requests", "show", "1", "--json"]).run();
    show.code(0).stderr_has("applied migration 2");
    let json = show.json();
    assert_eq!(json["tenant"], "old.cake.example");
    assert_eq!(json["status"], "submitted");
    assert_eq!(json["option"], "okta_only");
    assert_eq!(json["issuer_input"], "https://old.okta.com/");
    assert_eq!(json["window_start"], "2026-12-03");
    assert_eq!(json["events"].as_array().map(Vec::len), Some(2), "{json:#}");
    assert_eq!(json["validation"]["verdict"], "pass");

    assert_eq!(user_version(&path), cake_okta::ledger::latest_version());
    assert_eq!(integrity(&path), "ok");

    // The migrated ledger takes new requests after the old one.
    let outcome = activate(&sandbox, "new.cake.example").run();
    outcome.code(0);
    assert_eq!(recorded(outcome.stdout.as_bytes()), Some((2, "new.cake.example".to_string())));
}

#[test]
fn newer_ledger_left_unchanged() {
    let sandbox = sandbox();
    let path = sandbox.ledger_path();
    activate(&sandbox, "acme.cake.example").run().code(0);

    // A later build added a table and raised the version; this build must
    // neither read nor write such a file.
    let newer = cake_okta::ledger::latest_version() + 1;
    let connection = Connection::open(&path).unwrap();
    connection
        .execute_batch(&format!(
            "CREATE TABLE attachments (request_number INTEGER, name TEXT); PRAGMA user_version = {newer};"
        ))
        .unwrap();
    connection.pragma_update(None, "journal_mode", "delete").unwrap();
    drop(connection);
    let before = std::fs::read(&path).unwrap();

    for args in [&["requests", "list"][..], &["pending"], &["requests", "show", "1"]] {
        let outcome = sandbox.cake(args).run();
        outcome
            .code(1)
            .stderr_has(&path.display().to_string())
            .stderr_has(&format!("schema version {newer}"))
            .stderr_has("left unchanged");
    }
    let outcome = activate(&sandbox, "beta.cake.example").run();
    outcome.code(1).stderr_has(&format!("schema version {newer}"));

    assert_eq!(std::fs::read(&path).unwrap(), before, "ledger bytes changed");
    assert_eq!(user_version(&path), newer);
}
