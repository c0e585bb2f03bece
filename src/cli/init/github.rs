//! The `[[github]]` questions: the host, the token (a signed-in `gh` offers its own), then a
//! Projects v2 board (when GitHub is the board), repositories, and the workflow that deploys.

use super::pick::{Ask, Fixed, pick};
use super::plan::GithubPlan;
use super::prompt::{Io, Stop, ask, ask_url, confirm};
use super::repos::{pick_repos, pick_workflow};
use super::token::{Offer, ask_token, gh_signed_in, gh_token_command};
use crate::config::{DEFAULT_API_URL, TokenSource, graphql_beside};
use crate::providers::ProviderError;
use crate::providers::github::discover::{self, ProjectSummary};
use crate::providers::github::{GithubClient, GithubSettings};
use crate::providers::http::Network;
use reqwest::Url;

/// Projects, and organisations, asked for at once.
const PAGE: u32 = 50;

/// Why an attempt did not give a table.
enum Failure {
    Stop(Stop),
    /// Worth another try with other answers: what went wrong and what to do.
    Retry(String),
}

impl From<Stop> for Failure {
    fn from(stop: Stop) -> Self {
        Failure::Stop(stop)
    }
}

/// Asks until the token can list repositories, then what to show. `board`: GitHub is the
/// board (no Jira), so a project is offered.
pub async fn ask_github(io: &mut dyn Io, board: bool) -> Result<GithubPlan, Stop> {
    io.say("\nGitHub: github.com or a GitHub Enterprise Server.\n");
    let mut address = "https://github.com".to_string();
    loop {
        address = ask_url(io, "GitHub address", Some(&address)).await?;
        let api = api_url(&address);
        if api != address {
            io.say(&format!("  REST API at {api}\n"));
        }
        let host = gh_host(&api);
        let command = gh_token_command(host.as_deref());
        let signed_in = gh_signed_in(host.as_deref()).await;
        if signed_in {
            io.say(&format!(
                "  gh is signed in: `{command}` can give shipdeck its token.\n"
            ));
        }
        let offer = Offer {
            what: "GitHub",
            env: "GITHUB_TOKEN",
            command: &command,
            prefer_command: signed_in,
        };
        let (source, token) = ask_token(io, &offer).await?;
        let settings = GithubSettings {
            name: Url::parse(&api)
                .ok()
                .and_then(|u| u.host_str().map(String::from))
                .unwrap_or_else(|| "github".into()),
            api_url: api.clone(),
            graphql_url: graphql_beside(&api),
            token,
            token_source: source.clone(),
            network: Network::default(),
        };
        let attempt = match GithubClient::new(settings) {
            Ok(client) => choose(io, &client, board, &api, &source).await,
            Err(e) => Err(Failure::Retry(e.to_string())),
        };
        match attempt {
            Ok(plan) => return Ok(plan),
            Err(Failure::Stop(stop)) => return Err(stop),
            Err(Failure::Retry(why)) => {
                io.say(&format!("  ✘ {why}\n"));
                if !confirm(io, "Try again?", true).await? {
                    return Err(Stop::Failed("no GitHub repository was picked".into()));
                }
            }
        }
    }
}

/// The REST base for an address: github.com's API, an Enterprise Server's `/api/v3`, or an
/// API address as given.
pub fn api_url(address: &str) -> String {
    let address = address.trim_end_matches('/');
    let Ok(url) = Url::parse(address) else {
        return address.to_string();
    };
    match url.host_str() {
        Some("github.com" | "www.github.com" | "api.github.com") => DEFAULT_API_URL.to_string(),
        _ if url.path().trim_end_matches('/').ends_with("/api/v3") => address.to_string(),
        _ => format!("{address}/api/v3"),
    }
}

/// The host `gh` knows an Enterprise Server by (`None` for github.com), when it is a plain
/// host name that can go into the command as it is.
fn gh_host(api: &str) -> Option<String> {
    let url = Url::parse(api).ok()?;
    let host = url.host_str()?;
    let plain = host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    (host != "api.github.com" && plain).then(|| host.to_string())
}

