//! Job logs: a 302 from the API to a signed blob URL that must be fetched without the token.

use crate::support::{SEARCH, STOREFRONT, Server};
use reqwest::StatusCode;

/// A finished failed CI job of `repo`: (run id, job id).
async fn failed_job(server: &Server, repo: &str) -> (u64, u64) {
    let body = server
        .ok(&format!("{repo}/actions/runs?status=failure&event=push"))
        .await;
    let run = body["workflow_runs"][0]["id"].as_u64().unwrap();
    let jobs = server.jobs(repo, run).await;
    let job = jobs.iter().find(|j| j["conclusion"] == "failure").unwrap();
    (run, job["id"].as_u64().unwrap())
}

async fn location(server: &Server, repo: &str, job: u64) -> String {
    let reply = server.get(&format!("{repo}/actions/jobs/{job}/logs")).await;
    assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.body);
    reply.header("location").to_string()
}

#[tokio::test]
async fn a_finished_jobs_log_is_a_redirect_to_githubs_log_text() {
    let server = Server::start().await;
    for repo in [STOREFRONT, SEARCH] {
        let (_, job) = failed_job(&server, repo).await;
        let url = location(&server, repo, job).await;
        let prefix = format!("{}/_blobs/job-logs/{job}?sig=", server.base);
        assert!(url.starts_with(&prefix) && url.contains("&se="), "{url}");

        let response = server.bare.get(&url).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/plain")
        );
        let text = response.text().await.unwrap();
        assert!(!text.contains('\r'));
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() > 150, "{} lines", lines.len());
        for line in &lines {
            let (stamp, rest) = line.split_at(28);
            assert!(
                stamp.ends_with('Z') && stamp.as_bytes()[19] == b'.' && rest.starts_with(' '),
                "no timestamp: {line:?}"
            );
            chrono::DateTime::parse_from_rfc3339(stamp).unwrap();
        }
        let bodies: Vec<&str> = lines.iter().map(|l| &l[29..]).collect();
        assert!(bodies.contains(&"##[group]Run actions/checkout@v4"));
        assert!(bodies.contains(&"##[endgroup]"));
        assert!(
            bodies
                .iter()
                .any(|b| b.starts_with("##[error]Process completed with exit code "))
        );
        assert!(
            bodies.iter().any(|b| b.contains("\u{1b}[")),
            "no ANSI colour"
        );
        let stamps: Vec<&str> = lines.iter().map(|l| &l[..28]).collect();
        assert!(
            stamps.windows(2).all(|w| w[0] <= w[1]),
            "timestamps go back"
        );
    }
}

#[tokio::test]
async fn the_blob_refuses_a_request_that_carries_the_token() {
    let server = Server::start().await;
    let (_, job) = failed_job(&server, STOREFRONT).await;
    let url = location(&server, STOREFRONT, job).await;
    let leaked = server.http.get(&url).send().await.unwrap();
    assert_eq!(leaked.status(), StatusCode::BAD_REQUEST);
    let body = leaked.text().await.unwrap();
    assert!(
        body.contains("<Code>InvalidAuthenticationInfo</Code>"),
        "{body}"
    );
    assert!(body.contains("Authorization"));
    // The refusal spent nothing from the signature: the clean fetch still works.
    assert_eq!(
        server.bare.get(&url).send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn forged_and_expired_signatures_are_refused() {
    let server = Server::start().await;
    let (_, job) = failed_job(&server, STOREFRONT).await;
    let url = location(&server, STOREFRONT, job).await;
    let forged = url.replace("sig=", "sig=0");
    let response = server.bare.get(&forged).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("AuthenticationFailed")
    );
    let other_job = url.replace(
        &format!("job-logs/{job}?"),
        &format!("job-logs/{}?", job + 1),
    );
    let response = server.bare.get(&other_job).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    server.advance(61);
    let response = server.bare.get(&url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.text().await.unwrap().contains("expiry"));
}

#[tokio::test]
async fn a_running_jobs_log_is_not_found_until_the_job_ends() {
    let server = Server::start().await;
    let body = server
        .ok(&format!("{SEARCH}/actions/runs?status=in_progress"))
        .await;
    let run = body["workflow_runs"][0]["id"].as_u64().unwrap();
    let jobs = server.jobs(SEARCH, run).await;
    let job = jobs.iter().find(|j| j["status"] == "in_progress").unwrap();
    let job = job["id"].as_u64().unwrap();
    let reply = server
        .get(&format!("{SEARCH}/actions/jobs/{job}/logs"))
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.body["message"], "Not Found");

    server.advance(40);
    let url = location(&server, SEARCH, job).await;
    let text = server
        .bare
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("test result: \u{1b}[32mok\u{1b}[0m") || text.contains("Finished"));
    assert!(!text.contains("##[error]"), "a passing job has no errors");
}
