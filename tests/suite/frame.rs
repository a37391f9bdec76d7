//! The frame of the CLI: help topics, examples in every `--help`, and the
//! completion scripts and manual page committed under `completions/`.

use std::path::PathBuf;

use crate::support::Sandbox;

/// Committed files and the command that prints each.
const GENERATED: &[(&str, &[&str])] = &[
    ("cake-okta.bash", &["completions", "bash"]),
    ("_cake-okta", &["completions", "zsh"]),
    ("cake-okta.fish", &["completions", "fish"]),
    ("_cake-okta.ps1", &["completions", "powershell"]),
    ("cake-okta.elv", &["completions", "elvish"]),
    ("cake-okta.1", &["manpage"]),
];

/// Fails when a committed completion script or the manual page differs from
/// what the binary prints. Set `CAKE_OKTA_BLESS=1` to rewrite the files.
#[test]
fn completions_match_cli() {
    let sandbox = Sandbox::new();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions");
    let bless = std::env::var_os("CAKE_OKTA_BLESS").is_some();

    for (file, args) in GENERATED {
        let outcome = sandbox.cake(*args).run();
        outcome.code(0);
        let path = dir.join(file);
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &outcome.raw_stdout).unwrap();
            continue;
        }
        let committed = std::fs::read(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}; run with CAKE_OKTA_BLESS=1", path.display()));
        assert!(
            committed == outcome.raw_stdout,
            "{} is out of date; regenerate with CAKE_OKTA_BLESS=1 cargo test --test suite completions_match_cli",
            path.display()
        );
    }
}

/// Every command's long help opens with an example line.
#[test]
fn help_opens_with_example() {
    let sandbox = Sandbox::new();
    for path in command_paths() {
        let mut args: Vec<String> = path.clone();
        args.push("--help".to_string());
        let outcome = sandbox.cake(&args).run();
        outcome.code(0);
        assert!(
            outcome.stdout.starts_with("Example:\n  cake-okta "),
            "help of {path:?} does not open with an example:\n{}",
            outcome.stdout
        );
    }
}

/// Command paths listed by the top-level help, one level of subcommands deep.
fn command_paths() -> Vec<Vec<String>> {
    let sandbox = Sandbox::new();
    let mut paths = vec![Vec::new()];
    for name in subcommands(&sandbox, &[]) {
        let children = subcommands(&sandbox, std::slice::from_ref(&name));
        if children.is_empty() {
            paths.push(vec![name.clone()]);
        }
        for child in children {
            paths.push(vec![name.clone(), child]);
        }
    }
    paths
}

fn subcommands(sandbox: &Sandbox, path: &[String]) -> Vec<String> {
    let mut args = path.to_vec();
    args.push("--help".to_string());
    let outcome = sandbox.cake(&args).run();
    let Some(section) = outcome.stdout.split("Commands:\n").nth(1) else {
        return Vec::new();
    };
    section
        .lines()
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn help_topic_exit_codes() {
    let outcome = Sandbox::new().cake(["help", "exit-codes"]).run();
    outcome.code(0);
    for code in ["0  Success", "2  Usage error", "3  The issuer check found failures", "4  The request is stored"] {
        outcome.stdout_has(code);
    }
}

#[test]
fn help_topic_environment() {
    let outcome = Sandbox::new().cake(["help", "environment"]).run();
    outcome.code(0);
    for name in ["CAKE_OKTA_CONFIG", "CAKE_OKTA_DATA_DIR", "CAKE_OKTA_PROFILE", "CAKE_OKTA_TOKEN", "CAKE_OKTA_NO_INPUT", "CAKE_OKTA_NOW", "NO_COLOR"] {
        outcome.stdout_has(name);
    }
}

#[test]
fn help_for_command_path() {
    let outcome = Sandbox::new().cake(["help", "issuer", "check"]).run();
    outcome.code(0).stdout_has("--client-id");
}

#[test]
fn help_unknown_topic_is_usage_error() {
    let outcome = Sandbox::new().cake(["help", "nonsense"]).run();
    outcome.code(2).stderr_has("exit-codes").stderr_has("completions");
    assert!(!outcome.stderr.contains("manpage"), "the hidden command is listed: {}", outcome.stderr);
}

/// A narrow terminal wraps the help text but never the example, so the
/// example still runs when copied.
#[test]
fn examples_stay_on_one_line() {
    let sandbox = Sandbox::new();
    for path in command_paths() {
        let mut args: Vec<String> = path.clone();
        args.push("--help".to_string());
        let outcome = sandbox.cake(&args).env("COLUMNS", "40").run();
        outcome.code(0);
        let mut lines = outcome.stdout.lines();
        assert_eq!(lines.next(), Some("Example:"), "{path:?}");
        let example = lines.next().unwrap_or_default();
        assert!(example.starts_with("  cake-okta "), "{path:?}: {example}");
        assert_eq!(lines.next(), Some(""), "the example of {path:?} was wrapped:\n{}", outcome.stdout);
    }
}

#[test]
fn unknown_profile_is_usage_error() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[profiles.production]\n[profiles.staging]\n");
    let flag = sandbox.cake(["--profile", "nope", "requests", "list"]).run();
    flag.code(2).stderr_has("profile \"nope\" is not defined").stderr_has("(defined: production, staging)");
    let variable = sandbox.cake(["requests", "list"]).env("CAKE_OKTA_PROFILE", "nope").run();
    variable.code(2).stderr_has("(defined: production, staging)");

    sandbox.write_config("default_profile = \"gone\"\n[profiles.production]\n");
    sandbox.cake(["requests", "list"]).run().code(1).stderr_has("profile \"gone\" is not defined");
}

#[test]
fn unknown_flag_is_usage_error() {
    Sandbox::new().cake(["issuer", "check", "--bogus"]).run().code(2);
}

#[test]
fn version_prints_name() {
    let outcome = Sandbox::new().cake(["--version"]).run();
    outcome.code(0).stdout_has("cake-okta ");
}

#[test]
fn broken_config_names_file_and_key() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[network]\ntimeout_secs = \"soon\"\n");
    let outcome = sandbox.cake(["issuer", "check", "https://acme.okta.com", "--offline"]).run();
    outcome.code(1).stderr_has("config.toml").stderr_has("timeout_secs");
}

#[test]
fn non_utf8_settings_are_usage_errors() {
    use std::os::unix::ffi::OsStrExt as _;

    let garbled = std::ffi::OsStr::from_bytes(b"stag\xffing");
    for name in ["CAKE_OKTA_PROFILE", "CAKE_OKTA_TOKEN", "CAKE_OKTA_NO_INPUT", "CAKE_OKTA_NOW"] {
        let outcome = Sandbox::new().cake(["config", "show"]).env(name, garbled).run();
        outcome.code(2).stderr_has(name).stderr_has("not valid UTF-8");
    }
}

#[test]
fn malformed_now_is_usage_error() {
    let outcome = Sandbox::new()
        .cake(["issuer", "check", "https://acme.okta.com", "--offline"])
        .env("CAKE_OKTA_NOW", "yesterday")
        .run();
    outcome.code(2).stderr_has("CAKE_OKTA_NOW");
}
