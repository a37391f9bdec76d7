//! Table tests for the client ID checks.

use proptest::prelude::*;

use super::*;
use crate::issuer::Status::{self, Fail, Pass, Warn};

const OKTA_ID: &str = "0oa1a2b3c4d5e6f7g8h9";

/// Checks a single ID.
fn check(id: &str) -> ClientIds {
    check_client_ids(&[id.to_string()])
}

/// Input, check id, status, words the hint must contain, and the cleaned ID.
type IdCase<'a> = (&'a str, &'a str, Status, &'a [&'a str], Option<&'a str>);

#[test]
fn single_id_cases() {
    #[rustfmt::skip]
    let cases: &[IdCase] = &[
        (OKTA_ID, "client_id.format", Pass, &[], Some(OKTA_ID)),
        ("0oaABCDEFGHIJKLMNOPQ", "client_id.format", Pass, &[], Some("0oaABCDEFGHIJKLMNOPQ")),
        ("  0oa1a2b3c4d5e6f7g8h9\n", "client_id.whitespace", Warn, &["spaces"], Some(OKTA_ID)),
        ("\t0oa1a2b3c4d5e6f7g8h9\r\n", "client_id.whitespace", Warn, &["whitespace", "tabs"], Some(OKTA_ID)),
        ("\"0oa1a2b3c4d5e6f7g8h9\"", "client_id.quotes", Warn, &["quote"], Some(OKTA_ID)),
        ("\u{201C}0oa1a2b3c4d5e6f7g8h9\u{201D}", "client_id.quotes", Warn, &["quote"], Some(OKTA_ID)),
        ("{0oa1a2b3c4d5e6f7g8h9}", "client_id.braces", Fail, &["brace", "curly", OKTA_ID], Some("{0oa1a2b3c4d5e6f7g8h9}")),
        ("{{0oa1a2b3c4d5e6f7g8h9}}", "client_id.braces", Fail, &["curly braces", OKTA_ID], Some("{{0oa1a2b3c4d5e6f7g8h9}}")),
        ("<0oa1a2b3c4d5e6f7g8h9>", "client_id.braces", Fail, &["angle brackets", OKTA_ID], Some("<0oa1a2b3c4d5e6f7g8h9>")),
        ("[0oa1a2b3c4d5e6f7g8h9]", "client_id.braces", Fail, &["square brackets", OKTA_ID], Some("[0oa1a2b3c4d5e6f7g8h9]")),
        ("${0oa1a2b3c4d5e6f7g8h9}", "client_id.braces", Fail, &["Remove the curly braces with a dollar sign", OKTA_ID], Some("${0oa1a2b3c4d5e6f7g8h9}")),
        ("%7B0oa1a2b3c4d5e6f7g8h9%7D", "client_id.braces", Fail, &["curly braces", OKTA_ID], Some("%7B0oa1a2b3c4d5e6f7g8h9%7D")),
        ("{0oa1a2b3c4d5e6f7g8h9", "client_id.braces", Fail, &["curly brace", OKTA_ID], Some("{0oa1a2b3c4d5e6f7g8h9")),
        ("0oa1a2b3c4d5e6f7g8h9}", "client_id.braces", Fail, &["curly brace", OKTA_ID], Some("0oa1a2b3c4d5e6f7g8h9}")),
        ("0oa1a2b3c4d5e6f7g8h9]", "client_id.braces", Fail, &["square bracket", OKTA_ID], Some("0oa1a2b3c4d5e6f7g8h9]")),
        ("<0oa1a2b3c4d5e6f7g8h9", "client_id.braces", Fail, &["never contains an angle bracket;", OKTA_ID], Some("<0oa1a2b3c4d5e6f7g8h9")),
        ("{0oa1a2b3c4d5e6f7g8h9>", "client_id.braces", Fail, &["never contains a curly brace and an angle bracket;", OKTA_ID], Some("{0oa1a2b3c4d5e6f7g8h9>")),
        ("0oa**************", "client_id.placeholder", Fail, &["0oa", "masked or shortened", "whole"], Some("0oa**************")),
        ("0oa1b2...h8i9", "client_id.placeholder", Fail, &["masked or shortened"], Some("0oa1b2...h8i9")),
        ("0oa1b2c3d4e5f6g7h8i…", "client_id.placeholder", Fail, &["masked or shortened"], Some("0oa1b2c3d4e5f6g7h8i…")),
        ("{yourClientId}", "client_id.placeholder", Fail, &["copied from documentation"], Some("{yourClientId}")),
        ("xxxxxxxxxx", "client_id.placeholder", Fail, &["copied from documentation"], Some("xxxxxxxxxx")),
        ("cake{portal}x", "client_id.braces", Fail, &["curly brace", "cakeportalx"], Some("cake{portal}x")),
        ("{clientId}", "client_id.placeholder", Fail, &["documentation", "0oa", "in curly braces"], Some("{clientId}")),
        ("<client_id>", "client_id.placeholder", Fail, &["0oa"], Some("<client_id>")),
        ("YOUR_CLIENT_ID", "client_id.placeholder", Fail, &["0oa"], Some("YOUR_CLIENT_ID")),
        ("${OKTA_CLIENT_ID}", "client_id.placeholder", Fail, &["0oa", "in curly braces with a dollar sign"], Some("${OKTA_CLIENT_ID}")),
        ("{{client_id}}", "client_id.placeholder", Fail, &["0oa"], Some("{{client_id}}")),
        ("client_id", "client_id.placeholder", Fail, &["0oa"], Some("client_id")),
        ("0oaXXXXXXXXXXXXXXXXX", "client_id.placeholder", Fail, &["0oa"], Some("0oaXXXXXXXXXXXXXXXXX")),
        ("0oa...", "client_id.placeholder", Fail, &["0oa"], Some("0oa...")),
        ("https://example.okta.com/oauth2/default", "client_id.url", Fail, &["0oa"], Some("https://example.okta.com/oauth2/default")),
        ("example.okta.com/oauth2/default", "client_id.url", Fail, &["URL"], Some("example.okta.com/oauth2/default")),
        ("https://example.okta.com/oauth2/default/v1/authorize?client_id=0oa1a2b3c4d5e6f7g8h9&state=x", "client_id.url", Fail, &["client_id=0oa1a2b3c4d5e6f7g8h9"], Some("https://example.okta.com/oauth2/default/v1/authorize?client_id=0oa1a2b3c4d5e6f7g8h9&state=x")),
        ("0oa1a2b3c4 d5e6f7g8h9", "client_id.spaces", Fail, &["0oa1a2b3c4d5e6f7g8h9"], Some("0oa1a2b3c4 d5e6f7g8h9")),
        ("my app id", "client_id.spaces", Fail, &["no spaces"], Some("my app id")),
        ("0oa1a2b3c4d5e6f7g8h9,0oa9h8g7f6e5d4c3b2a1", "client_id.list", Fail, &["separately", "0oa9h8g7f6e5d4c3b2a1"], Some("0oa1a2b3c4d5e6f7g8h9,0oa9h8g7f6e5d4c3b2a1")),
        ("0oa1a2b3c4d5e6f7g8h9 0oa9h8g7f6e5d4c3b2a1", "client_id.list", Fail, &["separately"], Some("0oa1a2b3c4d5e6f7g8h9 0oa9h8g7f6e5d4c3b2a1")),
        ("0oa1a2b3c4d5e6f7g8h9 and 0oa9h8g7f6e5d4c3b2a1", "client_id.list", Fail, &["separately: 0oa1a2b3c4d5e6f7g8h9 and 0oa9h8g7f6e5d4c3b2a1."], Some("0oa1a2b3c4d5e6f7g8h9 and 0oa9h8g7f6e5d4c3b2a1")),
        ("Client ID: 0oa1a2b3c4d5e6f7g8h9", "client_id.spaces", Fail, &["probably 0oa1a2b3c4d5e6f7g8h9"], Some("Client ID: 0oa1a2b3c4d5e6f7g8h9")),
        ("0oa1a2b3c4d5e6f7g8h9 (production)", "client_id.spaces", Fail, &["probably 0oa1a2b3c4d5e6f7g8h9"], Some("0oa1a2b3c4d5e6f7g8h9 (production)")),
        ("aus1a2b3c4d5e6f7g8h9", "client_id.server_id", Fail, &["0oa", "/oauth2/aus1a2b3c4d5e6f7g8h9"], Some("aus1a2b3c4d5e6f7g8h9")),
        ("00u1a2b3c4d5e6f7g8h9", "client_id.user_id", Fail, &["0oa", "id of a user"], Some("00u1a2b3c4d5e6f7g8h9")),
        ("00g1a2b3c4d5e6f7g8h9", "client_id.group_id", Fail, &["0oa", "id of a group"], Some("00g1a2b3c4d5e6f7g8h9")),
        ("cake-portal", "client_id.format", Warn, &["0oa", "custom"], Some("cake-portal")),
        ("cake.portal_prod-2024", "client_id.format", Warn, &["0oa", "custom"], Some("cake.portal_prod-2024")),
        ("cake$-_.+!*'(),x1", "client_id.format", Warn, &["0oa", "custom"], Some("cake$-_.+!*'(),x1")),
        ("My_Cake-Integration2024", "client_id.format", Warn, &["0oa", "custom"], Some("My_Cake-Integration2024")),
        ("cake-admin-portal-integration-for-production", "client_id.format", Warn, &["0oa"], Some("cake-admin-portal-integration-for-production")),
        ("0oa1a2b3c4d5e6f7g8h", "client_id.format", Warn, &["cut short", "custom", "20 characters", "has 19"], Some("0oa1a2b3c4d5e6f7g8h")),
        ("0oa1a2b3c4d5e6f7g8h9x", "client_id.format", Warn, &["custom"], Some("0oa1a2b3c4d5e6f7g8h9x")),
        ("Ooa1a2b3c4d5e6f7g8h9", "client_id.format", Fail, &["0oa1a2b3c4d5e6f7g8h9"], Some("Ooa1a2b3c4d5e6f7g8h9")),
        ("abc", "client_id.format", Fail, &["6 to 100"], Some("abc")),
        (&"a".repeat(101), "client_id.format", Fail, &["6 to 100"], Some(&"a".repeat(101))),
        ("0oa1a2b3c4d5e6f7g8h9@okta", "client_id.format", Fail, &["6 to 100"], Some("0oa1a2b3c4d5e6f7g8h9@okta")),
        ("user@example.test", "client_id.format", Fail, &["0oa"], Some("user@example.test")),
        ("0oa1a2b3c4d5\u{200B}e6f7g8h9", "client_id.control_chars", Fail, &["plain text"], Some(OKTA_ID)),
        ("0oa1a2b3c4d5\u{1b}e6f7g8h9", "client_id.control_chars", Fail, &["plain text"], Some(OKTA_ID)),
    ];

    for (input, id, status, words, cleaned) in cases {
        let result = check(input);
        let found = result.checks.iter().find(|check| check.id == *id);
        let found = found.unwrap_or_else(|| panic!("no {id} for {input:?}: {:?}", result.checks));
        assert_eq!(
            found.status, *status,
            "status of {id} for {input:?}: {:?}",
            result.checks
        );

        let hint = found.hint.as_deref().unwrap_or_default();
        for word in *words {
            assert!(
                hint.contains(word),
                "hint of {id} for {input:?} lacks {word:?}: {hint}"
            );
        }
        assert_eq!(
            result.ids.first().map(String::as_str),
            *cleaned,
            "cleaned id of {input:?}"
        );
    }
}

