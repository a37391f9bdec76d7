//! Table tests for the whole input diagnosis.

use proptest::prelude::*;

use super::*;
use crate::issuer::{Verdict, verdict_of};

const ORG: &str = "https://example.okta.com";
const DEFAULT: &str = "https://example.okta.com/oauth2/default";
const LOOPBACK: &str = "https://127.0.0.1:8443/oauth2/default";

#[test]
fn verdict_issuer_and_suggestion() {
    // (input, verdict, issuer, suggestion)
    #[rustfmt::skip]
    let cases: &[(&str, Verdict, Option<&str>, Option<&str>)] = &[
        // Clean issuers.
        (ORG, Verdict::Pass, Some(ORG), None),
        (DEFAULT, Verdict::Pass, Some(DEFAULT), None),
        ("https://example.okta-emea.com/oauth2/aus1a2b3c4d5e6f7g8h9", Verdict::Pass, Some("https://example.okta-emea.com/oauth2/aus1a2b3c4d5e6f7g8h9"), None),
        ("https://example.okta-gov.com/oauth2/default", Verdict::Pass, Some("https://example.okta-gov.com/oauth2/default"), None),
        ("https://example.okta.mil", Verdict::Pass, Some("https://example.okta.mil"), None),
        (LOOPBACK, Verdict::Pass, Some(LOOPBACK), None),
        ("https://127.0.0.1:40123", Verdict::Pass, Some("https://127.0.0.1:40123"), None),
        ("https://[::1]:8443/oauth2/default", Verdict::Pass, Some("https://[::1]:8443/oauth2/default"), None),
        ("https://[::ffff:7f00:1]:8443/oauth2/default", Verdict::Pass, Some("https://[::ffff:7f00:1]:8443/oauth2/default"), None),
        ("https://[::ffff:127.0.0.1]:8443/oauth2/default", Verdict::Warn, Some("https://[::ffff:7f00:1]:8443/oauth2/default"), None),
        ("https://localhost:8443/oauth2/default", Verdict::Pass, Some("https://localhost:8443/oauth2/default"), None),
        ("https://login.example.test", Verdict::Pass, Some("https://login.example.test"), None),
        ("https://login.example.test/oauth2/default", Verdict::Pass, Some("https://login.example.test/oauth2/default"), None),
        ("https://idp.example.test/realms/cake", Verdict::Pass, Some("https://idp.example.test/realms/cake"), None),
        ("https://notokta.com/oauth2/default", Verdict::Pass, Some("https://notokta.com/oauth2/default"), None),
        ("https://okta.com.evil.test/oauth2/default", Verdict::Pass, Some("https://okta.com.evil.test/oauth2/default"), None),
        ("https://evilokta.com", Verdict::Pass, Some("https://evilokta.com"), None),
        ("https://login.example.test/oauth2/custom-name", Verdict::Pass, Some("https://login.example.test/oauth2/custom-name"), None),
        // Safe corrections.
        ("  \"https://127.0.0.1:8443/oauth2/default\"\n", Verdict::Warn, Some(LOOPBACK), None),
        ("\u{201C}https://example.okta.com/oauth2/default\u{201D}", Verdict::Warn, Some(DEFAULT), None),
        ("'https://example.okta.com'", Verdict::Warn, Some(ORG), None),
        ("<https://example.okta.com/oauth2/default>", Verdict::Warn, Some(DEFAULT), None),
        ("https://example.okta.com/oauth2/default.", Verdict::Warn, Some(DEFAULT), None),
        ("https://example.okta.com.", Verdict::Warn, Some(ORG), None),
        ("\u{FEFF}https://example.okta.com", Verdict::Warn, Some(ORG), None),
        ("https://127.0.0.1:8443/oauth2/default/.well-known/openid-configuration", Verdict::Warn, Some(LOOPBACK), None),
        ("https://127.0.0.1:8443/oauth2/default/.well-known/openid-configuration/", Verdict::Warn, Some(LOOPBACK), None),
        ("https://example.okta.com/oauth2/default/.well-known/oauth-authorization-server", Verdict::Warn, Some(DEFAULT), None),
        ("https://example.okta.com/.well-known/openid-configuration", Verdict::Warn, Some(ORG), None),
        ("https://example.okta.com/.well-known/openid-configuration?client_id=0oa1b2c3d4e5f6g7h8i9", Verdict::Warn, Some(ORG), None),
        ("https://example.okta.com/.well-known/oauth-authorization-server/oauth2/default", Verdict::Warn, Some(DEFAULT), None),
        ("https://127.0.0.1:8443/oauth2/default/", Verdict::Warn, Some(LOOPBACK), None),
        ("https://example.okta.com/", Verdict::Warn, Some(ORG), None),
        ("https://example.okta.com:443/oauth2/default", Verdict::Warn, Some(DEFAULT), None),
        ("https://example.okta.com:0443", Verdict::Warn, Some(ORG), None),
        ("https://example.okta.com:/oauth2/default", Verdict::Warn, Some(DEFAULT), None),
        ("HTTPS://Example.OKTA.com/oauth2/default", Verdict::Warn, Some(DEFAULT), None),
        ("https://example.okta.com./oauth2/default", Verdict::Warn, Some(DEFAULT), None),
        ("https://example.okta.com//oauth2/default", Verdict::Warn, Some(DEFAULT), None),
        ("https://example.okta.com/oauth2//default", Verdict::Warn, Some(DEFAULT), None),
        ("https://example-org.oktapreview.com/oauth2/default", Verdict::Warn, Some("https://example-org.oktapreview.com/oauth2/default"), None),
        ("https://dev-12345678.okta.com/oauth2/default", Verdict::Warn, Some("https://dev-12345678.okta.com/oauth2/default"), None),
        ("https://example.okta.com/oauth2/Default", Verdict::Warn, Some("https://example.okta.com/oauth2/Default"), None),
        ("https://login.example.test:8443/oauth2/default", Verdict::Warn, Some("https://login.example.test:8443/oauth2/default"), None),
        ("https://idp.example.test/protocol/openid-connect/token", Verdict::Warn, Some("https://idp.example.test/protocol/openid-connect/token"), None),
        ("https://bücher.example.test", Verdict::Warn, Some("https://xn--bcher-kva.example.test"), None),
        ("https://127.1:8443/oauth2/default", Verdict::Warn, Some(LOOPBACK), None),
        // Guesses: fail, with a suggestion.
        ("https://example-org-admin.okta.com/oauth2/default", Verdict::Fail, None, Some("https://example-org.okta.com/oauth2/default")),
        ("https://example-admin.oktapreview.com", Verdict::Fail, None, Some("https://example.oktapreview.com")),
        ("http://example.okta.com/oauth2/default", Verdict::Fail, None, Some(DEFAULT)),
        ("ftp://example.okta.com", Verdict::Fail, None, Some(ORG)),
        ("htps://example.okta.com", Verdict::Fail, None, Some(ORG)),
        ("https:/example.okta.com", Verdict::Fail, None, Some(ORG)),
        ("https:///example.okta.com", Verdict::Fail, None, Some(ORG)),
        ("https//example.okta.com", Verdict::Fail, None, Some(ORG)),
        ("https:\\\\example.okta.com\\oauth2\\default", Verdict::Fail, None, Some(DEFAULT)),
        ("example.okta.com/oauth2/default", Verdict::Warn, Some(DEFAULT), None),
        ("//example.okta.com", Verdict::Warn, Some(ORG), None),
        ("127.0.0.1:8443/oauth2/default", Verdict::Warn, Some(LOOPBACK), None),
        ("https://user:pass@example.okta.com/oauth2/default", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com/oauth2/default?foo=bar", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com/oauth2/default?", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com/oauth2/default#main", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com:8443/oauth2/default", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com/oauth2/default/v1/authorize", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com/oauth2/default/v1/token", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com/oauth2/aus1a2b3c4d5e6f7g8h9/v1/keys", Verdict::Fail, None, Some("https://example.okta.com/oauth2/aus1a2b3c4d5e6f7g8h9")),
        ("https://127.0.0.1:8443/oauth2/default/v1/userinfo", Verdict::Fail, None, Some(LOOPBACK)),
        ("https://example.okta.com/oauth2/default/v1", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com/oauth2/v1/authorize", Verdict::Fail, None, Some(ORG)),
        ("https://example.okta.com/oauth2/v1/logout", Verdict::Fail, None, Some(ORG)),
        ("https://example.okta.com/oauth2/v1/introspect", Verdict::Fail, None, Some(ORG)),
        ("https://example.okta.com/oauth2/v1/revoke", Verdict::Fail, None, Some(ORG)),
        ("https://example.okta.com/oauth2/v1/clients", Verdict::Fail, None, Some(ORG)),
        ("https://example.okta.com/v1/authorize", Verdict::Fail, None, Some(ORG)),
        ("https://example.okta.com/api/v1/apps/0oa1a2b3c4d5e6f7g8h9", Verdict::Fail, None, Some(ORG)),
        ("https://example.okta.com/oauth2/v1", Verdict::Fail, None, Some(ORG)),
        ("https://example.okta.com/oauth2/v1/", Verdict::Fail, None, Some(ORG)),
        ("https://example.okta.com/oauth2/oauth2/default", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com/oauth2/default/oauth2/default", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com/OAuth2/default", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com/oauth2/default/extra", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com/oauth2/default/authorize", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com/app/UserHome", Verdict::Fail, None, Some(ORG)),
        ("https://example.okta.com/admin/dashboard", Verdict::Fail, None, Some(ORG)),
        ("https://example.okta.com/some/other/path", Verdict::Fail, None, Some(ORG)),
        ("https://example.okta.com/.well-known/jwks.json", Verdict::Fail, None, Some(ORG)),
        ("https://example.okta.com/oauth2/default/.well-known/webfinger", Verdict::Fail, None, Some(DEFAULT)),
        ("Issuer: https://example.okta.com/oauth2/default", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com/oauth2/\ndefault", Verdict::Fail, None, Some(DEFAULT)),
        ("https://exam\u{200B}ple.okta.com", Verdict::Fail, None, Some(ORG)),
        ("https://\"example.okta.com\"/oauth2/default", Verdict::Fail, None, Some(DEFAULT)),
        ("https://example.okta.com/oauth2/d\u{00E9}fault", Verdict::Fail, None, Some("https://example.okta.com/oauth2/d%C3%A9fault")),
        // Nothing usable: fail without a suggestion.
        ("https://{yourOktaDomain}/oauth2/default", Verdict::Fail, None, None),
        ("https://${OKTA_DOMAIN}/oauth2/default", Verdict::Fail, None, None),
        ("https://<your-org>.okta.com", Verdict::Fail, None, None),
        ("https://%7ByourOktaDomain%7D/oauth2/default", Verdict::Fail, None, None),
        ("https://yourOktaDomain/oauth2/default", Verdict::Fail, None, None),
        ("https://{{okta_domain}}/oauth2/default", Verdict::Fail, None, None),
        ("https://example.okta.com/oauth2/{authServerId}", Verdict::Fail, None, None),
        ("https://127.0.0.1:8443/oauth2", Verdict::Fail, None, None),
        ("https://127.0.0.1:8443/oauth2/", Verdict::Fail, None, None),
        ("https://example.okta.com/oauth2", Verdict::Fail, None, None),
        ("https://example.okta.com/oauth2/0oa1a2b3c4d5e6f7g8h9", Verdict::Fail, None, None),
        ("https://example.okta.com/oauth2/./default", Verdict::Fail, None, None),
        ("https://okta.com", Verdict::Fail, None, None),
        ("https://developer.okta.com/docs/guides", Verdict::Fail, None, None),
        ("https://my_org.okta.com/oauth2/default", Verdict::Fail, None, None),
        ("https://example..okta.com", Verdict::Fail, None, None),
        ("https://-example.okta.com", Verdict::Fail, None, None),
        ("https://oktaorg/oauth2/default", Verdict::Fail, None, None),
        ("https://", Verdict::Fail, None, None),
        ("https:///oauth2/default", Verdict::Fail, None, None),
        ("https://example.okta.com:99999", Verdict::Fail, None, None),
        ("https://example.okta.com:8a", Verdict::Fail, None, None),
        ("https://::1/oauth2/default", Verdict::Fail, None, None),
        ("https://ex\u{1b}[31mample.okta.com", Verdict::Fail, None, None),
        ("https://example.okta.com/oauth2/default\u{0}", Verdict::Fail, None, None),
        ("https://a.test https://b.test", Verdict::Fail, None, None),
        ("", Verdict::Fail, None, None),
        ("   \n\t", Verdict::Fail, None, None),
        ("\"\"", Verdict::Fail, None, None),
        ("default", Verdict::Fail, None, None),
        ("0oa1a2b3c4d5e6f7g8h9", Verdict::Fail, None, None),
    ];

    for (input, verdict, issuer, suggestion) in cases {
        let diagnosis = diagnose(input);
        let summary = summarize(&diagnosis);
        assert_eq!(
            verdict_of(&diagnosis.checks),
            *verdict,
            "verdict of {input:?}: {summary}"
        );
        assert_eq!(
            diagnosis.issuer.as_deref(),
            *issuer,
            "issuer of {input:?}: {summary}"
        );
        assert_eq!(
            diagnosis.suggestion.as_deref(),
            *suggestion,
            "suggestion of {input:?}: {summary}"
        );
    }
}

#[test]
fn checks_and_hints() {
    use Status::{Fail, Pass, Warn};
    // (input, check id, status, words its hint must contain)
    #[rustfmt::skip]
    let cases: &[(&str, &str, Status, &[&str])] = &[
        ("https://example-org-admin.okta.com/oauth2/default", "input.admin_host", Fail, &["-admin", "example-org.okta.com"]),
        ("https://{yourOktaDomain}/oauth2/default", "input.placeholder", Fail, &["placeholder", "curly brace"]),
        ("https://${OKTA_DOMAIN}/oauth2/default", "input.placeholder", Fail, &["placeholder", "curly brace"]),
        ("https://{{okta_domain}}/oauth2/default", "input.placeholder", Fail, &["placeholder", "curly brace"]),
        ("https://%7ByourOktaDomain%7D/oauth2/default", "input.placeholder", Fail, &["placeholder", "curly brace"]),
        ("https://yourOktaDomain/oauth2/default", "input.placeholder", Fail, &["placeholder", "curly brace"]),
        ("https://<your-org>.okta.com", "input.placeholder", Fail, &["placeholder", "angle brackets"]),
        ("https://[your-org].okta.com", "input.placeholder", Fail, &["placeholder", "square brackets"]),
        ("https://example-org.oktapreview.com/oauth2/default", "input.okta_domain", Warn, &["preview", "sandbox"]),
        ("  \"https://127.0.0.1:8443/oauth2/default\"\n", "input.quotes", Warn, &["quote"]),
        ("  \"https://127.0.0.1:8443/oauth2/default\"\n", "input.whitespace", Warn, &["spaces"]),
        ("\thttps://example.okta.com/oauth2/default\r\n", "input.whitespace", Warn, &["whitespace", "tabs", "line breaks"]),
        ("http://example.okta.com/oauth2/default", "input.scheme", Fail, &["http://", "https://"]),
        ("https://example.okta.com//oauth2/default", "input.double_slash", Warn, &["doubled slashes"]),
        ("\u{2018}https://example.okta.com\u{2019}", "input.quotes", Warn, &["quote"]),
        ("https://127.0.0.1:8443/oauth2/default/.well-known/openid-configuration", "input.well_known", Warn, &["well-known"]),
        ("https://127.0.0.1:8443/oauth2/default/.well-known/openid-configuration/", "input.well_known", Warn, &["well-known"]),
        ("https://example.okta.com/oauth2/default/.well-known/openid-configuration?client_id=0oa1b2c3d4e5f6g7h8i9", "input.query", Warn, &["query string", "/.well-known/"]),
        ("https://example.okta.com/oauth2/default?client_id=0oa1b2c3d4e5f6g7h8i9", "input.query", Fail, &["query string"]),
        ("https://example.okta.com/.well-known/openid-configuration?client_id=a&state=b", "input.query", Fail, &["query string"]),
        ("https://example.okta.com/oauth2/default/.well-known/oauth-authorization-server", "input.well_known", Warn, &["without /.well-known/oauth-authorization-server."]),
        ("https://example.okta.com/.well-known/OpenID-Configuration", "input.well_known", Warn, &["without /.well-known/openid-configuration."]),
        ("https://example.okta.com/.well-known/jwks.json", "input.well_known", Fail, &["well-known", "oauth2"]),
        ("https://127.0.0.1:8443/oauth2", "input.oauth2_path", Fail, &["oauth2", "authorization server", "https://127.0.0.1:8443,", "/oauth2/default"]),
        ("https://example.okta.com/oauth2/", "input.oauth2_path", Fail, &["oauth2", "authorization server", "https://example.okta.com/oauth2/default"]),
        ("https://example.okta.com/oauth2/v1", "input.oauth2_path", Fail, &["oauth2", "authorization server", "Send this instead: https://example.okta.com"]),
        ("https://example.okta.com/oauth2/oauth2/default", "input.oauth2_path", Fail, &["oauth2", "authorization server", DEFAULT]),
        ("https://127.0.0.1:8443/oauth2/default/", "input.trailing_slash", Warn, &["slash", "never end in /"]),
        ("https://example.okta.com/oauth2/default/v1/authorize", "input.endpoint", Fail, &["/v1/", "authorization endpoint", "/v1/authorize", "issuer", DEFAULT]),
        ("https://example.okta.com/oauth2/v1/token", "input.endpoint", Fail, &["/v1/", "token endpoint", "Send this instead: https://example.okta.com"]),
        ("https://example.okta.com/oauth2/default/v1/keys/", "input.endpoint", Fail, &["signing key (JWKS) endpoint", "/v1/keys", DEFAULT]),
        ("https://example.okta.com/oauth2/default/v1/logout", "input.endpoint", Fail, &["sign-out endpoint", "/v1/logout", DEFAULT]),
        ("https://example.okta.com/api/v1/users", "input.endpoint", Fail, &["oauth2", "authorization server", "Send this instead: https://example.okta.com"]),
        ("https://example.okta.com/api/v1/authorizationServers/default", "input.endpoint", Fail, &["authorization server default", "Send this instead: https://example.okta.com/oauth2/default"]),
        ("https://example-admin.okta.com/admin/oauth2/as/aus1a2b3c4d5e6f7g8h9", "input.path", Fail, &["Admin Console", "authorization server aus1a2b3c4d5e6f7g8h9", "Send this instead: https://example.okta.com/oauth2/aus1a2b3c4d5e6f7g8h9"]),
        ("https://example.okta.com/admin/oauth2/as/aus1a2b3c4d5e6f7g8h9#tab-settings", "input.path", Fail, &["Send this instead: https://example.okta.com/oauth2/aus1a2b3c4d5e6f7g8h9"]),
        ("https://example.okta.com/admin/dashboard", "input.path", Fail, &["Send this instead: https://example.okta.com"]),
        ("https://example.okta.com/https://example.okta.com/oauth2/default", "input.path", Fail, &["twice", "Send this instead: https://example.okta.com/oauth2/default"]),
        ("https://example.okta.com/oauth2/default/HTTPS://Example.okta.com/oauth2/default", "input.path", Fail, &["twice", "Send this instead: https://example.okta.com/oauth2/default"]),
        ("https://example.okta.com/https://other.okta.com/oauth2/default", "input.path", Fail, &["https://other.okta.com/oauth2/default", "which one"]),
        ("https://idp.example.test/oidc/authorize", "input.endpoint", Warn, &["issuer"]),
        ("https://example.okta.com:443/oauth2/default", "input.port", Warn, &["443"]),
        ("https://127.0.0.1:8443/oauth2/default", "input.port", Pass, &[]),
        ("https://[::1]:9000", "input.port", Pass, &[]),
        ("https://localhost:9000", "input.port", Pass, &[]),
        ("https://login.example.test:8443", "input.port", Warn, &["port"]),
        ("https://example.okta.com:8443", "input.port", Fail, &["port", ORG]),
        ("http://example.okta.com/oauth2/default", "input.scheme", Fail, &["https", DEFAULT]),
        ("example.okta.com/oauth2/default", "input.scheme", Warn, &["https://"]),
        ("ftp://example.okta.com", "input.scheme", Fail, &["https://"]),
        ("https://user:pass@example.okta.com", "input.userinfo", Fail, &["credentials", "password"]),
        ("https://example.okta.com?x=1", "input.query", Fail, &["?", ORG]),
        ("https://example.okta.com#x", "input.fragment", Fail, &["#", ORG]),
        ("https://example.okta.com//oauth2/default", "input.double_slash", Warn, &["single slashes"]),
        ("https://example.okta.com/oauth2/default/extra", "input.path", Fail, &[DEFAULT]),
        ("https://example.okta.com/app/UserHome", "input.path", Fail, &["oauth2", "authorization server"]),
        ("https://example.okta.com/oauth2/aus123", "input.server_id", Warn, &["Issuer URI"]),
        ("https://example.okta.com/oauth2/0oa1a2b3c4d5e6f7g8h9", "input.server_id", Fail, &["client ID"]),
        ("https://okta.com", "input.okta_domain", Fail, &["example-org.okta.com"]),
        ("https://trial-123456.okta.com", "input.okta_domain", Warn, &["expire"]),
        ("https://login.example.test", "input.okta_domain", Pass, &[]),
        ("https://127.0.0.1:8443/oauth2/default", "input.okta_domain", Pass, &[]),
        ("https://example.okta.com", "input.server_type", Pass, &[]),
        ("https://my_org.okta.com", "input.host", Fail, &["letters, digits, hyphens"]),
        ("https://oktaorg", "input.host", Fail, &["custom domain"]),
        ("https://example.okta.com.", "input.punctuation", Warn, &["punctuation"]),
        ("https://example.okta.com./oauth2/default", "input.trailing_dot", Warn, &["dot"]),
        ("https://EXAMPLE.okta.com", "input.case", Warn, &["lowercase"]),
        ("https://exаmple.okta.com", "input.idn", Warn, &["look-alike"]),
        ("https://exam\u{200B}ple.okta.com", "input.control_chars", Fail, &["Issuer URI", ORG]),
        ("https://example.okta.com/x\u{7}y", "input.control_chars", Fail, &["corrupted"]),
        ("https://example.okta.com/oauth2/ default", "input.spaces", Fail, &["without spaces", DEFAULT]),
        ("https:\\\\example.okta.com", "input.syntax", Fail, &["forward slashes", ORG]),
        ("0oa1a2b3c4d5e6f7g8h9", "input.syntax", Fail, &["https://example-org.okta.com/oauth2/default"]),
        ("", "input.empty", Fail, &["issuer URL"]),
        ("https://example.okta.com/oauth2/default/ / /", "input.spaces", Fail, &["without spaces"]),
    ];

    for (input, id, status, words) in cases {
        let diagnosis = diagnose(input);
        let summary = summarize(&diagnosis);
        let check = diagnosis.checks.iter().find(|check| check.id == *id);
        let check = check.unwrap_or_else(|| panic!("no {id} for {input:?}: {summary}"));
        assert_eq!(
            check.status, *status,
            "status of {id} for {input:?}: {summary}"
        );

        let hint = check.hint.as_deref().unwrap_or_default();
        for word in *words {
            assert!(
                hint.contains(word),
                "hint of {id} for {input:?} lacks {word:?}: {hint}"
            );
        }
    }
}

#[test]
fn shape_of_issuer() {
    use OktaHost::{Government, Other, Preview, Production};
    use ServerType::{OktaCustom, OktaOrg};
    // (input, server type, Okta host, trailing slash, org origin)
    #[rustfmt::skip]
    let cases: &[(&str, ServerType, OktaHost, bool, Option<&str>)] = &[
        (ORG, OktaOrg, Production, false, Some(ORG)),
        (DEFAULT, OktaCustom, Production, false, Some(ORG)),
        ("https://example.okta.com/", OktaOrg, Production, true, Some(ORG)),
        ("https://example.okta.com/oauth2/default/", OktaCustom, Production, true, Some(ORG)),
        ("https://example.okta.com/oauth2/default/.well-known/openid-configuration/", OktaCustom, Production, false, Some(ORG)),
        ("https://example.okta.com/oauth2/default/v1/keys/", OktaCustom, Production, false, Some(ORG)),
        ("https://example-org-admin.okta.com", OktaOrg, Production, false, Some("https://example-org.okta.com")),
        ("https://example.oktapreview.com", OktaOrg, Preview, false, Some("https://example.oktapreview.com")),
        ("https://example.okta-gov.com/oauth2/default", OktaCustom, Government, false, Some("https://example.okta-gov.com")),
        ("https://example.okta-emea.com", OktaOrg, Production, false, Some("https://example.okta-emea.com")),
        (LOOPBACK, OktaCustom, Other, false, Some("https://127.0.0.1:8443")),
        ("https://login.example.test", OktaOrg, Other, false, Some("https://login.example.test")),
        ("https://login.example.test/realms/cake", ServerType::Other, Other, false, Some("https://login.example.test")),
        ("https://example.okta.com/oauth2", ServerType::Other, Production, false, Some(ORG)),
        ("https://{yourOktaDomain}/oauth2/default", ServerType::Other, Other, false, None),
        ("https://my_org.okta.com", ServerType::Other, Production, false, None),
        ("http://example.okta.com:8080/oauth2/default", OktaCustom, Production, false, Some(ORG)),
    ];

    for (input, server_type, okta_host, trailing_slash, origin) in cases {
        let diagnosis = diagnose(input);
        let summary = summarize(&diagnosis);
        assert_eq!(
            diagnosis.server_type, *server_type,
            "server type of {input:?}: {summary}"
        );
        assert_eq!(
            diagnosis.okta_host, *okta_host,
            "Okta host of {input:?}: {summary}"
        );
        assert_eq!(
            diagnosis.trailing_slash, *trailing_slash,
            "trailing slash of {input:?}: {summary}"
        );
        assert_eq!(
            diagnosis.org_origin.as_deref(),
            *origin,
            "org origin of {input:?}: {summary}"
        );
    }
}

#[test]
fn corrections_state_the_issuer() {
    let cases = [
        "  \"https://127.0.0.1:8443/oauth2/default\"\n",
        "https://127.0.0.1:8443/oauth2/default/.well-known/openid-configuration",
        "https://127.0.0.1:8443/oauth2/default/",
        "https://127.0.0.1:443/oauth2/default",
    ];
    for input in cases {
        let diagnosis = diagnose(input);
        let issuer = diagnosis
            .issuer
            .as_deref()
            .unwrap_or_else(|| panic!("no issuer for {input:?}"));
        for check in diagnosis
            .checks
            .iter()
            .filter(|check| check.status == Status::Warn)
        {
            assert!(
                check.message.contains(issuer),
                "{} for {input:?} does not state {issuer}: {}",
                check.id,
                check.message
            );
        }
    }
}

#[test]
fn secrets_in_input_are_not_repeated() {
    let cases = [
        (
            "https://alice:hunter2secret@example.okta.com/oauth2/default",
            "hunter2secret",
        ),
        (
            "https://example.okta.com/oauth2/default?code=authcode123",
            "authcode123",
        ),
        (
            "https://example.okta.com/oauth2/default#id_token=eyJhbGciOi",
            "eyJhbGciOi",
        ),
        ("example.okta.com/x?token=tokenvalue99", "tokenvalue99"),
    ];
    for (input, secret) in cases {
        let diagnosis = diagnose(input);
        for check in &diagnosis.checks {
            let hint = check.hint.as_deref().unwrap_or_default();
            assert!(
                !check.message.contains(secret),
                "{} message repeats {secret:?}: {}",
                check.id,
                check.message
            );
            assert!(
                !hint.contains(secret),
                "{} hint repeats {secret:?}: {hint}",
                check.id
            );
        }
        let suggestion = diagnosis.suggestion.unwrap_or_default();
        assert!(
            !suggestion.contains(secret),
            "suggestion repeats {secret:?}: {suggestion}"
        );
    }
}

#[test]
fn control_chars_never_reach_messages() {
    let cases = [
        "https://ex\u{1b}]0;title\u{7}ample.okta.com",
        "https://example.okta.com/oauth2/\u{1b}[2Jdefault",
        "\u{202E}https://example.okta.com",
        "https://example.okta.com/oauth2/de\u{202E}fault",
        "https://\u{9b}31mexample.okta.com",
        "{\u{1b}[31m}",
    ];
    for input in cases {
        let diagnosis = diagnose(input);
        for check in &diagnosis.checks {
            let text = format!(
                "{} {}",
                check.message,
                check.hint.as_deref().unwrap_or_default()
            );
            let hidden: Vec<char> = text
                .chars()
                .filter(|&c| c.is_control() || is_invisible(c))
                .collect();
            assert!(
                hidden.is_empty(),
                "{} for {input:?} shows {hidden:?}",
                check.id
            );
        }
    }
}

#[test]
fn long_input_is_rejected_briefly() {
    let long = format!("https://example.okta.com/{}", "a".repeat(5000));
    let diagnosis = diagnose(&long);
    assert_eq!(diagnosis.checks.len(), 1, "checks: {:?}", diagnosis.checks);
    assert_eq!(diagnosis.checks[0].id, "input.length");
    assert!(
        diagnosis.checks[0].message.len() < 200,
        "message: {}",
        diagnosis.checks[0].message
    );

    let long_host = format!("https://{}.okta.com", "a".repeat(300));
    let diagnosis = diagnose(&long_host);
    let host = diagnosis
        .checks
        .iter()
        .find(|check| check.id == "input.host")
        .expect("host check");
    assert!(
        host.message.chars().count() < 250,
        "message: {}",
        host.message
    );
}

#[test]
fn documented_ids_cover_emitted_ids() {
    let documentation = include_str!("../input.rs");
    let long = "x".repeat(3000);
    let inputs = [
        "",
        long.as_str(),
        "  'https://a.test'. ",
        "https://a.test/\u{7}",
        "https://a.te\u{200B}st",
        "https://a.test/ x",
        "https://{x}",
        "https:\\\\a.test",
        "http://u@a.test:443/?q#f",
        "https://A.test./",
        "https://é.test",
        "https://example-admin.okta.com:8443//oauth2//default/",
        "https://a.test:80x",
        "https://example.okta.com/.well-known/openid-configuration",
        "https://example.okta.com/oauth2/default/v1/keys",
        "https://example.okta.com/oauth2",
        "https://example.okta.com/oauth2/x",
        "https://example.okta.com/a",
        "https://a_b.test",
        "https://a.test/%FF%",
        "https://a.test/\u{00E9}",
    ];
    for input in inputs {
        for check in diagnose(input).checks {
            assert!(
                documentation.contains(&format!("| `{}` |", check.id)),
                "{} is not documented",
                check.id
            );
        }
    }
}

#[test]
fn non_passing_checks_have_hints() {
    let inputs = [
        "https://example-org-admin.okta.com/oauth2/default/",
        "http://u:p@{x}.okta.com",
        "https://example.oktapreview.com:8443/oauth2/default/v1/authorize?x#y",
        "  \"example.okta.com/oauth2/default\" ",
    ];
    for input in inputs {
        for check in diagnose(input).checks {
            let has_hint = check.hint.as_deref().is_some_and(|hint| !hint.is_empty());
            assert_eq!(
                has_hint,
                check.status != Status::Pass,
                "hint of {} for {input:?}",
                check.id
            );
        }
    }
}

proptest! {
    #[test]
    fn diagnose_holds_its_invariants(input in any::<String>()) {
        check_invariants(&input)?;
    }

    #[test]
    fn diagnose_holds_invariants_on_url_like_text(
        input in r#"[ "'<]{0,2}(https?|HTTPS|ftp)?:?/{0,3}[a-zA-Z0-9_.\-\[\]:@{}%]{0,30}(:[0-9]{0,6})?(/[a-zA-Z0-9.\-{}?#=&]{0,12}){0,5}/?[ "'>.]{0,2}"#
    ) {
        check_invariants(&input)?;
    }
}

fn check_invariants(input: &str) -> Result<(), TestCaseError> {
    let diagnosis = diagnose(input);
    let verdict = verdict_of(&diagnosis.checks);
    prop_assert!(!diagnosis.checks.is_empty());
    prop_assert_eq!(diagnosis.issuer.is_some(), verdict != Verdict::Fail);
    prop_assert!(diagnosis.issuer.is_none() || diagnosis.suggestion.is_none());

    for issuer in diagnosis.issuer.iter().chain(diagnosis.suggestion.iter()) {
        let url = Url::parse(issuer);
        prop_assert!(url.is_ok(), "{} does not parse", issuer);
        let url = url.unwrap();
        prop_assert_eq!(url.scheme(), "https");
        prop_assert!(
            url.query().is_none() && url.fragment().is_none() && url.username().is_empty()
        );
        prop_assert!(!issuer.ends_with('/'), "{} ends in /", issuer);
        prop_assert!(!issuer.contains(":443"), "{} keeps :443", issuer);
    }
    for check in &diagnosis.checks {
        let text = format!(
            "{} {}",
            check.message,
            check.hint.as_deref().unwrap_or_default()
        );
        prop_assert!(
            !text.chars().any(|c| c.is_control()),
            "{} shows a control character",
            check.id
        );
    }
    Ok(())
}

/// Summarizes a diagnosis on one line, for assertion messages.
fn summarize(diagnosis: &Diagnosis) -> String {
    let checks: Vec<String> = diagnosis
        .checks
        .iter()
        .map(|check| format!("{:?} {} {}", check.status, check.id, check.message))
        .collect();
    format!(
        "issuer {:?}, suggestion {:?}, checks [{}]",
        diagnosis.issuer,
        diagnosis.suggestion,
        checks.join("; ")
    )
}
