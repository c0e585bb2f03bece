//! Wire types -> domain. Every string from the server is sanitised here, once; values this
//! version does not know become the `Unknown` variants.

use super::dto::{ChangeDto, DeploymentDto, EnvironmentDto, LockDto, ServiceDto};
use crate::domain::IssueKey;
use crate::domain::deploy::{
    Change, DeployKind, DeployState, Deployment, DeploymentId, Environment, Health, Lock, Service,
};
use crate::domain::text::sanitize;

pub fn line(s: &str) -> String {
    sanitize(s, false)
}

pub fn opt_line(s: Option<String>) -> Option<String> {
    s.as_deref().map(line)
}

/// `environments` in the order the service lists them; any the list does not name follow in
/// the server's order. Names in the list the server did not describe are left out.
pub fn service(
    dto: ServiceDto,
    environments: Vec<EnvironmentDto>,
    protected: &[String],
) -> Service {
    let mut rest = environments;
    let mut ordered = Vec::with_capacity(rest.len());
    for name in &dto.environments {
        if let Some(at) = rest.iter().position(|e| &e.name == name) {
            ordered.push(rest.remove(at));
        }
    }
    ordered.extend(rest);
    Service {
        name: line(&dto.name),
        repo: opt_line(dto.repo),
        environments: ordered
            .into_iter()
            .map(|e| environment(e, protected))
            .collect(),
    }
}

/// Protected when the server says so or the config names it (case-insensitively: a typo in
/// case must not drop the typed confirmation).
pub fn environment(dto: EnvironmentDto, protected: &[String]) -> Environment {
    let by_config = protected.iter().any(|p| p.eq_ignore_ascii_case(&dto.name));
    Environment {
        name: line(&dto.name),
        protected: dto.protected || by_config,
        protection: Vec::new(),
        health: health(dto.health.as_deref()),
        lock: dto.lock.map(lock),
        current: dto.current.map(deployment),
    }
}

fn lock(dto: LockDto) -> Lock {
    Lock {
        by: opt_line(dto.by).unwrap_or_default(),
        reason: opt_line(dto.reason).unwrap_or_default(),
        until: dto.until,
    }
}

pub fn deployment(dto: DeploymentDto) -> Deployment {
    Deployment {
        id: DeploymentId(line(&dto.id)),
        service: line(&dto.service),
        environment: line(&dto.environment),
        revision: line(&dto.revision),
        version: opt_line(dto.version),
        kind: kind(dto.kind.as_deref()),
        state: state(dto.state.as_deref()),
        from_environment: opt_line(dto.from_environment),
        rollback_of: opt_line(dto.rollback_of).map(DeploymentId),
        created_at: dto.created_at,
        finished_at: dto.finished_at,
        by: opt_line(dto.by),
        reason: opt_line(dto.reason),
        run_id: opt_line(dto.run_id),
        changes: dto.changes.into_iter().map(change).collect(),
    }
}

fn change(dto: ChangeDto) -> Change {
    Change {
        sha: line(&dto.sha),
        title: line(&dto.title),
        issue_keys: dto.issue_keys.iter().map(|k| IssueKey(line(k))).collect(),
    }
}

fn health(value: Option<&str>) -> Health {
    match value {
        Some("healthy") => Health::Healthy,
        Some("degraded") => Health::Degraded,
        Some("down") => Health::Down,
        _ => Health::Unknown,
    }
}

fn state(value: Option<&str>) -> DeployState {
    match value {
        Some("queued") => DeployState::Queued,
        Some("in_progress") => DeployState::InProgress,
        Some("succeeded") => DeployState::Succeeded,
        Some("failed") => DeployState::Failed,
        Some("cancelled") => DeployState::Cancelled,
        _ => DeployState::Unknown,
    }
}

