//! A scripted deploy-protocol log server on loopback: each stream connection and each poll
//! takes the next step of its script, and the server records what clients asked.

use axum::Router;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures::StreamExt;
use shipdeck::config::TokenSource;
use shipdeck::providers::deploy::{HttpDeploy, HttpDeploySettings};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const RUN: &str = "r-1";
pub const JOB: &str = "j-1";

/// How a stream connection ends after its bytes.
pub enum After {
    /// A clean end of the body (without `event: end` unless the bytes had it).
    Close,
    /// The connection breaks mid-body.
    Reset,
    /// Nothing more, ever: the client's quiet timeout must notice.
    Hang,
}

pub enum StreamStep {
    Sse(Vec<u8>, After),
    /// A 200 that is not an event stream.
    Plain,
    Status(u16),
}

pub enum PollStep {
    /// The log has this many bytes now (and is not complete).
    Grow(usize),
    Status(u16),
}

#[derive(Default)]
pub struct Script {
    pub log: Vec<u8>,
    /// One per stream connection; when it runs out, streams answer 404 (not offered).
    pub streams: VecDeque<StreamStep>,
    /// One per poll; when it runs out, the whole log is there and complete.
    pub polls: VecDeque<PollStep>,
    /// `Last-Event-ID` of each stream connection, in order.
    pub resumed_at: Vec<Option<String>>,
    /// `offset` of each poll, in order.
    pub polled_at: Vec<u64>,
}

pub type Shared = Arc<Mutex<Script>>;

/// Serves `script` on 127.0.0.1; returns its base URL and the shared script.
pub async fn serve(script: Script) -> (String, Shared) {
    let shared = Arc::new(Mutex::new(script));
    let app = Router::new()
        .route(&format!("/v1/runs/{RUN}/jobs/{JOB}/log"), get(log))
        .route(
            &format!("/v1/runs/{RUN}/jobs/{JOB}/log/stream"),
            get(stream),
        )
        .with_state(shared.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, shared)
}

/// The provider under test, pointed at `url`; `quiet` bounds requests and silent streams.
pub fn provider(url: &str, quiet: Duration) -> Arc<HttpDeploy> {
    let settings = HttpDeploySettings {
        name: "test backend".into(),
        base_url: url.into(),
        token: None,
        token_source: TokenSource::None,
        services: None,
        protected: Vec::new(),
        network: shipdeck::providers::http::Network::default(),
    };
    Arc::new(HttpDeploy::with_timeout(settings, quiet).unwrap())
}

fn error(status: u16, message: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap();
    let body = format!(r#"{{"error":{{"code":"test","message":"{message}"}}}}"#);
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn log(
    State(shared): State<Shared>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let mut script = shared.lock().unwrap();
    let offset: usize = query.get("offset").map_or(0, |o| o.parse().unwrap());
    script.polled_at.push(offset as u64);
    let (size, complete) = match script.polls.pop_front() {
        Some(PollStep::Status(status)) => return error(status, "scripted refusal"),
        Some(PollStep::Grow(size)) => (size, false),
        None => (script.log.len(), true),
    };
    if offset > size {
        return error(416, "offset past the end");
    }
    let headers = [
        ("x-log-size", size.to_string()),
        ("x-log-complete", complete.to_string()),
        ("content-type", "text/plain".to_string()),
    ];
    (headers, script.log[offset..size].to_vec()).into_response()
}

async fn stream(State(shared): State<Shared>, headers: HeaderMap) -> Response {
    let step = {
        let mut script = shared.lock().unwrap();
        let resumed = headers
            .get("last-event-id")
            .map(|v| v.to_str().unwrap().to_string());
        script.resumed_at.push(resumed);
        script.streams.pop_front()
    };
    let (bytes, after) = match step {
        None => return error(404, "no streams here"),
        Some(StreamStep::Status(status)) => return error(status, "scripted refusal"),
        Some(StreamStep::Plain) => return "not a stream".into_response(),
        Some(StreamStep::Sse(bytes, after)) => (bytes, after),
    };
    let head = futures::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
    let body = match after {
        After::Close => Body::from_stream(head),
        // The pause lets the bytes out before the connection breaks or goes quiet.
        After::Reset => Body::from_stream(head.chain(futures::stream::once(async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            Err(std::io::Error::other("scripted reset"))
        }))),
        After::Hang => Body::from_stream(head.chain(futures::stream::pending())),
    };
    ([(header::CONTENT_TYPE, "text/event-stream")], body).into_response()
}

/// `count` log lines with colour and multi-byte characters.
pub fn log_lines(count: usize) -> Vec<u8> {
    (0..count)
        .map(|i| format!("\x1b[32m✔\x1b[0m step {i:03}: ünïcode ok\n"))
        .collect::<String>()
        .into_bytes()
}

/// The byte offset after line `n` of `log`.
pub fn after_line(log: &[u8], n: usize) -> usize {
    log.iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(n - 1)
        .map(|(i, _)| i + 1)
        .unwrap()
}

/// `log[from..to]` as one protocol chunk event: one `data:` line per log line, `id` = `to`.
pub fn chunk(log: &[u8], from: usize, to: usize) -> Vec<u8> {
    let text = &log[from..to];
    let text = text.strip_suffix(b"\n").unwrap_or(text);
    let mut out = format!("event: chunk\nid: {to}\n").into_bytes();
    for line in text.split(|b| *b == b'\n') {
        out.extend_from_slice(b"data: ");
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out.push(b'\n');
    out
}

/// Chunks of `per` lines from line `first` to the end of `log`, then `event: end`.
pub fn rest(log: &[u8], first: usize, per: usize) -> Vec<u8> {
    let lines = log.iter().filter(|b| **b == b'\n').count();
    let mut out = Vec::new();
    let mut at = if first == 0 {
        0
    } else {
        after_line(log, first)
    };
    let mut line = first;
    while line < lines {
        let next = (line + per).min(lines);
        let to = after_line(log, next);
        out.extend(chunk(log, at, to));
        (at, line) = (to, next);
    }
    out.extend(format!("event: end\nid: {}\ndata: succeeded\n\n", log.len()).into_bytes());
    out
}
