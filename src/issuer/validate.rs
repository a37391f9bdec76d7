//! Runs the checks of an issuer validation in order and builds the report.
//!
//! The input and client ID checks need no network and always run. The
//! discovery and key set stages run after them over one [`HttpClient`], so
//! requests to the same origin share a connection. They are skipped when the
//! validation is offline or the issuer failed its input checks, because an
//! issuer that failed is never fetched.

use anyhow::Context as _;

use super::client_id::check_client_ids;
use super::discovery::{self, Outcome, Target};
use super::input::{Diagnosis, OktaHost, diagnose, mask_credentials};
use super::{Check, Options, Report, ServerType, jwks, probe, verdict_of};
use url::Url;

use crate::net::HttpClient;
use crate::text::one_line;

/// Validates an issuer and its client IDs.
///
/// Every finding about the issuer, the network included, is a check in the
/// report. An error means the validation could not run at all, for example
/// because the extra CA file is unreadable.
pub fn validate(input: &str, options: &Options) -> anyhow::Result<Report> {
    let diagnosis = diagnose(input);
    let client_ids = check_client_ids(&options.client_ids);

    // The input is repeated in the report, which is printed and stored, so a
    // password or token pasted with the URL is masked first.
    let masked_input = mask_credentials(input);
    let mut report = Report {
        issuer: diagnosis.issuer.clone().unwrap_or_else(|| one_line(masked_input.trim())),
        input: masked_input,
        published_issuer: None,
        suggested_issuer: diagnosis.suggestion.clone(),
        server_type: diagnosis.server_type,
        client_ids: client_ids.ids,
        verdict: super::Verdict::Pass,
        checks: diagnosis.checks.clone(),
    };
    report.checks.extend(client_ids.checks);

    match (&diagnosis.issuer, options.offline) {
        (_, true) => report.checks.extend(skipped_network(
            "Not run: --offline was given.",
            "Run the check again without --offline to fetch the discovery document and signing keys.",
        )),
        (None, false) => report.checks.extend(skipped_network(
            "Not run: the issuer failed the input checks, so it was not fetched.",
            "Fix the issuer problems above, then run the check again.",
        )),
        (Some(issuer), false) => run_network(&mut report, &diagnosis, issuer, options)?,
    }

    report.verdict = verdict_of(&report.checks);
    Ok(report)
}

/// Runs the discovery and key set stages and adds their findings.
fn run_network(report: &mut Report, diagnosis: &Diagnosis, issuer: &str, options: &Options) -> anyhow::Result<()> {
    let mut client = HttpClient::new(&options.network).context("cannot prepare the HTTPS client")?;
    let target = Target {
        issuer: issuer.to_string(),
        trailing_slash: diagnosis.trailing_slash,
        org_origin: diagnosis.org_origin.clone(),
    };

    let outcome = discovery::run(&mut client, &target);
    if diagnosis.trailing_slash && outcome.issuer.ends_with('/') {
        confirm_trailing_slash(&mut report.checks);
    }

    let key_checks = key_set_stage(&mut client, &outcome);
    let probe_checks = match &options.probe {
        Some(probe_options) => probe::stage(&mut client, &outcome, &options.client_ids, probe_options),
        None => Vec::new(),
    };
    report.server_type = published_server_type(diagnosis, &outcome);
    report.issuer = outcome.issuer;
    report.published_issuer = outcome.published_issuer;
    report.checks.extend(outcome.checks);
    report.checks.extend(key_checks);
    report.checks.extend(probe_checks);
    Ok(())
}

/// Settles the server type once the discovery document is known. On a host
/// that is not Okta's, the URL's shape alone cannot tell an Okta custom
/// domain from another provider, but the authorization endpoint can: Okta
/// serves it at `{issuer}/v1/authorize` on a custom server and at
/// `{origin}/oauth2/v1/authorize` on the org server.
fn published_server_type(diagnosis: &Diagnosis, outcome: &Outcome) -> ServerType {
    let Some(endpoint) = &outcome.authorization_endpoint else {
        return diagnosis.server_type;
    };
    if diagnosis.okta_host != OktaHost::Other || !outcome.issuer_matched {
        return diagnosis.server_type;
    }

    let okta_endpoint = match diagnosis.server_type {
        ServerType::OktaOrg => format!("{}/oauth2/v1/authorize", outcome.issuer),
        ServerType::OktaCustom => format!("{}/v1/authorize", outcome.issuer),
        ServerType::Other => return ServerType::Other,
    };
    if *endpoint == okta_endpoint { diagnosis.server_type } else { ServerType::Other }
}

