//! The plan as a commented TOML file, in the words of config.example.toml. Every value is
//! TOML-escaped; comments carry only sanitised one-line text; no token is ever written, only
//! where it comes from.

use super::plan::{DeployPlan, GithubPlan, JiraPlan, Plan};
use crate::config::{DEFAULT_API_URL, JiraAuth, TokenSource};
use toml_writer::{ToTomlValue, TomlStringBuilder};

/// The whole file.
pub fn render(plan: &Plan) -> String {
    let mut out = String::from(
        "# shipdeck configuration, written by `shipdeck init`.\n\
         # Every key is explained in config.example.toml; unknown keys are errors. Tokens are\n\
         # never written here: each table names the environment variable or the command that\n\
         # gives one. Display, keys, sprint and standup settings have defaults (see\n\
         # config.example.toml to change them).\n",
    );
    if let Some(jira) = &plan.jira {
        jira_table(&mut out, jira);
    }
    if let Some(github) = &plan.github {
        github_table(&mut out, github, plan.jira.is_some());
    }
    if let Some(deploy) = &plan.deploy {
        deploy_table(&mut out, deploy);
    }
    out
}

/// A TOML basic string on one line: quotes, backslashes and control characters escaped.
pub fn string(text: &str) -> String {
    TomlStringBuilder::new(text).as_basic().to_toml_value()
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| string(i)).collect();
    format!("[{}]", items.join(", "))
}

/// `# text`, one line per line of `text`.
fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
}

fn key(out: &mut String, name: &str, value: &str) {
    out.push_str(&format!("{name} = {value}\n"));
}

fn token(out: &mut String, source: &TokenSource, what: &str) {
    match source {
        TokenSource::Env(name) => {
            comment(
                out,
                &format!("The environment variable that holds the {what} (its name only)."),
            );
            key(out, "token_env", &string(name));
        }
        TokenSource::Command(cmd) => {
            comment(
                out,
                &format!("A command whose standard output is the {what} (the command only)."),
            );
            key(out, "token_cmd", &string(cmd));
        }
        TokenSource::None | TokenSource::Demo => comment(
            out,
            "No token: requests carry no Authorization header. To send one, set token_env or\n\
             token_cmd:\ntoken_env = \"DEPLOY_TOKEN\"",
        ),
    }
}

fn jira_table(out: &mut String, jira: &JiraPlan) {
    out.push_str("\n[jira]\n");
    comment(out, "Base URL of the Jira site.");
    key(out, "url", &string(&jira.url));
    let board = &jira.board;
    let mut about = vec![board.kind.clone()];
    about.extend(board.project.clone());
    comment(
        out,
        &format!(
            "The board: \"{}\" ({}).\nIts id is the number in .../boards/{} in Jira's URL.",
            board.name,
            about.join(", "),
            board.id
        ),
    );
    key(out, "board", &board.id.to_string());
    comment(
        out,
        "\"basic\": Jira Cloud, email + API token, REST v3.\n\
         \"bearer\": Jira Data Center, personal access token, REST v2.",
    );
    match jira.auth {
        JiraAuth::Basic => {
            key(out, "auth", &string("basic"));
            comment(out, "Your Atlassian account email (basic only).");
            key(
                out,
                "email",
                &string(jira.email.as_deref().unwrap_or_default()),
            );
        }
        JiraAuth::Bearer => key(out, "auth", &string("bearer")),
    }
    token(out, &jira.token, "API token");
    comment(
        out,
        "Optional extra JQL, ANDed with the board's filter:\njql = \"labels = backend\"\n\
         Which cards the board shows: \"sprint\" (the active sprint; default for scrum boards)\n\
         or \"all\" (every issue of the board's filter; default for kanban boards).\n\
         scope = \"sprint\"",
    );
}

fn github_table(out: &mut String, github: &GithubPlan, jira_is_board: bool) {
    out.push_str("\n[[github]]\n");
    comment(
        out,
        "How the table is shown, and what `--backend NAME` picks.",
    );
    key(out, "name", &string(&github.name));
    if github.api_url == DEFAULT_API_URL {
        comment(out, "REST base: github.com.");
    } else {
        comment(
            out,
            "REST base of this GitHub Enterprise Server; GraphQL is looked for beside it\n\
             (/api/graphql; set graphql_url to override).",
        );
    }
    key(out, "api_url", &string(&github.api_url));
    comment(
        out,
        "Scopes: repo (issues, Actions, deployments), read:project to show a Projects v2\n\
         board, project to move its cards, workflow to dispatch.",
    );
    token(out, &github.token, "token");
    comment(
        out,
        "owner/name of every repository whose issues, runs and deployments are shown.",
    );
    key(out, "repos", &list(&github.repos));
    match (&github.project, jira_is_board) {
        (Some(p), _) => {
            comment(
                out,
                &format!(
                    "The board: Projects v2 \"{}\".\nIts Status options are the columns, in \
                     their order; its Iteration field, when there\nis one, is the sprint.",
                    p.title
                ),
            );
            let value = format!("{{ owner = {}, number = {} }}", string(&p.owner), p.number);
            key(out, "project", &value);
        }
        (None, true) => comment(
            out,
            "The board is Jira's: this table adds the repositories' Actions runs and\ndeployments.",
        ),
        (None, false) => comment(
            out,
            "No project: the board is label columns over the repositories' open issues\n\
             (Open / In progress / Closed recently). A Projects v2 board instead:\n\
             project = { owner = \"acme\", number = 3 }",
        ),
    }
    match &github.deploy_workflow {
        Some(file) => {
            comment(
                out,
                "Promote and roll back by dispatching this workflow with inputs `environment`\n\
                 and `ref` (the sha to deploy).",
            );
            key(out, "deploy_workflow", &string(file));
        }
        None => comment(
            out,
            "Without deploy_workflow, deployments are shown read-only. To promote and roll\n\
             back, name the workflow dispatched with inputs `environment` and `ref`:\n\
             deploy_workflow = \"deploy.yml\"",
        ),
    }
    comment(
        out,
        "Environments that need their name typed to confirm, on top of those with required\n\
         reviewers or a wait timer:\nprotected = [\"production\"]",
    );
}

fn deploy_table(out: &mut String, deploy: &DeployPlan) {
    out.push_str("\n[[deploy]]\n");
    comment(
        out,
        "How the backend is shown, and what `--backend NAME` picks.",
    );
    key(out, "name", &string(&deploy.name));
    comment(
        out,
        "\"http\": the shipdeck deploy protocol v1 (docs/deploy-protocol.md).",
    );
    key(out, "kind", &string("http"));
    comment(
        out,
        "Base URL of the backend; the protocol's /v1/... paths go under it.",
    );
    key(out, "url", &string(&deploy.url));
    token(out, &deploy.token, "Bearer token");
    comment(
        out,
        "Only these services (default: every service the backend offers):\n\
         services = [\"payments\", \"ledger\"]\n\
         Environments that need their name typed to confirm, on top of those the server marks:\n\
         protected = [\"prod\"]",
    );
}
