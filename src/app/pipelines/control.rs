//! Re-running the failed jobs of a run and cancelling a run: offered only where they apply,
//! asked with a y/N naming the run, refused when read-only, then sent and followed in the
//! status bar until the backend answers.

use super::PipelinesView;
use crate::app::action::Action;
use crate::app::msg::Effect;
use crate::app::state::{Popup, State};
use crate::domain::pipeline::RunAction;
use crate::domain::pipeline::{Run, RunStatus};
use crate::sync::{Request, SyncEvent};

/// The question on screen and what a yes sends.
#[derive(Clone, Debug, PartialEq)]
pub struct RunConfirm {
    pub backend: usize,
    pub run_id: String,
    pub action: RunAction,
    /// "Re-run the 2 failed jobs of run 812 'CI' on main? y/N"
    pub message: String,
}

/// The run the keys act on: the open run, else the one selected in the list.
pub fn target_run(view: &PipelinesView) -> Option<(usize, &Run)> {
    match &view.run {
        Some(open) => open.run.as_ref().map(|r| (open.backend, r)),
        None => view.selected_run().map(|(row, run)| (row.backend, run)),
    }
}

/// Whether `action` applies to `run` now: its backend controls runs, a re-run needs a run that
/// ended failed or cancelled, a cancel one still queued or running, and neither while an
/// action on the run is on its way.
pub fn offered(view: &PipelinesView, backend: usize, run: &Run, action: RunAction) -> bool {
    why_not(view, backend, run, action).is_none()
}

fn why_not(view: &PipelinesView, backend: usize, run: &Run, action: RunAction) -> Option<String> {
    let id = &run.id;
    let Some(b) = view.backends.get(backend) else {
        return Some(format!("run {id} belongs to no configured backend"));
    };
    if !b.controls_runs {
        return Some(format!("{} cannot re-run or cancel runs", b.name));
    }
    if view.acting.contains_key(&(backend, id.clone())) {
        return Some(format!("run {id}: an action is already on its way"));
    }
    match action {
        RunAction::RerunFailed if run.status.is_active() => {
            Some(format!("run {id} is still going: nothing to re-run yet"))
        }
        RunAction::RerunFailed
            if !matches!(run.status, RunStatus::Failed | RunStatus::Cancelled) =>
        {
            Some(format!("run {id} did not fail: nothing to re-run"))
        }
        RunAction::Cancel if !run.status.is_active() => {
            Some(format!("run {id} has ended: nothing to cancel"))
        }
        _ => None,
    }
}

/// Why re-runs and cancels are refused on `backend`: the app or the backend is read-only.
fn read_only(state: &State, backend: usize) -> Option<String> {
    if state.read_only {
        return Some("shipdeck runs read-only (--read-only)".into());
    }
    let b = state.deploy.backends.get(backend).filter(|b| b.read_only)?;
    Some(format!("backend {} is read_only in the config", b.name))
}

/// Whether the key for `action` would ask the question now (for footer hints and help).
pub fn available(state: &State, action: RunAction) -> bool {
    target_run(&state.pipelines).is_some_and(|(backend, run)| {
        offered(&state.pipelines, backend, run, action) && read_only(state, backend).is_none()
    })
}

/// `R` or `X` on the list or a run's tree: the question, or why not.
pub fn ask(state: &mut State, action: RunAction) -> Vec<Effect> {
    let view = &state.pipelines;
    let Some((backend, run)) = target_run(view) else {
        return Vec::new();
    };
    if let Some(why) = why_not(view, backend, run, action) {
        state.pipelines.note = Some(why);
        return Vec::new();
    }
    if let Some(why) = read_only(state, backend) {
        state.pipelines.note = Some(format!("{why}: re-run and cancel are off"));
        return Vec::new();
    }
    let confirm = RunConfirm {
        backend,
        run_id: run.id.clone(),
        action,
        message: question(run, action),
    };
    state.popup = Some(Popup::ConfirmRun(confirm));
    Vec::new()
}

/// "Re-run the 2 failed jobs of run 812 'CI' on main? y/N", "Cancel run 812 'CI' on main? y/N".
fn question(run: &Run, action: RunAction) -> String {
    let on = run
        .branch
        .as_ref()
        .map(|b| format!(" on {b}"))
        .unwrap_or_default();
    let which = format!("run {} '{}'{on}", run.id, run.name);
    match action {
        RunAction::Cancel => format!("Cancel {which}? y/N"),
        RunAction::RerunFailed => {
            // GitHub re-runs cancelled jobs with the failed ones.
            let jobs = run
                .jobs
                .iter()
                .filter(|j| matches!(j.status, RunStatus::Failed | RunStatus::Cancelled))
                .count();
            let what = match jobs {
                0 => "the failed jobs".to_string(),
                1 => "the failed job".to_string(),
                n => format!("the {n} failed jobs"),
            };
            format!("Re-run {what} of {which}? y/N")
        }
    }
}

/// A key while the question is open: yes sends, no or close leaves the run alone.
pub fn on_confirm(state: &mut State, confirm: RunConfirm, action: Action) -> Vec<Effect> {
    let view = &mut state.pipelines;
    match action {
        Action::Confirm => {
            let RunConfirm {
                backend,
                run_id,
                action,
                ..
            } = confirm;
            view.acting.insert((backend, run_id.clone()), action);
            view.note = None;
            view.error = None;
            vec![Effect::Sync(Request::RunAction {
                backend,
                run_id,
                action,
            })]
        }
        Action::Deny | Action::Close => {
            view.note = Some(format!("Run {}: nothing sent", confirm.run_id));
            Vec::new()
        }
        _ => {
            state.popup = Some(Popup::ConfirmRun(confirm));
            Vec::new()
        }
    }
}

/// The backend's answer to a re-run or cancel.
pub fn on_sync(view: &mut PipelinesView, event: SyncEvent) {
    match event {
        SyncEvent::RunActionDone {
            backend,
            run_id,
            action,
        } => {
            view.acting.remove(&(backend, run_id.clone()));
            view.error = None;
            view.note = Some(match action {
                RunAction::RerunFailed => format!("Run {run_id}: the failed jobs run again"),
                RunAction::Cancel => format!("Run {run_id}: cancelling"),
            });
        }
        SyncEvent::RunActionFailed {
            backend,
            run_id,
            action,
            error,
        } => {
            view.acting.remove(&(backend, run_id.clone()));
            let verb = match action {
                RunAction::RerunFailed => "re-run the failed jobs of",
                RunAction::Cancel => "cancel",
            };
            view.error = Some(format!("Could not {verb} run {run_id}: {error}"));
        }
        _ => {}
    }
}
