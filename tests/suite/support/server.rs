//! A small HTTP/1.1 server on 127.0.0.1, over TLS or plain TCP, whose
//! responses come from a per-test handler. It records every request so tests
//! can assert what the binary sent, and supports keep-alive, delays and
//! connections dropped without a response.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use super::tls::TestCa;

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Path without the query string.
    pub path: String,
    pub query: Option<String>,
    /// Header names in lowercase.
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
    /// Number of the connection it came on, counting from 0 in accept
    /// order, so tests can tell whether requests shared a connection.
    pub connection: usize,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(&name.to_ascii_lowercase()).map(String::as_str)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

/// Response that the handler returns for a request.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before responding.
    pub delay: Option<Duration>,
    /// Close the connection without responding.
    pub drop_connection: bool,
    /// Send the body with chunked transfer encoding and no Content-Length.
    pub chunked: bool,
    /// Send the body one byte at a time with this pause after each byte.
    pub trickle: Option<Duration>,
}

impl Response {
    pub fn new(status: u16) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: None,
            drop_connection: false,
            chunked: false,
            trickle: None,
        }
    }

    pub fn json(status: u16, value: &serde_json::Value) -> Response {
        Response::new(status).header("content-type", "application/json").body(value.to_string())
    }

    pub fn text(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response::new(status).header("content-type", content_type).body(body)
    }

    pub fn header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Response {
        self.body = body.into();
        self
    }

    pub fn delay(mut self, delay: Duration) -> Response {
        self.delay = Some(delay);
        self
    }

    /// Sends the body in chunks without announcing its length, as a
    /// streaming server would.
    pub fn chunked(mut self) -> Response {
        self.chunked = true;
        self
    }

    pub fn trickle(mut self, pause: Duration) -> Response {
        self.trickle = Some(pause);
        self
    }

    /// Creates a response that closes the connection without sending
    /// anything, as a crashed peer would.
    pub fn dropped() -> Response {
        Response { drop_connection: true, ..Response::new(0) }
    }
}

type Handler = dyn Fn(&Request) -> Response + Send + Sync;

/// A running server. It stops when dropped.
pub struct Server {
    addr: SocketAddr,
    tls: bool,
    requests: Arc<Mutex<Vec<Request>>>,
    stopping: Arc<AtomicBool>,
}

impl Server {
    /// Starts an HTTPS server with a certificate signed by `ca`.
    pub fn https(ca: &TestCa, handler: impl Fn(&Request) -> Response + Send + Sync + 'static) -> Server {
        Server::start(Some(ca.server_config.clone()), Arc::new(handler))
    }

    /// Starts a plain HTTP server (for loopback backend tests only).
    pub fn http(handler: impl Fn(&Request) -> Response + Send + Sync + 'static) -> Server {
        Server::start(None, Arc::new(handler))
    }

    fn start(tls: Option<Arc<rustls::ServerConfig>>, handler: Arc<Handler>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind test server");
        let addr = listener.local_addr().expect("test server address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stopping = Arc::new(AtomicBool::new(false));

        let server = Server { addr, tls: tls.is_some(), requests: requests.clone(), stopping: stopping.clone() };
        thread::spawn(move || accept_loop(listener, tls, handler, requests, stopping));
        server
    }

    /// Origin such as `https://127.0.0.1:40123`.
    pub fn base(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// `127.0.0.1:40123`.
    pub fn host_port(&self) -> String {
        self.addr.to_string()
    }

    /// Returns every request received so far, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().expect("requests lock").clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the accept loop so it checks the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn accept_loop(
    listener: TcpListener,
    tls: Option<Arc<rustls::ServerConfig>>,
    handler: Arc<Handler>,
    requests: Arc<Mutex<Vec<Request>>>,
    stopping: Arc<AtomicBool>,
) {
    for (connection, stream) in listener.incoming().enumerate() {
        if stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let (tls, handler, requests) = (tls.clone(), handler.clone(), requests.clone());
        thread::spawn(move || {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
            // The head and body are written separately. Without TCP_NODELAY,
            // Nagle's algorithm and delayed ACKs add tens of milliseconds to
            // each response.
            let _ = stream.set_nodelay(true);
            match tls {
                Some(config) => {
                    let Ok(tls_connection) = rustls::ServerConnection::new(config) else { return };
                    serve_connection(rustls::StreamOwned::new(tls_connection, stream), connection, handler.as_ref(), &requests);
                }
                None => serve_connection(stream, connection, handler.as_ref(), &requests),
            }
        });
    }
}

/// Serves requests on one connection until the peer closes it.
fn serve_connection<S: Read + Write>(stream: S, connection: usize, handler: &Handler, requests: &Mutex<Vec<Request>>) {
    let mut reader = BufReader::new(stream);
    loop {
        let Some(request) = read_request(&mut reader, connection) else { return };
        requests.lock().expect("requests lock").push(request.clone());

        let response = handler(&request);
        if let Some(delay) = response.delay {
            thread::sleep(delay);
        }
        if response.drop_connection {
            return;
        }
        if write_response(reader.get_mut(), &response).is_err() {
            return;
        }
        if request.header("connection").is_some_and(|value| value.eq_ignore_ascii_case("close")) {
            return;
        }
    }
}

fn read_request<R: BufRead>(reader: &mut R, connection: usize) -> Option<Request> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();

    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
    }

    let length: usize = headers.get("content-length").and_then(|value| value.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;

    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path.to_string(), Some(query.to_string())),
        None => (target, None),
    };
    Some(Request { method, path, query, headers, body, connection })
}

fn write_response<W: Write>(writer: &mut W, response: &Response) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if response.chunked {
        head.push_str("transfer-encoding: chunked\r\n\r\n");
        writer.write_all(head.as_bytes())?;
        for chunk in response.body.chunks(16 * 1024) {
            writer.write_all(format!("{:x}\r\n", chunk.len()).as_bytes())?;
            writer.write_all(chunk)?;
            writer.write_all(b"\r\n")?;
        }
        writer.write_all(b"0\r\n\r\n")?;
        return writer.flush();
    }

    head.push_str(&format!("content-length: {}\r\n\r\n", response.body.len()));
    writer.write_all(head.as_bytes())?;
    if let Some(pause) = response.trickle {
        for byte in &response.body {
            writer.write_all(std::slice::from_ref(byte))?;
            writer.flush()?;
            thread::sleep(pause);
        }
        return Ok(());
    }
    writer.write_all(&response.body)?;
    writer.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
