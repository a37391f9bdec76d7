//! The request ledger through the real binary: `activate --skip-push`,
//! `requests list/show/mark/cancel` and `pending`, with concurrent processes,
//! unusable ledger files, permissions and a fixed clock (`CAKE_OKTA_NOW`).

use std::path::PathBuf;

use serde_json::Value;

use crate::support::{Outcome, Sandbox};

const CLIENT_ID: &str = "0oa1b2c3d4e5f6g7h8i9";
const ISSUER: &str = "https://acme.okta.com";

/// Config with a fixed time zone, so windows do not depend on the machine.
const CONFIG: &str = r#"
[profiles.default]
staff_name = "Dana Smith"

[activation]
time_zone = "America/New_York"
holidays = ["2026-12-25"]
"#;

fn sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write_config(CONFIG);
    sandbox
}


/// Replaces the value that follows `flag` in `args`.
fn set_flag(args: &mut [String], flag: &str, value: &str) {
    let index = args
        .iter()
        .position(|arg| arg == flag)
        .expect("flag present")
        + 1;
    args[index] = value.to_string();
}

/// Arguments of a complete, offline `activate` that records a draft.
fn activate_args(tenant: &str) -> Vec<String> {
    [
        "activate",
        tenant,
        "--client-id",
        CLIENT_ID,
        "--issuer",
        ISSUER,
        "--option",
        "hybrid",
        "--skip-push",
        "--offline",
    ]
    .map(String::from)
    .to_vec()
}

fn record(sandbox: &Sandbox, tenant: &str, now: &str) -> Outcome {
    let outcome = sandbox
        .cake(activate_args(tenant))
        .env("CAKE_OKTA_NOW", now)
        .run();
    outcome.code(0);
    outcome
}

fn mark(sandbox: &Sandbox, number: u32, status: &str, now: &str) -> Outcome {
    sandbox
        .cake(["requests", "mark", &number.to_string(), status])
        .env("CAKE_OKTA_NOW", now)
        .run()
}

fn list_json(sandbox: &Sandbox, args: &[&str], now: &str) -> Vec<Value> {
    let outcome = sandbox
        .cake(args)
        .arg("--json")
        .env("CAKE_OKTA_NOW", now)
        .run();
    outcome.code(0);
    outcome.json().as_array().expect("a JSON array").clone()
}

fn numbers(requests: &[Value]) -> Vec<u64> {
    requests
        .iter()
        .map(|request| request["number"].as_u64().expect("a number"))
        .collect()
}

#[test]
fn offline_activate_names_unchecked_stages() {
    let sandbox = sandbox();
    let outcome = record(&sandbox, "acme.cake.example", "2026-03-02T15:00:00Z");
    outcome.stderr_has("Issuer check: pass (offline: discovery document and signing keys not checked)");

    let shown = sandbox.cake(["requests", "show", "1"]).env("CAKE_OKTA_NOW", "2026-03-02T15:00:00Z").run();
    shown.code(0).stdout_has("Validation pass (offline: discovery document and signing keys not checked)");
}

#[test]
fn single_counts_use_singular() {
    let sandbox = sandbox();
    record(&sandbox, "acme.cake.example", "2026-03-02T15:00:00Z");

    let mut args = activate_args("acme.cake.example");
    set_flag(&mut args, "--issuer", "https://acme.okta.com/oauth2/default");
    let second = sandbox.cake(args).arg("--yes").env("CAKE_OKTA_NOW", "2026-03-02T15:00:00Z").run();
    second.code(0).stderr_has("acme.cake.example already has 1 open request:");

    let synced = sandbox.cake(["requests", "sync"]).env("CAKE_OKTA_NOW", "2026-03-02T15:00:00Z").run();
    synced.code(0).stderr_has("Not asked about drafts #1, #2: push them");
    for text in [&second.stderr, &synced.stderr] {
        assert!(!text.contains("(s)"), "{text}");
    }
}

