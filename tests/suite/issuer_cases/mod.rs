//! `cake-okta issuer check` against the fixtures in `tests/fixtures/issuer/`:
//! one test per folder, each serving the folder's routes over HTTPS on
//! loopback and checking the verdict, the hints and the JSON shape.
//! `network.rs` contains the tests that need more than one fixture run.

mod fixture;
mod network;

use fixture::{
    Fixture, FixtureServer, expected_code, fixture_names, issuer_fixtures_dir, non_passing_hints, non_passing_ids,
    run_check,
};

use crate::support::{Sandbox, TestCa};

/// Runs one fixture in JSON mode and in human mode.
fn check_fixture(name: &str) {
    let dir = issuer_fixtures_dir().join(name);
    let fixture = Fixture::load(&dir);
    let ca = TestCa::new();
    let served = FixtureServer::start(&ca, &dir, &fixture);
    let sandbox = Sandbox::new();

    let outcome = run_check(&sandbox, &ca, &fixture, &served.placeholders, true);
    let context = format!(
        "fixture {name} ({})\n--- stdout\n{}\n--- stderr\n{}",
        fixture.description, outcome.stdout, outcome.stderr
    );
    assert_eq!(outcome.code, expected_code(&fixture.verdict), "exit code, {context}");
    let report = outcome.json();

    assert_json_shape(&report, &context);
    assert_eq!(report["verdict"], fixture.verdict.as_str(), "verdict, {context}");
    assert_hint_words(&fixture, &report, &context);
    assert_flagged(&fixture, &report, &context);
    if let Some(issuer) = &fixture.expect_issuer {
        assert_eq!(report["issuer"], served.placeholders.substitute(issuer).as_str(), "issuer, {context}");
    }
    if let Some(server_type) = &fixture.server_type {
        assert_eq!(report["server_type"], server_type.as_str(), "server_type, {context}");
    }
    assert_no_escape(&outcome.raw_stdout, &outcome.raw_stderr, &context);

    let requests = served.server.requests().len();
    if fixture.offline {
        assert_eq!(requests, 0, "an offline run made requests, {context}");
    }
    if let Some(expected) = fixture.requests {
        assert_eq!(requests, expected, "request count, {context}");
    }

    let human = run_check(&sandbox, &ca, &fixture, &served.placeholders, false);
    let human_context =
        format!("fixture {name}, human mode\n--- stdout\n{}\n--- stderr\n{}", human.stdout, human.stderr);
    assert_eq!(human.code, outcome.code, "human-mode exit code, {human_context}");
    assert_no_escape(&human.raw_stdout, &human.raw_stderr, &human_context);
}

fn assert_json_shape(report: &serde_json::Value, context: &str) {
    for field in ["issuer", "published_issuer", "server_type", "verdict", "checks"] {
        assert!(report.get(field).is_some(), "JSON lacks {field}, {context}");
    }
    assert!(
        matches!(report["server_type"].as_str(), Some("okta-org" | "okta-custom" | "other")),
        "server_type, {context}"
    );
    for check in fixture::checks(report) {
        for field in ["id", "status", "message", "hint"] {
            assert!(check.get(field).is_some(), "check lacks {field}: {check}, {context}");
        }
        let failing = matches!(check["status"].as_str(), Some("warn" | "fail"));
        assert!(!failing || check["hint"].is_string(), "non-passing check without hint: {check}, {context}");
    }
}

/// Asserts that every entry has one of its `|`-separated alternatives in
/// some hint of a check that did not pass.
fn assert_hint_words(fixture: &Fixture, report: &serde_json::Value, context: &str) {
    let hints = non_passing_hints(report);
    for entry in &fixture.hint_words {
        let found = entry.split('|').any(|word| {
            let word = word.to_lowercase();
            hints.iter().any(|hint| hint.contains(&word))
        });
        assert!(found, "no hint contains {entry:?}; hints: {hints:#?}, {context}");
    }
}

fn assert_flagged(fixture: &Fixture, report: &serde_json::Value, context: &str) {
    let flagged = non_passing_ids(report);
    for id in &fixture.flagged {
        assert!(flagged.contains_key(id), "check {id} passed or is missing; flagged: {flagged:?}, {context}");
    }
}

/// Asserts that neither stream carries a raw ESC or a raw C1 control
/// (U+0080 to U+009F, 0xC2 0x80 to 0xC2 0x9F in UTF-8), which terminals
/// read as escape sequences too.
fn assert_no_escape(stdout: &[u8], stderr: &[u8], context: &str) {
    let has_c1 = |bytes: &[u8]| bytes.windows(2).any(|pair| pair[0] == 0xC2 && (0x80..=0x9F).contains(&pair[1]));
    assert!(!stdout.contains(&0x1b), "raw ESC on stdout, {context}");
    assert!(!stderr.contains(&0x1b), "raw ESC on stderr, {context}");
    assert!(!has_c1(stdout), "raw C1 control on stdout, {context}");
    assert!(!has_c1(stderr), "raw C1 control on stderr, {context}");
}

/// Declares one test per fixture folder.
macro_rules! fixture_tests {
    ($($test:ident => $folder:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_fixture($folder);
            }
        )*

        /// Every fixture folder has a test above, so none is forgotten.
        #[test]
        fn every_fixture_has_a_test() {
            let declared = [$($folder),*];
            for name in fixture_names() {
                assert!(declared.contains(&name.as_str()), "fixture folder {name} has no test in issuer_cases/mod.rs");
            }
        }
    };
}

