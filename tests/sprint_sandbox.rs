//! The demo's sprint over real HTTP: the Jira provider against the sandbox, whose seeded
//! changelogs make the burndown real, and the sandbox's changelog endpoints themselves.
//! Whatever weekday the test runs on, the seed promises the same story.

#[path = "support/isolated.rs"]
mod isolated;

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use isolated::Isolated;
use serde_json::Value;
use shipdeck::config::{JiraAuth, Secret, TokenSource};
use shipdeck::domain::SprintState;
use shipdeck::domain::sprint::{Change, SprintRules, report};
use shipdeck::providers::IssueTracker;
use shipdeck::providers::jira::{JiraProvider, JiraSettings};
use shipdeck_sandbox::{DEMO_BOARD_ID, Sandbox};

fn provider(sandbox: &Sandbox, auth: JiraAuth) -> JiraProvider {
    JiraProvider::new(JiraSettings {
        base_url: sandbox.url(),
        board: DEMO_BOARD_ID,
        auth,
        email: Some(sandbox.demo_user_email().to_string()),
        token: Secret::new("demo-token"),
        token_source: TokenSource::Env("JIRA_API_TOKEN".into()),
        jql: None,
        scope: None,
        network: shipdeck::providers::http::Network::default(),
    })
    .unwrap()
}