fn kind(value: Option<&str>) -> DeployKind {
    match value {
        Some("deploy") => DeployKind::Deploy,
        Some("promote") => DeployKind::Promote,
        Some("rollback") => DeployKind::Rollback,
        _ => DeployKind::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::deploy::dto::{DeploymentPageDto, EnvironmentsDto, ServicesDto};
    use chrono::{TimeZone, Utc};

    fn services() -> Vec<ServiceDto> {
        serde_json::from_str::<ServicesDto>(fixture!("services.json"))
            .unwrap()
            .services
    }

    fn environments(json: &str) -> Vec<EnvironmentDto> {
        serde_json::from_str::<EnvironmentsDto>(json)
            .unwrap()
            .environments
    }

    fn payments(protected: &[String]) -> Service {
        let dto = services().remove(0);
        service(
            dto,
            environments(fixture!("environments-payments.json")),
            protected,
        )
    }

    #[test]
    fn environments_follow_the_promotion_order_of_the_service() {
        let s = payments(&[]);
        let names: Vec<_> = s.environments.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["dev", "staging", "prod"]);
        assert_eq!(
            (s.name.as_str(), s.repo.as_deref()),
            ("payments", Some("acme/payments"))
        );
    }

    #[test]
    fn health_lock_and_current_are_mapped() {
        let s = payments(&[]);
        let [dev, staging, prod] = &s.environments[..] else {
            panic!("three environments expected");
        };
        assert_eq!(
            (dev.health, &dev.lock, &dev.current),
            (Health::Unknown, &None, &None)
        );
        assert_eq!(staging.health, Health::Degraded);
        assert_eq!(
            staging.lock,
            Some(Lock {
                by: "mei".into(),
                reason: "change freeze".into(),
                until: Some(Utc.with_ymd_and_hms(2026, 3, 6, 17, 0, 0).unwrap()),
            })
        );
        let current = staging.current.as_ref().unwrap();
        assert_eq!(
            (current.state, current.kind),
            (DeployState::InProgress, DeployKind::Deploy)
        );
        assert_eq!(
            (current.version.as_deref(), current.label()),
            (None, "c0ffee1".to_string())
        );
        let live = prod.current.as_ref().unwrap();
        assert_eq!(prod.health, Health::Healthy);
        assert_eq!(live.id, DeploymentId("d-1042".into()));
        assert_eq!(live.from_environment.as_deref(), Some("staging"));
        assert_eq!(
            live.finished_at,
            Some(Utc.with_ymd_and_hms(2026, 3, 2, 9, 21, 40).unwrap())
        );
        assert_eq!(live.changes[0].issue_keys, [IssueKey("OPS-118".into())]);
    }

    #[test]
    fn server_text_is_sanitised_to_one_line() {
        let s = payments(&[]);
        let live = s.environments[2].current.as_ref().unwrap();
        assert_eq!(live.changes[1].title, "Bump tokio to 1.54");
    }

    #[test]
    fn protected_comes_from_the_server_or_the_config() {
        let plain = payments(&[]);
        let flags: Vec<_> = plain.environments.iter().map(|e| e.protected).collect();
        assert_eq!(flags, [false, false, true]);
        let extra = payments(&["Staging".to_string()]);
        let flags: Vec<_> = extra.environments.iter().map(|e| e.protected).collect();
        assert_eq!(flags, [false, true, true]);
    }

    #[test]
    fn unlisted_environments_follow_and_missing_ones_are_left_out() {
        let dto = ServiceDto {
            name: "ledger".into(),
            environments: vec!["prod".into(), "qa".into()],
            repo: None,
        };
        let s = service(dto, environments(fixture!("environments-ledger.json")), &[]);
        let names: Vec<_> = s.environments.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["prod", "staging"]);
        let prod = &s.environments[0];
        assert_eq!(prod.lock.as_ref().map(|l| l.until), Some(None));
        let current = prod.current.as_ref().unwrap();
        assert_eq!(current.kind, DeployKind::Rollback);
        assert_eq!(current.rollback_of, Some(DeploymentId("d-87".into())));
        assert!(current.changes.is_empty());
        assert_eq!(s.environments[1].health, Health::Down);
    }

    #[test]
    fn unknown_values_and_missing_optionals_do_not_fail() {
        let dto: DeploymentDto = serde_json::from_str(fixture!("deployment-odd.json")).unwrap();
        let d = deployment(dto);
        assert_eq!(
            (d.state, d.kind),
            (DeployState::Unknown, DeployKind::Unknown)
        );
        assert_eq!(d.label(), "abcdef0");
        assert_eq!(
            d.created_at,
            Utc.with_ymd_and_hms(2026, 3, 4, 9, 0, 0).unwrap()
                + chrono::Duration::milliseconds(250)
        );
        assert_eq!(
            (d.version, d.by, d.run_id, d.finished_at),
            (None, None, None, None)
        );
    }

    #[test]
    fn every_state_of_a_page_is_known() {
        let mut all = Vec::new();
        for page in [
            fixture!("deployments-page-1.json"),
            fixture!("deployments-page-2.json"),
            fixture!("deployments-page-3.json"),
        ] {
            let dto: DeploymentPageDto = serde_json::from_str(page).unwrap();
            all.extend(dto.deployments.into_iter().map(deployment));
        }
        let states: Vec<_> = all.iter().map(|d| d.state).collect();
        assert_eq!(
            states,
            [
                DeployState::Succeeded,
                DeployState::Succeeded,
                DeployState::Failed,
                DeployState::Cancelled,
                DeployState::Succeeded
            ]
        );
        assert_eq!(all[3].reason, None);
        assert_eq!(all[4].kind, DeployKind::Deploy);
    }
}
