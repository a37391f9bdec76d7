//! A certificate authority made at test time, and a server certificate for
//! 127.0.0.1 and localhost signed by it.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, SanType};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tempfile::TempDir;

/// A test CA: its PEM file for `--ca-cert`, and a rustls server config with a
/// loopback certificate it signed.
pub struct TestCa {
    dir: TempDir,
    pub ca_pem: String,
    pub server_config: Arc<rustls::ServerConfig>,
    server_cert_pem: String,
    server_key_pem: String,
}

impl TestCa {
    pub fn new() -> TestCa {
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.distinguished_name.push(DnType::CommonName, "cake-okta test CA");
        let ca_cert = ca_params.self_signed(&ca_key).expect("CA certificate");
        let issuer = Issuer::new(ca_params, ca_key);

        let server_key = KeyPair::generate().expect("server key");
        let mut server_params = CertificateParams::new(vec!["localhost".to_string()]).expect("server params");
        server_params.subject_alt_names.push(SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)));
        server_params.distinguished_name.push(DnType::CommonName, "127.0.0.1");
        let server_cert = server_params.signed_by(&server_key, &issuer).expect("server certificate");

        let chain = vec![CertificateDer::from(server_cert.der().to_vec())];
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let server_config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .expect("server TLS config");

        let dir = tempfile::tempdir().expect("CA dir");
        let ca_pem = ca_cert.pem();
        std::fs::write(dir.path().join("ca.pem"), &ca_pem).expect("write CA file");
        TestCa {
            dir,
            ca_pem,
            server_config: Arc::new(server_config),
            server_cert_pem: server_cert.pem(),
            server_key_pem: server_key.serialize_pem(),
        }
    }

    /// Path of the CA certificate in PEM form.
    pub fn ca_path(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// Writes the loopback server certificate and its private key as PEM
    /// files, for servers that are not built on rustls. Returns the paths of
    /// the certificate and of the key.
    pub fn write_server_pem(&self) -> (PathBuf, PathBuf) {
        let cert = self.dir.path().join("server-cert.pem");
        let key = self.dir.path().join("server-key.pem");
        std::fs::write(&cert, &self.server_cert_pem).expect("write server certificate");
        std::fs::write(&key, &self.server_key_pem).expect("write server key");
        (cert, key)
    }
}
