//! Turns reqwest and I/O errors into [`FetchError`] kinds by walking their
//! source chains for typed causes (timeouts, refused connections, rustls
//! errors), never by matching message text.

use std::error::Error;
use std::io;

use url::Url;

use super::FetchError;

/// Classifies an error from sending a request.
pub fn request_error(url: &Url, error: &reqwest::Error) -> FetchError {
    let url_text = url.to_string();

    if error.is_timeout() || find_io_kind(error, io::ErrorKind::TimedOut) {
        return FetchError::Timeout { url: url_text };
    }
    if let Some(tls) = find_cause::<rustls::Error>(error) {
        return FetchError::Tls { url: url_text, detail: tls.to_string(), certificate: is_certificate_error(tls) };
    }
    if find_io_kind(error, io::ErrorKind::ConnectionRefused) {
        return FetchError::ConnectionRefused { url: url_text };
    }

    let detail = innermost_message(error);
    if error.is_connect() {
        return FetchError::Connect { url: url_text, detail };
    }
    // A server that closes the connection after a TLS close_notify shows up
    // as a request error without an I/O cause: hyper's "incomplete message",
    // whose type is not reachable because hyper is not a direct dependency.
    // NOTE: other hyper request errors would be reported the same way.
    let broken = CLOSED_KINDS.iter().any(|&kind| find_io_kind(error, kind));
    if broken || error.is_request() {
        FetchError::NoResponse { url: url_text }
    } else {
        FetchError::Other { url: url_text, detail }
    }
}

/// I/O errors of a connection that the other end closed or broke.
const CLOSED_KINDS: [io::ErrorKind; 4] = [
    io::ErrorKind::UnexpectedEof,
    io::ErrorKind::ConnectionReset,
    io::ErrorKind::ConnectionAborted,
    io::ErrorKind::BrokenPipe,
];

/// Classifies an error met while reading a response body.
pub fn io_error(url: &Url, error: &io::Error) -> FetchError {
    if error.kind() == io::ErrorKind::TimedOut {
        return FetchError::Timeout { url: url.to_string() };
    }
    if let Some(inner) = error.get_ref().and_then(|inner| inner.downcast_ref::<reqwest::Error>()) {
        return request_error(url, inner);
    }
    if CLOSED_KINDS.contains(&error.kind()) {
        return FetchError::NoResponse { url: url.to_string() };
    }
    FetchError::Other { url: url.to_string(), detail: error.to_string() }
}

fn is_certificate_error(error: &rustls::Error) -> bool {
    matches!(
        error,
        rustls::Error::InvalidCertificate(_)
            | rustls::Error::NoCertificatesPresented
            | rustls::Error::UnsupportedNameType
            | rustls::Error::InvalidCertRevocationList(_)
    )
}

/// Finds a cause of type `T`, also looking inside `io::Error` wrappers,
/// whose `source()` skips the error they wrap.
fn find_cause<'a, T: Error + 'static>(error: &'a (dyn Error + 'static)) -> Option<&'a T> {
    let mut current = Some(error);
    while let Some(cause) = current {
        if let Some(found) = cause.downcast_ref::<T>() {
            return Some(found);
        }
        if let Some(inner) = cause.downcast_ref::<io::Error>().and_then(|io| io.get_ref())
            && let Some(found) = find_cause::<T>(inner)
        {
            return Some(found);
        }
        current = cause.source();
    }
    None
}

fn find_io_kind(error: &(dyn Error + 'static), kind: io::ErrorKind) -> bool {
    let mut current = Some(error);
    while let Some(cause) = current {
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            if io.kind() == kind {
                return true;
            }
            if let Some(inner) = io.get_ref()
                && find_io_kind(inner, kind)
            {
                return true;
            }
        }
        current = cause.source();
    }
    false
}

/// The message of the deepest cause, which is usually the one that says what
/// went wrong; the outer ones only add "error sending request".
fn innermost_message(error: &(dyn Error + 'static)) -> String {
    let mut current = error;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}
