//! A fault-injecting TCP proxy for tests, on 127.0.0.1 between a client under test and its
//! server (the sandbox or a wiremock server). The test flips faults while it runs; each
//! request is recorded (method, path, Idempotency-Key) so a test can say what the server was
//! sent and how often.
//!
//! Every request reaches the server whatever the fault (a write under any fault may have
//! happened, the hard case for a client); the fault falls on the answer. Only `go_away`
//! keeps requests from the server: nothing listens until `come_back`.

mod wire;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// What happens to the answer of one request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fault {
    /// Passed on as it comes.
    Pass,
    /// Held back this long, then passed on whole.
    Delay(Duration),
    /// The head and this many bytes of the body, then the connection closed.
    Cut(usize),
    /// Dropped, and the connection reset (RST).
    Reset,
    /// Passed on one byte per interval.
    Trickle(Duration),
    /// Replaced by bytes that are not HTTP (what an SSH port says).
    Garbage,
    /// Replaced by a 200 whose body is not JSON (a proxy's login page).
    NotJson,
    /// Never answered; the connection stays open until the client leaves.
    Hang,
}

/// One request the proxy passed to the server.
#[derive(Clone, Debug, PartialEq)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub idempotency_key: Option<String>,
}

/// A fault for the requests it matches; `left` counts down the requests it still applies to.
struct Rule {
    method: Option<String>,
    path: Option<String>,
    fault: Fault,
    left: Option<usize>,
}

#[derive(Default)]
struct Shared {
    /// Newest first: a later rule overrides an earlier one.
    rules: Vec<Rule>,
    seen: Vec<Seen>,
}

impl Shared {
    /// Records `seen` and picks its fault, spending one use of a counted rule.
    fn admit(&mut self, seen: Seen) -> Fault {
        let rule = self.rules.iter_mut().find(|r| {
            r.left != Some(0)
                && r.method.as_ref().is_none_or(|m| *m == seen.method)
                && r.path.as_ref().is_none_or(|p| *p == seen.path)
        });
        self.seen.push(seen);
        let Some(rule) = rule else {
            return Fault::Pass;
        };
        if let Some(left) = &mut rule.left {
            *left -= 1;
        }
        rule.fault
    }
}

pub struct Proxy {
    addr: SocketAddr,
    upstream: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    accepting: Mutex<Option<JoinHandle<()>>>,
}

impl Proxy {
    /// Listens on 127.0.0.1 (a free port) and passes everything to `upstream` until a fault
    /// is set. Runs on the current tokio runtime.
    pub async fn start(upstream: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let proxy = Proxy {
            addr: listener.local_addr().unwrap(),
            upstream,
            shared: Arc::default(),
            accepting: Mutex::new(None),
        };
        proxy.listen(listener);
        proxy
    }

    /// `http://127.0.0.1:PORT`, to configure in place of the server's URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `fault` for every request (rules set with `on` and `once` still win).
    pub fn set(&self, fault: Fault) {
        self.rule(None, None, fault, None);
    }

    /// `fault` for every `method` request to `path` (without its query).
    pub fn on(&self, method: &str, path: &str, fault: Fault) {
        self.rule(Some(method), Some(path), fault, None);
    }

    /// `fault` for the next `method` request to `path` only.
    pub fn once(&self, method: &str, path: &str, fault: Fault) {
        self.rule(Some(method), Some(path), fault, Some(1));
    }

    /// Every request passed to the server so far, in order.
    pub fn seen(&self) -> Vec<Seen> {
        self.lock().seen.clone()
    }

    /// How many `method` requests to `path` reached the server.
    pub fn count(&self, method: &str, path: &str) -> usize {
        let seen = self.lock();
        seen.seen
            .iter()
            .filter(|s| s.method == method && s.path == path)
            .count()
    }

    /// Nothing listens any more: connections are refused (those open go on) until
    /// `come_back`. A server gone for a minute, for as long as the test needs.
    pub async fn go_away(&self) {
        let task = self
            .accepting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(task) = task {
            task.abort();
            // The listener is closed once the aborted task is dropped, which this waits for.
            let _ = task.await;
        }
    }

