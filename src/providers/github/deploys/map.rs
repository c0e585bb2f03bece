//! GitHub deployments and statuses -> domain deployments. Every string from GitHub is
//! sanitised here, once; states this version does not know become `Unknown`.

use super::dto::{DeploymentDto, RunDto, StatusDto};
use crate::domain::deploy::{DeployKind, DeployState, Deployment, DeploymentId};
use crate::domain::text::sanitize;

pub fn line(s: &str) -> String {
    sanitize(s, false)
}

/// A deployment with its latest status (`None`: GitHub has not reported on it yet).
pub fn deployment(service: &str, dto: &DeploymentDto, status: Option<&StatusDto>) -> Deployment {
    let state = status.map_or(DeployState::Queued, |s| status_state(&s.state));
    // An `inactive` status is written when a newer deployment replaced this one, not when
    // this one ended: its end is not known.
    let finished_at = status
        .filter(|s| !state.is_active() && s.state != "inactive")
        .map(|s| s.created_at);
    Deployment {
        id: DeploymentId(dto.id.to_string()),
        service: service.to_string(),
        environment: line(&dto.environment),
        revision: line(&dto.sha),
        version: version(&dto.git_ref, &dto.sha),
        kind: kind(dto.task.as_deref()),
        state,
        from_environment: None,
        rollback_of: None,
        created_at: dto.created_at,
        finished_at,
        by: dto.creator.as_ref().map(|c| line(&c.login)),
        reason: dto
            .description
            .as_deref()
            .map(line)
            .filter(|d| !d.trim().is_empty()),
        run_id: status.and_then(status_run).map(|n| n.to_string()),
        changes: Vec::new(),
    }
}

/// GitHub's status states; `inactive` is a success that a newer deployment superseded, and
/// `waiting` (not in the published enum) is what Actions writes while reviewers decide.
pub fn status_state(state: &str) -> DeployState {
    match state {
        "error" | "failure" => DeployState::Failed,
        "inactive" | "success" => DeployState::Succeeded,
        "in_progress" => DeployState::InProgress,
        "queued" | "pending" => DeployState::Queued,
        "waiting" => DeployState::Waiting,
        _ => DeployState::Unknown,
    }
}

/// What a workflow run says about the deployment it was started to make.
pub fn run_state(run: &RunDto) -> DeployState {
    match (run.status.as_deref(), run.conclusion.as_deref()) {
        (Some("completed"), Some("success")) => DeployState::Succeeded,
        (
            Some("completed"),
            Some("failure" | "timed_out" | "startup_failure" | "action_required"),
        ) => DeployState::Failed,
        (Some("completed"), Some("cancelled" | "skipped" | "stale")) => DeployState::Cancelled,
        (Some("completed"), _) => DeployState::Unknown,
        (Some("waiting"), _) => DeployState::Waiting,
        (Some("in_progress"), _) => DeployState::InProgress,
        (Some("queued" | "requested" | "pending"), _) => DeployState::Queued,
        _ => DeployState::Unknown,
    }
}

/// The ref when it names a release (`v1.2.3`, `refs/tags/2.0.0-rc.1`); a branch or a sha is
/// no version, and the label falls back to the sha.
pub fn version(git_ref: &str, sha: &str) -> Option<String> {
    let name = git_ref.strip_prefix("refs/tags/").unwrap_or(git_ref);
    let digits = name.strip_prefix(['v', 'V']).unwrap_or(name);
    let hex = name.len() >= 7 && name.bytes().all(|b| b.is_ascii_hexdigit());
    let tag_like = digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.contains('.')
        && digits
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'));
    (tag_like && !hex && name != sha).then(|| line(name))
}

fn kind(task: Option<&str>) -> DeployKind {
    match task {
        Some(t) if t == "deploy" || t.starts_with("deploy:") => DeployKind::Deploy,
        _ => DeployKind::Unknown,
    }
}

/// The Actions run behind a status: its `log_url`, else its `target_url`.
pub fn status_run(status: &StatusDto) -> Option<u64> {
    [&status.log_url, &status.target_url]
        .into_iter()
        .flatten()
        .find_map(|url| run_id(url))
}

/// The run id in `…/actions/runs/{run_id}` or `…/runs/{run_id}/job/{job_id}`.
pub fn run_id(url: &str) -> Option<u64> {
    let path = url.split(['?', '#']).next()?;
    let mut segments = path.split('/');
    while let Some(segment) = segments.next() {
        if segment == "runs" {
            return segments.next()?.parse().ok();
        }
    }
    None
}

