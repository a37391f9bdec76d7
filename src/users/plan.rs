//! The plan of `users import`: the action for each valid row, decided
//! against the users the tenant's site already has. A row adds a new user,
//! updates an existing one (only with `--update-existing`, and only when a
//! value differs), or is skipped. Emails are matched without case, so a
//! re-run after a partial import skips the users the first run added.

use std::collections::HashMap;

use super::csv_file::{BadRow, ImportRow};
use crate::backend::{NewUser, User, UserChanges};

/// Action for one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Add(NewUser),
    /// Send these changes to the existing user with this id.
    Update { id: String, changes: UserChanges },
    Skip { id: String, reason: SkipReason },
}

/// Reason a row is skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// The user exists and `--update-existing` was not given.
    Exists,
    /// The user exists and every value in the row is already set.
    Unchanged,
}

/// A row with its action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRow {
    pub line: u64,
    pub email: String,
    pub action: Action,
}

/// Plans every row against the existing users. Rows that cannot be carried
/// out (a new user without a first or last name, an email that matches
/// several users) are returned as bad rows instead, all of them, so nothing
/// is sent while one is left.
pub fn plan_import(rows: &[ImportRow], existing: &[User], update_existing: bool) -> Result<Vec<PlannedRow>, Vec<BadRow>> {
    let mut by_email: HashMap<String, Vec<&User>> = HashMap::new();
    for user in existing {
        by_email.entry(user.email.to_lowercase()).or_default().push(user);
    }

    let mut planned = Vec::new();
    let mut bad_rows = Vec::new();
    for row in rows {
        let matches = by_email.get(&row.email.to_lowercase()).map(Vec::as_slice).unwrap_or_default();
        let action = match matches {
            [] => add_action(row),
            [user] => Ok(existing_action(row, user, update_existing)),
            several => Err(vec![format!(
                "email {:?} matches {} users on the tenant's site (ids {}); fix them there first",
                row.email,
                several.len(),
                several.iter().map(|user| user.id.as_str()).collect::<Vec<_>>().join(", ")
            )]),
        };
        match action {
            Ok(action) => planned.push(PlannedRow { line: row.line, email: row.email.clone(), action }),
            Err(reasons) => bad_rows.push(BadRow { line: row.line, email: Some(row.email.clone()), reasons }),
        }
    }

    if bad_rows.is_empty() { Ok(planned) } else { Err(bad_rows) }
}

fn add_action(row: &ImportRow) -> Result<Action, Vec<String>> {
    let missing: Vec<&str> = [("first_name", &row.first_name), ("last_name", &row.last_name)]
        .into_iter()
        .filter(|(_, value)| value.is_none())
        .map(|(name, _)| name)
        .collect();
    if !missing.is_empty() {
        return Err(vec![format!(
            "{} required to add a new user, and no user with this email exists on the tenant's site",
            if missing.len() == 1 { format!("{} is", missing[0]) } else { format!("{} are", missing.join(" and ")) }
        )]);
    }

    Ok(Action::Add(NewUser {
        email: row.email.clone(),
        first_name: row.first_name.clone().unwrap_or_default(),
        last_name: row.last_name.clone().unwrap_or_default(),
        okta_login: row.okta_login.clone(),
        active: row.active,
    }))
}

fn existing_action(row: &ImportRow, user: &User, update_existing: bool) -> Action {
    let id = user.id.clone();
    if !update_existing {
        return Action::Skip { id, reason: SkipReason::Exists };
    }

    let changes = changes_for(row, user);
    if changes == UserChanges::default() {
        Action::Skip { id, reason: SkipReason::Unchanged }
    } else {
        Action::Update { id, changes }
    }
}

