//! The `cake-okta` binary. All work happens in the library; this only turns
//! its outcome into the process exit code.

fn main() -> std::process::ExitCode {
    cake_okta::main()
}
