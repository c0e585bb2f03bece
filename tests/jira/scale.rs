//! Big boards: servers that pick their own small page size, boards past the card cap, and the
//! board shown while its pages arrive.

use super::support::*;
use serde_json::{Value, json};
use shipdeck::config::JiraAuth;
use shipdeck::domain::{Arrival, Board, Cut};
use shipdeck::providers::IssueTracker;
use shipdeck::providers::jira::JiraProvider;
use std::sync::Mutex;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn issue(n: usize) -> Value {
    json!({
        "id": (100_000 + n).to_string(),
        "key": format!("OPS-{n}"),
        "fields": {
            "summary": format!("card {n}"),
            "status": { "id": "3", "name": "In Progress" },
            "labels": []
        }
    })
}

fn param(request: &Request, name: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Data Center's search over `total` issues, never more than `cap` a page whatever is asked.
struct DcSearch {
    total: usize,
    cap: usize,
}

impl Respond for DcSearch {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let start: usize = param(request, "startAt").unwrap().parse().unwrap();
        let asked: usize = param(request, "maxResults").unwrap().parse().unwrap();
        let end = (start + asked.min(self.cap)).min(self.total);
        let issues: Vec<Value> = (start..end).map(issue).collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "startAt": start, "maxResults": self.cap, "total": self.total, "issues": issues
        }))
    }
}

/// Cloud's `search/jql` over `total` issues by page token (the token is the next offset).
struct CloudSearch {
    total: usize,
    cap: usize,
}

impl Respond for CloudSearch {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let start: usize = param(request, "nextPageToken").map_or(0, |t| t.parse().unwrap());
        let asked: usize = param(request, "maxResults").unwrap().parse().unwrap();
        let end = (start + asked.min(self.cap)).min(self.total);
        let issues: Vec<Value> = (start..end).map(issue).collect();
        let mut page = json!({ "issues": issues, "isLast": end == self.total });
        if end < self.total {
            page["nextPageToken"] = json!(end.to_string());
        }
        ResponseTemplate::new(200).set_body_json(page)
    }
}

async fn kanban(server: &MockServer, api: &str, search: impl Respond + 'static) {
    mount_setup(server, 43, fixture!("board-kanban.json"), api, 1).await;
    let at = if api.ends_with('3') {
        "/rest/api/3/search/jql"
    } else {
        "/rest/api/2/search"
    };
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(search)
        .mount(server)
        .await;
}

fn provider(server: &MockServer, auth: JiraAuth) -> JiraProvider {
    JiraProvider::new(settings(server, 43, auth)).unwrap()
}

fn in_order(board: &Board, n: usize) {
    assert_eq!(board.issues.len(), n);
    for (i, card) in board.issues.iter().enumerate() {
        assert_eq!(card.key.0, format!("OPS-{i}"));
    }
}

#[tokio::test]
async fn a_5000_card_board_loads_whole_from_a_server_giving_20_a_page() {
    let server = MockServer::start().await;
    let search = DcSearch {
        total: 5_000,
        cap: 20,
    };
    kanban(&server, "/rest/api/2", search).await;

    let board = provider(&server, JiraAuth::Bearer)
        .load_board()
        .await
        .unwrap();

    in_order(&board, 5_000);
    assert_eq!(board.cut, None);
    let asked: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/rest/api/2/search")
        .map(|r| param(r, "maxResults").unwrap())
        .collect();
    assert_eq!(asked.len(), 250);
    assert!(asked.iter().all(|m| m == "1000"), "{asked:?}");
}

#[tokio::test]
async fn past_the_cap_the_board_is_cut_and_says_of_how_many() {
    let server = MockServer::start().await;
    let search = DcSearch {
        total: 14_200,
        cap: 1_000,
    };
    kanban(&server, "/rest/api/2", search).await;

    let board = provider(&server, JiraAuth::Bearer)
        .load_board()
        .await
        .unwrap();

    in_order(&board, 10_000);
    let cut = Cut {
        shown: 10_000,
        total: Some(14_200),
    };
    assert_eq!(board.cut, Some(cut));
    let last_start = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter_map(|r| param(r, "startAt"))
        .map(|s| s.parse::<usize>().unwrap())
        .max();
    assert_eq!(last_start, Some(9_000), "nothing past the cap is asked for");
}

#[tokio::test]
async fn cloud_past_the_cap_asks_for_the_count_it_does_not_page() {
    let server = MockServer::start().await;
    let search = CloudSearch {
        total: 12_345,
        cap: 100,
    };
    kanban(&server, "/rest/api/3", search).await;
    let jql = "filter = 10042 AND (fixVersion in unreleasedVersions() OR fixVersion is EMPTY) ORDER BY Rank ASC";
    Mock::given(method("POST"))
        .and(path("/rest/api/3/search/approximate-count"))
        .and(body_json(json!({ "jql": jql })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "count": 12_345 })))
        .expect(1)
        .mount(&server)
        .await;

    let board = provider(&server, JiraAuth::Basic)
        .load_board()
        .await
        .unwrap();

    in_order(&board, 10_000);
    assert_eq!(
        board.cut.map(|c| c.describe()).as_deref(),
        Some("showing 10,000 of 12,345 cards; narrow the board with `jql` in [jira]")
    );
}

#[tokio::test]
async fn a_cloud_board_just_under_the_cap_is_whole() {
    let server = MockServer::start().await;
    let search = CloudSearch {
        total: 1_050,
        cap: 100,
    };
    kanban(&server, "/rest/api/3", search).await;

    let board = provider(&server, JiraAuth::Basic)
        .load_board()
        .await
        .unwrap();

    in_order(&board, 1_050);
    assert_eq!(board.cut, None);
}

#[tokio::test]
async fn the_board_is_shown_as_it_arrives_each_time_it_doubles() {
    let server = MockServer::start().await;
    let search = DcSearch {
        total: 5_000,
        cap: 500,
    };
    kanban(&server, "/rest/api/2", search).await;
    let seen = Mutex::new(Vec::new());

    let board = provider(&server, JiraAuth::Bearer)
        .load_board_arriving(&|board: Board, arrival: Arrival| {
            assert_eq!(board.issues.len(), arrival.loaded);
            assert_eq!(board.columns.len(), 5, "columns come with the first page");
            seen.lock()
                .unwrap()
                .push((arrival.loaded, arrival.expected));
        })
        .await
        .unwrap();

    in_order(&board, 5_000);
    let expected = Some(5_000);
    assert_eq!(
        *seen.lock().unwrap(),
        [
            (500, expected),
            (1_000, expected),
            (2_000, expected),
            (4_000, expected)
        ]
    );
}
