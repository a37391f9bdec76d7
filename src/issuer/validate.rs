//! Runs the checks of an issuer validation in order and builds the report.

use super::{Check, Options, Report, ServerType, verdict_of};

/// Validates an issuer and its client IDs.
// TODO: the input, client ID, discovery and JWKS stages are being wired in;
// until then every check is reported as skipped.
pub fn validate(input: &str, options: &Options) -> anyhow::Result<Report> {
    let checks = vec![Check::skipped("input.syntax", "The input checks are not wired in yet.", "Run again later.")];
    Ok(Report {
        input: input.to_string(),
        issuer: input.trim().to_string(),
        published_issuer: None,
        server_type: ServerType::Other,
        client_ids: options.client_ids.clone(),
        verdict: verdict_of(&checks),
        checks,
    })
}
