//! Logs: by byte offset across calls, and over SSE with resumption.

use super::support::{Server, log_lines, sse_events};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn log_by_offset_reads_every_byte_once() {
    let server = Server::start().await;
    let body = json!({"from": "staging", "to": "prod"});
    let created = server
        .post("/v1/services/gateway/promote", Some("k-log"), &body)
        .await
        .1;
    let run = created["deployment"]["run_id"]
        .as_str()
        .unwrap()
        .to_string();
    // The deploy job waits for the verify job, so it cannot be complete yet.
    let (_, _, complete) = server.log(&run, "j-2", 0).await;
    assert!(!complete);
    for job in ["j-1", "j-2"] {
        let mut read = String::new();
        let mut calls = 0;
        loop {
            let (chunk, size, complete) = server.log(&run, job, read.len()).await;
            read.push_str(&chunk);
            assert!(read.len() <= size);
            calls += 1;
            if complete {
                assert_eq!(read.len(), size);
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        }
        let (whole, _, _) = server.log(&run, job, 0).await;
        assert_eq!(read, whole, "{job} after {calls} reads");
        assert!(whole.contains("\x1b[1m▶ "), "{whole}");
        // The rollout redraws its progress line with carriage returns.
        assert_eq!(whole.contains('\r'), job == "j-2", "{whole}");
        assert_eq!(server.log(&run, job, whole.len()).await.0, "");
        let (status, _) = server
            .get(&format!(
                "/v1/runs/{run}/jobs/{job}/log?offset={}",
                whole.len() + 1
            ))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let (status, _) = server.get(&format!("/v1/runs/{run}/jobs/j-9/log")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn log_stream_resumes_without_loss_or_duplication() {
    let server = Server::start().await;
    let body = json!({"from": "staging", "to": "prod"});
    let created = server
        .post("/v1/services/payments/promote", Some("k-sse"), &body)
        .await
        .1;
    let run = created["deployment"]["run_id"]
        .as_str()
        .unwrap()
        .to_string();
    let url = format!("{}/v1/runs/{run}/jobs/j-1/log/stream", server.base);

    let first = server.http.get(&url).send().await.unwrap();
    assert!(
        first.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    let head = sse_events(first, 2).await;
    assert!(head.iter().all(|e| e.event == "chunk"));
    let resume = head.last().unwrap().id.clone();
    let rest = sse_events(
        server
            .http
            .get(&url)
            .header("Last-Event-ID", &resume)
            .send()
            .await
            .unwrap(),
        usize::MAX,
    )
    .await;
    let end = rest.last().unwrap();
    assert_eq!(
        (end.event.as_str(), end.data.as_str()),
        ("end", "succeeded")
    );

    let (log, size, _) = server.log(&run, "j-1", 0).await;
    let streamed: Vec<String> = head
        .iter()
        .chain(&rest)
        .filter(|e| e.event == "chunk")
        .flat_map(|e| e.data.lines().map(String::from).collect::<Vec<_>>())
        .collect();
    assert_eq!(streamed, log_lines(&log));
    assert_eq!(end.id, size.to_string());

    // `?offset=` resumes the same way, from any line boundary of the finished log.
    let middle = log.match_indices('\n').nth(3).unwrap().0 + 1;
    let tail = sse_events(
        server
            .http
            .get(format!("{url}?offset={middle}"))
            .send()
            .await
            .unwrap(),
        usize::MAX,
    )
    .await;
    let tail_lines: Vec<String> = tail
        .iter()
        .filter(|e| e.event == "chunk")
        .flat_map(|e| e.data.lines().map(String::from).collect::<Vec<_>>())
        .collect();
    assert_eq!(tail_lines, log_lines(&log[middle..]));
}
