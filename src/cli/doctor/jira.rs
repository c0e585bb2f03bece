//! Jira: who the token signs in as (`/myself`, v3 on Cloud, v2 on Data Center, as the
//! provider picks) and whether the board exists and is readable (Agile 1.0).

use super::check::Check;
use super::target::Target;
use super::{api, clock};
use crate::config::Secret;
use crate::providers::ProviderError;
use crate::providers::http::{Auth, HttpClient, Reply};
use reqwest::Method;
use serde_json::Value;

pub async fn checks(
    target: &Target,
    token: Secret,
    cloud: bool,
    email: Option<&str>,
    board: u64,
) -> Vec<Check> {
    let name = &target.name;
    let auth = match (cloud, email) {
        (true, Some(email)) => Auth::Basic {
            user: email.to_string(),
            token,
        },
        (true, None) => {
            let fix = format!("add email = \"you@company.com\" to {}", target.table);
            return vec![Check::fail(
                name,
                "http",
                "Jira Cloud signs in with an email",
                fix,
            )];
        }
        (false, _) => Auth::Bearer(token),
    };
    let client = match HttpClient::new(
        "Jira",
        target.url.as_str(),
        auth,
        target.token.clone(),
        &target.network,
    ) {
        Ok(client) => client.with_timeout(api::TIMEOUT),
        Err(e) => return vec![api::failed(target, "http", &e)],
    };
    let myself = if cloud {
        "/rest/api/3/myself"
    } else {
        "/rest/api/2/myself"
    };
    let (http, reply) = api::first_call(target, myself, get(&client, myself).await);
    let Some(reply) = reply else {
        return vec![http];
    };
    let clock = clock::check(name, &reply.headers, chrono::Utc::now());
    let identity = identity(target, &client, myself, &reply);
    let board = board_check(target, &client, board).await;
    vec![http, identity, board, clock]
}

async fn get(client: &HttpClient, path: &str) -> Result<Reply, ProviderError> {
    let reply = client
        .exchange(Method::GET, path, &[], &[], None::<&()>)
        .await?;
    if reply.status.is_success() {
        Ok(reply)
    } else {
        Err(client.status_error(path, &reply))
    }
}

fn identity(target: &Target, client: &HttpClient, path: &str, reply: &Reply) -> Check {
    let user: Value = match client.decode(path, &reply.body) {
        Ok(user) => user,
        Err(e) => return api::failed(target, "identity", &e),
    };
    // Cloud names people by account id and may hide the email; Data Center by user name.
    let who = api::text(&user, "displayName").unwrap_or_else(|| "a user with no name".into());
    let handle = api::text(&user, "emailAddress").or_else(|| api::text(&user, "name"));
    let detail = match handle {
        Some(handle) => format!("signed in as {who} ({handle})"),
        None => format!("signed in as {who}"),
    };
    Check::pass(&target.name, "identity", detail)
}

async fn board_check(target: &Target, client: &HttpClient, board: u64) -> Check {
    let path = format!("/rest/agile/1.0/board/{board}");
    let found = match get(client, &path).await {
        Ok(reply) => client.decode::<Value>(&path, &reply.body),
        Err(e) => Err(e),
    };
    match found {
        Ok(found) => {
            let title = api::text(&found, "name").unwrap_or_default();
            let kind = api::text(&found, "type").unwrap_or_else(|| "board".into());
            Check::pass(
                &target.name,
                "board",
                format!("board {board} {title:?} ({kind})"),
            )
        }
        Err(ProviderError::NotFound(_)) => Check::fail(
            &target.name,
            "board",
            format!("board {board} does not exist, or this user cannot see it"),
            format!(
                "check board in {}: it is the number in …/boards/42 in Jira's address bar",
                target.table
            ),
        ),
        Err(e) => api::failed(target, "board", &e),
    }
}
