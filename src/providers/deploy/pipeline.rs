//! Pipeline wire types -> domain. Like `map`: every server string is sanitised here, once,
//! and a status this version does not know becomes `Unknown`.

use super::dto::{JobDto, RunDto, StepDto};
use super::map::{line, opt_line};
use crate::domain::pipeline::{Job, Run, RunStatus, Step};

pub fn run(dto: RunDto) -> Run {
    Run {
        id: line(&dto.id),
        service: opt_line(dto.service),
        name: line(&dto.name),
        branch: opt_line(dto.branch),
        revision: opt_line(dto.revision),
        status: status(dto.status.as_deref()),
        created_at: dto.created_at,
        finished_at: dto.finished_at,
        url: opt_line(dto.url),
        jobs: dto.jobs.into_iter().map(job).collect(),
    }
}

fn job(dto: JobDto) -> Job {
    Job {
        id: line(&dto.id),
        name: line(&dto.name),
        status: status(dto.status.as_deref()),
        steps: dto.steps.into_iter().map(step).collect(),
    }
}

fn step(dto: StepDto) -> Step {
    Step {
        name: line(&dto.name),
        status: status(dto.status.as_deref()),
        started_at: dto.started_at,
        finished_at: dto.finished_at,
    }
}

fn status(value: Option<&str>) -> RunStatus {
    match value {
        Some("queued") => RunStatus::Queued,
        Some("running") => RunStatus::Running,
        Some("succeeded") => RunStatus::Succeeded,
        Some("failed") => RunStatus::Failed,
        Some("cancelled") => RunStatus::Cancelled,
        Some("skipped") => RunStatus::Skipped,
        _ => RunStatus::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::deploy::dto::RunPageDto;
    use chrono::{TimeZone, Utc};

    fn parse(json: &str) -> Run {
        run(serde_json::from_str(json).unwrap())
    }

    #[test]
    fn a_run_maps_with_its_jobs_and_steps() {
        let r = parse(fixture!("run-311.json"));
        assert_eq!(
            (r.id.as_str(), r.name.as_str(), r.status),
            ("r-311", "deploy prod", RunStatus::Running)
        );
        assert_eq!(
            (
                r.service.as_deref(),
                r.branch.as_deref(),
                r.revision.as_deref()
            ),
            (Some("payments"), Some("main"), Some("9f2c1e7a4b"))
        );
        assert_eq!(
            r.created_at,
            Some(Utc.with_ymd_and_hms(2026, 3, 2, 9, 15, 2).unwrap())
        );
        assert_eq!(r.finished_at, None);
        let jobs: Vec<_> = r.jobs.iter().map(|j| (j.id.as_str(), j.status)).collect();
        assert_eq!(
            jobs,
            [
                ("j-1", RunStatus::Succeeded),
                ("j-2", RunStatus::Running),
                ("j-3", RunStatus::Queued)
            ]
        );
        let migrate = &r.jobs[0].steps;
        assert_eq!(migrate.len(), 2);
        assert_eq!(migrate[1].name, "apply");
        assert_eq!(
            migrate[1].finished_at,
            Some(Utc.with_ymd_and_hms(2026, 3, 2, 9, 16, 2).unwrap())
        );
        assert_eq!(r.jobs[2].steps, []);
    }

    #[test]
    fn escapes_in_names_never_survive() {
        let r = parse(fixture!("run-311.json"));
        assert_eq!(r.jobs[1].name, "rollout canary");
        assert_eq!(r.jobs[1].steps[0].name, "shift 10% traffic");
        assert_eq!(r.url.as_deref(), Some("https://ci.example/r-311"));
    }

    #[test]
    fn unknown_statuses_and_missing_optionals_do_not_fail() {
        let r = parse(fixture!("run-odd.json"));
        assert_eq!(r.status, RunStatus::Unknown);
        assert_eq!(
            (r.service, r.branch, r.revision, r.url, r.created_at),
            (None, None, None, None, None)
        );
        assert_eq!(r.jobs[0].status, RunStatus::Skipped);
        assert_eq!(r.jobs[0].steps[0].status, RunStatus::Unknown);
    }

    #[test]
    fn every_status_of_a_page_is_known() {
        let page: RunPageDto = serde_json::from_str(fixture!("runs-page-1.json")).unwrap();
        let statuses: Vec<_> = page.runs.into_iter().map(|r| run(r).status).collect();
        assert_eq!(
            statuses,
            [
                RunStatus::Succeeded,
                RunStatus::Failed,
                RunStatus::Cancelled
            ]
        );
    }
}
