//! Shared test support: a sandbox that runs the real binary with a clean
//! environment, HTTPS servers on loopback, and a test certificate authority.

#![allow(dead_code)]

pub mod backend;
pub mod issuer;
pub mod server;
pub mod tls;

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

#[allow(unused_imports)]
pub use server::{Request, Response, Server};
#[allow(unused_imports)]
pub use tls::TestCa;

/// A private home, config and data directory for one test.
pub struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::Builder::new().prefix("cake-okta-test").tempdir().expect("create sandbox dir");
        for sub in ["home", "config", "data"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("create sandbox subdir");
        }
        Sandbox { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Path of the config file the binary reads (through `CAKE_OKTA_CONFIG`).
    pub fn config_path(&self) -> PathBuf {
        self.dir.path().join("config").join("config.toml")
    }

    /// Directory of the ledger (through `CAKE_OKTA_DATA_DIR`).
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data").join("cake-okta")
    }

    /// Path of the ledger file inside the data directory.
    pub fn ledger_path(&self) -> PathBuf {
        self.data_dir().join("ledger.sqlite3")
    }

    pub fn write_config(&self, text: &str) {
        std::fs::write(self.config_path(), text).expect("write config");
    }

    /// Starts a command line for the binary with a clean environment: only
    /// PATH is inherited, HOME and the XDG directories point into the sandbox.
    pub fn cake<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cake-okta"));
        command
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path().join("home"))
            .env("XDG_CONFIG_HOME", self.path().join("config-home"))
            .env("XDG_DATA_HOME", self.path().join("data-home"))
            .env("CAKE_OKTA_CONFIG", self.config_path())
            .env("CAKE_OKTA_DATA_DIR", self.data_dir())
            .env("USER", "test-agent")
            .current_dir(self.path());
        Run { command, stdin: Vec::new() }
    }
}

/// A prepared run of the binary.
#[must_use]
pub struct Run {
    command: Command,
    stdin: Vec<u8>,
}

impl Run {
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Run {
        self.command.arg(arg);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command.args(args);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Run {
        self.command.env(key, value);
        self
    }

    pub fn env_remove(mut self, key: &str) -> Run {
        self.command.env_remove(key);
        self
    }

    /// Changes the underlying command directly, for settings this builder
    /// has no method for, such as a `pre_exec` hook.
    pub fn configure(mut self, change: impl FnOnce(&mut Command)) -> Run {
        change(&mut self.command);
        self
    }

    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Run {
        self.stdin = bytes.into();
        self
    }

    /// Runs the binary to completion and captures its output.
    pub fn run(mut self) -> Outcome {
        self.command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = self.command.spawn().expect("spawn cake-okta");

        let mut stdin = child.stdin.take().expect("child stdin");
        let bytes = std::mem::take(&mut self.stdin);
        let writer = std::thread::spawn(move || {
            // The binary may exit before reading stdin; a broken pipe is fine.
            let _ = stdin.write_all(&bytes);
        });

        let output = child.wait_with_output().expect("wait for cake-okta");
        writer.join().expect("stdin writer");
        Outcome {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            raw_stdout: output.stdout,
            raw_stderr: output.stderr,
        }
    }

    /// Runs the binary with stdout connected to a pipe whose reading end is
    /// already closed, as `| head -0` leaves it, and captures stderr.
    pub fn run_with_closed_stdout(mut self) -> Outcome {
        let (reader, writer) = std::io::pipe().expect("create a pipe");
        drop(reader);
        self.command.stdin(Stdio::null()).stdout(writer).stderr(Stdio::piped());

        let output = self.command.output().expect("run cake-okta");
        Outcome {
            code: output.status.code().unwrap_or(-1),
            stdout: String::new(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            raw_stdout: Vec::new(),
            raw_stderr: output.stderr,
        }
    }

    /// Spawns the binary without waiting, for concurrency tests.
    pub fn spawn(mut self) -> std::process::Child {
        self.command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        self.command.spawn().expect("spawn cake-okta")
    }
}

/// What a run printed and how it exited.
#[derive(Debug)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub raw_stdout: Vec<u8>,
    pub raw_stderr: Vec<u8>,
}

impl Outcome {
    /// Asserts the exit code, showing both streams when it differs.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Outcome {
        assert_eq!(
            self.code, expected,
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Parses stdout as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("stdout is not JSON ({error}):\n{}\n--- stderr\n{}", self.stdout, self.stderr))
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Outcome {
        assert!(self.stdout.contains(needle), "stdout lacks {needle:?}:\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Outcome {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}:\n{}\n--- stdout\n{}", self.stderr, self.stdout);
        self
    }
}

/// Directory of the project's test fixtures.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}