/// What serves an environment now: the newest deployment while it is still moving, else
/// the newest that succeeded. `history` is newest first.
pub fn current(history: &[Deployment]) -> Option<usize> {
    match history.first() {
        Some(newest) if newest.state.is_active() => Some(0),
        _ => history
            .iter()
            .position(|d| d.state == DeployState::Succeeded),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deployments() -> Vec<DeploymentDto> {
        serde_json::from_str(fixture!("deployments-production.json")).unwrap()
    }

    fn status(state: &str, log_url: Option<&str>) -> StatusDto {
        StatusDto {
            state: state.into(),
            created_at: "2026-03-02T09:20:00Z".parse().unwrap(),
            log_url: log_url.map(String::from),
            target_url: None,
        }
    }

    #[test]
    fn every_status_state_is_known_and_new_ones_are_unknown() {
        let states: Vec<_> = [
            "error",
            "failure",
            "inactive",
            "in_progress",
            "queued",
            "pending",
            "success",
            "waiting",
            "destroyed",
        ]
        .into_iter()
        .map(status_state)
        .collect();
        use DeployState::*;
        assert_eq!(
            states,
            [
                Failed, Failed, Succeeded, InProgress, Queued, Queued, Succeeded, Waiting, Unknown
            ]
        );
    }

    #[test]
    fn a_deployment_maps_with_its_latest_status() {
        let dto = &deployments()[0];
        let url = "https://github.com/acme/payments/actions/runs/9001/job/77";
        let d = deployment("payments", dto, Some(&status("success", Some(url))));
        assert_eq!(d.id, DeploymentId("1802".into()));
        assert_eq!(
            (d.environment.as_str(), d.state, d.kind),
            ("production", DeployState::Succeeded, DeployKind::Deploy)
        );
        assert_eq!(d.revision, "9f2c1e7d5b8a4c3e2f1a0b9c8d7e6f5a4b3c2d1e");
        assert_eq!(d.version.as_deref(), Some("v1.8.0"));
        assert_eq!(d.label(), "v1.8.0");
        assert_eq!(d.by.as_deref(), Some("ana-k"));
        assert_eq!(d.reason.as_deref(), Some("Release v1.8.0"));
        assert_eq!(d.run_id.as_deref(), Some("9001"));
        assert!(d.finished_at.is_some());
    }

    #[test]
    fn no_status_yet_is_queued_and_superseded_has_no_end() {
        let dto = &deployments()[1];
        let d = deployment("payments", dto, None);
        assert_eq!((d.state, d.run_id.as_deref()), (DeployState::Queued, None));
        // A branch is no version: the label is the sha's head.
        assert_eq!(
            (d.version.as_deref(), d.label().as_str()),
            (None, "4b1d2c3")
        );
        let superseded = deployment("payments", dto, Some(&status("inactive", None)));
        assert_eq!(superseded.state, DeployState::Succeeded);
        assert_eq!(superseded.finished_at, None);
    }

    #[test]
    fn server_text_is_sanitised() {
        let dto = &deployments()[2];
        let d = deployment("payments", dto, Some(&status("failure", None)));
        assert_eq!(d.reason.as_deref(), Some("Hotfix retitled"));
        assert_eq!(d.by.as_deref(), Some("zoe-o"));
        assert_eq!(d.state, DeployState::Failed);
    }

    #[test]
    fn versions_are_tag_like_refs_only() {
        let sha = "a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d";
        assert_eq!(version("v1.2.3", sha).as_deref(), Some("v1.2.3"));
        assert_eq!(
            version("refs/tags/2.0.0-rc.1", sha).as_deref(),
            Some("2.0.0-rc.1")
        );
        for not in ["main", "release/1.2", sha, "1234567", "v1", "feature-1.2"] {
            assert_eq!(version(not, sha), None, "{not}");
        }
    }

    #[test]
    fn run_ids_come_from_log_or_target_urls() {
        assert_eq!(
            run_id("https://github.com/acme/payments/actions/runs/123"),
            Some(123)
        );
        assert_eq!(
            run_id("https://github.com/acme/payments/actions/runs/123/job/456?pr=1"),
            Some(123)
        );
        assert_eq!(
            run_id("https://ci.example.com/runs/88/job/1#step"),
            Some(88)
        );
        assert_eq!(run_id("https://example.com/deployment/42/output"), None);
        assert_eq!(run_id("https://example.com/runs/latest"), None);
        let mut s = status("success", None);
        s.target_url = Some("https://github.com/acme/payments/actions/runs/7".into());
        assert_eq!(status_run(&s), Some(7));
    }

    #[test]
    fn runs_say_how_their_deployment_went() {
        let run = |status: &str, conclusion: Option<&str>| RunDto {
            id: 1,
            status: Some(status.into()),
            conclusion: conclusion.map(String::from),
            created_at: "2026-03-02T09:20:00Z".parse().unwrap(),
            updated_at: None,
        };
        use DeployState::*;
        let states = [
            run_state(&run("queued", None)),
            run_state(&run("waiting", None)),
            run_state(&run("in_progress", None)),
            run_state(&run("completed", Some("success"))),
            run_state(&run("completed", Some("timed_out"))),
            run_state(&run("completed", Some("cancelled"))),
            run_state(&run("completed", Some("neutral"))),
            run_state(&run("sleeping", None)),
        ];
        assert_eq!(
            states,
            [
                Queued, Waiting, InProgress, Succeeded, Failed, Cancelled, Unknown, Unknown
            ]
        );
    }

    #[test]
    fn current_is_the_newest_moving_else_the_newest_success() {
        let dtos = deployments();
        let with = |states: &[&str]| -> Vec<Deployment> {
            states
                .iter()
                .zip(dtos.iter().cycle())
                .map(|(s, dto)| deployment("payments", dto, Some(&status(s, None))))
                .collect()
        };
        assert_eq!(current(&with(&["in_progress", "success"])), Some(0));
        assert_eq!(current(&with(&["failure", "inactive", "success"])), Some(1));
        assert_eq!(current(&with(&["success", "queued"])), Some(0));
        // A stale queued deployment below the newest is not what runs.
        assert_eq!(current(&with(&["failure", "queued", "success"])), Some(2));
        assert_eq!(current(&with(&["failure", "error"])), None);
        assert_eq!(current(&[]), None);
    }
}
