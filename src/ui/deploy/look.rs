//! Symbols, styles and short formats shared by the deploy views. Every state reads from its
//! symbol and word, never from colour alone, so mono terminals lose nothing.

use crate::domain::deploy::{DeployKind, DeployState, Deployment, Health};
use crate::ui::Theme;
use crate::ui::text::span;
use chrono::{DateTime, Utc};
use ratatui::style::Style;

/// Promotable cells and on-board issue keys: things a key press can act on.
pub fn accent(theme: &Theme) -> Style {
    theme.border_focus
}

pub fn state_symbol(state: DeployState) -> &'static str {
    match state {
        DeployState::Succeeded => "✔",
        DeployState::Failed => "✖",
        DeployState::InProgress => "⟳",
        DeployState::Queued => "◷",
        DeployState::Waiting => "⏸",
        DeployState::Cancelled => "⊘",
        DeployState::Unknown => "?",
    }
}

pub fn state_style(state: DeployState, theme: &Theme) -> Style {
    match state {
        DeployState::Succeeded => theme.success,
        DeployState::Failed => theme.error,
        DeployState::InProgress | DeployState::Queued | DeployState::Waiting => theme.warning,
        DeployState::Cancelled | DeployState::Unknown => theme.muted,
    }
}

pub fn health_symbol(health: Health) -> &'static str {
    match health {
        Health::Healthy => "●",
        Health::Degraded => "◐",
        Health::Down => "○",
        Health::Unknown => "?",
    }
}

pub fn health_style(health: Health, theme: &Theme) -> Style {
    match health {
        Health::Healthy => theme.success,
        Health::Degraded => theme.warning,
        Health::Down => theme.error,
        Health::Unknown => theme.muted,
    }
}

pub fn kind_name(kind: DeployKind) -> &'static str {
    match kind {
        DeployKind::Deploy => "deploy",
        DeployKind::Promote => "promote",
        DeployKind::Rollback => "rollback",
        DeployKind::Unknown => "?",
    }
}

/// The first 7 characters of a revision, as git shows it.
pub fn short(revision: &str) -> String {
    revision.chars().take(7).collect()
}

/// "1.9.0 (abc1234)": the label alone when it already is the short revision.
pub fn version(d: &Deployment) -> String {
    let (label, rev) = (d.label(), short(&d.revision));
    if label == rev {
        label
    } else {
        format!("{label} ({rev})")
    }
}

/// A running clock: "0:42", "12:05", "1:02:03".
pub fn clock(from: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - from).num_seconds().max(0);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// How long a deployment took: "45s", "3m12s", "1h02m"; before it ends, what holds it:
/// "queued", "waiting" (for a reviewer) or "running".
pub fn took(d: &Deployment) -> String {
    let Some(end) = d.finished_at else {
        return match d.state {
            DeployState::Queued => "queued",
            DeployState::Waiting => "waiting",
            DeployState::InProgress => "running",
            _ => "—",
        }
        .to_string();
    };
    span((end - d.created_at).num_seconds())
}

/// A state as words on screen ("in progress", "waiting for review"); the CLI and JSON keep
/// the wire's `in_progress` and `waiting`.
pub fn state_words(state: DeployState) -> String {
    match state {
        DeployState::Waiting => "waiting for review".to_string(),
        _ => crate::domain::deploy::state_name(state).replace('_', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deploy::DeploymentId;
    use chrono::{Duration, TimeZone};

    fn deployment(secs: Option<i64>, state: DeployState) -> Deployment {
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        Deployment {
            id: DeploymentId("d-1".into()),
            service: "payments".into(),
            environment: "prod".into(),
            revision: "abcdef0123".into(),
            version: None,
            kind: DeployKind::Deploy,
            state,
            from_environment: None,
            rollback_of: None,
            created_at: start,
            finished_at: secs.map(|s| start + Duration::seconds(s)),
            by: None,
            reason: None,
            run_id: None,
            changes: Vec::new(),
        }
    }

    #[test]
    fn durations_and_clocks() {
        assert_eq!(took(&deployment(Some(45), DeployState::Succeeded)), "45s");
        assert_eq!(took(&deployment(Some(192), DeployState::Failed)), "3m12s");
        assert_eq!(
            took(&deployment(Some(3720), DeployState::Succeeded)),
            "1h02m"
        );
        assert_eq!(took(&deployment(None, DeployState::InProgress)), "running");
        assert_eq!(took(&deployment(None, DeployState::Waiting)), "waiting");
        assert_eq!(took(&deployment(None, DeployState::Queued)), "queued");
        assert_eq!(took(&deployment(None, DeployState::Cancelled)), "—");
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let at = |s| clock(start, start + Duration::seconds(s));
        assert_eq!(at(42), "0:42");
        assert_eq!(at(725), "12:05");
        assert_eq!(at(3723), "1:02:03");
        assert_eq!(at(-5), "0:00");
    }

    #[test]
    fn a_version_less_deployment_shows_its_revision_once() {
        let mut d = deployment(None, DeployState::Succeeded);
        assert_eq!(version(&d), "abcdef0");
        d.version = Some("1.9.0".into());
        assert_eq!(version(&d), "1.9.0 (abcdef0)");
    }
}
