//! Runs panva's oidc-provider, a certified OpenID provider, from
//! `tests/oidc-provider/` as a child process on 127.0.0.1.
//!
//! The npm packages are installed with `npm ci` on first use when
//! `node_modules` is missing. Without Node.js or npm the tests fail with a
//! message saying what to install: they never skip silently.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::Duration;

use crate::support::TestCa;

/// How long the provider may take to print its address.
const START_TIMEOUT: Duration = Duration::from_secs(60);

const INSTALL_HELP: &str = "The oidc-provider tests need Node.js 20 or newer and npm. Install them \
    (for example `apt-get install -y nodejs npm`), then run `npm ci --prefix tests/oidc-provider`.";

/// A running provider. It is killed when dropped.
pub struct Provider {
    child: Child,
    /// Kept open: the script exits when its stdin closes.
    _stdin: ChildStdin,
    /// The provider's issuer, equal to its origin `https://127.0.0.1:PORT`.
    pub issuer: String,
    stderr: Arc<Mutex<String>>,
}

impl Provider {
    /// Starts the provider with one public client registered for
    /// `redirect_uri`, serving the loopback certificate of `ca`.
    pub fn start(ca: &TestCa, client_id: &str, redirect_uri: &str) -> Provider {
        ensure_installed();
        let (cert, key) = ca.write_server_pem();

        let mut child = Command::new("node")
            .arg("server.mjs")
            .arg("--cert")
            .arg(&cert)
            .arg("--key")
            .arg(&key)
            .arg("--signing-key")
            .arg(crate::support::fixtures_dir().join("keys").join("rsa-2048.pem"))
            .args(["--client-id", client_id, "--redirect-uri", redirect_uri])
            .current_dir(provider_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start node: {error}. {INSTALL_HELP}"));

        let stdin = child.stdin.take().expect("provider stdin");
        let stderr = drain(child.stderr.take().expect("provider stderr"));
        let lines = forward_lines(child.stdout.take().expect("provider stdout"));

        let mut provider = Provider { child, _stdin: stdin, issuer: String::new(), stderr };
        provider.issuer = provider.wait_for_address(&lines);
        provider
    }

    /// Reads stdout until the `listening ORIGIN` line.
    fn wait_for_address(&mut self, lines: &mpsc::Receiver<String>) -> String {
        let mut seen = Vec::new();
        loop {
            match lines.recv_timeout(START_TIMEOUT) {
                Ok(line) => {
                    if let Some(origin) = line.strip_prefix("listening ") {
                        return origin.trim().to_string();
                    }
                    seen.push(line);
                }
                Err(error) => {
                    let status = self.child.try_wait().ok().flatten();
                    panic!(
                        "oidc-provider did not report its address ({error}, exit status {status:?})\n--- stdout\n{}\n--- stderr\n{}",
                        seen.join("\n"),
                        self.stderr.lock().expect("stderr lock")
                    );
                }
            }
        }
    }

    /// Returns what the provider wrote to stderr so far, for failure messages.
    pub fn stderr(&self) -> String {
        self.stderr.lock().expect("stderr lock").clone()
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn provider_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("oidc-provider")
}

/// Checks for Node.js and installs the npm packages once per test run.
/// Every caller panics with the same message when that failed.
fn ensure_installed() {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    if let Err(message) = INSTALLED.get_or_init(install) {
        panic!("{message}");
    }
}

fn install() -> Result<(), String> {
    let node = Command::new("node").arg("--version").output();
    match node {
        Ok(output) if output.status.success() => {}
        Ok(output) => return Err(format!("`node --version` failed: {}. {INSTALL_HELP}", output.status)),
        Err(error) => return Err(format!("Node.js is not installed ({error}). {INSTALL_HELP}")),
    }

    let dir = provider_dir();
    if dir.join("node_modules").join("oidc-provider").join("package.json").is_file() {
        return Ok(());
    }
    let output = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .output()
        .map_err(|error| format!("cannot run npm ({error}). {INSTALL_HELP}"))?;
    if !output.status.success() {
        return Err(format!(
            "`npm ci` in {} failed ({}):\n{}\n{INSTALL_HELP}",
            dir.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(())
}

/// Sends each stdout line through a channel, so the wait can time out.
/// The thread keeps reading after the address line, so the pipe never fills.
fn forward_lines(stdout: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { return };
            let _ = sender.send(line);
        }
    });
    receiver
}

fn drain(stderr: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = text.clone();
    thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { return };
            let mut text = sink.lock().expect("stderr lock");
            text.push_str(&line);
            text.push('\n');
        }
    });
    text
}