#[test]
fn okta_only_shown_as_typed() {
    let sandbox = sandbox();
    let now = "2026-03-02T15:00:00Z";
    let mut args = activate_args("acme.cake.example");
    set_flag(&mut args, "--option", "okta-only");
    let recorded = sandbox.cake(&args).env("CAKE_OKTA_NOW", now).run();
    recorded.code(0).stdout_has("Option      okta-only");

    let shown = sandbox.cake(["requests", "show", "1"]).env("CAKE_OKTA_NOW", now).run();
    shown.code(0).stdout_has("okta-only");
    let listed = sandbox.cake(["requests", "list"]).env("CAKE_OKTA_NOW", now).run();
    listed.code(0).stdout_has("okta-only");
    for text in [&recorded.stdout, &shown.stdout, &listed.stdout] {
        assert!(!text.contains("okta_only"), "{text}");
    }

    let json = list_json(&sandbox, &["requests", "list"], now);
    assert_eq!(json[0]["option"], "okta_only");
}

#[test]
fn contact_must_be_email() {
    let sandbox = sandbox();
    let mut args = activate_args("acme.cake.example");
    args.extend(["--contact", "Dana at Acme"].map(String::from));
    let outcome = sandbox.cake(&args).run();
    outcome.code(2).stderr_has("invalid --contact").stderr_has("\"Dana at Acme\"");
    assert!(!sandbox.ledger_path().exists(), "a request was recorded");

    let mut args = activate_args("acme.cake.example");
    args.extend(["--contact", "dana@acme.example", "--json"].map(String::from));
    let json = sandbox.cake(&args).run().code(0).json();
    assert_eq!(json["request"]["contact"], "dana@acme.example");
}

#[test]
fn concurrent_activations_all_recorded() {
    let sandbox = sandbox();
    let children: Vec<_> = (0..20)
        .map(|index| {
            sandbox
                .cake(activate_args(&format!("tenant-{index}.cake.example")))
                .spawn()
        })
        .collect();

    for child in children {
        let output = child.wait_with_output().expect("wait for activate");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "stderr: {stderr}");
        assert!(!stderr.contains("error"), "stderr: {stderr}");
    }

    let requests = list_json(&sandbox, &["requests", "list"], "2026-12-07T15:00:00Z");
    let mut recorded = numbers(&requests);
    recorded.sort_unstable();
    assert_eq!(recorded, (1..=20).collect::<Vec<_>>());

    let mut tenants: Vec<&str> = requests
        .iter()
        .map(|request| request["tenant"].as_str().unwrap())
        .collect();
    tenants.sort_unstable();
    tenants.dedup();
    assert_eq!(tenants.len(), 20);
}

#[test]
#[cfg(unix)]
fn ledger_permissions_owner_only() {
    use std::os::unix::fs::PermissionsExt;

    let sandbox = sandbox();
    record(&sandbox, "acme.cake.example", "2026-12-07T15:00:00Z");

    let mode = |path: &PathBuf| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&sandbox.data_dir()), 0o700);
    assert_eq!(mode(&sandbox.ledger_path()), 0o600);
}

/// Writes an unusable ledger file, then checks that reading and writing
/// commands fail with exit 1, name the file, and leave its bytes alone.
fn assert_ledger_rejected(sandbox: &Sandbox, expected: &str) {
    let path = sandbox.ledger_path();
    let before = std::fs::read(&path).unwrap();

    let runs = [
        sandbox.cake(["requests", "list"]).run(),
        sandbox.cake(activate_args("acme.cake.example")).run(),
    ];
    for outcome in &runs {
        outcome.code(1);
        outcome
            .stderr_has(&path.display().to_string())
            .stderr_has(expected)
            .stderr_has("left unchanged");
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "ledger bytes changed"
    );
}

fn write_ledger_file(sandbox: &Sandbox, bytes: &[u8]) {
    std::fs::create_dir_all(sandbox.data_dir()).unwrap();
    std::fs::write(sandbox.ledger_path(), bytes).unwrap();
}

#[test]
fn random_bytes_ledger_rejected() {
    let sandbox = sandbox();
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    write_ledger_file(&sandbox, &bytes);
    assert_ledger_rejected(&sandbox, "not an SQLite database");
}

