//! Finding the run and job a `logs` command names, with messages that name the valid ones.

use super::{Stop, pipelines, say_waiting};
use crate::domain::pipeline::{Job, Run, RunStatus};
use crate::domain::text::sanitize;
use crate::providers::{CiProvider, ProviderError};
use crate::setup::DeployHandle;
use crate::sync::patient;
use std::sync::Arc;

/// Runs named when the asked-for one does not exist.
const SUGGESTED: usize = 8;

pub struct Found {
    pub ci: Arc<dyn CiProvider>,
    pub run: Run,
}

/// The run `id` in the named backend, or in the first backend that has it.
pub async fn run(deploys: &[DeployHandle], id: &str, backend: Option<&str>) -> Result<Found, Stop> {
    let all = pipelines(deploys);
    if all.is_empty() {
        let why = "none of the configured deploy backends serves pipeline runs";
        return Err(Stop::Usage(why.into()));
    }
    let candidates: Vec<_> = match backend {
        None => all,
        Some(name) => {
            let names: Vec<&str> = all.iter().map(|(n, _)| *n).collect();
            let chosen: Vec<_> = all.into_iter().filter(|(n, _)| *n == name).collect();
            if chosen.is_empty() {
                return Err(Stop::Usage(format!(
                    "no deploy backend named {:?} serves pipeline runs; these do: {}",
                    sanitize(name, false),
                    names.join(", ")
                )));
            }
            chosen
        }
    };
    let shown = sanitize(id, false);
    let mut trouble = Vec::new();
    for (name, ci) in &candidates {
        match patient(say_waiting, || ci.run(id)).await {
            Ok(run) => {
                return Ok(Found {
                    ci: ci.clone(),
                    run,
                });
            }
            Err(ProviderError::NotFound(_)) => {}
            Err(e) => trouble.push(format!("{name}: {e}")),
        }
    }
    if !trouble.is_empty() {
        return Err(Stop::Failed(format!(
            "cannot read pipeline run {shown}: {}",
            trouble.join("; ")
        )));
    }
    let mut recent = Vec::new();
    for (_, ci) in &candidates {
        if let Ok(runs) = ci.runs(None, SUGGESTED).await {
            recent.extend(runs.into_iter().map(|r| format!("{} ({})", r.id, r.name)));
        }
    }
    recent.truncate(SUGGESTED);
    let hint = if recent.is_empty() {
        String::new()
    } else {
        format!("; recent runs: {}", recent.join(", "))
    };
    Err(Stop::Usage(format!("no pipeline run {shown}{hint}")))
}

/// The job named by id or name; by default the first failed job, else the first.
pub fn job<'r>(run: &'r Run, wanted: Option<&str>) -> Result<&'r Job, Stop> {
    let Some(wanted) = wanted else {
        return run
            .jobs
            .iter()
            .find(|j| j.status == RunStatus::Failed)
            .or_else(|| run.jobs.first())
            .ok_or_else(|| Stop::Failed(format!("pipeline run {} has no jobs", run.id)));
    };
    run.jobs
        .iter()
        .find(|j| j.id == wanted)
        .or_else(|| {
            run.jobs
                .iter()
                .find(|j| j.name.eq_ignore_ascii_case(wanted))
        })
        .ok_or_else(|| {
            let jobs: Vec<String> = run
                .jobs
                .iter()
                .map(|j| format!("{} ({})", j.id, j.name))
                .collect();
            Stop::Usage(format!(
                "pipeline run {} has no job {:?}; its jobs: {}",
                run.id,
                sanitize(wanted, false),
                jobs.join(", ")
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(statuses: &[RunStatus]) -> Run {
        Run {
            id: "r-1".into(),
            service: None,
            name: "deploy".into(),
            branch: None,
            revision: None,
            status: RunStatus::Failed,
            created_at: None,
            finished_at: None,
            url: None,
            jobs: statuses
                .iter()
                .enumerate()
                .map(|(i, &status)| Job {
                    id: format!("j-{}", i + 1),
                    name: format!("Job {}", i + 1),
                    status,
                    steps: Vec::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_first_failed_job_else_the_first() {
        use RunStatus::*;
        assert_eq!(
            job(&run(&[Succeeded, Failed, Failed]), None).unwrap().id,
            "j-2"
        );
        assert_eq!(job(&run(&[Succeeded, Running]), None).unwrap().id, "j-1");
        assert!(matches!(job(&run(&[]), None), Err(Stop::Failed(_))));
    }

    #[test]
    fn jobs_are_found_by_id_or_name_and_unknown_ones_listed() {
        let r = run(&[RunStatus::Succeeded, RunStatus::Failed]);
        assert_eq!(job(&r, Some("j-2")).unwrap().id, "j-2");
        assert_eq!(job(&r, Some("job 1")).unwrap().id, "j-1");
        let Err(Stop::Usage(message)) = job(&r, Some("j-9\u{1b}[2J")) else {
            panic!("not a usage error");
        };
        assert!(
            message.contains("its jobs: j-1 (Job 1), j-2 (Job 2)"),
            "{message}"
        );
        assert!(!message.contains('\u{1b}'), "{message}");
    }
}