async fn choose(
    io: &mut dyn Io,
    client: &GithubClient,
    board: bool,
    api: &str,
    source: &TokenSource,
) -> Result<GithubPlan, Failure> {
    io.say("Reading what this token can see...\n");
    let repos = discover::repos(client).await.map_err(|e| retry(&e))?;
    let mut viewer = None;
    let mut project = None;
    if board {
        match discover::projects(client, PAGE).await {
            Ok(list) => {
                viewer = Some(list.viewer);
                project = pick_project(io, list.projects).await?;
            }
            Err(ProviderError::Forbidden(why)) => io.say(&format!(
                "  ✘ {why}\n  Going on without a project: the board will be label columns over \
                 the repositories' issues.\n"
            )),
            Err(e) => return Err(retry(&e)),
        }
    }
    if repos.is_empty() && project.is_none() {
        return Err(Failure::Retry(
            "this token sees no repository; it needs the repo scope (or access to the \
             organisation's repositories)"
                .into(),
        ));
    }
    let picked = pick_repos(io, repos, project.is_some()).await?;
    let deploy_workflow = pick_workflow(io, client, &picked).await?;
    let owner = project
        .as_ref()
        .map(|p| p.owner.clone())
        .or_else(|| {
            picked
                .first()
                .and_then(|r| r.split('/').next().map(String::from))
        })
        .or(viewer)
        .unwrap_or_else(|| "github".into());
    let name = ask(io, "Name for this GitHub table", Some(&owner)).await?;
    Ok(GithubPlan {
        name,
        api_url: api.to_string(),
        token: source.clone(),
        repos: picked,
        project,
        deploy_workflow,
    })
}

fn retry(e: &ProviderError) -> Failure {
    let fix = match e {
        ProviderError::Unauthorized { .. } => {
            " (a classic token needs the repo scope, plus read:project for a Projects board)"
        }
        ProviderError::NotFound(_) | ProviderError::Decode { .. } => {
            " (is that a GitHub address? An Enterprise Server answers under /api/v3)"
        }
        ProviderError::Network { .. } => " (check the address, and HTTPS_PROXY if you need one)",
        _ => "",
    };
    Failure::Retry(format!("{e}{fix}"))
}

async fn pick_project(
    io: &mut dyn Io,
    projects: Vec<ProjectSummary>,
) -> Result<Option<ProjectSummary>, Stop> {
    if projects.is_empty() {
        io.say("No open Projects v2 board is visible: the board will be label columns over the repositories' issues.\n");
        return Ok(None);
    }
    let mut source = Fixed {
        items: projects,
        cells: |p: &ProjectSummary| vec![p.title.clone(), format!("{}/{}", p.owner, p.number)],
    };
    let ask = Ask {
        noun: "project",
        plural: "projects",
        many: false,
        none: Some("(no project: label columns over the repositories' issues)"),
    };
    let first = source.matching("");
    Ok(pick(io, &mut source, first, &ask).await?.into_iter().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_become_rest_bases() {
        assert_eq!(api_url("https://github.com/"), DEFAULT_API_URL);
        assert_eq!(api_url("https://api.github.com"), DEFAULT_API_URL);
        assert_eq!(
            api_url("https://ghe.acme.example"),
            "https://ghe.acme.example/api/v3"
        );
        assert_eq!(
            api_url("https://ghe.acme.example/api/v3/"),
            "https://ghe.acme.example/api/v3"
        );
    }

    #[test]
    fn gh_is_told_the_enterprise_host_only_when_it_is_a_plain_name() {
        assert_eq!(gh_host(DEFAULT_API_URL), None);
        assert_eq!(
            gh_host("https://ghe.acme.example/api/v3").as_deref(),
            Some("ghe.acme.example")
        );
        assert_eq!(
            gh_host("http://127.0.0.1:8080/api/v3").as_deref(),
            Some("127.0.0.1")
        );
    }
}
