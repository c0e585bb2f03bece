//! A deploy sandbox on a random loopback port, and small helpers to talk to it.

use reqwest::{Response, StatusCode};
use serde_json::Value;
use std::time::{Duration, Instant};
use tokio::net::TcpListener;

#[rustfmt::skip]
pub const DEPLOYMENT_FIELDS: [&str; 15] = [
    "id", "service", "environment", "revision", "version", "kind", "state", "from_environment",
    "rollback_of", "created_at", "finished_at", "by", "reason", "run_id", "changes",
];

/// An RFC 3339 time in UTC.
pub fn assert_time(value: &Value) {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("not a time: {value}"));
    assert!(text.ends_with('Z'), "{text} is not UTC");
    chrono::DateTime::parse_from_rfc3339(text).unwrap();
}

pub struct Server {
    pub base: String,
    pub http: reqwest::Client,
}

impl Server {
    pub async fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        // Mounted the way the sandbox does: merged beside another API with its own fallback.
        let elsewhere = || async { (StatusCode::IM_A_TEAPOT, "another API") };
        let app = axum::Router::new()
            .fallback(elsewhere)
            .merge(shipdeck_sandbox::deploy::router(chrono::Utc::now()));
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        // A safety net so a broken stream fails the test instead of hanging it.
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        Server {
            base: format!("http://{addr}"),
            http,
        }
    }

    async fn reply(response: Response) -> (StatusCode, Value) {
        let status = response.status();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        Self::reply(
            self.http
                .get(format!("{}{path}", self.base))
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn post(&self, path: &str, key: Option<&str>, body: &Value) -> (StatusCode, Value) {
        let mut request = self.http.post(format!("{}{path}", self.base)).json(body);
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        Self::reply(request.send().await.unwrap()).await
    }

    pub async fn environment(&self, service: &str, env: &str) -> Value {
        let (status, body) = self
            .get(&format!("/v1/services/{service}/environments"))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let envs = body["environments"].as_array().unwrap();
        envs.iter().find(|e| e["name"] == env).unwrap().clone()
    }

    /// Every item of a list, following `next_cursor` with pages of `limit`.
    pub async fn collect(&self, path: &str, field: &str, limit: usize) -> Vec<Value> {
        let glue = if path.contains('?') { '&' } else { '?' };
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = match &cursor {
                None => format!("{path}{glue}limit={limit}"),
                Some(c) => format!("{path}{glue}limit={limit}&cursor={c}"),
            };
            let (status, body) = self.get(&page).await;
            assert_eq!(status, StatusCode::OK, "{page}: {body}");
            let got = body[field].as_array().unwrap();
            assert!(got.len() <= limit);
            items.extend(got.iter().cloned());
            match body["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_string()),
                None => return items,
            }
        }
    }

    /// Polls until the deployment has finished; the deadline only stops a hung test.
    pub async fn wait_finished(&self, id: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let (status, d) = self.get(&format!("/v1/deployments/{id}")).await;
            assert_eq!(status, StatusCode::OK, "{d}");
            if ["succeeded", "failed", "cancelled"].contains(&d["state"].as_str().unwrap()) {
                return d;
            }
            assert!(Instant::now() < deadline, "{id} never finished: {d}");
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// The log from `offset`, `X-Log-Size` and `X-Log-Complete`.
    pub async fn log(&self, run: &str, job: &str, offset: usize) -> (String, usize, bool) {
        let url = format!("{}/v1/runs/{run}/jobs/{job}/log?offset={offset}", self.base);
        let response = self.http.get(url).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let header = |name: &str| response.headers()[name].to_str().unwrap().to_string();
        let size = header("x-log-size").parse().unwrap();
        let complete = header("x-log-complete") == "true";
        (response.text().await.unwrap(), size, complete)
    }
}

#[derive(Debug)]
pub struct SseEvent {
    pub event: String,
    pub id: String,
    pub data: String,
}

/// Reads up to `max` events, or until the `end` event, then drops the connection.
pub async fn sse_events(mut response: Response, max: usize) -> Vec<SseEvent> {
    let mut events = Vec::new();
    let mut buffer = String::new();
    while let Some(bytes) = response.chunk().await.unwrap() {
        buffer.push_str(std::str::from_utf8(&bytes).unwrap());
        while let Some(at) = buffer.find("\n\n") {
            let block: String = buffer.drain(..at + 2).collect();
            let mut event = SseEvent {
                event: "message".into(),
                id: String::new(),
                data: String::new(),
            };
            let mut data = Vec::new();
            for line in block.lines() {
                let (field, value) = line.split_once(':').unwrap_or((line, ""));
                let value = value.strip_prefix(' ').unwrap_or(value);
                match field {
                    "event" => event.event = value.to_string(),
                    "id" => event.id = value.to_string(),
                    "data" => data.push(value),
                    _ => {}
                }
            }
            if data.is_empty() && event.event == "message" {
                continue; // a keep-alive comment
            }
            event.data = data.join("\n");
            let end = event.event == "end";
            events.push(event);
            if end || events.len() == max {
                return events;
            }
        }
    }
    events
}

/// A log's lines as a terminal ends up showing them: a line redrawn with CRs is its last part.
pub fn log_lines(log: &str) -> Vec<String> {
    log.lines()
        .map(|line| line.rsplit('\r').next().unwrap_or(line).to_string())
        .collect()
}