/// Collects the values of the row that differ from the user's. The email is
/// the key that matched, so it is never changed, and empty cells change
/// nothing.
fn changes_for(row: &ImportRow, user: &User) -> UserChanges {
    let differs = |new: &Option<String>, old: &str| new.clone().filter(|new| new != old);
    UserChanges {
        email: None,
        first_name: differs(&row.first_name, &user.first_name),
        last_name: differs(&row.last_name, &user.last_name),
        okta_login: row
            .okta_login
            .clone()
            .filter(|login| Some(login.as_str()) != user.okta_login.as_deref())
            .map(Some),
        active: row.active.filter(|active| *active != user.active),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, email: &str, login: Option<&str>) -> User {
        User {
            id: id.into(),
            email: email.into(),
            first_name: "Ann".into(),
            last_name: "Lee".into(),
            okta_login: login.map(str::to_string),
            active: true,
        }
    }

    fn row(line: u64, email: &str) -> ImportRow {
        ImportRow {
            line,
            email: email.into(),
            first_name: Some("Ann".into()),
            last_name: Some("Lee".into()),
            okta_login: None,
            active: None,
        }
    }

    #[test]
    fn existing_skipped_without_update_flag() {
        let existing = [user("u1", "Ann@Acme.example", None)];
        let mut changed = row(2, "ann@acme.example");
        changed.okta_login = Some("ann@acme.example".into());
        let planned = plan_import(&[changed, row(3, "bob@acme.example")], &existing, false).unwrap();

        assert_eq!(planned[0].action, Action::Skip { id: "u1".into(), reason: SkipReason::Exists });
        assert!(matches!(&planned[1].action, Action::Add(new) if new.email == "bob@acme.example"));
    }

    #[test]
    fn update_sends_only_differences() {
        let existing = [user("u1", "ann@acme.example", Some("ann.old@acme.example"))];
        let cases: Vec<(ImportRow, Action)> = vec![
            (row(2, "ann@acme.example"), Action::Skip { id: "u1".into(), reason: SkipReason::Unchanged }),
            (
                ImportRow { okta_login: Some("ann@acme.example".into()), active: Some(true), ..row(2, "ANN@acme.example") },
                Action::Update {
                    id: "u1".into(),
                    changes: UserChanges { okta_login: Some(Some("ann@acme.example".into())), ..UserChanges::default() },
                },
            ),
            (
                ImportRow { last_name: Some("Lee-Ng".into()), active: Some(false), first_name: None, ..row(2, "ann@acme.example") },
                Action::Update {
                    id: "u1".into(),
                    changes: UserChanges { last_name: Some("Lee-Ng".into()), active: Some(false), ..UserChanges::default() },
                },
            ),
        ];
        for (input, expected) in cases {
            let planned = plan_import(std::slice::from_ref(&input), &existing, true).unwrap();
            assert_eq!(planned[0].action, expected, "{input:?}");
        }
    }

    #[test]
    fn new_user_needs_names() {
        let rows = [
            ImportRow { first_name: None, ..row(2, "bob@acme.example") },
            ImportRow { first_name: None, last_name: None, ..row(5, "carol@acme.example") },
            row(6, "dan@acme.example"),
        ];
        let bad = plan_import(&rows, &[], false).unwrap_err();
        assert_eq!(bad.iter().map(|bad| bad.line).collect::<Vec<_>>(), [2, 5]);
        assert!(bad[0].reasons[0].starts_with("first_name is required"), "{:?}", bad[0]);
        assert!(bad[1].reasons[0].starts_with("first_name and last_name are required"), "{:?}", bad[1]);
    }

    #[test]
    fn existing_user_needs_no_names() {
        let existing = [user("u1", "bob@acme.example", None)];
        let rows = [ImportRow { first_name: None, last_name: None, ..row(2, "bob@acme.example") }];
        assert!(plan_import(&rows, &existing, true).is_ok());
    }

    #[test]
    fn email_matching_several_users_is_bad() {
        let existing = [user("u1", "ann@acme.example", None), user("u7", "ANN@acme.example", None)];
        let bad = plan_import(&[row(4, "ann@acme.example")], &existing, false).unwrap_err();
        assert!(bad[0].reasons[0].contains("matches 2 users"), "{:?}", bad[0]);
        assert!(bad[0].reasons[0].contains("u1, u7"), "{:?}", bad[0]);
    }
}
