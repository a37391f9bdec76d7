//! A valid Okta-like issuer on HTTPS loopback: the discovery document and
//! key set of the `00-baseline-valid-okta` fixture, for tests that need an
//! issuer that passes every check (run them with `--ca-cert` and
//! `--allow-private-network`).

use super::server::{Response, Server};
use super::tls::TestCa;

/// A client ID the fixture issuer's checks accept.
pub const CLIENT_ID: &str = "0oa1b2c3d4e5f6g7h8i9";

/// A running issuer. It stops when dropped.
pub struct Issuer {
    pub server: Server,
    /// `https://127.0.0.1:PORT/oauth2/default`.
    pub url: String,
}

impl Issuer {
    pub fn start(ca: &TestCa) -> Issuer {
        let dir = super::fixtures_dir().join("issuer").join("00-baseline-valid-okta");
        let discovery = std::fs::read_to_string(dir.join("discovery.json")).expect("read discovery fixture");
        let keys = std::fs::read_to_string(dir.join("jwks.json")).expect("read key set fixture");

        // The discovery document names the server's own address, which is
        // known only once it runs.
        let base = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
        let handler_base = base.clone();
        let server = Server::https(ca, move |request| {
            let base = handler_base.get().expect("base is set before any request");
            match request.path.as_str() {
                "/oauth2/default/.well-known/openid-configuration" => {
                    Response::text(200, "application/json", discovery.replace("{{BASE}}", base))
                }
                "/oauth2/default/v1/keys" => Response::text(200, "application/json", keys.clone()),
                _ => Response::text(404, "text/plain", Vec::new()),
            }
        });
        base.set(server.base()).expect("base set once");

        let url = format!("{}/oauth2/default", server.base());
        Issuer { server, url }
    }
}
