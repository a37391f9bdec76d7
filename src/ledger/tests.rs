use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rusqlite::Connection;

use super::*;

fn now() -> Timestamp {
    "2026-12-07T15:00:00Z".parse().unwrap()
}

fn new_request(tenant: &str) -> NewRequest {
    NewRequest {
        tenant: tenant.to_string(),
        client_ids: vec!["0oa1b2c3d4e5f6g7h8i9".to_string()],
        issuer_input: "https://acme.okta.example/".to_string(),
        issuer: "https://acme.okta.example".to_string(),
        option: IntegrationOption::Hybrid,
        ticket: Some("SUP-1".to_string()),
        contact: None,
        note: None,
        validation_report: Some("{\"verdict\":\"pass\"}".to_string()),
    }
}

fn open(path: &Path) -> Ledger {
    Ledger::open(path, &mut |_| {}).unwrap()
}

fn record(ledger: &mut Ledger, new: &NewRequest) -> Request {
    match ledger.insert_request(new, &[], "dana", now()).unwrap() {
        Recorded::New(request) => request,
        Recorded::AlreadyRecorded(request) => {
            panic!("request #{} already recorded", request.number)
        }
    }
}

fn ledger_in(dir: &tempfile::TempDir) -> PathBuf {
    path_in(&dir.path().join("data"))
}

#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
#[cfg(unix)]
fn open_creates_private_directory_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    let ledger = open(&path);
    drop(ledger);

    assert_eq!(mode_of(path.parent().unwrap()), 0o700);
    assert_eq!(mode_of(&path), 0o600);
}

#[test]
#[cfg(unix)]
fn open_tightens_file_permissions() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    drop(open(&path));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();

    drop(open(&path));
    assert_eq!(mode_of(&path), 0o600);
}

#[test]
fn open_logs_each_migration_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);

    let mut first = Vec::new();
    drop(Ledger::open(&path, &mut |step| first.push(step.version)).unwrap());
    let mut second = Vec::new();
    drop(Ledger::open(&path, &mut |step| second.push(step.version)).unwrap());

    assert_eq!(first, (1..=latest_version()).collect::<Vec<_>>());
    assert!(second.is_empty(), "{second:?}");
}

#[test]
fn open_accepts_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, b"").unwrap();

    let mut ledger = open(&path);
    assert_eq!(
        record(&mut ledger, &new_request("acme.cake.example")).number,
        1
    );
}

/// Writes `prepare`'s database to a fresh path and returns the path.
fn sqlite_file(dir: &tempfile::TempDir, prepare: &str) -> PathBuf {
    let path = ledger_in(dir);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let connection = Connection::open(&path).unwrap();
    connection.execute_batch(prepare).unwrap();
    drop(connection);
    path
}

/// Checks that opening fails with a typed error naming the path, and that the
/// file's bytes stay the same. A foreign file also gets no `-wal` or `-shm`
/// files next to it; a ledger in WAL mode may, as in normal use.
fn assert_rejected(path: &Path, expected: &str) {
    let before = std::fs::read(path).unwrap();
    let siblings_before = sibling_names(path);
    let ours_in_wal_mode = before.get(18) == Some(&2)
        && before.get(68..72) == Some(&schema::APPLICATION_ID.to_be_bytes()[..]);

    let error = Ledger::open(path, &mut |_| {})
        .err()
        .expect("open must fail");
    let typed = error
        .downcast_ref::<LedgerFileError>()
        .expect("a typed ledger file error");
    assert_eq!(typed.path(), path);
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains(expected), "{message}");

    assert_eq!(std::fs::read(path).unwrap(), before, "file bytes changed");
    if !ours_in_wal_mode {
        assert_eq!(
            sibling_names(path),
            siblings_before,
            "files were added next to the ledger"
        );
    }
}

fn sibling_names(path: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn open_rejects_random_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let bytes: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, bytes).unwrap();

    assert_rejected(&path, "is not an SQLite database");
}

#[test]
fn open_rejects_short_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "tenant,status\n").unwrap();

    assert_rejected(&path, "is not an SQLite database");
}

#[test]
fn open_rejects_other_program_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = sqlite_file(
        &dir,
        "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');",
    );
    assert_rejected(&path, "another program (tables: contacts)");
}

#[test]
fn open_rejects_other_program_wal_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = sqlite_file(
        &dir,
        "PRAGMA journal_mode = WAL; CREATE TABLE contacts (name TEXT);",
    );
    assert_rejected(&path, "another program");
}

