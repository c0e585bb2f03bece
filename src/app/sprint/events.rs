//! Sync events of the sprint screens: the list of sprints, one sprint's data, failures.

use super::{Loaded, in_time_order, standup};
use crate::app::msg::Effect;
use crate::app::state::{Screen, State};
use crate::domain::SprintState;
use crate::domain::sprint::{SprintData, report, standup_pages};
use crate::sync::{Request, SyncEvent};
use chrono::{DateTime, Utc};

pub fn on_sync(state: &mut State, event: SyncEvent, now: DateTime<Utc>) -> Vec<Effect> {
    match event {
        SyncEvent::SprintsLoaded { sprints } => return listed(state, sprints, now),
        SyncEvent::SprintLoaded { data } => loaded(state, *data, now),
        SyncEvent::SprintFailed { sprint, error } => {
            let view = &mut state.sprint;
            match sprint {
                None => view.list_loading = false,
                Some(id) if view.loading == Some(id) => view.loading = None,
                // A sprint no longer asked for: its failure is not news.
                Some(_) => return Vec::new(),
            }
            view.error = Some(error);
        }
        _ => {}
    }
    Vec::new()
}

/// The list arrived: keep the shown sprint if it is still there, else show the active one
/// (or the newest closed, or the first future), and read it if it never was.
fn listed(
    state: &mut State,
    sprints: Vec<crate::domain::Sprint>,
    now: DateTime<Utc>,
) -> Vec<Effect> {
    let standing = state.screen == Screen::Standup;
    let view = &mut state.sprint;
    view.sprints = in_time_order(sprints);
    view.listed = true;
    view.list_loading = false;
    let kept = view.shown.filter(|id| view.sprint(*id).is_some());
    view.shown = kept
        .or_else(|| view.active().map(|s| s.id))
        .or_else(|| {
            let mut newest_first = view.sprints.iter().rev();
            newest_first
                .find(|s| s.state == SprintState::Closed)
                .map(|s| s.id)
        })
        .or_else(|| view.sprints.first().map(|s| s.id));
    // The standup is about the active sprint, whatever the sprint screen showed last.
    if standing && let Some(active) = view.active().map(|s| s.id) {
        view.shown = Some(active);
    }
    let mut effects = Vec::new();
    if let Some(id) = view.shown
        && view.loading.is_none()
        && !view.loaded.contains_key(&id)
    {
        view.loading = Some(id);
        effects.push(Effect::Sync(Request::FetchSprint { id }));
    }
    standup::sync_people(state, now);
    effects
}

/// One sprint's data: its figures and standup pages are computed here, once per read, so
/// drawing stays cheap.
fn loaded(state: &mut State, data: SprintData, now: DateTime<Utc>) {
    let view = &mut state.sprint;
    let id = data.sprint.id;
    let report = report(&data, data.today(now), &view.rules);
    let pages = standup_pages(&data, now, &view.rules);
    if let Some(listed) = view.sprints.iter_mut().find(|s| s.id == id) {
        *listed = data.sprint.clone();
    }
    view.loaded.insert(
        id,
        Loaded {
            data,
            report,
            pages,
            at: now,
        },
    );
    if view.loading == Some(id) {
        view.loading = None;
    }
    if view.shown == Some(id) {
        view.error = None;
    }
    standup::sync_people(state, now);
}
