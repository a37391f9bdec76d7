//! `users list/add/edit/import` through the real binary against the fake
//! tenant site: the documented JSON fields, field checks before anything is
//! sent, the site's `404`/`409` explained, and CSV imports with bad rows,
//! duplicates, a backend failure halfway and re-runs.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::support::backend::{FakeBackend, Fault, TOKEN};
use crate::support::{Run, Sandbox};

const TENANT: &str = "acme.cake.example";
const USERS_PATH: &str = "/sites/acme.cake.example/okta/users";

/// A sandbox whose profile points at a fresh fake backend, with three
/// users: one linked to Okta, one active without a login, one inactive.
struct Site {
    sandbox: Sandbox,
    backend: FakeBackend,
}

impl Site {
    fn new() -> Site {
        let backend = FakeBackend::http();
        backend.add_tenant(TENANT, false);
        for user in [
            json!({"id": "u1", "email": "ann@acme.example", "first_name": "Ann", "last_name": "Lee", "okta_login": "ann@acme.example", "active": true}),
            json!({"id": "u2", "email": "bob@acme.example", "first_name": "Bob", "last_name": "Ng", "okta_login": null, "active": true}),
            json!({"id": "u3", "email": "carol@acme.example", "first_name": "Carol", "last_name": "Diaz", "okta_login": null, "active": false}),
        ] {
            backend.add_user(TENANT, user);
        }

        let sandbox = Sandbox::new();
        sandbox.write_config(&format!(
            "[profiles.default]\nbackend_url = \"{}\"\ntenant_url = \"{}\"\nstaff_name = \"Dana Smith\"\n",
            backend.base(),
            backend.tenant_url()
        ));
        Site { sandbox, backend }
    }

    fn cake<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.sandbox.cake(args).env("CAKE_OKTA_TOKEN", TOKEN)
    }

    fn write_csv(&self, name: &str, text: &str) -> PathBuf {
        let path = self.sandbox.path().join(name);
        std::fs::write(&path, text).expect("write CSV");
        path
    }

    fn posts(&self) -> usize {
        self.backend.requests_to("POST", USERS_PATH).len()
    }

    /// Lists the users on the site now.
    fn users(&self) -> Vec<Value> {
        let outcome = self.cake(["users", "list", TENANT, "--json"]).run();
        outcome.code(0);
        outcome.json().as_array().expect("a JSON array").clone()
    }

    fn import(&self, file: &PathBuf, extra: &[&str]) -> crate::support::Outcome {
        self.cake(["users", "import", TENANT]).arg(file).args(extra).arg("--json").run()
    }
}

fn ids(users: &[Value]) -> Vec<&str> {
    users.iter().map(|user| user["id"].as_str().expect("id is a string")).collect()
}

fn emails(users: &[Value]) -> Vec<String> {
    users.iter().map(|user| user["email"].as_str().expect("email").to_lowercase()).collect()
}

#[test]
fn list_json_has_documented_fields() {
    let site = Site::new();
    let users = site.users();
    assert_eq!(ids(&users), ["u1", "u2", "u3"]);

    let mut keys: Vec<&String> = users[0].as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["active", "email", "first_name", "id", "last_name", "okta_login"]);
    assert_eq!(users[0]["okta_login"], "ann@acme.example");
    assert_eq!(users[1]["okta_login"], Value::Null);
    assert_eq!(users[2]["active"], false);

    let request = &site.backend.requests_to("GET", USERS_PATH)[0];
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(request.header("authorization"), Some(bearer.as_str()));
}

#[test]
fn list_missing_okta_filters() {
    let site = Site::new();
    let outcome = site.cake(["users", "list", TENANT, "--missing-okta", "--json"]).run();
    outcome.code(0);
    assert_eq!(ids(outcome.json().as_array().unwrap()), ["u2", "u3"]);
}

