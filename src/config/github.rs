//! `[[github]]`: one table per GitHub host and set of repositories.

use super::range::{map_within, within};
use serde::Deserialize;
use std::collections::BTreeMap;

pub const DEFAULT_API_URL: &str = "https://api.github.com";

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GithubConfig {
    /// How the table is shown, and what `--backend NAME` picks.
    pub name: String,
    /// REST base: `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise
    /// Server.
    #[serde(default = "default_api_url")]
    pub api_url: String,
    /// GraphQL endpoint; default `{api_url}/graphql`, or `https://HOST/api/graphql` when
    /// `api_url` ends in `/api/v3`.
    pub graphql_url: Option<String>,
    pub token_env: Option<String>,
    pub token_cmd: Option<String>,
    /// `owner/name` of every repository whose issues, runs and deployments are shown.
    #[serde(default)]
    pub repos: Vec<String>,
    /// A Projects v2 board: its Status options are the columns.
    pub project: Option<ProjectRef>,
    /// WIP max per column name: GitHub has none, shipdeck enforces these.
    #[serde(default, deserialize_with = "map_within::<_, 0, 999>")]
    pub wip: BTreeMap<String, u32>,
    /// Without `project`: columns of open issues picked by label. Default: Open / In
    /// progress (assigned) / Closed recently.
    #[serde(default)]
    pub columns: Vec<LabelColumn>,
    /// A Projects v2 number field read as story points ("Estimate", "Points").
    pub points_field: Option<String>,
    /// The workflow file (`deploy.yml`) dispatched to promote and roll back; without it the
    /// table's deployments are shown read-only.
    pub deploy_workflow: Option<String>,
    /// The branch or tag whose workflow file is dispatched (default: the repository's
    /// default branch).
    pub workflow_ref: Option<String>,
    /// Environments that need their name typed to confirm, on top of those with required
    /// reviewers or wait timers.
    #[serde(default)]
    pub protected: Vec<String>,
    /// Hide every action that changes anything for this table.
    #[serde(default)]
    pub read_only: bool,
    /// As `[jira] ca_file`.
    pub ca_file: Option<super::CaFile>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ProjectRef {
    /// The organisation or user login that owns the project.
    pub owner: String,
    /// GraphQL's `Int` is 32 bits.
    #[serde(deserialize_with = "within::<_, _, 1, 2_147_483_647>")]
    pub number: u64,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LabelColumn {
    pub name: String,
    /// An open issue with any of these labels belongs here; the first matching column wins.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Closed issues (closed in the last 14 days) go here instead of open ones.
    #[serde(default)]
    pub closed: bool,
}

/// GraphQL beside a REST base: `{api_url}/graphql`, or `https://HOST/api/graphql` for a
/// GitHub Enterprise Server's `https://HOST/api/v3`.
pub fn graphql_beside(api_url: &str) -> String {
    let api = api_url.trim_end_matches('/');
    match api.strip_suffix("/api/v3") {
        Some(host) => format!("{host}/api/graphql"),
        None => format!("{api}/graphql"),
    }
}

fn default_api_url() -> String {
    DEFAULT_API_URL.into()
}

impl GithubConfig {
    /// Where GraphQL lives for this host (see `graphql_url`).
    pub fn graphql_endpoint(&self) -> String {
        match &self.graphql_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => graphql_beside(&self.api_url),
        }
    }

    /// Problems serde cannot see, in words that name the table.
    pub fn check(&self) -> Result<(), String> {
        let at = format!("[[github]] {:?}", self.name);
        if self.token_env.is_some() == self.token_cmd.is_some() {
            return Err(format!("{at}: set exactly one of token_env or token_cmd"));
        }
        for url in std::iter::once(&self.api_url).chain(&self.graphql_url) {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(format!("{at}: {url:?} must start with http:// or https://"));
            }
        }
        if self.repos.is_empty() && self.project.is_none() {
            return Err(format!("{at}: name at least one of repos or project"));
        }
        for repo in &self.repos {
            let mut parts = repo.split('/');
            let valid = matches!((parts.next(), parts.next(), parts.next()),
                (Some(o), Some(r), None) if !o.is_empty() && !r.is_empty());
            if !valid {
                return Err(format!("{at}: repos: {repo:?} is not owner/name"));
            }
        }
        if self.deploy_workflow.is_some() && self.repos.is_empty() {
            return Err(format!("{at}: deploy_workflow needs repos to deploy"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(api_url: &str, graphql_url: Option<&str>) -> GithubConfig {
        GithubConfig {
            name: "acme".into(),
            api_url: api_url.into(),
            graphql_url: graphql_url.map(String::from),
            token_env: Some("GITHUB_TOKEN".into()),
            token_cmd: None,
            repos: vec!["acme/payments".into()],
            project: None,
            wip: BTreeMap::new(),
            columns: Vec::new(),
            points_field: None,
            deploy_workflow: None,
            workflow_ref: None,
            protected: Vec::new(),
            read_only: false,
            ca_file: None,
        }
    }

    #[test]
    fn graphql_lives_beside_the_rest_api() {
        let endpoint = |api, gql| table(api, gql).graphql_endpoint();
        assert_eq!(
            endpoint("https://api.github.com", None),
            "https://api.github.com/graphql"
        );
        assert_eq!(
            endpoint("https://ghe.example.com/api/v3/", None),
            "https://ghe.example.com/api/graphql"
        );
        assert_eq!(
            endpoint(
                "https://ghe.example.com/api/v3",
                Some("https://gql.example.com/q/")
            ),
            "https://gql.example.com/q"
        );
    }

    #[test]
    fn checks_name_the_table() {
        let mut t = table("https://api.github.com", None);
        assert!(t.check().is_ok());
        t.repos = vec!["payments".into()];
        let err = t.check().unwrap_err();
        assert!(
            err.contains("[[github]] \"acme\"") && err.contains("owner/name"),
            "{err}"
        );
        t.repos.clear();
        assert!(t.check().unwrap_err().contains("repos or project"));
        let mut t = table("ftp://x", None);
        assert!(t.check().unwrap_err().contains("http://"));
        t.api_url = DEFAULT_API_URL.into();
        t.token_cmd = Some("gh auth token".into());
        assert!(t.check().unwrap_err().contains("exactly one"));
    }
}
