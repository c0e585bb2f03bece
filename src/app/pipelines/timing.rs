//! The only timers of the screen: a 1 s clock while a live duration is on screen, and a poll
//! of an open run while it is active (every 2 s, or 5 s where every request counts against a
//! budget). Under the log viewer only a log that waits for its job to end polls the run, so
//! its steps stay live; following a log wakes nothing.

use super::PipelinesView;
use crate::app::msg::Effect;
use crate::app::state::{Screen, State};
use crate::domain::pipeline::RunStatus;
use crate::domain::pipeline::TailState;
use crate::sync::Request;
use chrono::{DateTime, Duration, Utc};

const CLOCK: Duration = Duration::seconds(1);
const POLL: Duration = Duration::seconds(2);
/// GitHub's budget is 5,000 requests an hour: one run polled every 5 s spends 720 of them.
const COUNTED_POLL: Duration = Duration::seconds(5);

/// Sets or clears the deadlines after anything changed.
pub fn schedule(state: &mut State, now: DateTime<Utc>) {
    let on_screen = state.screen == Screen::Pipelines;
    let view = &mut state.pipelines;
    let viewer = view.viewer.as_ref();
    let waiting_log = viewer.is_some_and(|v| matches!(v.tail, Some(TailState::Waiting { .. })));
    if on_screen && viewer.is_none() && live(view) {
        if view.clock_due.is_none_or(|due| due <= now) {
            view.clock_due = Some(now + CLOCK);
        }
    } else {
        view.clock_due = None;
    }
    let polls = on_screen
        && (viewer.is_none() || waiting_log)
        && view.run.as_ref().is_some_and(|open| {
            !open.in_flight && open.run.as_ref().is_some_and(|r| r.status.is_active())
        });
    if !polls {
        view.poll_due = None;
    } else if view.poll_due.is_none() {
        let counted = view
            .run
            .as_ref()
            .and_then(|open| view.backends.get(open.backend))
            .is_some_and(|b| b.counted);
        view.poll_due = Some(now + if counted { COUNTED_POLL } else { POLL });
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