#[test]
fn list_piped_is_tab_separated() {
    let site = Site::new();
    let outcome = site.cake(["users", "list", TENANT]).run();
    outcome.code(0);
    let lines: Vec<&str> = outcome.stdout.lines().collect();
    assert_eq!(lines[0], "id\temail\tfirst_name\tlast_name\tokta_login\tactive");
    assert_eq!(lines[1], "u1\tann@acme.example\tAnn\tLee\tann@acme.example\tyes");
    assert_eq!(lines[2], "u2\tbob@acme.example\tBob\tNg\t\tyes");
    assert_eq!(lines.len(), 4);
}

#[test]
fn list_without_token_says_how() {
    let site = Site::new();
    site.backend.set_token("another-token");
    let outcome = site.cake(["users", "list", TENANT]).run();
    outcome.code(1).stderr_has("cake-okta auth login");
}

#[test]
fn add_sends_checked_fields() {
    let site = Site::new();
    let outcome = site
        .cake([
            "users", "add", TENANT, "--email", " dan@acme.example ", "--first-name", "Dan", "--last-name", "Ek",
            "--okta-login", "dan@acme.example", "--active", "false", "--json",
        ])
        .run();
    outcome.code(0);
    let added = outcome.json();
    assert_eq!(added["id"], "u4");
    assert_eq!(added["active"], false);

    let posts = site.backend.requests_to("POST", USERS_PATH);
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].json(),
        json!({"email": "dan@acme.example", "first_name": "Dan", "last_name": "Ek", "okta_login": "dan@acme.example", "active": false})
    );
}

#[test]
fn add_invalid_fields_send_nothing() {
    let site = Site::new();
    let outcome = site
        .cake(["users", "add", TENANT, "--email", "dan.acme.example", "--first-name", " ", "--last-name", "Ek", "--okta-login", "dan lee"])
        .run();
    outcome.code(2).stderr_has("--email").stderr_has("has no @").stderr_has("--first-name: first_name is empty");
    outcome.stderr_has("--okta-login");
    assert!(site.backend.requests().is_empty(), "requests were sent: {:?}", site.backend.requests());
}

#[test]
fn add_existing_email_explains_conflict() {
    let site = Site::new();
    let outcome = site
        .cake(["users", "add", TENANT, "--email", "ann@acme.example", "--first-name", "Ann", "--last-name", "Lee"])
        .run();
    outcome.code(1).stderr_has("a user with this email already exists").stderr_has("cake-okta users list acme.cake.example");
}

#[test]
fn edit_sends_only_given_fields() {
    let site = Site::new();
    let outcome = site.cake(["users", "edit", TENANT, "u2", "--okta-login", "bob@acme.example", "--json"]).run();
    outcome.code(0);
    assert_eq!(outcome.json()["okta_login"], "bob@acme.example");

    let puts = site.backend.requests_to("PUT", &format!("{USERS_PATH}/u2"));
    assert_eq!(puts[0].json(), json!({"okta_login": "bob@acme.example"}));

    site.cake(["users", "edit", TENANT, "u2", "--clear-okta-login", "--active", "no"]).run().code(0);
    let puts = site.backend.requests_to("PUT", &format!("{USERS_PATH}/u2"));
    assert_eq!(puts[1].json(), json!({"okta_login": null, "active": false}));
}

#[test]
fn edit_unknown_id_explains_not_found() {
    let site = Site::new();
    let outcome = site.cake(["users", "edit", TENANT, "u99", "--last-name", "Ng"]).run();
    outcome.code(1).stderr_has("does not know this user id").stderr_has("cake-okta users list acme.cake.example");
}

#[test]
fn edit_needs_a_change() {
    let site = Site::new();
    site.cake(["users", "edit", TENANT, "u2"]).run().code(2).stderr_has("nothing to change");
    site.cake(["users", "edit", TENANT, "u2", "--email", "bob@"]).run().code(2).stderr_has("--email");
    assert!(site.backend.requests().is_empty());
}

