//! Sync events of the pipelines screen: runs, one run, log bytes and the tail's state, saves.
//! Events for another run or job than the one on screen are old news and ignored.

use super::tree::{TreeRow, first_failed_row, rows, telling_job};
use super::update::open_viewer;
use super::{OpenRun, PipelinesView};
use crate::app::msg::Effect;
use crate::app::state::State;
use crate::domain::pipeline::Run;
use crate::domain::pipeline::TailState;
use crate::sync::SyncEvent;

/// The events `on_sync` is for.
pub fn handles(event: &SyncEvent) -> bool {
    matches!(
        event,
        SyncEvent::RunsLoaded { .. }
            | SyncEvent::RunsFailed { .. }
            | SyncEvent::RunLoaded { .. }
            | SyncEvent::LogBytes { .. }
            | SyncEvent::TailChanged { .. }
            | SyncEvent::LogSaved { .. }
            | SyncEvent::SaveFailed { .. }
            | SyncEvent::RunActionDone { .. }
            | SyncEvent::RunActionFailed { .. }
    )
}

pub fn on_sync(state: &mut State, event: SyncEvent) -> Vec<Effect> {
    let view = &mut state.pipelines;
    match event {
        SyncEvent::RunsLoaded { backend, runs, at } => {
            let kept = view
                .selected_run()
                .map(|(row, run)| (row.backend, run.id.clone()));
            if let Some(b) = view.backends.get_mut(backend) {
                b.runs = newest_first(runs);
                b.loading = false;
                b.last_synced = Some(at);
                b.last_error = None;
            }
            reselect(view, kept);
        }
        // The engine reports a failed read of one run this way too: while the list is not
        // being read, the failure is the open run's.
        SyncEvent::RunsFailed { backend, error } => match view.backends.get_mut(backend) {
            Some(b) if b.loading => {
                b.loading = false;
                b.last_error = Some(error);
            }
            _ => {
                if let Some(open) = view
                    .run
                    .as_mut()
                    .filter(|o| o.backend == backend && o.in_flight)
                {
                    open.in_flight = false;
                    open.loading = false;
                    open.log_on_load = false;
                    open.error = Some(error);
                }
            }
        },
        SyncEvent::RunLoaded { backend, run } => return run_loaded(view, backend, run),
        SyncEvent::LogBytes {
            run_id,
            job_id,
            bytes,
        } => {
            if let Some(viewer) = view
                .viewer
                .as_mut()
                .filter(|v| v.source.is(&run_id, &job_id))
            {
                viewer.push_bytes(&bytes);
            }
        }
        SyncEvent::TailChanged {
            run_id,
            job_id,
            tail,
        } => {
            if let Some(viewer) = view
                .viewer
                .as_mut()
                .filter(|v| v.source.is(&run_id, &job_id))
            {
                if tail == TailState::Complete {
                    viewer.finish();
                }
                viewer.tail = Some(tail);
            }
        }
        SyncEvent::LogSaved { path, bytes } => {
            view.error = None;
            view.note = Some(format!("Saved to {} ({bytes} bytes)", path.display()));
        }
        SyncEvent::SaveFailed { error } => {
            view.note = None;
            view.error = Some(format!("Could not save the log: {error}"));
        }
        event => super::control::on_sync(view, event),
    }
    Vec::new()
}

fn newest_first(mut runs: Vec<Run>) -> Vec<Run> {
    // Stable: runs the server gave no time keep its order, after the dated ones.
    runs.sort_by_key(|r| std::cmp::Reverse(r.created_at));
    runs
}

/// Keeps the cursor on the same run after a reload; clamps it when that run is gone.
fn reselect(view: &mut PipelinesView, kept: Option<(usize, String)>) {
    let rows = view.rows();
    let found = kept.and_then(|(backend, id)| {
        rows.iter()
            .position(|r| r.backend == backend && view.run_at(*r).is_some_and(|run| run.id == id))
    });
    view.selected = found.unwrap_or(view.selected.min(rows.len().saturating_sub(1)));
}

fn run_loaded(view: &mut PipelinesView, backend: usize, run: Run) -> Vec<Effect> {
    // The list shows the newest state of a run it holds.
    if let Some(listed) = view
        .backends
        .get_mut(backend)
        .and_then(|b| b.runs.iter_mut().find(|r| r.id == run.id))
    {
        *listed = run.clone();
    }
    let Some(open) = view
        .run
        .as_mut()
        .filter(|o| o.backend == backend && o.run_id == run.id)
    else {
        return Vec::new();
    };
    let first_read = open.loading;
    let kept = open.run.as_ref().and_then(|r| selected_row(open, r));
    open.selected = if first_read {
        first_failed_row(&run)
    } else {
        kept.and_then(|row| rows(&run).iter().position(|r| *r == row))
            .unwrap_or(open.selected.min(rows(&run).len().saturating_sub(1)))
    };
    open.loading = false;
    open.in_flight = false;
    open.error = None;
    let log_now = std::mem::take(&mut open.log_on_load);
    let job = telling_job(&run);
    open.run = Some(run);
    view.poll_due = None;
    match job.filter(|_| log_now) {
        Some(job) => open_viewer(view, job),
        None => Vec::new(),
    }
}

fn selected_row(open: &OpenRun, run: &Run) -> Option<TreeRow> {
    rows(run).get(open.selected).copied()
}
