//! Summaries of measured runs, the results table and a description of the
//! machine the benchmark ran on.

use std::fmt::Write as _;
use std::time::Duration;

use crate::measure::Sample;

/// Statistics of a series of runs of one command.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub runs: usize,
    pub median: Duration,
    pub min: Duration,
    /// 90th percentile (nearest rank).
    pub p90: Duration,
    pub rss_median_kib: u64,
    pub rss_max_kib: u64,
}

impl Summary {
    pub fn of(samples: &[Sample]) -> Summary {
        assert!(!samples.is_empty(), "no samples");
        let mut walls: Vec<Duration> = samples.iter().map(|sample| sample.wall).collect();
        let mut rss: Vec<u64> = samples.iter().map(|sample| sample.max_rss_kib).collect();
        walls.sort();
        rss.sort();
        Summary {
            runs: samples.len(),
            median: median(&walls),
            min: walls[0],
            p90: walls[nearest_rank(walls.len(), 0.9)],
            rss_median_kib: rss[rss.len() / 2],
            rss_max_kib: rss[rss.len() - 1],
        }
    }
}

fn median(sorted: &[Duration]) -> Duration {
    let middle = sorted.len() / 2;
    if sorted.len() % 2 == 1 { sorted[middle] } else { (sorted[middle - 1] + sorted[middle]) / 2 }
}

fn nearest_rank(len: usize, quantile: f64) -> usize {
    ((quantile * len as f64).ceil() as usize).clamp(1, len) - 1
}

/// One line of the results table.
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub target: String,
    pub summary: Summary,
    /// `None` for reference rows that have no target.
    pub met: Option<bool>,
    pub note: String,
}

/// Formats milliseconds with two decimals.
pub fn millis(duration: Duration) -> String {
    format!("{:.2}", duration.as_secs_f64() * 1000.0)
}

fn mebibytes(kib: u64) -> String {
    format!("{:.1}", kib as f64 / 1024.0)
}

/// Renders the rows as a Markdown table.
pub fn table(rows: &[Row]) -> String {
    let mut text = String::from(
        "| benchmark | target | runs | median ms | min ms | p90 ms | peak RSS MiB (median / max) | met | note |\n\
         | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |\n",
    );
    for row in rows {
        let summary = &row.summary;
        let met = match row.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "-",
        };
        let _ = writeln!(
            text,
            "| {} | {} | {} | {} | {} | {} | {} / {} | {met} | {} |",
            row.name,
            row.target,
            summary.runs,
            millis(summary.median),
            millis(summary.min),
            millis(summary.p90),
            mebibytes(summary.rss_median_kib),
            mebibytes(summary.rss_max_kib),
            row.note,
        );
    }
    text
}

/// Describes the machine: CPU, core count, kernel, load, and whether other
/// compilers were running, which makes timings noisier.
pub fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name").and_then(|rest| rest.split_once(':')))
        .map_or("unknown", |(_, name)| name.trim());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();

    format!(
        "CPU: {model}, {cores} cores; Linux {}; load average {}; other build processes running: {}",
        kernel.trim(),
        load.join(" "),
        busy_processes()
    )
}

/// Counts running compiler and linker processes (`rustc`, `cc1`, `ld`, ...)
/// of any user. `cargo` itself is left out, because it runs the benchmark.
pub fn busy_processes() -> usize {
    const NAMES: [&str; 5] = ["rustc", "cc1", "ld", "lld", "clang"];
    let Ok(entries) = std::fs::read_dir("/proc") else { return 0 };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| std::fs::read_to_string(entry.path().join("comm")).ok())
        .filter(|name| NAMES.contains(&name.trim()))
        .count()
}

/// Checks the statistics on known values; run when the benchmark executable
/// is started as a test.
pub fn self_check() {
    let ms = |values: &[u64]| values.iter().map(|&value| Duration::from_millis(value)).collect::<Vec<_>>();
    assert_eq!(median(&ms(&[1, 2, 3])), Duration::from_millis(2));
    assert_eq!(median(&ms(&[1, 2, 3, 5])), Duration::from_micros(2500));
    assert_eq!(nearest_rank(10, 0.9), 8);
    assert_eq!(nearest_rank(1, 0.9), 0);
}