#[test]
fn one_verdict_per_id() {
    let cases = [
        OKTA_ID,
        "{0oa1a2b3c4d5e6f7g8h9}",
        "cake-portal",
        "aus1a2b3c4d5e6f7g8h9",
        "abc",
        "{clientId}",
    ];
    for input in cases {
        let result = check(input);
        let judged = result
            .checks
            .iter()
            .filter(|check| !matches!(check.id, "client_id.whitespace" | "client_id.quotes"));
        assert_eq!(
            judged.count(),
            1,
            "checks for {input:?}: {:?}",
            result.checks
        );
    }
}

#[test]
fn secrets_are_masked_and_left_out() {
    let cases = [
        // 40 and 64 characters of base64url, as Okta generates.
        "Xk9_vR2-Lq8mTz3WbN7yHc5FdJ1sPa4GuE6oKi0h",
        "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5oQ7sU9wY1-_aC3eG5iK7mO9qS1uW",
        // Mixed - and _ from 20 characters on.
        "Zq4-Wx9_Ty2-Lm8_Nb3v",
        // Hexadecimal key material.
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        // A JSON Web Token.
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMHUxIn0.c2lnbmF0dXJl",
        // Wrapped in braces.
        "{Xk9_vR2-Lq8mTz3WbN7yHc5FdJ1sPa4GuE6oKi0h}",
        // Pasted with a label, or after the client ID as in basic auth.
        "Secret: Xk9_vR2-Lq8mTz3WbN7yHc5FdJ1sPa4GuE6oKi0h",
        "0oa1a2b3c4d5e6f7g8h9:Xk9_vR2-Lq8mTz3WbN7yHc5FdJ1sPa4GuE6oKi0h",
        "SECRET=aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5oQ7sU9wY1-_aC3eG5iK7mO9qS1uW",
    ];
    for secret in cases {
        let result = check(secret);
        assert!(
            result.ids.is_empty(),
            "{secret:?} was kept: {:?}",
            result.ids
        );

        let found = result
            .checks
            .iter()
            .find(|check| check.id == "client_id.secret");
        let found =
            found.unwrap_or_else(|| panic!("no secret check for {secret:?}: {:?}", result.checks));
        assert_eq!(found.status, Fail);

        let prefix: String = secret.chars().take(4).collect();
        let fifth: String = secret.chars().take(5).collect();
        assert!(
            found.message.contains(&format!("{prefix}…")),
            "message does not show the prefix: {}",
            found.message
        );
        assert!(
            !found.message.contains(&fifth),
            "message shows more than 4 characters: {}",
            found.message
        );

        let hint = found.hint.as_deref().unwrap_or_default();
        for word in ["Never send", "email", "rotate"] {
            assert!(hint.contains(word), "hint lacks {word:?}: {hint}");
        }
        for check in &result.checks {
            let text = format!(
                "{} {}",
                check.message,
                check.hint.as_deref().unwrap_or_default()
            );
            assert!(!text.contains(secret), "{} repeats the secret", check.id);
        }
    }
}

