//! Benchmarks of the `cake-okta` binary as support staff and cron run it:
//! start-up, `issuer check` next to curl, `pending` and `requests list` on
//! large ledgers, and `requests sync` against a slow backend. Each command
//! runs as a separate process; wall time and peak RSS come from `wait4`.
//!
//! Run with `cargo bench --bench cli` (or `benches/run.sh`). Arguments
//! after `--` name the groups to run: `startup`, `issuer`, `ledger` and
//! `sync`, all by default. `--runs N` sets the number of measured runs of
//! each command. Under `cargo test`, which runs bench targets without
//! `--bench`, only a quick self-check runs.

#[path = "../../tests/suite/support/mod.rs"]
mod support;

mod issuer;
mod ledger;
mod measure;
mod report;
mod sync;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use measure::Spec;
use report::{Row, Summary};
use support::Sandbox;

const GROUPS: [&str; 4] = ["startup", "issuer", "ledger", "sync"];

/// Measured runs per command, unless `--runs` sets another number.
struct Runs {
    startup: usize,
    issuer: usize,
    ledger: usize,
    sync: usize,
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|arg| arg == measure::MEASURER_FLAG) {
        return measure::measurer_main(&args[1..]);
    }
    let args: Vec<String> = args.iter().map(|arg| arg.to_string_lossy().into_owned()).collect();
    if !args.iter().any(|arg| arg == "--bench") {
        return self_check();
    }

    let (groups, runs) = parse_args(&args);
    println!("{}\n", report::machine());

    let mut rows: Vec<Row> = Vec::new();
    let mut validation_report = None;
    if groups.contains(&"startup") {
        rows.extend(bench_startup(runs.startup));
    }
    if groups.contains(&"issuer") {
        let (issuer_rows, report) = issuer::bench(runs.issuer);
        rows.extend(issuer_rows);
        validation_report = Some(report);
    }
    if groups.contains(&"ledger") {
        let report = validation_report.unwrap_or_else(|| issuer::bench(1).1);
        let small = ledger::BenchLedger::create(10_000, &report);
        let large = ledger::BenchLedger::create(98_000, &report);
        rows.extend(ledger::bench(&small, &large, runs.ledger));
    }
    if groups.contains(&"sync") {
        rows.extend(sync::bench(runs.sync));
    }

    println!("{}", report::table(&rows));
    println!("{}", report::machine());
    let missed: Vec<&str> =
        rows.iter().filter(|row| row.met == Some(false)).map(|row| row.name.as_str()).collect();
    if !missed.is_empty() {
        println!("\nTargets not met:\n- {}", missed.join("\n- "));
    }
    ExitCode::SUCCESS
}

/// Reads the group names and `--runs N`; `--bench` and other flags cargo
/// passes are ignored.
fn parse_args(args: &[String]) -> (Vec<&'static str>, Runs) {
    let mut runs = Runs { startup: 100, issuer: 41, ledger: 31, sync: 5 };
    let mut groups = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        if word == "--runs" {
            let count: usize = words.next().and_then(|count| count.parse().ok()).expect("--runs takes a number");
            runs = Runs { startup: count, issuer: count, ledger: count, sync: count };
        } else if let Some(group) = GROUPS.iter().find(|group| *group == word) {
            groups.push(*group);
        }
    }
    if groups.is_empty() {
        groups = GROUPS.to_vec();
    }
    (groups, runs)
}

/// `cake-okta --version`, and `true` as the floor of process start-up and
/// of the measurer's peak RSS.
fn bench_startup(runs: usize) -> Vec<Row> {
    let sandbox = Sandbox::new();
    let floor = Spec::new(find_program("true"));
    let version = cake(&sandbox).arg("--version");

    let floor_samples: Vec<_> = (0..runs).map(|_| measure::run(&floor)).collect();
    let version_samples: Vec<_> = (0..runs).map(|_| measure::run(&version)).collect();
    let version_summary = Summary::of(&version_samples);
    vec![
        Row {
            name: "`true` (process start-up floor)".into(),
            target: "-".into(),
            summary: Summary::of(&floor_samples),
            met: None,
            note: String::new(),
        },
        Row {
            name: "`cake-okta --version`".into(),
            target: "< 5 ms".into(),
            summary: version_summary,
            met: Some(version_summary.median.as_secs_f64() < 0.005),
            note: String::new(),
        },
    ]
}

/// Returns a command line for the binary under test, with the sandbox's
/// private home, config and data directory and nothing else from this
/// process's environment.
fn cake(sandbox: &Sandbox) -> Spec {
    Spec::new(env!("CARGO_BIN_EXE_cake-okta"))
        .env("HOME", sandbox.path().join("home"))
        .env("XDG_CONFIG_HOME", sandbox.path().join("config-home"))
        .env("XDG_DATA_HOME", sandbox.path().join("data-home"))
        .env("CAKE_OKTA_CONFIG", sandbox.config_path())
        .env("CAKE_OKTA_DATA_DIR", sandbox.data_dir())
        .env("USER", "bench")
}

/// Finds a program on PATH, failing with a message that names it.
fn find_program(name: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| panic!("{name} is not installed or not on PATH; benches/run.sh installs it"))
}

/// Checks the statistics and one measured run, without benchmarking.
fn self_check() -> ExitCode {
    report::self_check();
    let sandbox = Sandbox::new();
    let sample = measure::run(&cake(&sandbox).arg("--version"));
    assert!(sample.max_rss_kib > 0, "no peak RSS measured");
    println!("benchmark self-check passed; run `cargo bench --bench cli` to benchmark");
    ExitCode::SUCCESS
}