#[test]
fn import_reports_bad_and_duplicate_rows() {
    let site = Site::new();
    let file = site.write_csv(
        "users.csv",
        "\u{feff}Email , First_Name,last_name,okta_login,active
dan@acme.example,Dan,Ek,dan@acme.example,true
erin@acme,Erin,Fox,,
frank@acme.example,Frank,Gil,,perhaps
gus@acme.example,Gus,Ho,,
GUS@acme.example,Gus,Ho,,
",
    );
    let outcome = site.import(&file, &[]);
    outcome.code(1);
    let json = outcome.json();
    assert_eq!(json["outcome"], "invalid");
    let lines: Vec<u64> = json["invalid_rows"].as_array().unwrap().iter().map(|row| row["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [3, 4, 5, 6]);
    assert_eq!(json["invalid_rows"][0]["reasons"][0], "email \"erin@acme\" has no dot in its domain \"acme\"");
    assert_eq!(json["invalid_rows"][2]["reasons"][0], "email \"gus@acme.example\" is also on line 6");

    outcome.stderr_has("line 4: active \"perhaps\" is not true or false").stderr_has("nothing was imported");
    let methods: Vec<String> = site.backend.requests().iter().map(|request| request.method.clone()).collect();
    assert_eq!(methods, ["GET"], "only the user list may be read");
}

#[test]
fn import_unknown_column_named() {
    let site = Site::new();
    let file = site.write_csv("users.csv", "email,phone,first_name\n");
    let outcome = site.cake(["users", "import", TENANT]).arg(&file).run();
    outcome.code(1).stderr_has("unknown columns: \"phone\"").stderr_has("users.csv");
}

#[test]
fn import_skips_or_updates_existing() {
    let site = Site::new();
    let file = site.write_csv(
        "users.csv",
        "email,first_name,last_name,okta_login
ANN@acme.example,Ann,Lee,ann@acme.example
BOB@acme.example,Bob,Ng,bob@acme.example
dan@acme.example,Dan,Ek,
",
    );

    let first = site.import(&file, &[]);
    first.code(0);
    let json = first.json();
    assert_eq!((json["added"].as_u64(), json["updated"].as_u64(), json["skipped"].as_u64()), (Some(1), Some(0), Some(2)));
    assert_eq!(json["outcome"], "complete");

    let updated = site.import(&file, &["--update-existing"]);
    updated.code(0);
    let json = updated.json();
    assert_eq!((json["added"].as_u64(), json["updated"].as_u64(), json["skipped"].as_u64()), (Some(0), Some(1), Some(2)));
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows[1]["action"], "update");
    assert_eq!(rows[1]["id"], "u2");

    let puts = site.backend.requests_to("PUT", &format!("{USERS_PATH}/u2"));
    assert_eq!(puts.len(), 1, "only the user whose values differ is updated");
    assert_eq!(puts[0].json(), json!({"okta_login": "bob@acme.example"}));
    assert_eq!(site.posts(), 1);
}

#[test]
fn import_new_user_without_names_is_bad() {
    let site = Site::new();
    let file = site.write_csv("users.csv", "email,okta_login\nbob@acme.example,bob@acme.example\nzoe@acme.example,zoe@acme.example\n");
    let outcome = site.import(&file, &["--update-existing"]);
    outcome.code(1);
    let json = outcome.json();
    assert_eq!(json["invalid_rows"][0]["line"], 3);
    assert!(json["invalid_rows"][0]["reasons"][0].as_str().unwrap().contains("first_name and last_name are required"));
    assert_eq!(site.posts(), 0);
    assert!(site.backend.requests_to("PUT", &format!("{USERS_PATH}/u2")).is_empty());
}

#[test]
fn import_dry_run_sends_nothing() {
    let site = Site::new();
    let file = site.write_csv("users.csv", "email,first_name,last_name\ndan@acme.example,Dan,Ek\nbob@acme.example,Bob,Ng\n");
    let outcome = site.import(&file, &["--dry-run"]);
    outcome.code(0);
    let json = outcome.json();
    assert_eq!(json["outcome"], "dry_run");
    assert_eq!((json["added"].as_u64(), json["skipped"].as_u64()), (Some(1), Some(1)));
    assert_eq!(json["rows"][0]["result"], Value::Null);

    let methods: Vec<String> = site.backend.requests().iter().map(|request| request.method.clone()).collect();
    assert_eq!(methods, ["GET"]);
}

/// The site fails for good after four users were added. The run stops and
/// reports what was and was not done, and a second run finishes the job
/// without adding anyone twice.
#[test]
fn import_stopped_halfway_then_rerun() {
    let site = Site::new();
    let mut text = String::from("email,first_name,last_name\n");
    for index in 1..=10 {
        text.push_str(&format!("new{index}@acme.example,New,User{index}\n"));
    }
    let file = site.write_csv("users.csv", &text);

    // One GET, then four POSTs go through; the fifth gets 503 on every retry.
    site.backend.fail_after(5, Fault::Unavailable("0".into()));
    let stopped = site.import(&file, &[]);
    stopped.code(1);
    let json = stopped.json();
    assert_eq!(json["outcome"], "stopped");
    assert_eq!(json["added"], 4);
    assert_eq!(json["failed"], 1);
    assert_eq!(json["not_attempted"], 5);
    assert!(json["error"].as_str().unwrap().contains("503") || json["error"].as_str().unwrap().contains("failed to handle"), "{json}");
    assert_eq!(json["rows"][4]["result"], "failed");
    assert_eq!(json["rows"][5]["result"], "not_attempted");
    stopped.stderr_has("not attempted (lines 7-11)").stderr_has("again");

    site.backend.heal();
    let rerun = site.import(&file, &[]);
    rerun.code(0);
    let json = rerun.json();
    assert_eq!((json["added"].as_u64(), json["skipped"].as_u64()), (Some(6), Some(4)));

    let mut all = emails(&site.users());
    assert_eq!(all.len(), 13);
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 13, "an email was added twice");
}

