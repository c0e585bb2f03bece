//! The simple follow view of a deployment's run log.

use super::{LOG_LINES, LogView};
use crate::app::action::Action;
use crate::app::msg::Effect;
use crate::app::state::State;
use crate::domain::text::sanitize;
use crate::sync::Request;
use std::collections::VecDeque;

pub fn open_log(state: &mut State) -> Vec<Effect> {
    let picked = state
        .deploy
        .history
        .as_ref()
        .and_then(|h| h.deployments.get(h.selected).cloned());
    let deployment = picked.or_else(|| {
        let (row, service, env) = state.deploy.selected()?;
        state
            .deploy
            .moving(row.backend, &service.name, &env.name)
            .or(env.current.as_ref())
            .cloned()
    });
    let backend = state.deploy.selected_row().map_or(0, |r| r.backend);
    let Some(run_id) = deployment.and_then(|d| d.run_id) else {
        state.deploy.note = Some("This deployment has no pipeline run to show".into());
        return Vec::new();
    };
    state.deploy.log = Some(LogView {
        backend,
        run_id: run_id.clone(),
        job: None,
        lines: VecDeque::new(),
        partial: String::new(),
        dropped: 0,
        complete: false,
        error: None,
        scroll: 0,
    });
    vec![Effect::Sync(Request::FollowLog { backend, run_id })]
}

pub fn on_log(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(log) = state.deploy.log.as_mut() else {
        return Vec::new();
    };
    let page = crate::ui::cards_per_page(state.viewport.1).max(1) * 2;
    match action {
        Action::Up => log.scroll = (log.scroll + 1).min(log.lines.len()),
        Action::Down => log.scroll = log.scroll.saturating_sub(1),
        Action::PageUp => log.scroll = (log.scroll + page).min(log.lines.len()),
        Action::PageDown => log.scroll = log.scroll.saturating_sub(page),
        Action::Top => log.scroll = log.lines.len(),
        Action::Bottom => log.scroll = 0,
        Action::Close => {
            state.deploy.log = None;
            return vec![Effect::Sync(Request::StopLog)];
        }
        _ => {}
    }
    Vec::new()
}

/// Appends sanitised lines, collapsing `\r` progress to its last state, within the cap.
pub fn append_log(log: &mut LogView, text: &str) {
    let mut pending = std::mem::take(&mut log.partial);
    pending.push_str(text);
    let mut parts: Vec<&str> = pending.split('\n').collect();
    let rest = parts.pop().unwrap_or_default().to_string();
    for line in parts {
        let last = line
            .trim_end_matches('\r')
            .rsplit('\r')
            .next()
            .unwrap_or_default();
        log.lines.push_back(sanitize(last, false));
        if log.lines.len() > LOG_LINES {
            log.lines.pop_front();
            log.dropped += 1;
        }
    }
    log.partial = rest;
}
