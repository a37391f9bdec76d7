//! A data directory that cannot be written and one on a full disk: the
//! command fails with a message naming the ledger, and the ledger keeps
//! exactly the requests it had.
//!
//! Root ignores permission bits, so as root the directory is made
//! read-only with a read-only bind mount, and the disk is a small tmpfs.
//! Where mounting is not allowed (a normal user, or root in a container
//! without `CAP_SYS_ADMIN`), permission bits make the directory read-only.
//! Root then runs the binary as an unprivileged user. A full disk is then
//! simulated with `RLIMIT_FSIZE`, which makes every write past the limit
//! fail with `EFBIG`. Each test names the method in its failure messages.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{activate, integrity, listed, sandbox};
use crate::support::{Run, Sandbox};

/// User and group the binary runs as when root makes a directory read-only
/// with permission bits: `nobody` on most systems.
const UNPRIVILEGED_ID: u32 = 65534;

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn mount(args: &[&str]) -> bool {
    Command::new("mount")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// A mount point that is unmounted when dropped, also when a test fails.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Records three requests and returns what the ledger lists.
fn record_three(sandbox: &Sandbox) -> Vec<(u64, String, String)> {
    for tenant in ["acme.cake.example", "beta.cake.example", "gamma.cake.example"] {
        activate(sandbox, tenant).run().code(0);
    }
    let before = listed(sandbox);
    assert_eq!(before.len(), 3);
    before
}

/// How the data directory was made read-only.
enum ReadOnly {
    /// A read-only bind mount of the directory onto itself, unmounted when
    /// dropped.
    Mount { _mounted: Mounted },
    /// Permission bits. The binary runs as [`UNPRIVILEGED_ID`] when the
    /// test runs as root.
    Permissions { as_other_user: bool },
}

impl ReadOnly {
    fn apply(dir: &Path) -> ReadOnly {
        let text = dir.to_str().expect("UTF-8 path");
        if is_root() && mount(&["--bind", text, text]) {
            let mounted = Mounted(dir.to_path_buf());
            if mount(&["-o", "remount,bind,ro", text]) {
                return ReadOnly::Mount { _mounted: mounted };
            }
        }

        let as_other_user = is_root();
        if as_other_user {
            // The other user must reach the sandbox and own the data, as
            // the staff member who runs the tool would.
            chown_all(dir, UNPRIVILEGED_ID);
            open_path_to(dir);
        }
        set_mode(dir, 0o555);
        for entry in fs::read_dir(dir).unwrap() {
            set_mode(&entry.unwrap().path(), 0o444);
        }
        ReadOnly::Permissions { as_other_user }
    }

    fn describe(&self) -> &'static str {
        match self {
            ReadOnly::Mount { .. } => "read-only bind mount",
            ReadOnly::Permissions { as_other_user: true } => "permission bits, binary run as an unprivileged user",
            ReadOnly::Permissions { as_other_user: false } => "permission bits",
        }
    }

    /// Prepares a run of the binary for this kind of read-only directory.
    fn run(&self, run: Run) -> Run {
        match self {
            ReadOnly::Permissions { as_other_user: true } => run.configure(|command| {
                // std also drops root's supplementary groups here.
                command.uid(UNPRIVILEGED_ID).gid(UNPRIVILEGED_ID);
            }),
            _ => run,
        }
    }

    /// Makes the directory writable again for this test's user.
    fn undo(self, dir: &Path) {
        if let ReadOnly::Permissions { as_other_user } = self {
            set_mode(dir, 0o700);
            for entry in fs::read_dir(dir).unwrap() {
                set_mode(&entry.unwrap().path(), 0o600);
            }
            if as_other_user {
                chown_all(dir, 0);
            }
        }
    }
}

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

fn chown_all(dir: &Path, id: u32) {
    std::os::unix::fs::chown(dir, Some(id), Some(id)).unwrap();
    for entry in fs::read_dir(dir).unwrap() {
        std::os::unix::fs::chown(entry.unwrap().path(), Some(id), Some(id)).unwrap();
    }
}

/// Lets every user traverse the directories above `dir` inside the
/// sandbox and read the config, which `Sandbox` creates private.
fn open_path_to(dir: &Path) {
    for ancestor in dir.ancestors().skip(1) {
        if ancestor == std::env::temp_dir() || ancestor.parent().is_none() {
            break;
        }
        let mode = fs::metadata(ancestor).unwrap().permissions().mode();
        set_mode(ancestor, mode | 0o755);
        for entry in fs::read_dir(ancestor).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                set_mode(&path, 0o644);
            } else if path.is_dir() {
                let mode = fs::metadata(&path).unwrap().permissions().mode();
                set_mode(&path, mode | 0o755);
            }
        }
    }
}