/// 500 rows of which 3 are bad: exactly those 3 are reported and nothing
/// is posted. Once the file is fixed all 500 are added, and a third run
/// adds none.
#[test]
fn import_500_rows_all_or_nothing() {
    let site = Site::new();
    let bad_lines = [42_u64, 250, 498];
    let csv = |with_errors: bool| {
        let mut text = String::from("email,first_name,last_name,active\n");
        for index in 1..=500_u64 {
            let line = index + 1;
            let row = match (with_errors, line) {
                (true, 42) => format!("user{index}.acme.example,First,Last{index},true\n"),
                (true, 250) => format!("user{index}@acme.example,,Last{index},true\n"),
                (true, 498) => format!("user{index}@acme.example,First,Last{index},sometimes\n"),
                _ => format!("user{index}@acme.example,First,Last{index},true\n"),
            };
            text.push_str(&row);
        }
        text
    };

    let file = site.write_csv("users.csv", &csv(true));
    let invalid = site.import(&file, &[]);
    invalid.code(1);
    let reported: Vec<u64> =
        invalid.json()["invalid_rows"].as_array().unwrap().iter().map(|row| row["line"].as_u64().unwrap()).collect();
    assert_eq!(reported, bad_lines);
    let stderr_lines: Vec<&str> = invalid.stderr.lines().filter(|line| line.trim_start().starts_with("line ")).collect();
    assert_eq!(stderr_lines.len(), 3, "{}", invalid.stderr);
    assert_eq!(site.posts(), 0);

    let fixed = site.write_csv("users.csv", &csv(false));
    let added = site.import(&fixed, &[]);
    added.code(0);
    assert_eq!(added.json()["added"], 500);
    assert_eq!(site.posts(), 500);

    let again = site.import(&fixed, &[]);
    again.code(0);
    let json = again.json();
    assert_eq!((json["added"].as_u64(), json["skipped"].as_u64()), (Some(0), Some(500)));
    assert_eq!(site.posts(), 500);
}