#[test]
fn open_rejects_other_application_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = sqlite_file(&dir, "PRAGMA application_id = 42;");
    assert_rejected(&path, "application_id 0x2a");
}

#[test]
fn open_rejects_newer_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    drop(open(&path));
    let connection = Connection::open(&path).unwrap();
    connection
        .pragma_update(None, "user_version", latest_version() + 1)
        .unwrap();
    connection
        .pragma_update(None, "journal_mode", "delete")
        .unwrap();
    drop(connection);

    let expected = format!("schema version {}", latest_version() + 1);
    assert_rejected(&path, &expected);
    let error = Ledger::open(&path, &mut |_| {}).err().unwrap();
    assert!(matches!(
        error.downcast_ref::<LedgerFileError>(),
        Some(LedgerFileError::NewerSchema { .. })
    ));
}

#[test]
fn open_rejects_damaged_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    let mut ledger = open(&path);
    for index in 0..200 {
        record(
            &mut ledger,
            &new_request(&format!("tenant-{index}.cake.example")),
        );
    }
    drop(ledger);

    // Overwrite the middle of the file, past the header and schema page.
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.len() > 16384,
        "ledger too small to damage: {}",
        bytes.len()
    );
    for byte in &mut bytes[8192..12288] {
        *byte = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();

    assert_rejected(&path, "is damaged");
}

#[test]
fn read_only_open_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    assert!(Ledger::open_read_only(&path).unwrap().is_none());
    assert!(!path.parent().unwrap().exists());
}

#[test]
fn insert_assigns_numbers_and_first_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = open(&ledger_in(&dir));

    let first = record(&mut ledger, &new_request("acme.cake.example"));
    let second = record(&mut ledger, &new_request("globex.cake.example"));
    assert_eq!((first.number, second.number), (1, 2));
    assert_ne!(first.id, second.id);
    assert_eq!(first.id.get_version_num(), 4);
    assert_eq!(first.status, Status::Draft);
    assert_eq!(first.created_at, now());
    assert_eq!(first.accepted_at, None);
    assert_eq!(first.issuer_input, "https://acme.okta.example/");

    let events = ledger.events(first.number).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].old_status, None);
    assert_eq!(events[0].new_status, Status::Draft);
    assert_eq!(events[0].actor, "dana");
}

#[test]
fn request_found_by_number_and_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = open(&ledger_in(&dir));
    let recorded = record(&mut ledger, &new_request("acme.cake.example"));

    let references = [
        "1".parse::<RequestRef>().unwrap(),
        "#1".parse().unwrap(),
        recorded.id.to_string().parse().unwrap(),
    ];
    for reference in references {
        assert_eq!(ledger.request(&reference).unwrap(), recorded, "{reference}");
    }

    let error = ledger.request(&RequestRef::Number(9)).unwrap_err();
    assert!(error.downcast_ref::<RequestNotFound>().is_some());
    assert!(error.to_string().contains("#9"), "{error}");
}

#[test]
fn request_ref_rejects_garbage() {
    for text in ["", "#", "0", "-3", "#x", "acme"] {
        assert!(text.parse::<RequestRef>().is_err(), "{text:?}");
    }
}

#[test]
fn identical_open_request_is_not_duplicated() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = open(&ledger_in(&dir));
    let first = record(&mut ledger, &new_request("acme.cake.example"));

    let mut same = new_request("acme.cake.example");
    same.ticket = Some("SUP-2".to_string());
    let outcome = ledger.insert_request(&same, &[], "dana", now()).unwrap();
    assert_eq!(outcome, Recorded::AlreadyRecorded(first.clone()));
    assert_eq!(
        ledger
            .list_requests(&RequestFilter::default())
            .unwrap()
            .len(),
        1
    );

    let mut different = new_request("acme.cake.example");
    different.option = IntegrationOption::OktaOnly;
    let error = ledger
        .insert_request(&different, &[], "dana", now())
        .unwrap_err();
    assert!(error.downcast_ref::<TenantChanged>().is_some(), "{error}");

    let outcome = ledger
        .insert_request(&different, &[first.number], "dana", now())
        .unwrap();
    assert!(matches!(outcome, Recorded::New(request) if request.number == 2));
}