#[test]
fn read_only_data_dir_changes_nothing() {
    let sandbox = sandbox();
    let before = record_three(&sandbox);
    let path = sandbox.ledger_path();
    let bytes = fs::read(&path).unwrap();

    let read_only = ReadOnly::apply(&sandbox.data_dir());
    let method = read_only.describe();
    let runs = [
        read_only.run(activate(&sandbox, "delta.cake.example")).run(),
        read_only.run(sandbox.cake(["requests", "list"])).run(),
    ];
    for outcome in &runs {
        assert_eq!(outcome.code, 1, "{method}: {outcome:?}");
        outcome.stderr_has(&path.display().to_string()).stderr_has("not writable").stderr_has("CAKE_OKTA_DATA_DIR");
    }
    read_only.undo(&sandbox.data_dir());

    assert_eq!(fs::read(&path).unwrap(), bytes, "{method}: ledger bytes changed");
    assert_eq!(listed(&sandbox), before, "{method}");
    assert_eq!(integrity(&path), "ok", "{method}");
}

/// How the disk was made full.
enum Full {
    /// A small tmpfs over the data directory's parent, filled up by a
    /// filler file.
    Tmpfs { _mounted: Mounted, filler: PathBuf },
    /// `RLIMIT_FSIZE` set to this many bytes for the binary.
    FileSizeLimit(u64),
}

impl Full {
    /// Mounts a tmpfs over `parent` when possible. Must run before the
    /// ledger is created, because the mount hides what was there.
    fn prepare(parent: &Path) -> Option<Mounted> {
        let text = parent.to_str().expect("UTF-8 path");
        (is_root() && mount(&["-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", text]))
            .then(|| Mounted(parent.to_path_buf()))
    }

    fn apply(mounted: Option<Mounted>, parent: &Path) -> Full {
        match mounted {
            Some(mounted) => {
                let filler = parent.join("filler");
                fill(&filler);
                Full::Tmpfs { _mounted: mounted, filler }
            }
            // Less than one WAL frame (a 4 KiB page and its header) fits
            // past the start of the write-ahead log.
            None => Full::FileSizeLimit(4096),
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Full::Tmpfs { .. } => "full tmpfs",
            Full::FileSizeLimit(_) => "RLIMIT_FSIZE",
        }
    }

    fn run(&self, run: Run) -> Run {
        let Full::FileSizeLimit(bytes) = *self else { return run };
        run.configure(move |command| {
            // SAFETY: only async-signal-safe calls between fork and exec.
            // An ignored SIGXFSZ stays ignored across exec, so an oversized
            // write fails with EFBIG instead of killing the process.
            unsafe {
                command.pre_exec(move || {
                    libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                    let limit = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
                    if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        })
    }

    /// Frees the space again. A tmpfs stays mounted until `self` is
    /// dropped, because the ledger lives on it.
    fn undo(&self) {
        if let Full::Tmpfs { filler, .. } = self {
            fs::remove_file(filler).unwrap();
        }
    }
}

/// Writes zeros to `path` until the file system is full.
fn fill(path: &Path) {
    use std::io::Write;

    let mut file = fs::File::create(path).unwrap();
    let chunk = vec![0u8; 4096];
    loop {
        if let Err(error) = file.write_all(&chunk).and_then(|()| file.sync_all()) {
            assert_eq!(error.raw_os_error(), Some(libc::ENOSPC), "filling the tmpfs: {error}");
            return;
        }
    }
}

#[test]
fn full_disk_changes_nothing() {
    let sandbox = sandbox();
    let parent = sandbox.data_dir().parent().unwrap().to_path_buf();
    let mounted = Full::prepare(&parent);
    let before = record_three(&sandbox);
    let path = sandbox.ledger_path();

    let full = Full::apply(mounted, &parent);
    let method = full.describe();
    let outcome = full.run(activate(&sandbox, "delta.cake.example")).run();
    assert_eq!(outcome.code, 1, "{method}: {outcome:?}");
    outcome.stderr_has(&path.display().to_string()).stderr_has("left unchanged");
    match &full {
        Full::Tmpfs { .. } => outcome.stderr_has("is full").stderr_has("CAKE_OKTA_DATA_DIR"),
        Full::FileSizeLimit(bytes) => outcome.stderr_has(&format!("file size limit of {bytes} bytes")),
    };
    full.undo();

    assert_eq!(listed(&sandbox), before, "{method}");
    assert_eq!(integrity(&path), "ok", "{method}");
    activate(&sandbox, "delta.cake.example").run().code(0);
}