#[test]
fn foreign_sqlite_ledger_rejected() {
    let sandbox = sandbox();
    std::fs::create_dir_all(sandbox.data_dir()).unwrap();
    let connection = rusqlite::Connection::open(sandbox.ledger_path()).unwrap();
    connection
        .execute_batch("CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');")
        .unwrap();
    drop(connection);

    assert_ledger_rejected(&sandbox, "another program (tables: bookmarks)");
    let names: Vec<_> = std::fs::read_dir(sandbox.data_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(
        names.len(),
        1,
        "files were created next to a foreign database: {names:?}"
    );
}

#[test]
fn newer_ledger_schema_rejected() {
    let sandbox = sandbox();
    record(&sandbox, "acme.cake.example", "2026-12-07T15:00:00Z");
    let connection = rusqlite::Connection::open(sandbox.ledger_path()).unwrap();
    connection.pragma_update(None, "user_version", 999).unwrap();
    connection
        .pragma_update(None, "journal_mode", "delete")
        .unwrap();
    drop(connection);

    assert_ledger_rejected(&sandbox, "schema version 999");
}

#[test]
fn truncated_ledger_rejected() {
    let sandbox = sandbox();
    for index in 0..40 {
        record(
            &sandbox,
            &format!("tenant-{index}.cake.example"),
            "2026-12-07T15:00:00Z",
        );
    }
    let mut bytes = std::fs::read(sandbox.ledger_path()).unwrap();
    bytes.truncate(bytes.len() / 2);
    write_ledger_file(&sandbox, &bytes);

    assert_ledger_rejected(&sandbox, "is damaged");
}

#[test]
fn impossible_transition_rejected() {
    let sandbox = sandbox();
    let now = "2026-12-07T15:00:00Z";
    record(&sandbox, "acme.cake.example", now);

    mark(&sandbox, 1, "active", now)
        .code(1)
        .stderr_has("cannot change a request from draft to active: from draft it can only become submitted, cancelled");

    mark(&sandbox, 1, "submitted", now)
        .code(0)
        .stdout_has("draft → submitted");
    mark(&sandbox, 1, "active", now).code(0);
    mark(&sandbox, 1, "in-progress", now)
        .code(1)
        .stderr_has("cannot change a request from active to in_progress")
        .stderr_has("closed status");

    let shown = sandbox
        .cake(["requests", "show", "#1", "--json"])
        .env("CAKE_OKTA_NOW", now)
        .run();
    shown.code(0);
    let shown = shown.json();
    assert_eq!(shown["status"], "active");
    let changes: Vec<(&str, &str)> = shown["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| {
            (
                event["old_status"].as_str().unwrap_or("-"),
                event["new_status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("-", "draft"),
            ("draft", "submitted"),
            ("submitted", "active")
        ]
    );
    assert_eq!(shown["events"][1]["actor"], "Dana Smith");
}

#[test]
fn cancel_closes_open_request() {
    let sandbox = sandbox();
    let now = "2026-12-07T15:00:00Z";
    record(&sandbox, "acme.cake.example", now);

    let cancelled = sandbox
        .cake([
            "requests",
            "cancel",
            "1",
            "--note",
            "client withdrew",
            "--json",
        ])
        .env("CAKE_OKTA_NOW", now)
        .run();
    cancelled.code(0);
    assert_eq!(cancelled.json()["status"], "cancelled");

    sandbox
        .cake(["requests", "cancel", "1"])
        .run()
        .code(1)
        .stderr_has("the request is already cancelled");
    sandbox
        .cake(["requests", "mark", "1", "draft"])
        .run()
        .code(1)
        .stderr_has("cancelled is a closed status");
    sandbox
        .cake(["requests", "show", "7"])
        .run()
        .code(1)
        .stderr_has("request #7 not found");
}

/// Builds six requests with windows around 7–14 December 2026 (New York):
///
/// | # | accepted   | latest     | state     |
/// |---|------------|------------|-----------|
/// | 1 | Mon 7 Dec  | Mon 14 Dec | submitted |
/// | 2 | Wed 2 Dec  | Wed 9 Dec  | submitted |
/// | 3 | -          | -          | draft     |
/// | 4 | Fri 4 Dec  | Fri 11 Dec | submitted |
/// | 5 | Mon 7 Dec  | Mon 14 Dec | submitted |
/// | 6 | Tue 1 Dec  | Tue 8 Dec  | active    |
fn sandbox_with_windows() -> Sandbox {
    let sandbox = sandbox();
    let accepted = [
        Some("2026-12-07T15:00:00Z"),
        Some("2026-12-02T15:00:00Z"),
        None,
        Some("2026-12-04T15:00:00Z"),
        Some("2026-12-07T15:00:00Z"),
        Some("2026-12-01T15:00:00Z"),
    ];
    for (index, accepted_at) in accepted.iter().enumerate() {
        let number = index as u32 + 1;
        record(
            &sandbox,
            &format!("tenant-{number}.cake.example"),
            "2026-12-01T14:00:00Z",
        );
        if let Some(at) = accepted_at {
            mark(&sandbox, number, "submitted", at).code(0);
        }
    }
    mark(&sandbox, 6, "active", "2026-12-03T15:00:00Z").code(0);
    sandbox
}

#[test]
fn list_orders_overdue_first() {
    let sandbox = sandbox_with_windows();
    let now = "2026-12-10T15:00:00Z";

    let all = list_json(&sandbox, &["requests", "list"], now);
    assert_eq!(numbers(&all), [2, 6, 4, 1, 5, 3]);
    let overdue: Vec<bool> = all
        .iter()
        .map(|request| request["overdue"].as_bool().unwrap())
        .collect();
    assert_eq!(overdue, [true, false, false, false, false, false]);
    assert_eq!(all[0]["overdue_business_days"], 1);
    assert_eq!(all[0]["window_start"], "2026-12-07");
    assert_eq!(all[0]["window_end"], "2026-12-09");
    assert_eq!(all[2]["business_days_left"], 1);
    assert_eq!(all[1]["business_days_left"], Value::Null);
    assert_eq!(all[5]["window_end"], Value::Null);

    let pending = list_json(&sandbox, &["pending"], now);
    assert_eq!(numbers(&pending), [2, 4, 1, 5, 3]);
    let long_form = list_json(&sandbox, &["requests", "list", "--pending"], now);
    assert_eq!(numbers(&long_form), numbers(&pending));

    let only_overdue = list_json(&sandbox, &["requests", "list", "--overdue"], now);
    assert_eq!(numbers(&only_overdue), [2]);
    let by_status = list_json(
        &sandbox,
        &["requests", "list", "--status", "active,draft"],
        now,
    );
    assert_eq!(numbers(&by_status), [6, 3]);
    let by_tenant = list_json(
        &sandbox,
        &["requests", "list", "--tenant", "tenant-4.cake.example"],
        now,
    );
    assert_eq!(numbers(&by_tenant), [4]);
}

#[test]
fn list_piped_is_tab_separated() {
    let sandbox = sandbox_with_windows();
    let outcome = sandbox
        .cake(["pending"])
        .env("CAKE_OKTA_NOW", "2026-12-10T15:00:00Z")
        .run();
    outcome.code(0);

    let lines: Vec<&str> = outcome.stdout.lines().collect();
    let header: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(header[..4], ["number", "id", "tenant", "status"]);
    assert!(header.contains(&"window_end"), "{header:?}");
    assert!(header.contains(&"overdue"), "{header:?}");

    let first: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(first.len(), header.len());
    let column = |name: &str| first[header.iter().position(|field| *field == name).unwrap()];
    assert_eq!(column("number"), "2");
    assert_eq!(column("accepted_at"), "2026-12-02T15:00:00Z");
    assert_eq!(column("overdue"), "true");
    assert_eq!(lines.len(), 6, "{}", outcome.stdout);
    assert!(!outcome.stdout.contains('│'), "{}", outcome.stdout);
    assert!(!outcome.stdout.contains('\x1b'), "{}", outcome.stdout);
}

#[test]
fn exit_status_survives_closed_stdout() {
    let sandbox = sandbox_with_windows();
    let overdue_now = "2026-12-10T15:00:00Z";
    for format in [&[][..], &["--json"][..]] {
        let outcome = sandbox
            .cake(["requests", "list", "--pending", "--exit-status"])
            .args(format)
            .env("CAKE_OKTA_NOW", overdue_now)
            .run_with_closed_stdout();
        assert_eq!(outcome.code, 1, "{format:?}: {}", outcome.stderr);
        assert!(outcome.stderr.contains("overdue requests listed"), "{}", outcome.stderr);
    }

    // Without --exit-status a closed stdout is a quiet success.
    let quiet = sandbox
        .cake(["pending"])
        .env("CAKE_OKTA_NOW", overdue_now)
        .run_with_closed_stdout();
    assert_eq!(quiet.code, 0, "{}", quiet.stderr);
    assert_eq!(quiet.stderr, "");
}

#[test]
fn exit_status_reports_overdue() {
    let sandbox = sandbox_with_windows();
    let cases = [
        // On its latest date (Wed 9 Dec) request #2 is not overdue yet.
        ("2026-12-09T22:00:00Z", 0),
        // 23:30 on 9 December in New York is already the 10th in UTC.
        ("2026-12-10T04:30:00Z", 0),
        ("2026-12-10T15:00:00Z", 1),
    ];
    for (now, expected) in cases {
        let outcome = sandbox
            .cake(["requests", "list", "--pending", "--exit-status"])
            .env("CAKE_OKTA_NOW", now)
            .run();
        assert_eq!(outcome.code, expected, "at {now}: {}", outcome.stderr);
    }

    // Without --exit-status an overdue list still succeeds.
    sandbox
        .cake(["pending"])
        .env("CAKE_OKTA_NOW", "2026-12-10T15:00:00Z")
        .run()
        .code(0);
}

#[test]
fn dry_run_creates_nothing() {
    let sandbox = sandbox();
    let mut args = activate_args("acme.cake.example");
    args.retain(|arg| arg != "--skip-push");
    set_flag(&mut args, "--option", "okta-only");
    args.extend(["--ticket", "SUP-7", "--dry-run", "--json"].map(String::from));

    let outcome = sandbox.cake(&args).run();
    outcome.code(0);
    assert!(
        !sandbox.data_dir().exists(),
        "the data directory was created"
    );

    let json = outcome.json();
    assert_eq!(json["outcome"], "dry_run");
    assert_eq!(json["request"], Value::Null);
    let body = &json["submit"];
    assert_eq!(body["option"], "okta_only");
    assert_eq!(body["issuer"], ISSUER);
    assert_eq!(body["client_ids"], serde_json::json!([CLIENT_ID]));
    assert_eq!(body["ticket"], "SUP-7");
    assert_eq!(body["submitted_by"], "Dana Smith");
    assert!(
        uuid::Uuid::parse_str(body["request_id"].as_str().unwrap()).is_ok(),
        "{body}"
    );

    let human = sandbox
        .cake(args.iter().filter(|arg| *arg != "--json"))
        .run();
    human
        .code(0)
        .stdout_has("nothing was recorded or sent")
        .stdout_has("\"request_id\"");
    assert!(!sandbox.data_dir().exists());
}

#[test]
fn missing_flags_named_without_terminal() {
    let sandbox = sandbox();
    let cases: &[(&[&str], &[&str], &[&str])] = &[
        (
            &["activate"],
            &["TENANT", "--client-id", "--issuer", "--option"],
            &[],
        ),
        (
            &["activate", "acme.cake.example", "--issuer", ISSUER],
            &["--client-id", "--option"],
            &["--issuer", "TENANT"],
        ),
    ];
    for (args, named, not_named) in cases {
        let outcome = sandbox.cake(*args).run();
        outcome.code(2);
        let first_line = outcome
            .stderr
            .lines()
            .next()
            .unwrap_or_default()
            .split(':')
            .nth(1)
            .unwrap_or_default()
            .to_string();
        for flag in *named {
            assert!(
                first_line.contains(flag),
                "{args:?} does not name {flag}: {}",
                outcome.stderr
            );
        }
        for flag in *not_named {
            assert!(
                !first_line.contains(flag),
                "{args:?} names {flag}: {}",
                outcome.stderr
            );
        }
    }
    assert!(!sandbox.data_dir().exists());
}

#[test]
fn second_activation_needs_confirmation() {
    let sandbox = sandbox();
    let now = "2026-12-07T15:00:00Z";
    record(&sandbox, "acme.cake.example", now);

    let identical = sandbox.cake(activate_args("acme.cake.example")).run();
    identical
        .code(0)
        .stdout_has("Already recorded as request #1");

    let mut different = activate_args("acme.cake.example");
    set_flag(&mut different, "--option", "okta-only");
    let refused = sandbox.cake(&different).run();
    refused.code(2).stderr_has("option").stderr_has("--yes");

    different.push("--yes".to_string());
    sandbox
        .cake(&different)
        .run()
        .code(0)
        .stdout_has("Recorded request #2");
    assert_eq!(numbers(&list_json(&sandbox, &["pending"], now)), [1, 2]);
}

#[test]
fn invalid_tenant_suggests_cleaned_name() {
    let sandbox = sandbox();
    let outcome = sandbox
        .cake(activate_args("https://Acme.cake.example/admin"))
        .run();
    outcome
        .code(2)
        .stderr_has("did you mean acme.cake.example?");
    assert!(!sandbox.data_dir().exists());
}

#[test]
fn failed_check_records_nothing_unless_forced() {
    let sandbox = sandbox();
    let mut args = activate_args("acme.cake.example");
    set_flag(&mut args, "--issuer", "http://acme.okta.com");

    sandbox
        .cake(&args)
        .run()
        .code(3)
        .stderr_has("nothing was recorded");
    assert!(!sandbox.ledger_path().exists());

    args.push("--force".to_string());
    let forced = sandbox.cake(&args).arg("--json").run();
    forced.code(0);
    let json = forced.json();
    assert_eq!(json["outcome"], "recorded");
    assert_eq!(json["forced"], true);
    assert_eq!(json["request"]["status"], "draft");
    assert_eq!(json["validation"]["verdict"], "fail");
}

#[test]
fn forced_issuer_credentials_never_stored() {
    let sandbox = sandbox();
    let mut args = activate_args("acme.cake.example");
    set_flag(
        &mut args,
        "--issuer",
        "https://dana:Hunter2pw@acme.okta.com/oauth2/default?code=Sp1xl9fQ",
    );
    args.push("--force".to_string());

    let forced = sandbox.cake(&args).run();
    forced.code(0);
    let listed = sandbox.cake(["requests", "list", "--json"]).run();
    listed.code(0);
    let shown = sandbox.cake(["requests", "show", "1"]).run();
    shown.code(0);
    // The write-ahead log may still hold the newest pages, so every file of
    // the ledger is read.
    let mut ledger = String::new();
    for entry in std::fs::read_dir(sandbox.data_dir()).expect("list the data directory") {
        let bytes = std::fs::read(entry.expect("directory entry").path()).expect("read a ledger file");
        ledger.push_str(&String::from_utf8_lossy(&bytes));
    }

    let places = [
        ("activate output", format!("{}{}", forced.stdout, forced.stderr)),
        ("requests list", listed.stdout.clone()),
        ("requests show", shown.stdout.clone()),
        ("ledger files", ledger),
    ];
    for (place, text) in places {
        for secret in ["Hunter2pw", "Sp1xl9fQ"] {
            assert!(!text.contains(secret), "{place} contains {secret:?}:\n{text}");
        }
    }
    assert!(listed.stdout.contains("https://****@acme.okta.com"), "{}", listed.stdout);
}

#[test]
fn debug_logs_migrations_once() {
    let sandbox = sandbox();
    let first = sandbox.cake(["--debug"]).args(activate_args("acme.cake.example")).run();
    first.code(0).stderr_has("applied migration 1");
    let second = sandbox.cake(["--debug", "requests", "list"]).run();
    second.code(0);
    assert!(
        !second.stderr.contains("applied migration"),
        "{}",
        second.stderr
    );
    let quiet = sandbox.cake(["requests", "list"]).run();
    assert!(!quiet.stderr.contains("migration"), "{}", quiet.stderr);
}

#[test]
fn reading_commands_create_no_ledger() {
    let sandbox = sandbox();
    let readers: [&[&str]; 4] = [
        &["pending"],
        &["requests", "list", "--json"],
        &["requests", "show", "1"],
        &["requests", "notify", "1"],
    ];

    for args in readers {
        let outcome = sandbox.cake(args).run();
        assert!(outcome.code == 0 || outcome.code == 1, "{args:?}: {outcome:?}");
        assert!(!sandbox.ledger_path().exists(), "{args:?} created the ledger");
    }

    let listed = sandbox.cake(["requests", "list", "--json"]).run();
    listed.code(0);
    assert_eq!(listed.json(), serde_json::json!([]));
    sandbox.cake(["requests", "show", "1"]).run().code(1).stderr_has("not found");
}

#[test]
fn actor_falls_back_to_account_name() {
    let sandbox = sandbox();
    sandbox.cake(activate_args("acme.cake.example")).env_remove("USER").run().code(0);

    let shown = sandbox.cake(["requests", "show", "1", "--json"]).env_remove("USER").run();
    let request = shown.code(0).json();
    let actor = request["events"][0]["actor"].as_str().unwrap_or_default().to_string();
    assert!(!actor.is_empty(), "empty actor:\n{}", shown.stdout);
    assert_ne!(actor, "unknown", "{}", shown.stdout);
}