fixture_tests! {
    baseline_valid_okta => "00-baseline-valid-okta",
    okta_admin_domain => "01-okta-admin-domain",
    placeholder_domain => "02-placeholder-domain",
    oktapreview_org => "04-oktapreview-org",
    issuer_trailing_slash_extra => "06-issuer-trailing-slash-extra",
    issuer_wrapped_in_quotes => "08-issuer-wrapped-in-quotes",
    wellknown_url_as_issuer => "09-wellknown-url-as-issuer",
    oauth2_path_truncated => "11-oauth2-path-truncated",
    default_server_unavailable => "12-default-server-unavailable",
    client_id_template_braces => "14-client-id-template-braces",
    client_id_custom_format => "16-client-id-custom-format",
    discovery_html_page => "17-discovery-html-page",
    discovery_redirect => "19-discovery-redirect",
    issuer_http_scheme => "20-issuer-http-scheme",
    discovery_oversized => "23-discovery-oversized",
    discovery_missing_jwks_uri => "24-discovery-missing-jwks-uri",
    jwks_empty => "25-jwks-empty",
    jwks_key_without_kid => "27-jwks-key-without-kid",
    jwks_private_key_material => "28-jwks-private-key-material",
    jwks_expired_x5c => "30-jwks-expired-x5c",
    discovery_redirect_other_origin => "40-discovery-redirect-other-origin",
    discovery_redirect_http => "41-discovery-redirect-http",
    discovery_text_plain => "42-discovery-text-plain",
    jwks_symmetric_key => "43-jwks-symmetric-key",
    jwks_duplicate_kid => "44-jwks-duplicate-kid",
    discovery_bom => "45-discovery-bom",
    jwks_bom => "46-jwks-bom",
    jwks_x5c_not_yet_valid => "47-jwks-x5c-not-yet-valid",
    custom_server_not_found => "48-custom-server-not-found",
    jwks_uri_http => "49-jwks-uri-http",
    jwks_keys_without_kid => "50-jwks-keys-without-kid",
    discovery_too_many_redirects => "51-discovery-too-many-redirects",
    jwks_html_page => "52-jwks-html-page",
    jwks_small_rsa_key => "53-jwks-small-rsa-key",
    discovery_no_pkce => "54-discovery-no-pkce",
    discovery_no_rs256 => "55-discovery-no-rs256",
    jwks_oversized => "56-jwks-oversized",
    custom_server_missing_org_down => "57-custom-server-missing-org-down",
    issuer_mismatch_other_host => "58-issuer-mismatch-other-host",
    jwks_x5c_other_key => "59-jwks-x5c-other-key",
    trailing_slash_published => "60-trailing-slash-published",
    jwks_mixed_key_types => "61-jwks-mixed-key-types",
    discovery_not_json => "62-discovery-not-json",
    discovery_server_error => "63-discovery-server-error",
    jwks_private_ec_key => "64-jwks-private-ec-key",
    jwks_not_found => "65-jwks-not-found",
    discovery_scopes_without_openid => "66-discovery-scopes-without-openid",
    jwks_padded_base64 => "67-jwks-padded-base64",
    terminal_escapes_in_document => "68-terminal-escapes-in-document",
    org_server_issuer => "69-org-server-issuer",
    discovery_html_labelled_json => "70-discovery-html-labelled-json",
    discovery_oversized_chunked => "71-discovery-oversized-chunked",
    chunked_responses => "72-chunked-responses",
    jwks_uri_other_host => "73-jwks-uri-other-host",
    issuer_case_differs => "74-issuer-case-differs",
    discovery_html_not_found => "75-discovery-html-not-found",
    c1_controls_in_document => "76-c1-controls-in-document",
    okta_emea_custom_server => "77-okta-emea-custom-server",
    okta_gov_admin_host => "78-okta-gov-admin-host",
    okta_mil_admin_org_server => "79-okta-mil-admin-org-server",
    preview_org_custom_server_id => "80-preview-org-custom-server-id",
    placeholder_environment_variable => "81-placeholder-environment-variable",
    placeholder_angle_brackets => "82-placeholder-angle-brackets",
    placeholder_whole_issuer => "83-placeholder-whole-issuer",
    placeholder_words => "84-placeholder-words",
    issuer_typographic_quotes => "85-issuer-typographic-quotes",
    issuer_tab_and_crlf => "86-issuer-tab-and-crlf",
    authorization_server_metadata_url => "87-authorization-server-metadata-url",
    authorize_endpoint_as_issuer => "88-authorize-endpoint-as-issuer",
    keys_endpoint_as_issuer => "89-keys-endpoint-as-issuer",
    org_token_endpoint_as_issuer => "90-org-token-endpoint-as-issuer",
    explicit_default_port => "91-explicit-default-port",
    http_issuer_input => "92-http-issuer-input",
    doubled_slash_before_oauth2 => "93-doubled-slash-before-oauth2",
    oauth2_path_twice => "94-oauth2-path-twice",
    client_id_wrong_values => "95-client-id-wrong-values",
    client_id_duplicate => "96-client-id-duplicate",
    discovery_three_redirects => "97-discovery-three-redirects",
    endpoints_on_http => "98-endpoints-on-http",
    default_server_bad_request => "99-default-server-bad-request",
    discovery_json_labelled_html => "100-discovery-json-labelled-html",
    discovery_rate_limited => "101-discovery-rate-limited",
    admin_console_server_page => "102-admin-console-server-page",
    issuer_url_joined_twice => "103-issuer-url-joined-twice",
    issuer_missing_scheme => "104-issuer-missing-scheme",
}
