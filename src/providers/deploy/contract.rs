//! docs/deploy-protocol.md against the client's own wire types: every answer the document
//! shows decodes, with no field of it skipped (a renamed field would otherwise pass as
//! "absent"), the request bodies the client sends are the document's, and its log stream
//! example reads as the client reads a stream. The sandbox side is sandbox/tests/contract.rs.

use super::dto::{
    AcceptedDto, DeploymentDto, DeploymentPageDto, EnvironmentsDto, PromoteBody, RollbackBody,
    RunDto, RunPageDto, ServicesDto,
};
use super::sse::SseParser;
use super::stream::log_event;
use crate::providers::http::server_text;
use crate::providers::log_stream::LogEvent;
use serde::de::DeserializeOwned;
use serde_json::Value;

const DOC: &str = include_str!("../../../docs/deploy-protocol.md");

/// Every label the document must have an example for.
const LABELS: [&str; 13] = [
    "json error",
    "json response GET /v1/services",
    "json response GET /v1/services/{service}/environments",
    "json response GET /v1/deployments/{id}",
    "json response GET /v1/services/{service}/environments/{env}/deployments",
    "json request POST /v1/services/{service}/promote",
    "json response POST /v1/services/{service}/promote",
    "json request POST /v1/services/{service}/environments/{env}/rollback",
    "json response POST /v1/services/{service}/environments/{env}/rollback",
    "json response POST /v1/deployments/{id}/cancel",
    "json response GET /v1/runs",
    "json response GET /v1/runs/{id}",
    "sse response GET /v1/runs/{id}/jobs/{job}/log/stream",
];

/// The fenced blocks of the document: the fence's info string, and the text inside.
fn blocks() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in DOC.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_string(), String::new())),
            (Some(_), Some(_)) => out.extend(open.take()),
            (Some((_, text)), None) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "an example is never closed");
    out
}

/// `text` as `T`, failing on any field `T` does not read.
fn decode<T: DeserializeOwned>(label: &str, text: &str) -> T {
    let mut skipped = Vec::new();
    let mut json = serde_json::Deserializer::from_str(text);
    let value = serde_ignored::deserialize(&mut json, |path| skipped.push(path.to_string()))
        .unwrap_or_else(|e| panic!("{label}: {e}"));
    assert!(skipped.is_empty(), "{label}: the client skips {skipped:?}");
    value
}

fn json(label: &str, text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{label}: {e}"))
}

fn text<'a>(body: &'a Value, key: &str) -> Option<&'a str> {
    body.get(key).and_then(Value::as_str)
}

#[test]
fn every_example_is_labelled_and_read_by_the_client() {
    let blocks = blocks();
    let labels: Vec<&str> = blocks.iter().map(|(label, _)| label.as_str()).collect();
    let mut expected = LABELS.to_vec();
    expected.sort_unstable();
    let mut found = labels.clone();
    found.sort_unstable();
    assert_eq!(found, expected, "the document's examples changed");
    for (label, body) in &blocks {
        let label = label.as_str();
        let route = label.split_once(' ').map_or("", |(_, route)| route);
        match label.split(' ').next().unwrap_or_default() {
            "json" if route == "error" => {
                let error = json(label, body);
                let message = error.pointer("/error/message").and_then(Value::as_str);
                assert_eq!(server_text(body.as_bytes(), false).as_deref(), message);
            }
            "json" => decodes(route, body),
            "sse" => reads_as_a_log_stream(body),
            other => panic!("{label}: no reader for {other:?} examples"),
        }
    }
}

fn decodes(route: &str, body: &str) {
    match route {
        "response GET /v1/services" => {
            let _: ServicesDto = decode(route, body);
        }
        "response GET /v1/services/{service}/environments" => {
            {
                let _: EnvironmentsDto = decode(route, body);
            };
        }
        "response GET /v1/deployments/{id}" => {
            let _: DeploymentDto = decode(route, body);
        }
        "response GET /v1/services/{service}/environments/{env}/deployments" => {
            {
                let _: DeploymentPageDto = decode(route, body);
            };
        }
        "response POST /v1/services/{service}/promote"
        | "response POST /v1/services/{service}/environments/{env}/rollback"
        | "response POST /v1/deployments/{id}/cancel" => {
            let _: AcceptedDto = decode(route, body);
        }
        "response GET /v1/runs" => {
            let _: RunPageDto = decode(route, body);
        }
        "response GET /v1/runs/{id}" => {
            let _: RunDto = decode(route, body);
        }
        "request POST /v1/services/{service}/promote" => {
            let shown = json(route, body);
            let sent = PromoteBody {
                from: text(&shown, "from").expect("from"),
                to: text(&shown, "to").expect("to"),
                revision: text(&shown, "revision"),
                reason: text(&shown, "reason"),
            };
            assert_eq!(serde_json::to_value(sent).unwrap(), shown, "{route}");
        }
        "request POST /v1/services/{service}/environments/{env}/rollback" => {
            let shown = json(route, body);
            let sent = RollbackBody {
                to_deployment: text(&shown, "to_deployment"),
                reason: text(&shown, "reason"),
            };
            assert_eq!(serde_json::to_value(sent).unwrap(), shown, "{route}");
        }
        other => panic!("no wire type for {other:?}"),
    }
}

fn reads_as_a_log_stream(body: &str) {
    let mut parser = SseParser::new();
    // A fenced block cannot end in the blank line that closes its last event.
    let stream = format!("{body}\n");
    let events: Vec<LogEvent> = parser
        .push(stream.as_bytes())
        .unwrap()
        .into_iter()
        .map(|e| log_event(e).unwrap().expect("a protocol event"))
        .collect();
    let lines = b"Applying migration 0042_ledger_retry\ndone in 2.1s".to_vec();
    assert_eq!(
        events,
        [
            LogEvent::Chunk {
                data: lines,
                end: Some(1834)
            },
            LogEvent::End { end: Some(1834) },
        ]
    );
}