#[test]
fn hint_says_where_the_id_is_shown() {
    let result = check_client_ids(&[]);
    let missing = result
        .checks
        .iter()
        .find(|check| check.id == "client_id.missing")
        .expect("missing check");
    let hint = missing.hint.as_deref().unwrap_or_default();
    assert!(
        hint.contains("The Client ID is shown on the app's General tab"),
        "hint: {hint}"
    );
}

#[test]
fn ids_that_are_not_secrets() {
    let cases = [
        OKTA_ID,
        "My_Cake-Integration2024",
        "cake-admin-portal-integration-for-production",
        "cake_admin-portal",
        "0oa1a2b3c4d5e6f7g8h9x",
    ];
    for id in cases {
        assert!(!looks_secret(id), "{id:?} was taken for a secret");
    }
}

#[test]
fn list_level_checks() {
    // (ids, check id, status, number of cleaned ids)
    let okta = OKTA_ID.to_string();
    let other = "0oa9h8g7f6e5d4c3b2a1".to_string();
    #[rustfmt::skip]
    let cases: Vec<(Vec<String>, &str, Status, usize)> = vec![
        (vec![], "client_id.missing", Fail, 0),
        (vec![String::new()], "client_id.missing", Fail, 0),
        (vec!["  ".into(), "\"\"".into()], "client_id.missing", Fail, 0),
        (vec![okta.clone(), okta.clone()], "client_id.duplicate", Warn, 2),
        (vec![okta.clone(), format!(" {okta} ")], "client_id.duplicate", Warn, 2),
        (vec![okta.clone(), String::new()], "client_id.empty", Warn, 1),
        (vec![okta.clone(), other.clone()], "client_id.format", Pass, 2),
    ];

    for (ids, id, status, count) in cases {
        let result = check_client_ids(&ids);
        let found = result.checks.iter().find(|check| check.id == id);
        let found = found.unwrap_or_else(|| panic!("no {id} for {ids:?}: {:?}", result.checks));
        assert_eq!(found.status, status, "status of {id} for {ids:?}");
        assert_eq!(
            result.ids.len(),
            count,
            "cleaned ids for {ids:?}: {:?}",
            result.ids
        );
    }
}