/// Fetches the key set only when the discovery document belongs to this
/// issuer: the keys of another issuer prove nothing, and its addresses may
/// name hosts the client never meant.
fn key_set_stage(client: &mut HttpClient, outcome: &Outcome) -> Vec<Check> {
    match &outcome.jwks_uri {
        Some(jwks_uri) if outcome.issuer_matched => match Url::parse(&outcome.issuer) {
            Ok(issuer) => jwks::run(client, jwks_uri, &issuer),
            Err(_) => vec![Check::skipped(
                jwks::JWKS.fetch_id,
                "Not fetched: the issuer is not a valid URL.",
                "Fix the issuer problems above first.",
            )],
        },
        Some(_) => vec![Check::skipped(
            jwks::JWKS.fetch_id,
            "Not fetched: the discovery document names another issuer.",
            "Settle the issuer first; the signing keys are checked once the published issuer matches.",
        )],
        None => vec![Check::skipped(
            jwks::JWKS.fetch_id,
            "Not fetched: no usable discovery document named a jwks_uri.",
            "The signing keys' address is taken only from the discovery document, never guessed. Fix the \
             discovery problems above first.",
        )],
    }
}

/// Replaces the input checks' trailing-slash warning with a pass, for a
/// server that publishes the issuer with the slash the client typed.
fn confirm_trailing_slash(checks: &mut [Check]) {
    for check in checks.iter_mut().filter(|check| check.id == "input.trailing_slash") {
        *check =
            Check::pass(check.id, "The trailing slash is part of the issuer the server publishes, so it was kept.");
    }
}

fn skipped_network(message: &str, hint: &str) -> Vec<Check> {
    [discovery::DISCOVERY.fetch_id, jwks::JWKS.fetch_id]
        .into_iter()
        .map(|id| Check::skipped(id, message, hint))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issuer::{Status, Verdict};

    fn offline(client_ids: &[&str]) -> Options {
        Options {
            client_ids: client_ids.iter().map(|id| id.to_string()).collect(),
            offline: true,
            ..Options::default()
        }
    }

    #[test]
    fn offline_skips_network_checks() {
        let report = validate("https://acme.okta.com/oauth2/default", &offline(&["0oa1b2c3d4e5f6g7h8i9"])).unwrap();
        let skipped: Vec<&str> =
            report.checks.iter().filter(|check| check.status == Status::Skipped).map(|check| check.id).collect();
        assert_eq!(skipped, ["discovery.fetch", "jwks.fetch"]);
        assert_eq!(report.issuer, "https://acme.okta.com/oauth2/default");
        assert_eq!(report.verdict, Verdict::Pass, "{:#?}", report.checks);
        assert!(report.network_skipped());
    }

    #[test]
    fn failed_input_never_fetches() {
        // Not offline: a fetch would fail the test with a network check, so
        // the skipped checks show that nothing was attempted.
        let options = Options { client_ids: vec!["0oa1b2c3d4e5f6g7h8i9".into()], ..Options::default() };
        let report = validate("https://{yourOktaDomain}/oauth2/default", &options).unwrap();
        assert_eq!(report.verdict, Verdict::Fail);
        let network: Vec<&Check> = report
            .checks
            .iter()
            .filter(|check| check.id.starts_with("discovery.") || check.id.starts_with("jwks."))
            .collect();
        assert_eq!(network.len(), 2);
        assert!(network.iter().all(|check| check.status == Status::Skipped));
    }

    #[test]
    fn failed_input_carries_suggestion() {
        let cases = [
            ("https://acme.okta.com/oauth2/v1/authorize", Some("https://acme.okta.com")),
            ("https://acme.okta.com/oauth2/default", None),
            ("https://{yourOktaDomain}/oauth2/default", None),
        ];
        for (input, expected) in cases {
            let report = validate(input, &offline(&["0oa1b2c3d4e5f6g7h8i9"])).unwrap();
            assert_eq!(report.suggested_issuer.as_deref(), expected, "{input}");
            assert_eq!(report.input_failed(), report.verdict == Verdict::Fail, "{input}");
        }
    }

    #[test]
    fn credentials_in_input_are_masked() {
        let input = "https://dana:Hunter2@acme.okta.com/oauth2/default/v1/authorize?code=Sp1xl9fQ#id_token=eyJhbGc";
        let report = validate(input, &offline(&["0oa1b2c3d4e5f6g7h8i9"])).unwrap();
        assert_eq!(report.verdict, Verdict::Fail);

        let text = serde_json::to_string(&report).unwrap();
        for secret in ["dana", "Hunter2", "Sp1xl9fQ", "eyJhbGc"] {
            assert!(!text.contains(secret), "the report repeats {secret:?}: {text}");
        }
        assert_eq!(
            report.input,
            "https://****@acme.okta.com/oauth2/default/v1/authorize?code=****#id_token=****"
        );
    }

    #[test]
    fn unreadable_ca_file_is_an_error() {
        let mut options = Options { client_ids: vec!["0oa1b2c3d4e5f6g7h8i9".into()], ..Options::default() };
        options.network.ca_file = Some("/nonexistent/extra-ca.pem".into());
        let error = validate("https://acme.okta.com/oauth2/default", &options).unwrap_err();
        assert!(format!("{error:#}").contains("/nonexistent/extra-ca.pem"), "{error:#}");
    }

    #[test]
    fn confirm_trailing_slash_replaces_warning() {
        let mut checks = vec![Check::warn("input.trailing_slash", "removed", "slash")];
        confirm_trailing_slash(&mut checks);
        assert_eq!(checks[0].status, Status::Pass);
    }
}
