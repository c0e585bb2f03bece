//! Actions wire types -> domain. Every string from GitHub is sanitised here, once; a status
//! or conclusion this version does not know becomes `Unknown`.

use super::dto::{JobDto, RunDto, StepDto};
use crate::domain::pipeline::{Job, Run, RunStatus, Step};
use crate::domain::text::sanitize;

fn line(s: &str) -> String {
    sanitize(s, false)
}

/// A run of the repository `service` ("payments" for acme/payments); its jobs come from
/// their own list.
pub fn run(dto: RunDto, service: &str) -> Run {
    let finished = dto.status.as_deref() == Some("completed");
    Run {
        id: dto.id.to_string(),
        service: Some(service.to_string()),
        name: title(&dto),
        branch: dto.head_branch.as_deref().map(line),
        revision: dto.head_sha.as_deref().map(line),
        status: status(dto.status.as_deref(), dto.conclusion.as_deref()),
        created_at: dto.run_started_at.or(dto.created_at),
        finished_at: dto.updated_at.filter(|_| finished),
        url: dto.html_url.as_deref().map(line),
        jobs: Vec::new(),
    }
}

/// "CI · Fix flaky checkout test": the workflow, then what the run is about.
fn title(dto: &RunDto) -> String {
    let parts: Vec<String> = [dto.name.as_deref(), dto.display_title.as_deref()]
        .into_iter()
        .flatten()
        .map(|s| line(s).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    match parts.as_slice() {
        [] => match dto.run_number {
            Some(number) => format!("run #{number}"),
            None => format!("run {}", dto.id),
        },
        [one] => one.clone(),
        [workflow, title] if workflow == title => workflow.clone(),
        [workflow, title, ..] => format!("{workflow} · {title}"),
    }
}

pub fn job(dto: JobDto) -> Job {
    Job {
        id: dto.id.to_string(),
        name: line(&dto.name),
        status: status(dto.status.as_deref(), dto.conclusion.as_deref()),
        steps: dto.steps.into_iter().map(step).collect(),
    }
}

fn step(dto: StepDto) -> Step {
    Step {
        name: line(&dto.name),
        status: status(dto.status.as_deref(), dto.conclusion.as_deref()),
        started_at: dto.started_at,
        finished_at: dto.completed_at,
    }
}

/// Runs, jobs and steps share GitHub's `status` + `conclusion` pair.
pub fn status(status: Option<&str>, conclusion: Option<&str>) -> RunStatus {
    match status {
        Some("queued" | "requested" | "waiting" | "pending") => RunStatus::Queued,
        Some("in_progress") => RunStatus::Running,
        Some("completed") => match conclusion {
            Some("success") => RunStatus::Succeeded,
            Some("failure" | "timed_out" | "startup_failure") => RunStatus::Failed,
            Some("cancelled") => RunStatus::Cancelled,
            Some("skipped" | "neutral") => RunStatus::Skipped,
            _ => RunStatus::Unknown,
        },
        _ => RunStatus::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::github::actions::dto::{JobsPage, RunsPage};
    use chrono::{DateTime, TimeZone, Utc};

    fn at(h: u32, m: u32, s: u32) -> Option<DateTime<Utc>> {
        Some(Utc.with_ymd_and_hms(2026, 3, 2, h, m, s).unwrap())
    }

    fn runs(json: &str) -> Vec<Run> {
        let page: RunsPage = serde_json::from_str(json).unwrap();
        page.workflow_runs
            .into_iter()
            .map(|r| run(r, "payments"))
            .collect()
    }

    #[test]
    fn every_status_and_conclusion_maps_and_new_ones_are_unknown() {
        use RunStatus::*;
        let statuses: Vec<_> = runs(fixture!("runs-statuses.json"))
            .iter()
            .map(|r| r.status)
            .collect();
        assert_eq!(
            statuses,
            [
                Queued, Queued, Queued, Queued, Running, Succeeded, Failed, Failed, Failed,
                Cancelled, Skipped, Skipped, Unknown, Unknown, Unknown, Unknown
            ]
        );
    }

    #[test]
    fn a_run_reads_as_workflow_and_title_with_its_times() {
        let all = runs(fixture!("runs-payments.json"));
        let r = &all[0];
        assert_eq!(
            (r.id.as_str(), r.name.as_str(), r.service.as_deref()),
            ("30433642", "CI · Fix flaky checkout test", Some("payments"))
        );
        assert_eq!(r.branch.as_deref(), Some("fix/checkout"));
        assert_eq!(r.revision.as_ref().map(String::len), Some(40));
        assert_eq!(
            r.url.as_deref(),
            Some("https://github.com/acme/payments/actions/runs/30433642")
        );
        assert_eq!((r.created_at, r.finished_at), (at(9, 40, 0), at(9, 47, 10)));
        assert!(r.jobs.is_empty());
    }

    #[test]
    fn a_rerun_starts_later_and_an_active_run_has_not_finished() {
        let all = runs(fixture!("runs-statuses.json"));
        // Re-run: `run_started_at` is the start shown, not `created_at`.
        assert_eq!(all[5].created_at, at(10, 30, 0));
        assert_eq!(all[5].finished_at, at(10, 54, 30));
        assert_eq!(
            (all[4].status, all[4].finished_at),
            (RunStatus::Running, None)
        );
        // No workflow name: the title alone.
        assert_eq!(all[6].name, "Status completed failure");
    }

    #[test]
    fn a_run_without_any_name_is_named_by_its_number() {
        let mut page: RunsPage = serde_json::from_str(fixture!("runs-ledger.json")).unwrap();
        let mut dto = page.workflow_runs.remove(0);
        dto.name = None;
        dto.display_title = Some(" \u{1b}[2J ".into());
        assert_eq!(run(dto, "ledger").name, "run #88");
    }

    #[test]
    fn hostile_names_lose_their_escapes() {
        let dto: RunDto = serde_json::from_str(fixture!("run-hostile.json")).unwrap();
        let r = run(dto, "payments");
        assert_eq!(r.name, "CI · Fix checkout test");
        assert_eq!(r.branch.as_deref(), Some("evilbranch"));
        assert_eq!(
            r.url.as_deref(),
            Some("https://github.com/acme/payments/actions/runs/30433700")
        );
        for text in [&r.name, r.branch.as_ref().unwrap(), r.url.as_ref().unwrap()] {
            assert!(!text.chars().any(char::is_control), "{text:?}");
        }
    }

    #[test]
    fn jobs_carry_their_steps_in_order() {
        use RunStatus::*;
        let page: JobsPage = serde_json::from_str(fixture!("jobs-30433642.json")).unwrap();
        let jobs: Vec<Job> = page.jobs.into_iter().map(job).collect();
        let shape: Vec<_> = jobs
            .iter()
            .map(|j| (j.id.as_str(), j.name.as_str(), j.status, j.steps.len()))
            .collect();
        assert_eq!(
            shape,
            [
                ("399444496", "build", Succeeded, 3),
                ("399444497", "test (ubuntu-latest)", Failed, 4),
                ("399444498", "publish", Running, 3),
                ("399444499", "notify", Queued, 0),
            ]
        );
        let test: Vec<_> = jobs[1].steps.iter().map(|s| s.status).collect();
        assert_eq!(test, [Succeeded, Failed, Skipped, Succeeded]);
        // Offsets are read and kept as instants: 01:40:05-08:00 is 09:40:05Z.
        let setup = &jobs[0].steps[0];
        assert_eq!(
            (setup.started_at, setup.finished_at),
            (at(9, 40, 5), at(9, 40, 7))
        );
        let publish = &jobs[2].steps;
        assert_eq!((publish[1].status, publish[1].finished_at), (Running, None));
        assert_eq!((publish[2].status, publish[2].started_at), (Queued, None));
    }
}