#[test]
fn duplicate_reported_once_with_count() {
    let ids = vec![OKTA_ID.to_string(); 3];
    let result = check_client_ids(&ids);
    let duplicates: Vec<&Check> = result
        .checks
        .iter()
        .filter(|check| check.id == "client_id.duplicate")
        .collect();
    assert_eq!(duplicates.len(), 1, "checks: {:?}", result.checks);
    assert!(
        duplicates[0].message.contains("3 times"),
        "message: {}",
        duplicates[0].message
    );

    let twice = check_client_ids(&[OKTA_ID.to_string(), OKTA_ID.to_string()]);
    let duplicate = twice
        .checks
        .iter()
        .find(|check| check.id == "client_id.duplicate")
        .expect("duplicate check");
    assert!(
        duplicate.message.contains("twice"),
        "message: {}",
        duplicate.message
    );
    let hint = duplicate.hint.as_deref().unwrap_or_default();
    assert!(
        hint.contains("twice") && hint.contains("duplicate"),
        "hint: {hint}"
    );
}

#[test]
fn order_is_kept() {
    let ids = ["  0oa9h8g7f6e5d4c3b2a1 ", OKTA_ID, "cake-portal"].map(str::to_string);
    let result = check_client_ids(&ids);
    assert_eq!(result.ids, ["0oa9h8g7f6e5d4c3b2a1", OKTA_ID, "cake-portal"]);
}

