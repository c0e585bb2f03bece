//! The sandbox's GitHub side served alone on a random loopback port, and its answers read
//! whole: shared by the board and the Actions/Deployments sandbox tests.

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Response, StatusCode};
use serde_json::Value;
use shipdeck_sandbox::github::{Clock, router_with};
use tokio::net::TcpListener;

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The URL of a `Link` relation, if the header has it.
    pub fn link(&self, rel: &str) -> Option<String> {
        self.header("link").split(", ").find_map(|part| {
            let (url, kind) = part.split_once("; ")?;
            (kind == format!("rel=\"{rel}\""))
                .then(|| url.trim_matches(|c| c == '<' || c == '>').to_string())
        })
    }

    /// Status, headers and body (JSON, else the text as a JSON string).
    pub async fn of(response: Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply {
            status,
            headers,
            body,
        }
    }
}

/// Serves the GitHub router on `clock`; returns `http://127.0.0.1:PORT`.
pub async fn serve(clock: Clock) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router_with(clock);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// The media type and API version every GitHub client sends.
pub fn github_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        "accept",
        HeaderValue::from_static("application/vnd.github+json"),
    );
    headers.insert(
        "x-github-api-version",
        HeaderValue::from_static("2022-11-28"),
    );
    headers
}