#[test]
fn differences_compare_client_ids_as_set() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = open(&ledger_in(&dir));
    let mut first = new_request("acme.cake.example");
    first.client_ids = vec!["a".to_string(), "b".to_string()];
    let recorded = record(&mut ledger, &first);

    let mut reordered = first.clone();
    reordered.client_ids = vec!["b".to_string(), "a".to_string()];
    assert!(recorded.differences(&reordered).is_empty());

    let mut changed = first.clone();
    changed.client_ids = vec!["a".to_string()];
    changed.issuer = "https://other.okta.example".to_string();
    let fields: Vec<&str> = recorded
        .differences(&changed)
        .iter()
        .map(|difference| difference.field)
        .collect();
    assert_eq!(fields, ["client IDs", "issuer"]);
}

fn change(number: i64, expected: Status, to: Status) -> StatusChange<'static> {
    StatusChange {
        number,
        expected,
        to,
        actor: "dana",
        note: Some("by hand"),
        at: now(),
        accepted_at: None,
    }
}

#[test]
fn status_change_records_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = open(&ledger_in(&dir));
    let request = record(&mut ledger, &new_request("acme.cake.example"));
    ledger
        .record_push_error(request.number, "backend unreachable", now())
        .unwrap();

    let accepted: Timestamp = "2026-12-07T16:00:00Z".parse().unwrap();
    let submitted = StatusChange {
        accepted_at: Some(accepted),
        ..change(request.number, Status::Draft, Status::Submitted)
    };
    let updated = ledger.change_status(&submitted).unwrap();
    assert_eq!(updated.status, Status::Submitted);
    assert_eq!(updated.accepted_at, Some(accepted));
    assert_eq!(updated.last_error, None);

    let events = ledger.events(request.number).unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[1].old_status, Some(Status::Draft));
    assert_eq!(events[1].new_status, Status::Submitted);
    assert_eq!(events[1].note.as_deref(), Some("by hand"));
}

#[test]
fn status_change_refuses_lifecycle_violation() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = open(&ledger_in(&dir));
    let request = record(&mut ledger, &new_request("acme.cake.example"));

    let error = ledger
        .change_status(&change(request.number, Status::Draft, Status::Active))
        .unwrap_err();
    assert!(error.downcast_ref::<TransitionError>().is_some());
    assert!(
        error.to_string().contains("submitted, cancelled"),
        "{error}"
    );

    let unchanged = ledger.request(&RequestRef::Number(request.number)).unwrap();
    assert_eq!(unchanged.status, Status::Draft);
    assert_eq!(ledger.events(request.number).unwrap().len(), 1);
}

#[test]
fn status_change_detects_concurrent_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    let mut first = open(&path);
    let mut second = open(&path);
    let request = record(&mut first, &new_request("acme.cake.example"));

    first
        .change_status(&change(request.number, Status::Draft, Status::Cancelled))
        .unwrap();
    let error = second
        .change_status(&change(request.number, Status::Draft, Status::Submitted))
        .unwrap_err();
    let conflict = error
        .downcast_ref::<StatusConflict>()
        .expect("a status conflict");
    assert_eq!(conflict.actual, Status::Cancelled);
}

#[test]
fn note_keeps_status() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = open(&ledger_in(&dir));
    let request = record(&mut ledger, &new_request("acme.cake.example"));

    ledger
        .add_note(request.number, "sam", "client acknowledged", now())
        .unwrap();
    let events = ledger.events(request.number).unwrap();
    assert_eq!(events[1].old_status, Some(Status::Draft));
    assert_eq!(events[1].new_status, Status::Draft);
    assert_eq!(events[1].actor, "sam");
}

#[test]
fn events_are_append_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    let mut ledger = open(&path);
    record(&mut ledger, &new_request("acme.cake.example"));

    let connection = Connection::open(&path).unwrap();
    for sql in ["UPDATE events SET note = 'rewritten'", "DELETE FROM events"] {
        let error = connection.execute(sql, []).unwrap_err();
        assert!(error.to_string().contains("append-only"), "{sql}: {error}");
    }
}

#[test]
fn list_filters_by_status_and_tenant() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = open(&ledger_in(&dir));
    for tenant in ["a.cake.example", "b.cake.example", "c.cake.example"] {
        record(&mut ledger, &new_request(tenant));
    }
    ledger
        .change_status(&change(2, Status::Draft, Status::Cancelled))
        .unwrap();

    let open_numbers: Vec<i64> = ledger
        .list_requests(&RequestFilter::open())
        .unwrap()
        .iter()
        .map(|request| request.number)
        .collect();
    assert_eq!(open_numbers, [1, 3]);

    let cancelled = RequestFilter {
        statuses: vec![Status::Cancelled],
        tenant: None,
    };
    assert_eq!(ledger.list_requests(&cancelled).unwrap()[0].number, 2);

    let by_tenant = RequestFilter {
        statuses: vec![],
        tenant: Some("c.cake.example".to_string()),
    };
    let found = ledger.list_requests(&by_tenant).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].tenant, "c.cake.example");
}

