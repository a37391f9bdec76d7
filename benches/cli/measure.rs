//! Runs one command and measures its wall time and peak resident set size.
//!
//! Linux charges a process that `exec`s with the peak RSS of the image it
//! replaced, and a child spawned from this benchmark starts as a copy of
//! it, servers and ledgers included. So the benchmark never spawns the
//! measured command itself. It starts a fresh copy of its own executable in
//! measurer mode, which has done nothing yet and stays at a few MiB. That
//! copy spawns the command, reaps it with `wait4` and reports the child's
//! `ru_maxrss`. The floor this leaves is shown by measuring `true`.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// First argument that switches the executable into measurer mode.
pub const MEASURER_FLAG: &str = "__measure";

/// A command line with a complete environment.
#[derive(Debug, Clone)]
pub struct Spec {
    pub program: PathBuf,
    pub args: Vec<OsString>,
    /// The whole environment of the command; nothing is inherited.
    pub env: Vec<(OsString, OsString)>,
    /// Exit code every run must end with.
    pub expected_code: i32,
}

impl Spec {
    pub fn new(program: impl Into<PathBuf>) -> Spec {
        let path = std::env::var_os("PATH").unwrap_or_default();
        Spec { program: program.into(), args: Vec::new(), env: vec![("PATH".into(), path)], expected_code: 0 }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Spec {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Spec
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args.extend(args.into_iter().map(|arg| arg.as_ref().to_owned()));
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Spec {
        self.env.push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// Builds the command with its environment, for a run outside the
    /// measurer (checking output before the timed runs).
    pub fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command.args(&self.args).env_clear().envs(self.env.iter().map(|(key, value)| (key, value)));
        command
    }

    /// Shell-like text of the command line, for reports.
    pub fn display(&self) -> String {
        let mut words = vec![self.program.file_name().unwrap_or(self.program.as_os_str()).to_string_lossy()];
        words.extend(self.args.iter().map(|arg| arg.to_string_lossy()));
        words.join(" ")
    }
}

/// One measured run.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub wall: Duration,
    pub max_rss_kib: u64,
}

/// Runs `spec` once through a fresh measurer process. Panics when the run
/// ends with another exit code than `spec.expected_code`, because a timing
/// of a failed run means nothing.
pub fn run(spec: &Spec) -> Sample {
    let exe = std::env::current_exe().expect("path of the benchmark executable");
    let mut measurer = Command::new(exe);
    measurer.arg(MEASURER_FLAG);
    for (key, value) in &spec.env {
        let mut pair = key.clone();
        pair.push("=");
        pair.push(value);
        measurer.arg("--env").arg(pair);
    }
    measurer.arg("--").arg(&spec.program).args(&spec.args);

    let output = measurer.stderr(Stdio::inherit()).output().expect("start the measurer");
    assert!(output.status.success(), "measurer failed for {}", spec.display());
    let text = String::from_utf8_lossy(&output.stdout);
    let fields: Vec<i64> = text.split_whitespace().map(|field| field.parse().expect("measurer field")).collect();
    let [nanos, rss, code] = fields[..] else { panic!("unexpected measurer output {text:?}") };

    assert_eq!(
        code,
        i64::from(spec.expected_code),
        "`{}` exited with {code}; run it by hand to see why",
        spec.display()
    );
    Sample { wall: Duration::from_nanos(nanos as u64), max_rss_kib: rss as u64 }
}

/// Entry point of measurer mode: `__measure [--env KEY=VALUE]... -- PROGRAM
/// [ARG]...`. Prints `WALL_NANOS MAX_RSS_KIB EXIT_CODE` to stdout. The
/// command's own output goes to /dev/null.
pub fn measurer_main(args: &[OsString]) -> ExitCode {
    let separator = args.iter().position(|arg| arg == "--").expect("-- before the program");
    let (options, command_line) = (&args[..separator], &args[separator + 1..]);
    let (program, program_args) = command_line.split_first().expect("a program to measure");

    let mut command = Command::new(program);
    command.args(program_args).env_clear().stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    for pair in options.chunks(2) {
        assert_eq!(pair[0], "--env", "unexpected measurer option {:?}", pair[0]);
        let bytes = pair[1].as_bytes();
        let equals = bytes.iter().position(|&byte| byte == b'=').expect("KEY=VALUE");
        command.env(OsStr::from_bytes(&bytes[..equals]), OsStr::from_bytes(&bytes[equals + 1..]));
    }

    let started = Instant::now();
    // The child is reaped by `wait4` below, which std's `Child` does not
    // know about.
    #[allow(clippy::zombie_processes)]
    let child = command.spawn().unwrap_or_else(|error| panic!("cannot start {}: {error}", Path::new(program).display()));
    let (status, usage) = wait4(child.id());
    let wall = started.elapsed();

    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -libc::WTERMSIG(status) };
    // Linux reports ru_maxrss in KiB.
    println!("{} {} {code}", wall.as_nanos(), usage.ru_maxrss);
    ExitCode::SUCCESS
}

/// Reaps `pid` and returns its wait status and resource usage.
fn wait4(pid: u32) -> (i32, libc::rusage) {
    let mut status = 0;
    // SAFETY: rusage is plain data for which all-zero bytes are valid, and
    // both pointers are valid for the duration of the call.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        let reaped = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
        if reaped == pid as libc::pid_t {
            return (status, usage);
        }
        let error = std::io::Error::last_os_error();
        assert_eq!(error.kind(), std::io::ErrorKind::Interrupted, "wait4 failed: {error}");
    }
}
