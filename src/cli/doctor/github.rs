//! GitHub: who the token signs in as (`GET /user`), its scopes, the project board (a small
//! GraphQL query) and each repository, all through the table's own client.

use super::check::Check;
use super::scopes::{self, Needs};
use super::target::Target;
use super::{api, clock};
use crate::config::{ProjectRef, Secret};
use crate::providers::github::{GithubClient, GithubSettings};
use crate::providers::http::path_segment;
use futures::future::join_all;
use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};

/// Only the title: enough to know the project exists and the token may read it.
const PROJECT: &str = "query($owner: String!, $number: Int!) {
  repositoryOwner(login: $owner) { ... on ProjectV2Owner { projectV2(number: $number) { title } } }
}";

pub struct Table<'a> {
    pub graphql_url: &'a str,
    pub project: Option<&'a ProjectRef>,
    pub repos: &'a [String],
    pub read_only: bool,
}

pub async fn checks(target: &Target, token: Secret, table: Table<'_>) -> Vec<Check> {
    let name = &target.name;
    let settings = GithubSettings {
        name: target.label.clone(),
        api_url: target.url.to_string(),
        graphql_url: table.graphql_url.to_string(),
        token,
        token_source: target.token.clone(),
        network: target.network.clone(),
    };
    let client = match GithubClient::new(settings) {
        Ok(client) => client.with_timeout(api::TIMEOUT),
        Err(e) => return vec![api::failed(target, "http", &e)],
    };
    let answer = client.send(Method::GET, "/user", None::<&()>).await;
    let (http, reply) = api::first_call(target, "/user", answer);
    let Some(reply) = reply else {
        return vec![http];
    };
    let mut out = vec![http, identity(target, &client, &reply.body)];
    let needs = Needs {
        repos: !table.repos.is_empty(),
        project: table.project.map(|p| p.number),
        read_only: table.read_only,
    };
    out.push(scopes::check(name, &target.table, &reply.headers, &needs));
    if let Some(project) = table.project {
        out.push(project_check(target, &client, project).await);
    }
    if !table.repos.is_empty() {
        out.push(repos_check(target, &client, table.repos).await);
    }
    out.push(clock::check(name, &reply.headers, chrono::Utc::now()));
    out
}

fn identity(target: &Target, client: &GithubClient, body: &[u8]) -> Check {
    let user: Value = match serde_json::from_slice(body) {
        Ok(user) => user,
        Err(e) => {
            let e = client.decode_error("/user", &e.to_string());
            return api::failed(target, "identity", &e);
        }
    };
    let login = api::text(&user, "login").unwrap_or_else(|| "an unnamed account".into());
    let detail = match api::text(&user, "name") {
        Some(name) => format!("signed in as {login} ({name})"),
        None => format!("signed in as {login}"),
    };
    Check::pass(&target.name, "identity", detail)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OwnerData {
    repository_owner: Option<ProjectOwner>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProjectOwner {
    project_v2: Option<Value>,
}

async fn project_check(target: &Target, client: &GithubClient, at: &ProjectRef) -> Check {
    let variables = json!({ "owner": at.owner, "number": at.number });
    let owner = crate::domain::text::sanitize(&at.owner, false);
    let fix = format!("check project = {{ owner, number }} in {}", target.table);
    match client.graphql::<OwnerData>(PROJECT, variables).await {
        Ok(OwnerData {
            repository_owner: None,
        }) => Check::fail(
            &target.name,
            "board",
            format!("no user or organization has the login {owner:?}"),
            fix,
        ),
        Ok(OwnerData {
            repository_owner:
                Some(ProjectOwner {
                    project_v2: Some(project),
                }),
        }) => {
            let title = api::text(&project, "title").unwrap_or_default();
            let detail = format!("project {} {title:?} of {owner}", at.number);
            Check::pass(&target.name, "board", detail)
        }
        Ok(_) => Check::fail(
            &target.name,
            "board",
            format!(
                "{owner} has no project number {} that this token can see",
                at.number
            ),
            fix,
        ),
        Err(e) => api::failed(target, "board", &e),
    }
}

async fn repos_check(target: &Target, client: &GithubClient, repos: &[String]) -> Check {
    let reads = repos.iter().map(|repo| async move {
        let path = repo.split_once('/').and_then(|(owner, name)| {
            Some(format!(
                "/repos/{}/{}",
                path_segment(owner)?,
                path_segment(name)?
            ))
        });
        let Some(path) = path else {
            return Some(format!("{repo}: not owner/name"));
        };
        client
            .get::<Value>(&path, &[])
            .await
            .err()
            .map(|e| format!("{repo}: {e}"))
    });
    let problems: Vec<String> = join_all(reads).await.into_iter().flatten().collect();
    if problems.is_empty() {
        return Check::pass(
            &target.name,
            "repos",
            format!("readable: {}", repos.join(", ")),
        );
    }
    Check::fail(
        &target.name,
        "repos",
        problems.join("; "),
        format!(
            "check repos in {}: a repository the token cannot see answers 404",
            target.table
        ),
    )
}
