//! The questions in order, then the file: written beside its target, proved through the
//! app's own loading, and only then put in place.

use super::check::check;
use super::deploy::ask_deploy;
use super::github::ask_github;
use super::jira::ask_jira;
use super::plan::Plan;
use super::prompt::{Io, Stop, choose_many, confirm};
use super::render::render;
use super::write::stage;
use crate::config::JiraAuth;
use std::path::PathBuf;

pub struct Options {
    /// Where the file goes.
    pub path: PathBuf,
    /// Replace a file already there.
    pub force: bool,
}

/// How the questions ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Written,
    /// A check failed and the user kept the file unwritten.
    NotWritten,
}

const SYSTEMS: [&str; 4] = [
    "Jira Cloud",
    "Jira Data Center",
    "GitHub (issues or a Projects board, Actions, deployments)",
    "A deploy backend speaking the shipdeck deploy protocol",
];

pub async fn run(io: &mut dyn Io, options: &Options) -> Result<Outcome, Stop> {
    io.say(&format!(
        "shipdeck init writes {}.\n\
         Ctrl-C stops at any question; nothing is written until the end.\n\n",
        options.path.display()
    ));
    let systems = ask_systems(io).await?;
    let mut plan = Plan::default();
    for system in systems {
        match system {
            0 => plan.jira = Some(ask_jira(io, JiraAuth::Basic).await?),
            1 => plan.jira = Some(ask_jira(io, JiraAuth::Bearer).await?),
            2 => plan.github = Some(ask_github(io, plan.jira.is_none()).await?),
            _ => plan.deploy = Some(ask_deploy(io).await?),
        }
    }
    let failed = |what: &str, e: std::io::Error| {
        Stop::Failed(format!("cannot {what} {}: {e}", options.path.display()))
    };
    let staged = stage(&options.path, &render(&plan)).map_err(|e| failed("write", e))?;
    io.say("\nChecking the config the way shipdeck will read it...\n");
    if !check(io, staged.path(), &options.path).await
        && !confirm(io, "Write the config anyway?", false).await?
    {
        io.say("Nothing was written.\n");
        return Ok(Outcome::NotWritten);
    }
    staged
        .place(options.force)
        .map_err(|e| failed("put the config at", e))?;
    io.say(&format!(
        "\nWrote {} (readable by you only; it holds no token).\n{}\
         next: shipdeck doctor, then shipdeck\n",
        options.path.display(),
        how_found(options)
    ));
    Ok(Outcome::Written)
}

/// Jira comes first (it is the board when both are picked), and only one Jira.
async fn ask_systems(io: &mut dyn Io) -> Result<Vec<usize>, Stop> {
    let options: Vec<String> = SYSTEMS.iter().map(|s| s.to_string()).collect();
    loop {
        let mut picked = choose_many(io, "Which systems does the team use?", &options).await?;
        if picked.contains(&0) && picked.contains(&1) {
            io.say("  one Jira only: Cloud or Data Center\n");
            continue;
        }
        picked.sort_unstable();
        return Ok(picked);
    }
}

/// When the file is not where shipdeck looks by itself, how to point it there.
fn how_found(options: &Options) -> String {
    let env = std::env::var("SHIPDECK_CONFIG").ok();
    let found = crate::config::config_path(None, env.as_deref());
    if found.as_deref() == Some(options.path.as_path()) {
        return String::new();
    }
    format!(
        "shipdeck reads it with --config {0} or SHIPDECK_CONFIG={0}.\n",
        options.path.display()
    )
}
