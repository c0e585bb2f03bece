//! Keys of the pipelines screen: the run list, the run tree, and (delegated) the log viewer.

use super::logview::{self, LogSource, LogViewer};
use super::tree::{first_failed_row, rows};
use super::{OpenRun, PipelinesView};
use crate::app::action::Action;
use crate::app::msg::Effect;
use crate::app::state::{Screen, State};
use crate::domain::pipeline::RunAction;
use crate::sync::Request;

/// The list and tree take the rows under the app's chrome and their own title line.
const LIST_CHROME: u16 = 5;

/// Asks every CI backend for its recent runs, unless a fetch is running.
pub fn refresh(state: &mut State) -> Vec<Effect> {
    let view = &mut state.pipelines;
    if !view.has_ci() || view.is_loading() {
        return Vec::new();
    }
    view.backends
        .iter_mut()
        .filter(|b| b.ci)
        .for_each(|b| b.loading = true);
    vec![Effect::Sync(Request::FetchRuns)]
}

pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    if state.pipelines.viewer.is_some() {
        return logview::on_action(state, action);
    }
    match action {
        Action::RerunFailed => return super::control::ask(state, RunAction::RerunFailed),
        Action::CancelRun => return super::control::ask(state, RunAction::Cancel),
        _ => {}
    }
    let page = usize::from(state.viewport.1.saturating_sub(LIST_CHROME)).max(1);
    if state.pipelines.run.is_some() {
        return on_tree(&mut state.pipelines, action, page);
    }
    let view = &mut state.pipelines;
    let last = view.rows().len().saturating_sub(1);
    match action {
        Action::Open => return open_selected(view),
        Action::Close => {
            view.note = None;
            view.error = None;
        }
        _ => view.selected = moved(view.selected, last, action, page),
    }
    Vec::new()
}

/// The search input of the viewer has the keys.
pub fn on_input(state: &mut State, c: Option<char>) {
    logview::on_input(state, c);
}

/// A row index after a move key, within `0..=last`.
fn moved(row: usize, last: usize, action: Action, page: usize) -> usize {
    match action {
        Action::Up => row.saturating_sub(1),
        Action::Down => (row + 1).min(last),
        Action::PageUp => row.saturating_sub(page),
        Action::PageDown => (row + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => row,
    }
}

fn open_selected(view: &mut PipelinesView) -> Vec<Effect> {
    let Some((row, run)) = view.selected_run() else {
        return Vec::new();
    };
    let mut open = OpenRun::new(row.backend, run.id.clone());
    // The list's copy shows at once; the fresh read replaces it.
    open.selected = first_failed_row(run);
    open.run = Some(run.clone());
    open.in_flight = true;
    let request = Request::FetchRun {
        backend: row.backend,
        run_id: run.id.clone(),
    };
    view.run = Some(open);
    view.poll_due = None;
    vec![Effect::Sync(request)]
}

fn on_tree(view: &mut PipelinesView, action: Action, page: usize) -> Vec<Effect> {
    let Some(open) = view.run.as_mut() else {
        return Vec::new();
    };
    let last = open
        .run
        .as_ref()
        .map_or(0, |r| rows(r).len().saturating_sub(1));
    match action {
        Action::Open => {
            let job = open
                .run
                .as_ref()
                .and_then(|r| rows(r).get(open.selected).map(|row| row.job()));
            if let Some(job) = job {
                return open_viewer(view, job);
            }
        }
        Action::Close => {
            view.run = None;
            view.poll_due = None;
        }
        _ => open.selected = moved(open.selected, last, action, page),
    }
    Vec::new()
}

/// Opens the log viewer on job `job` of the open run and starts its tail from the start.
pub fn open_viewer(view: &mut PipelinesView, job: usize) -> Vec<Effect> {
    let Some(open) = &view.run else {
        return Vec::new();
    };
    let Some((run, job)) = open.run.as_ref().and_then(|r| Some((r, r.jobs.get(job)?))) else {
        return Vec::new();
    };
    let source = LogSource {
        backend: open.backend,
        run_id: run.id.clone(),
        job_id: job.id.clone(),
        run_name: run.name.clone(),
        job_name: job.name.clone(),
        url: run.url.clone(),
    };
    let request = Request::TailLog {
        backend: source.backend,
        run_id: source.run_id.clone(),
        job_id: source.job_id.clone(),
        offset: 0,
    };
    view.viewer = Some(LogViewer::new(source, &view.logs));
    view.poll_due = None;
    vec![Effect::Sync(request)]
}

/// A deployment's `v`: the pipelines screen with the viewer on the run's most telling job,
/// once the run is read.
pub fn open_run_log(state: &mut State, backend: usize, run_id: String) -> Vec<Effect> {
    state.screen = Screen::Pipelines;
    let view = &mut state.pipelines;
    let mut effects = Vec::new();
    if view.viewer.take().is_some() {
        effects.push(Effect::Sync(Request::StopTail));
    }
    let mut open = OpenRun::new(backend, run_id.clone());
    open.log_on_load = true;
    open.in_flight = true;
    view.run = Some(open);
    view.poll_due = None;
    effects.push(Effect::Sync(Request::FetchRun { backend, run_id }));
    if !view.ever_asked() {
        effects.extend(refresh(state));
    }
    effects
}
