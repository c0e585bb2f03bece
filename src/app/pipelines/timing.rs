//! The only timers of the screen: a 1 s clock while a live duration is on screen, and a 2 s
//! poll of an open run while it is active. Neither runs under the log viewer, so following a
//! quiet log wakes nothing.

use super::PipelinesView;
use crate::app::msg::Effect;
use crate::app::state::{Screen, State};
use crate::domain::pipeline::RunStatus;
use crate::sync::Request;
use chrono::{DateTime, Duration, Utc};

const CLOCK: Duration = Duration::seconds(1);
const POLL: Duration = Duration::seconds(2);

/// Sets or clears the deadlines after anything changed.
pub fn schedule(state: &mut State, now: DateTime<Utc>) {
    let on_screen = state.screen == Screen::Pipelines && state.pipelines.viewer.is_none();
    let view = &mut state.pipelines;
    if on_screen && live(view) {
        if view.clock_due.is_none_or(|due| due <= now) {
            view.clock_due = Some(now + CLOCK);
        }
    } else {
        view.clock_due = None;
    }
    let polls = on_screen
        && view.run.as_ref().is_some_and(|open| {
            !open.in_flight && open.run.as_ref().is_some_and(|r| r.status.is_active())
        });
    if !polls {
        view.poll_due = None;
    } else if view.poll_due.is_none() {
        view.poll_due = Some(now + POLL);
    }
}

/// A running run's duration is on screen: the open run's tree, or the list.
fn live(view: &PipelinesView) -> bool {
    let running = |status: RunStatus| status == RunStatus::Running;
    match &view.run {
        Some(open) => open.run.as_ref().is_some_and(|r| running(r.status)),
        None => view
            .backends
            .iter()
            .flat_map(|b| &b.runs)
            .any(|r| running(r.status)),
    }
}

/// A deadline passed: redraw the clocks, or read the open run again.
pub fn on_tick(state: &mut State, now: DateTime<Utc>) -> Vec<Effect> {
    let view = &mut state.pipelines;
    if view.clock_due.is_some_and(|due| due <= now) {
        view.clock_due = None;
        state.dirty = true;
    }
    let view = &mut state.pipelines;
    if view.poll_due.is_none_or(|due| due > now) {
        return Vec::new();
    }
    view.poll_due = None;
    let Some(open) = view.run.as_mut() else {
        return Vec::new();
    };
    open.in_flight = true;
    vec![Effect::Sync(Request::FetchRun {
        backend: open.backend,
        run_id: open.run_id.clone(),
    })]
}
