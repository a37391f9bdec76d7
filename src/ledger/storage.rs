//! Why the disk refused the ledger: a read-only file system, missing
//! permissions, a full disk or the process's file size limit.
//!
//! SQLite reports all of these as "unable to open database file" or "disk
//! I/O error", or at best "database or disk is full", so after such an
//! error the cause is looked up on the file system, without writing.

use std::ffi::CString;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// Free space below which a write failure is blamed on a full disk. A
/// ledger write needs a few pages of WAL, a few KiB each.
const NEARLY_FULL_BYTES: u64 = 1024 * 1024;

/// A reason the ledger's directory cannot take a write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum StorageProblem {
    ReadOnlyFileSystem,
    PermissionDenied,
    Full { available: u64 },
    /// `RLIMIT_FSIZE` (`ulimit -f`) is set to this many bytes.
    FileSizeLimit { bytes: u64 },
}

impl StorageProblem {
    /// Describes in one clause what is wrong with `dir`.
    pub(super) fn reason(&self, dir: &Path) -> String {
        let dir = dir.display();
        match self {
            StorageProblem::ReadOnlyFileSystem => {
                format!("its directory {dir} is not writable: the file system is mounted read-only")
            }
            StorageProblem::PermissionDenied => {
                format!("its directory {dir} or the ledger file is not writable by this user")
            }
            StorageProblem::Full { available } => {
                format!("the disk holding {dir} is full ({} KiB free)", available / 1024)
            }
            StorageProblem::FileSizeLimit { bytes } => {
                format!("a write went past this process's file size limit of {bytes} bytes (ulimit -f)")
            }
        }
    }

    /// Returns what the user can do about it.
    pub(super) fn fix(&self) -> &'static str {
        match self {
            StorageProblem::ReadOnlyFileSystem | StorageProblem::PermissionDenied => {
                "make the directory writable, or set CAKE_OKTA_DATA_DIR to a writable directory. cake-okta writes \
                 there even to list requests, because SQLite keeps -wal and -shm files next to the ledger"
            }
            StorageProblem::Full { .. } => {
                "free some space, or set CAKE_OKTA_DATA_DIR to a directory on another disk"
            }
            StorageProblem::FileSizeLimit { .. } => "raise the limit, for example with 'ulimit -f unlimited'",
        }
    }
}

/// Looks for the reason a write to the ledger at `path` failed. Returns
/// `None` when the directory looks writable and has room.
pub(super) fn diagnose(path: &Path) -> Option<StorageProblem> {
    let dir = path.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));

    for target in [dir, path] {
        match writable(target) {
            Err(error) if error.raw_os_error() == Some(libc::EROFS) => {
                return Some(StorageProblem::ReadOnlyFileSystem);
            }
            Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
                return Some(StorageProblem::PermissionDenied);
            }
            _ => {}
        }
    }

    if let Some(available) = available_bytes(dir)
        && available < NEARLY_FULL_BYTES
    {
        return Some(StorageProblem::Full { available });
    }
    // NOTE: a finite limit is blamed whenever nothing else explains the
    // error, although the write that failed may not have reached it.
    file_size_limit().map(|bytes| StorageProblem::FileSizeLimit { bytes })
}

/// Asks the kernel whether this process may write to `path`, the way
/// `access(2)` does: read-only mounts count, and root passes permission
/// bits. A missing file is not an error here.
fn writable(path: &Path) -> io::Result<()> {
    let Ok(text) = CString::new(path.as_os_str().as_bytes()) else { return Ok(()) };
    // SAFETY: `text` is a valid NUL-terminated string for the whole call.
    if unsafe { libc::access(text.as_ptr(), libc::W_OK) } == 0 {
        return Ok(());
    }
    match io::Error::last_os_error() {
        error if error.kind() == io::ErrorKind::NotFound => Ok(()),
        error => Err(error),
    }
}

/// Bytes an unprivileged process may still write on the file system of
/// `dir`, or `None` when that cannot be read.
fn available_bytes(dir: &Path) -> Option<u64> {
    let text = CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: statvfs is plain data for which all-zero bytes are valid, and
    // both pointers are valid for the whole call.
    let mut stats: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(text.as_ptr(), &mut stats) } != 0 {
        return None;
    }
    Some((stats.f_bavail as u64).saturating_mul(stats.f_frsize as u64))
}

/// Reads the soft `RLIMIT_FSIZE` in bytes; `None` when there is no limit.
fn file_size_limit() -> Option<u64> {
    // SAFETY: rlimit is plain data for which all-zero bytes are valid, and
    // the pointer is valid for the whole call.
    let mut limit: libc::rlimit = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrlimit(libc::RLIMIT_FSIZE, &mut limit) } != 0 || limit.rlim_cur == libc::RLIM_INFINITY {
        return None;
    }
    Some(limit.rlim_cur as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writable_temp_dir_has_no_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite3");
        // The machine running the tests may itself be short of space or
        // have a file size limit; only the permission checks are certain.
        assert!(
            !matches!(
                diagnose(&path),
                Some(StorageProblem::ReadOnlyFileSystem | StorageProblem::PermissionDenied)
            ),
            "{:?}",
            diagnose(&path)
        );
    }

    #[test]
    fn reasons_name_directory() {
        let dir = Path::new("/data/cake-okta");
        let problems = [
            StorageProblem::ReadOnlyFileSystem,
            StorageProblem::PermissionDenied,
            StorageProblem::Full { available: 4096 },
        ];
        for problem in problems {
            assert!(problem.reason(dir).contains("/data/cake-okta"), "{problem:?}");
            assert!(!problem.fix().is_empty());
        }
        assert!(StorageProblem::Full { available: 4096 }.reason(dir).contains("full (4 KiB free)"));
    }
}