    /// Listens again on the same port.
    pub async fn come_back(&self) {
        let listener = TcpListener::bind(self.addr)
            .await
            .expect("the proxy's port is free again");
        self.listen(listener);
    }

    fn listen(&self, listener: TcpListener) {
        let (shared, upstream) = (self.shared.clone(), self.upstream);
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(relay(client, upstream, shared.clone()));
            }
        });
        *self
            .accepting
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(task);
    }

    fn rule(&self, method: Option<&str>, path: Option<&str>, fault: Fault, left: Option<usize>) {
        let rule = Rule {
            method: method.map(String::from),
            path: path.map(String::from),
            fault,
            left,
        };
        self.lock().rules.insert(0, rule);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        if let Some(task) = self.accepting.get_mut().ok().and_then(Option::take) {
            task.abort();
        }
    }
}

/// One connection: one request to the server, its answer back through the fault. A broken
/// connection on either side simply ends it, as it would end a real one.
async fn relay(mut client: TcpStream, upstream: SocketAddr, shared: Arc<Mutex<Shared>>) {
    let _ = try_relay(&mut client, upstream, &shared).await;
}

async fn try_relay(
    client: &mut TcpStream,
    upstream: SocketAddr,
    shared: &Mutex<Shared>,
) -> std::io::Result<()> {
    let Some((head, mut body)) = wire::read_head(client).await? else {
        return Ok(());
    };
    // Our clients send JSON bodies with a length, never chunked.
    let length: usize = wire::header(&head, "content-length")
        .map_or(Ok(0), str::parse)
        .map_err(|e| std::io::Error::other(format!("content-length: {e}")))?;
    while body.len() < length {
        let mut chunk = vec![0u8; length - body.len()];
        let n = client.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let (method, path) = wire::request_line(&head)?;
    let idempotency_key = wire::header(&head, "idempotency-key").map(String::from);
    let seen = Seen {
        method,
        path,
        idempotency_key,
    };
    let fault = shared
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .admit(seen);

    let mut server = TcpStream::connect(upstream).await?;
    server.write_all(&wire::closing(&head)).await?;
    server.write_all(&body).await?;
    let Some((answer_head, rest)) = wire::read_head(&mut server).await? else {
        return Ok(());
    };
    let mut answer = wire::closing(&answer_head);
    let body_at = answer.len();
    answer.extend_from_slice(&rest);
    if fault == Fault::Pass {
        // Streamed: a log stream's answer never ends while its job runs.
        client.write_all(&answer).await?;
        tokio::io::copy(&mut server, client).await?;
        return client.shutdown().await;
    }
    // The whole answer first: the server has finished its work before the client sees a thing.
    server.read_to_end(&mut answer).await?;
    match fault {
        // `Pass` streamed above; it shares the arm that passes the whole answer on.
        Fault::Pass | Fault::Delay(_) => {
            if let Fault::Delay(wait) = fault {
                tokio::time::sleep(wait).await;
            }
            client.write_all(&answer).await?;
        }
        Fault::Cut(keep) => {
            client
                .write_all(&answer[..answer.len().min(body_at + keep)])
                .await?
        }
        Fault::Reset => {
            // Linger 0: closing sends RST instead of FIN.
            return client.set_zero_linger();
        }
        Fault::Trickle(every) => {
            for byte in answer {
                client.write_all(&[byte]).await?;
                tokio::time::sleep(every).await;
            }
        }
        Fault::Garbage => client.write_all(GARBAGE).await?,
        Fault::NotJson => client.write_all(&not_json()).await?,
        Fault::Hang => {
            let mut sink = [0u8; 1024];
            while client.read(&mut sink).await? > 0 {}
        }
    }
    client.shutdown().await
}

/// An SSH server's greeting and some binary noise: an HTTP client on the wrong port.
const GARBAGE: &[u8] = b"SSH-2.0-OpenSSH_9.6\r\n\x00\x00\x01\x14\x0a\x14\xfe\xff\x00garbage";

/// A 200 whose body is an HTML login page, as a captive portal or a corporate proxy sends.
fn not_json() -> Vec<u8> {
    let body = "<html><body>Please sign in to the network</body></html>";
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}
