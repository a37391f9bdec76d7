//! The rustls configuration every client uses: the ring crypto provider, the
//! platform's trust store, and the CA certificates of an optional extra PEM
//! file.
//!
//! ring is chosen over reqwest's default aws-lc-rs provider because its first
//! handshake costs far less CPU, which dominates a command that makes two or
//! three requests and exits.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context as _, bail};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use rustls::{ClientConfig, RootCertStore};

/// Builds the TLS configuration. Fails when the extra CA file cannot be read
/// or holds no certificate, naming the path.
pub fn client_config(ca_file: Option<&Path>) -> anyhow::Result<ClientConfig> {
    let mut roots = RootCertStore::empty();

    // A platform store with a few unreadable entries is still useful, so
    // load errors are ignored as long as the parsable certificates remain.
    roots.add_parsable_certificates(load_platform_certificates());

    if let Some(path) = ca_file {
        for certificate in read_ca_file(path)? {
            roots.add(certificate).with_context(|| format!("invalid CA certificate in {}", path.display()))?;
        }
    }

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .context("the TLS provider supports no safe protocol version")?
        .with_root_certificates(roots)
        .with_no_client_auth();

    // reqwest uses a preconfigured config as it is, ALPN included, and this
    // build of reqwest speaks HTTP/1.1 only.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// Loads the platform's trusted CA certificates.
///
/// On Linux and the BSDs, `rustls_native_certs::load_native_certs` reads the
/// CA bundle file and then every file of the certificate directory, which
/// on Debian contains each bundle certificate again behind two symlinks: about
/// 300 `stat` calls and every certificate decoded twice, a third of the CPU
/// time of an `issuer check` (measured with `perf record` on Debian 12).
/// OpenSSL reads the bundle up front and looks in the directory only by
/// subject hash when it needs to, so the bundle alone is read here when
/// there is one.
///
/// NOTE: a certificate added to the directory by hand (with `c_rehash`) but
/// not to the bundle (with `update-ca-certificates`) is not trusted; the
/// `--ca-cert` flag or the `ca_file` setting adds it. `SSL_CERT_FILE` and
/// `SSL_CERT_DIR` still choose the locations exactly.
#[cfg(all(unix, not(target_os = "macos")))]
fn load_platform_certificates() -> Vec<CertificateDer<'static>> {
    let chosen_by_environment =
        std::env::var_os("SSL_CERT_FILE").is_some() || std::env::var_os("SSL_CERT_DIR").is_some();
    let bundle = openssl_probe::probe().cert_file;
    match bundle {
        Some(file) if !chosen_by_environment => rustls_native_certs::load_certs_from_paths(Some(&file), None).certs,
        _ => rustls_native_certs::load_native_certs().certs,
    }
}

/// Loads the platform's trusted CA certificates from its certificate store.
#[cfg(not(all(unix, not(target_os = "macos"))))]
fn load_platform_certificates() -> Vec<CertificateDer<'static>> {
    rustls_native_certs::load_native_certs().certs
}

/// Reads every certificate of a PEM file.
pub fn read_ca_file(path: &Path) -> anyhow::Result<Vec<CertificateDer<'static>>> {
    let pem = std::fs::read(path).with_context(|| format!("cannot read CA file {}", path.display()))?;

    let certificates = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("invalid PEM in CA file {}", path.display()))?;
    if certificates.is_empty() {
        bail!("CA file {} contains no PEM certificate", path.display());
    }
    Ok(certificates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_ca_file_names_path() {
        let error = client_config(Some(Path::new("/nonexistent/ca.pem"))).unwrap_err();
        assert!(format!("{error:#}").contains("/nonexistent/ca.pem"), "{error:#}");
    }

    #[test]
    fn ca_file_without_certificate_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.pem");
        std::fs::write(&path, "not a certificate\n").unwrap();

        let error = client_config(Some(&path)).unwrap_err();
        let text = format!("{error:#}");
        assert!(text.contains("no PEM certificate"), "{text}");
        assert!(text.contains("empty.pem"), "{text}");
    }

    #[test]
    fn generated_ca_file_accepted() {
        let key = rcgen::KeyPair::generate().unwrap();
        let params = rcgen::CertificateParams::new(vec!["ca.test".to_string()]).unwrap();
        let certificate = params.self_signed(&key).unwrap();

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ca.pem");
        std::fs::write(&path, certificate.pem()).unwrap();

        assert_eq!(read_ca_file(&path).unwrap().len(), 1);
        let config = client_config(Some(&path)).unwrap();
        assert_eq!(config.alpn_protocols, vec![b"http/1.1".to_vec()]);
    }
}