#[test]
fn open_list_uses_status_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    drop(open(&path));
    let connection = Connection::open(&path).unwrap();

    let plan: Vec<String> = connection
        .prepare(
            "EXPLAIN QUERY PLAN SELECT * FROM requests
             WHERE status IN ('draft', 'submitted', 'in_progress') ORDER BY number",
        )
        .unwrap()
        .query_map([], |row| row.get::<_, String>(3))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(
        plan.iter().any(|step| step.contains("requests_by_status")),
        "{plan:?}"
    );
    assert!(
        !plan.iter().any(|step| step.starts_with("SCAN requests")),
        "{plan:?}"
    );
}

#[test]
fn concurrent_writers_get_distinct_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);

    let threads: Vec<_> = (0..8)
        .map(|index| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut ledger = open(&path);
                (0..5)
                    .map(|round| {
                        record(
                            &mut ledger,
                            &new_request(&format!("t{index}-{round}.cake.example")),
                        )
                        .number
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();

    let mut numbers: Vec<i64> = threads
        .into_iter()
        .flat_map(|thread| thread.join().unwrap())
        .collect();
    numbers.sort();
    assert_eq!(numbers, (1..=40).collect::<Vec<_>>());
}

/// Many processes opening a ledger that does not exist yet race to create
/// it and switch it to WAL mode; none of them may fail.
#[test]
fn concurrent_first_opens_all_succeed() {
    for _ in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_in(&dir);
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));

        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (path, barrier) = (path.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Ledger::open(&path, &mut |_| {}).map(drop).map_err(|error| format!("{error:#}"))
                })
            })
            .collect();

        for thread in threads {
            assert_eq!(thread.join().unwrap(), Ok(()));
        }
    }
}

#[test]
#[ignore = "builds a 93 MB ledger of 100,000 requests; run with --ignored --nocapture for timings"]
fn list_open_in_large_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    drop(open(&path));
    let connection = Connection::open(&path).unwrap();
    connection
        .execute_batch(
            "BEGIN;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
             INSERT INTO requests (id, tenant, client_ids, issuer_input, issuer, option, status, created_at, updated_at)
             SELECT printf('00000000-0000-4000-8000-%012d', i), 't' || i || '.cake.example', '[\"0oa1\"]', 'https://x.example', 'https://x.example', 'hybrid',
                    CASE WHEN i % 50 = 0 THEN 'submitted' ELSE 'active' END, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
             FROM n;
             INSERT INTO validation_reports (request_number, report)
             SELECT number, printf('%.*c', 600, 'x') FROM requests;
             COMMIT;",
        )
        .unwrap();
    drop(connection);

    let started = std::time::Instant::now();
    let ledger = open(&path);
    eprintln!("open with quick_check: {:?}", started.elapsed());
    let started = std::time::Instant::now();
    let open_requests = ledger.list_requests(&RequestFilter::open()).unwrap();
    eprintln!("list open: {:?}", started.elapsed());
    assert_eq!(open_requests.len(), 2000);
    eprintln!("size: {}", std::fs::metadata(&path).unwrap().len());
}

/// Returns SQLite's plan for each query of an acceptance-order visit.
fn acceptance_plans(path: &Path, filter: &RequestFilter) -> Vec<(String, Vec<String>)> {
    let connection = Connection::open(path).unwrap();
    let (queries, values) = requests::visit_queries(filter, VisitOrder::Acceptance);
    assert_eq!(queries.len(), 2);
    queries
        .into_iter()
        .map(|sql| {
            let plan = connection
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap()
                .query_map(rusqlite::params_from_iter(&values), |row| {
                    row.get::<_, String>(3)
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            (sql, plan)
        })
        .collect()
}

#[test]
fn acceptance_visit_reads_index_without_sorting() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    drop(open(&path));

    let filters = [
        RequestFilter::default(),
        RequestFilter {
            statuses: vec![Status::Active, Status::Failed, Status::Cancelled],
            tenant: None,
        },
    ];
    for filter in filters {
        for (sql, plan) in acceptance_plans(&path, &filter) {
            assert!(
                plan.iter()
                    .any(|step| step.contains("requests_by_acceptance")),
                "{sql}: {plan:?}"
            );
            assert!(
                !plan.iter().any(|step| step.contains("TEMP B-TREE")),
                "{sql}: {plan:?}"
            );
        }
    }
}

#[test]
fn acceptance_visit_of_tenant_reads_tenant_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    drop(open(&path));

    let filter = RequestFilter {
        statuses: vec![Status::Active, Status::Failed, Status::Cancelled],
        tenant: Some("acme.cake.example".to_string()),
    };
    for (sql, plan) in acceptance_plans(&path, &filter) {
        assert!(
            plan.iter().any(|step| step.contains("requests_by_tenant")),
            "{sql}: {plan:?}"
        );
    }
}

