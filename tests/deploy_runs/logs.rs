//! Job logs read by byte offset: the query sent, the headers read, bytes kept raw.

use super::*;
use std::sync::Mutex;
use wiremock::{Request, Respond};

#[tokio::test]
async fn ids_are_escaped_into_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/runs/r%2F1%3Fx%3D2/jobs/build%20all/log"))
        .and(query_param("offset", "0"))
        .respond_with(text(b"ok\n"))
        .expect(1)
        .mount(&server)
        .await;

    let chunk = provider(&server)
        .log("r/1?x=2", "build all", 0)
        .await
        .unwrap();
    assert_eq!(chunk.bytes, b"ok\n");
    let refused = provider(&server).run("..").await.unwrap_err();
    assert!(matches!(refused, ProviderError::Rejected(_)), "{refused:?}");
}

#[tokio::test]
async fn a_log_chunk_carries_offset_size_and_completion() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(LOG_PATH))
        .and(query_param("offset", "1200"))
        .respond_with(
            text(b"done in 2.1s\n")
                .insert_header("X-Log-Size", "1213")
                .insert_header("X-Log-Complete", "true"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let chunk = provider(&server).log("r-311", "j-2", 1200).await.unwrap();

    assert_eq!(chunk.offset, 1200);
    assert_eq!(chunk.bytes, b"done in 2.1s\n");
    assert_eq!((chunk.size, chunk.complete), (Some(1213), true));
    assert_eq!(chunk.next_offset(), 1213);
}

/// A log that grows between reads: each read sees more of it, served from the asked offset.
struct Growing {
    log: Vec<u8>,
    visible: Mutex<Vec<usize>>,
}

impl Respond for Growing {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let offset: usize = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "offset")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(usize::MAX);
        let mut visible = self.visible.lock().unwrap();
        let end = if visible.len() > 1 {
            visible.remove(0)
        } else {
            visible[0]
        };
        let Some(fresh) = self.log.get(offset..end) else {
            return ResponseTemplate::new(416);
        };
        text(fresh)
            .insert_header("X-Log-Size", end.to_string().as_str())
            .insert_header(
                "X-Log-Complete",
                (end == self.log.len()).to_string().as_str(),
            )
    }
}

#[tokio::test]
async fn offset_plus_length_reads_every_byte_once() {
    // "✔" is three bytes; the first read ends inside it.
    let log = "step 1 ✔\nstep 2 \x1b[32mok\x1b[0m\nall done\n"
        .as_bytes()
        .to_vec();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(LOG_PATH))
        .respond_with(Growing {
            visible: Mutex::new(vec![8, 20, log.len()]),
            log: log.clone(),
        })
        .expect(3)
        .mount(&server)
        .await;
    let ci = provider(&server);

    let (mut offset, mut read, mut complete) = (0, Vec::new(), Vec::new());
    for _ in 0..3 {
        let chunk = ci.log("r-311", "j-2", offset).await.unwrap();
        assert_eq!(chunk.offset, offset);
        offset = chunk.next_offset();
        read.extend_from_slice(&chunk.bytes);
        complete.push(chunk.complete);
    }

    assert_eq!(read, log);
    assert_eq!(complete, [false, false, true]);
    let offsets: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter_map(|r| r.url.query_pairs().find(|(k, _)| k == "offset"))
        .map(|(_, v)| v.into_owned())
        .collect();
    assert_eq!(offsets, ["0", "8", "20"]);
}

#[tokio::test]
async fn bytes_come_back_untouched_and_headers_are_optional() {
    let raw = b"\xff\xfe broken \x1b[31mred\x1b[0m \x1b]0;title\x07\n".to_vec();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(LOG_PATH))
        .respond_with(text(&raw))
        .mount(&server)
        .await;

    let chunk = provider(&server).log("r-311", "j-2", 0).await.unwrap();

    assert_eq!(chunk.bytes, raw, "the viewer sanitises, not the provider");
    assert_eq!((chunk.size, chunk.complete), (None, false));
}

#[tokio::test]
async fn the_size_is_advisory() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(LOG_PATH))
        .respond_with(text(b"longer than said\n").insert_header("X-Log-Size", "4"))
        .mount(&server)
        .await;

    let chunk = provider(&server).log("r-311", "j-2", 0).await.unwrap();

    assert_eq!((chunk.bytes.len(), chunk.size), (17, Some(4)));
}

#[tokio::test]
async fn an_offset_past_the_end_says_so() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(LOG_PATH))
        .and(query_param("offset", "5000"))
        .respond_with(ResponseTemplate::new(416))
        .mount(&server)
        .await;

    let err = provider(&server)
        .log("r-311", "j-2", 5000)
        .await
        .unwrap_err();

    assert_eq!(
        err,
        ProviderError::Rejected(
            "acme-deploy: offset 5000 is beyond the log of job j-2 in pipeline run r-311 \
             (416); read it again from 0"
                .into()
        )
    );
}

/// A finished log far bigger than one read comes back in capped pieces: every byte once, and
/// complete only with the last piece.
#[tokio::test]
async fn a_huge_finished_log_is_read_in_capped_pieces() {
    let cap = shipdeck::providers::deploy::LOG_READ_CAP;
    let log: Vec<u8> = (0..cap * 2 + 12345)
        .map(|i| b'a' + (i % 26) as u8)
        .collect();
    let server = MockServer::start().await;
    let provider = provider(&server);
    let mut offset = 0;
    let mut read = Vec::new();
    let mut calls = 0;
    loop {
        calls += 1;
        assert!(calls < 50, "the read never finished");
        // Served like a real server: everything from the offset on, and "complete".
        server.reset().await;
        Mock::given(method("GET"))
            .and(path(LOG_PATH))
            .and(query_param("offset", offset.to_string()))
            .respond_with(text(&log[offset as usize..]).insert_header("X-Log-Complete", "true"))
            .mount(&server)
            .await;
        let chunk = provider.log("r-311", "j-2", offset).await.unwrap();
        assert!(
            chunk.bytes.len() <= cap + (1 << 20),
            "one read holds {} bytes",
            chunk.bytes.len()
        );
        read.extend_from_slice(&chunk.bytes);
        offset = chunk.next_offset();
        if chunk.complete {
            break;
        }
    }
    assert!(calls >= 2, "a {} byte log in {calls} read", log.len());
    assert_eq!(read, log);
}