#[test]
fn documented_ids_cover_emitted_ids() {
    let documentation = include_str!("../client_id.rs");
    let inputs: Vec<Vec<String>> = vec![
        vec![],
        vec![
            "".into(),
            " \"0oa1a2b3c4d5e6f7g8h9\" ".into(),
            "0oa1a2b3c4d5e6f7g8h9".into(),
        ],
        vec![
            "Xk9_vR2-Lq8mTz3WbN7yHc5FdJ1sPa4GuE6oKi0h".into(),
            "a\u{7}bcdefg".into(),
            "https://a.test".into(),
        ],
        vec![
            "{clientId}".into(),
            "{0oa1a2b3c4d5e6f7g8h9}".into(),
            "0oa1a2b3c4d5e6f7g8h9,0oa1a2b3c4d5e6f7g8h8".into(),
        ],
        vec![
            "a b".into(),
            "aus1a2b3c4d5e6f7g8h9".into(),
            "00u1a2b3c4d5e6f7g8h9".into(),
            "00g1a2b3c4d5e6f7g8h9".into(),
        ],
        vec!["cake-portal".into(), "abc".into()],
    ];
    for ids in inputs {
        for check in check_client_ids(&ids).checks {
            assert!(
                documentation.contains(&format!("| `{}` |", check.id)),
                "{} is not documented",
                check.id
            );
        }
    }
}

proptest! {
    #[test]
    fn checks_hold_their_invariants(ids in proptest::collection::vec(any::<String>(), 0..4)) {
        let result = check_client_ids(&ids);
        prop_assert!(!result.checks.is_empty());
        prop_assert!(result.ids.len() <= ids.len());
        for check in &result.checks {
            let has_hint = check.hint.as_deref().is_some_and(|hint| !hint.is_empty());
            prop_assert_eq!(has_hint, check.status != Status::Pass, "hint of {}", check.id);
            let text = format!("{} {}", check.message, check.hint.as_deref().unwrap_or_default());
            prop_assert!(!text.chars().any(|c| c.is_control()), "{} shows a control character", check.id);
        }
        for id in &result.ids {
            prop_assert!(!id.chars().any(|c| c.is_control()), "{:?} keeps a control character", id);
            prop_assert!(!looks_secret(id), "{:?} looks secret but was kept", id);
        }
    }
}