#[test]
fn visit_passes_requests_in_acceptance_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = open(&ledger_in(&dir));
    let accepted = [
        Some("2026-12-09T15:00:00Z"),
        None,
        Some("2026-12-02T15:00:00Z"),
        Some("2026-12-09T15:00:00Z"),
        None,
    ];
    for (index, accepted_at) in accepted.iter().enumerate() {
        let number = record(&mut ledger, &new_request(&format!("t{index}.cake.example"))).number;
        if let Some(at) = accepted_at {
            ledger
                .set_accepted_at(number, at.parse().unwrap(), now())
                .unwrap();
        }
    }

    let mut visited = Vec::new();
    ledger
        .visit_requests(&RequestFilter::default(), VisitOrder::Acceptance, &mut |request| {
            assert_eq!(request.validation_report, None, "#{}", request.number);
            visited.push(request.number);
            Ok(())
        })
        .unwrap();
    assert_eq!(visited, [3, 1, 4, 2, 5]);

    let mut by_number = Vec::new();
    ledger
        .visit_requests(&RequestFilter::default(), VisitOrder::Number, &mut |request| {
            by_number.push(request.number);
            Ok(())
        })
        .unwrap();
    assert_eq!(by_number, [1, 2, 3, 4, 5]);
}

#[test]
fn visit_stops_at_first_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = open(&ledger_in(&dir));
    for index in 0..3 {
        record(&mut ledger, &new_request(&format!("t{index}.cake.example")));
    }

    let mut visited = 0;
    let error = ledger
        .visit_requests(&RequestFilter::default(), VisitOrder::Number, &mut |_| {
            visited += 1;
            anyhow::bail!("stop here")
        })
        .unwrap_err();
    assert_eq!(error.to_string(), "stop here");
    assert_eq!(visited, 1);
}

/// Overwrites the third 4 KiB page of the file, past the header and schema
/// pages.
fn damage_middle(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    assert!(bytes.len() > 16384, "ledger too small to damage: {}", bytes.len());
    for byte in &mut bytes[8192..12288] {
        *byte = 0xA5;
    }
    std::fs::write(path, &bytes).unwrap();
}

#[test]
fn reading_open_checks_integrity_before_first_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    let mut ledger = open(&path);
    for index in 0..200 {
        record(&mut ledger, &new_request(&format!("tenant-{index}.cake.example")));
    }
    drop(ledger);
    damage_middle(&path);
    let before = std::fs::read(&path).unwrap();

    // Opening for reading reads only the header and schema pages, so it
    // succeeds; writing through it must then fail without changing a byte.
    let mut ledger = Ledger::open_for_reading(&path, &mut |_| {}).expect("header and schema are intact");
    let error = ledger
        .insert_request(&new_request("late.cake.example"), &[], "dana", now())
        .unwrap_err();
    let typed = error
        .downcast_ref::<LedgerFileError>()
        .expect("a typed ledger file error");
    assert!(matches!(typed, LedgerFileError::Damaged { .. }), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "file bytes changed");
}

#[test]
fn reading_open_migrates_older_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_in(&dir);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let connection = Connection::open(&path).unwrap();
    connection
        .pragma_update(None, "application_id", schema::APPLICATION_ID)
        .unwrap();
    connection
        .execute_batch(schema::MIGRATIONS[0].sql())
        .unwrap();
    connection.pragma_update(None, "user_version", 1).unwrap();
    drop(connection);

    let mut applied = Vec::new();
    let ledger = Ledger::open_for_reading(&path, &mut |step| applied.push(step.version)).unwrap();
    assert_eq!(applied, (2..=latest_version()).collect::<Vec<_>>());
    drop(ledger);
    let connection = Connection::open(&path).unwrap();
    assert_eq!(schema::read_version(&connection).unwrap(), latest_version());
}
