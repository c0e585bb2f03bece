//! The repositories of a `[[github]]` table and the workflow that deploys from them.

use super::pick::{Ask, Fixed, pick};
use super::prompt::{Io, Stop};
use crate::providers::github::GithubClient;
use crate::providers::github::discover::{self, RepoSummary, Workflow};

pub async fn pick_repos(
    io: &mut dyn Io,
    repos: Vec<RepoSummary>,
    optional: bool,
) -> Result<Vec<String>, Stop> {
    if repos.is_empty() {
        io.say("No repository is visible to this token: the project alone, then.\n");
        return Ok(Vec::new());
    }
    io.say("Repositories: their issues, Actions runs and deployments are shown.\n");
    let mut source = Fixed {
        items: repos,
        cells: |r: &RepoSummary| {
            let mut cells = vec![
                r.full_name.clone(),
                r.description.clone().unwrap_or_default(),
            ];
            if r.archived {
                cells.push("archived".into());
            }
            cells
        },
    };
    let ask = Ask {
        noun: "repository",
        plural: "repositories",
        many: true,
        none: optional.then_some("(none: the project alone)"),
    };
    let first = source.matching("");
    let picked = pick(io, &mut source, first, &ask).await?;
    Ok(picked.into_iter().map(|r| r.full_name).collect())
}

/// The workflow that deploys, among those of the picked repositories that have environments.
pub async fn pick_workflow(
    io: &mut dyn Io,
    client: &GithubClient,
    repos: &[String],
) -> Result<Option<String>, Stop> {
    let mut workflows: Vec<Workflow> = Vec::new();
    for repo in repos {
        match discover::repo_ops(client, repo).await {
            Ok(ops) => {
                let names: Vec<&str> = ops.environments.iter().map(String::as_str).collect();
                let listed = if names.is_empty() {
                    "no environments".to_string()
                } else {
                    format!("environments {}", names.join(", "))
                };
                io.say(&format!("  {repo}: {listed}\n"));
                if !names.is_empty() {
                    for w in ops.workflows {
                        if !workflows.iter().any(|k| k.file == w.file) {
                            workflows.push(w);
                        }
                    }
                }
            }
            Err(e) => io.say(&format!("  ✘ {repo}: {e}\n")),
        }
    }
    if workflows.is_empty() {
        io.say("No workflow to deploy with: deployments are shown read-only.\n");
        return Ok(None);
    }
    io.say("Which workflow deploys (dispatched with inputs `environment` and `ref`)?\n");
    let mut source = Fixed {
        items: workflows,
        cells: |w: &Workflow| vec![w.name.clone(), w.file.clone()],
    };
    let ask = Ask {
        noun: "workflow",
        plural: "workflows",
        many: false,
        none: Some("(none: deployments shown read-only)"),
    };
    let first = source.matching("");
    let picked = pick(io, &mut source, first, &ask).await?;
    Ok(picked.into_iter().next().map(|w| w.file))
}