async fn get(sandbox: &Sandbox, path: &str, query: &[(&str, &str)]) -> (u16, Value) {
    let response = reqwest::Client::new()
        .get(format!("{}{path}", sandbox.url()))
        .query(query)
        .basic_auth(sandbox.demo_user_email(), Some("t"))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// Noon UTC on each day of one week, Monday first: the seed is laid out around the day the
/// sandbox starts, so every weekday is checked on every run, never only the day it runs on.
fn every_weekday() -> impl Iterator<Item = DateTime<Utc>> {
    let monday: DateTime<Utc> = "2026-03-09T12:00:00Z".parse().unwrap();
    (0..7).map(move |d| monday + TimeDelta::days(d))
}

#[tokio::test]
async fn the_demo_sprint_has_real_history_scope_changes_risks_and_velocity() {
    for today in every_weekday() {
        the_demo_sprint_on(today).await;
    }
}

async fn the_demo_sprint_on(today: DateTime<Utc>) {
    let sandbox = Sandbox::start_at(0, today).await.unwrap();
    for auth in [JiraAuth::Basic, JiraAuth::Bearer] {
        let jira = provider(&sandbox, auth);
        let sprints = jira.sprints().await.unwrap();
        let closed = sprints.iter().filter(|s| s.state == SprintState::Closed);
        assert_eq!(closed.count(), 6);
        let active = sprints
            .iter()
            .find(|s| s.state == SprintState::Active)
            .unwrap();
        let data = jira.sprint_data(active.id).await.unwrap();
        assert!(data.issues.iter().all(|h| h.complete), "{today} {auth:?}");
        let r = report(&data, data.today(today), &SprintRules::default());
        assert_eq!(r.history_note, None);
        assert_eq!(r.velocity.len(), 6);
        assert_eq!(r.velocity_average.map(|v| v.round()), Some(34.0));
        assert_eq!((r.added.issues, r.added.points), (1, 3.0), "PLAT-236");
        assert_eq!((r.removed.issues, r.removed.points), (1, 5.0), "PLAT-266");
        assert_eq!(r.committed_issues, 41);
        assert!(r.completed_points > 0.0 && r.completed_points < r.committed_points);
        let first = r.burndown.first().unwrap();
        assert_eq!(
            first.date.weekday(),
            chrono::Weekday::Wed,
            "{today}: starts mid-week"
        );
        assert!(
            r.burndown.len() >= 3,
            "at least three working days of history"
        );
        assert!(r.burndown.last().unwrap().remaining < first.remaining);
        let blocked: Vec<&str> = r.risks.blocked.iter().map(|x| x.key.0.as_str()).collect();
        assert!(blocked.contains(&"PLAT-222"), "flagged: {blocked:?}");
        assert!(!r.risks.unestimated.is_empty());

        let history = |key: &str| data.issues.iter().find(|h| h.issue.key.0 == key).unwrap();
        let reopened: Vec<&str> = history("PLAT-210")
            .events
            .iter()
            .filter_map(|e| match &e.change {
                Change::Status { to, .. } => Some(to.0.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            reopened,
            ["3", "10002", "10007", "10008"],
            "done, then reopened"
        );
        let repointed = history("PLAT-241").events.iter().any(|e| {
            e.change
                == Change::Points {
                    from: Some(5.0),
                    to: Some(8.0),
                }
        });
        assert!(repointed);
    }
}

#[tokio::test]
async fn changelogs_are_served_on_search_and_paged_on_cloud_only() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let (status, found) = get(
        &sandbox,
        "/rest/api/3/search/jql",
        &[
            ("jql", "key = PLAT-210"),
            ("fields", "status"),
            ("expand", "changelog"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let changelog = &found["issues"][0]["changelog"];
    let total = changelog["total"].as_u64().unwrap();
    assert!(total >= 5, "planning and four moves");
    let first = &changelog["histories"][0];
    assert!(first["author"]["accountId"].is_string());
    assert!(first["items"][0]["fieldId"].is_string());

    let (status, page) = get(
        &sandbox,
        "/rest/api/3/issue/PLAT-210/changelog",
        &[("startAt", "0"), ("maxResults", "2")],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(page["isLast"], false);
    assert_eq!(page["values"].as_array().map(Vec::len), Some(2));
    assert!(page["nextPage"].as_str().unwrap().contains("startAt=2"));
    let start = (total - 1).to_string();
    let (_, last) = get(
        &sandbox,
        "/rest/api/3/issue/PLAT-210/changelog",
        &[("startAt", start.as_str())],
    )
    .await;
    assert_eq!(last["isLast"], true);
    assert_eq!(last["values"][0]["items"][0]["toString"], "Reopened");

    let (status, _) = get(&sandbox, "/rest/api/2/issue/PLAT-210/changelog", &[]).await;
    assert_eq!(status, 404, "Data Center has no changelog endpoint");
    let (status, dc) = get(
        &sandbox,
        "/rest/api/2/search",
        &[("jql", "key = PLAT-210"), ("expand", "changelog")],
    )
    .await;
    assert_eq!(status, 200);
    let item = &dc["issues"][0]["changelog"]["histories"][0]["items"][0];
    assert!(item.get("fieldId").is_none() && item["field"].is_string());
}

#[tokio::test]
async fn jql_compares_update_dates() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let count = |body: &Value| body["issues"].as_array().map_or(0, Vec::len);
    let (_, all) = get(
        &sandbox,
        "/rest/api/2/search",
        &[("jql", "project = PLAT"), ("maxResults", "200")],
    )
    .await;
    let (_, future) = get(
        &sandbox,
        "/rest/api/2/search",
        &[("jql", "updated >= \"2999-01-01\"")],
    )
    .await;
    let (_, past) = get(
        &sandbox,
        "/rest/api/2/search",
        &[
            ("jql", "updated >= \"2000/01/01 00:00\""),
            ("maxResults", "200"),
        ],
    )
    .await;
    assert_eq!(count(&future), 0);
    assert_eq!(count(&past), count(&all));
    let (status, bad) = get(
        &sandbox,
        "/rest/api/2/search",
        &[("jql", "updated >= yesterday")],
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        bad["errorMessages"][0]
            .as_str()
            .unwrap()
            .contains("Date value 'yesterday'")
    );
}

fn print_sprint(args: &[&str]) -> String {
    let out = Isolated::new()
        .command(&["--demo", "print", "sprint"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn print_sprint_json_has_the_promised_fields() {
    let doc: Value = serde_json::from_str(&print_sprint(&["--format", "json"])).unwrap();
    assert_eq!(doc["name"], "Sprint 23");
    assert_eq!(doc["state"], "active");
    assert!(doc["goal"].is_string() && doc["start"].is_string() && doc["end"].is_string());
    assert!(doc["days_left"].is_u64());
    assert!(doc["committed_points"].as_f64().unwrap() > doc["completed_points"].as_f64().unwrap());
    let burndown = doc["burndown"].as_array().unwrap();
    assert!(burndown.len() >= 3);
    assert!(burndown[0]["date"].is_string() && burndown[0]["remaining"].is_number());
    let people = doc["per_person"].as_array().unwrap();
    assert!(people.iter().any(|p| p["person"]["name"] == "王芳"));
    assert!(
        people.iter().any(|p| p["person"].is_null()),
        "the unassigned row"
    );
    assert_eq!(doc["velocity"].as_array().map(Vec::len), Some(6));
    assert_eq!(doc["added"]["issues"], 1);

    let closed = print_sprint(&["--format", "json", "--sprint", "6"]);
    let closed: Value = serde_json::from_str(&closed).unwrap();
    assert_eq!(
        (&closed["name"], &closed["state"], &closed["days_left"]),
        (
            &Value::from("Sprint 22"),
            &Value::from("closed"),
            &Value::from(0)
        )
    );
}

#[test]
fn print_sprint_plain_is_a_readable_summary() {
    let text = print_sprint(&[]);
    for part in [
        "Sprint 23 (active)",
        "Burndown",
        "People",
        "Risks",
        "Velocity",
        "average",
    ] {
        assert!(text.contains(part), "{part} missing from:\n{text}");
    }
    assert!(
        text.lines().any(|l| l.contains('#') && l.contains('|')),
        "an ASCII chart"
    );
}
