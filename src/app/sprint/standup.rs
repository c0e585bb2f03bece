//! Standup mode: one page per person of the active sprint, each on a countdown, then the team
//! page. Read-only: the only keys are next, back and pause.

use super::countdown::Countdown;
use super::{Loaded, order};
use crate::app::action::Action;
use crate::app::msg::Effect;
use crate::app::state::{Screen, State};
use crate::config::{StandupConfig, StandupOrder};
use crate::domain::Person;
use chrono::{DateTime, TimeDelta, Utc};

#[derive(Clone, Debug, PartialEq)]
pub struct Standup {
    /// The sprint was read and the order decided.
    pub ready: bool,
    /// Who speaks, in order.
    pub order: Vec<Person>,
    /// Index into `order`; `order.len()` is the closing team page.
    pub page: usize,
    /// Each person's time.
    pub length: TimeDelta,
    /// The current person's time; None before the sprint is read and on the team page.
    pub countdown: Option<Countdown>,
    /// When the countdown on screen next changes: the loop's 1 s tick, only while it runs.
    pub tick_due: Option<DateTime<Utc>>,
    /// Where Esc goes back to.
    pub back_to: Screen,
}

impl Standup {
    pub fn person(&self) -> Option<&Person> {
        self.order.get(self.page)
    }

    pub fn on_team_page(&self) -> bool {
        self.ready && self.page >= self.order.len()
    }
}

/// Opens standup mode, resuming one in progress; a finished one starts again.
pub fn open(state: &mut State, now: DateTime<Utc>) -> Vec<Effect> {
    let effects = begin(state);
    sync_people(state, now);
    effects
}

/// Standup mode before any clock: what `init` uses when the app starts in it. The countdown
/// starts when the sprint has been read.
pub fn begin(state: &mut State) -> Vec<Effect> {
    let back_to = match state.screen {
        Screen::Standup => Screen::Sprint,
        other => other,
    };
    state.screen = Screen::Standup;
    let finished = state
        .sprint
        .standup
        .as_ref()
        .is_some_and(|s| s.on_team_page());
    if finished || state.sprint.standup.is_none() {
        let seconds = state.sprint.settings.seconds_per_person.clamp(1, 86_400);
        state.sprint.standup = Some(Standup {
            ready: false,
            order: Vec::new(),
            page: 0,
            length: TimeDelta::seconds(i64::try_from(seconds).unwrap_or(90)),
            countdown: None,
            tick_due: None,
            back_to,
        });
    }
    if let Some(id) = state.sprint.active().map(|s| s.id) {
        state.sprint.shown = Some(id);
    }
    let mut effects = super::update::fetch(state);
    // Failed runs show on people's pages: read them once if no screen has yet.
    if !state.pipelines.ever_asked() {
        effects.extend(crate::app::pipelines::refresh(state));
    }
    effects
}

/// Keys of standup mode.
pub fn on_action(state: &mut State, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
    let Some(standup) = state.sprint.standup.as_mut() else {
        return Vec::new();
    };
    match action {
        Action::NextPerson => go(standup, 1, now),
        Action::PrevPerson => go(standup, -1, now),
        Action::PauseStandup => {
            if let Some(countdown) = standup.countdown.as_mut() {
                countdown.toggle_pause(now);
            }
        }
        Action::Close => {
            state.screen = standup.back_to;
            return Vec::new();
        }
        _ => {}
    }
    reschedule(standup, now);
    Vec::new()
}

/// The 1 s tick: time up moves to the next person. The next page starts now, not when the
/// last one should have ended, so a laptop waking from sleep does not skip people.
pub fn on_tick(state: &mut State, now: DateTime<Utc>) {
    let Some(standup) = state.sprint.standup.as_mut() else {
        return;
    };
    if standup.tick_due.is_none_or(|due| due > now) {
        return;
    }
    if standup.countdown.as_ref().is_some_and(|c| c.is_over(now)) {
        go(standup, 1, now);
    }
    state.dirty = true;
    reschedule(standup, now);
}

/// Takes in the people of a fresh read of the active sprint: the first read decides the
/// order and starts the clock; later reads add newcomers before the team page and keep the
/// person on screen.
pub fn sync_people(state: &mut State, now: DateTime<Utc>) {
    let view = &mut state.sprint;
    let Some(loaded) = view.active().and_then(|s| view.loaded.get(&s.id)) else {
        return;
    };
    let Some(standup) = view.standup.as_mut() else {
        return;
    };
    let people = speaking_order(loaded, &view.settings, now);
    if !standup.ready {
        standup.ready = true;
        standup.order = people;
        standup.countdown =
            (!standup.order.is_empty()).then(|| Countdown::start(standup.length, now));
    } else {
        let team_page = standup.on_team_page();
        for person in people {
            if !standup.order.iter().any(|p| p.id == person.id) {
                standup.order.push(person);
            }
        }
        if team_page {
            standup.page = standup.order.len();
        }
    }
    reschedule(standup, now);
}

fn speaking_order(loaded: &Loaded, settings: &StandupConfig, now: DateTime<Utc>) -> Vec<Person> {
    let people: Vec<Person> = loaded.pages.iter().map(|p| p.person.clone()).collect();
    match settings.order {
        StandupOrder::Config => order::configured(&people, &settings.people),
        StandupOrder::Random => order::shuffled(&people, &settings.people, loaded.data.today(now)),
    }
}

/// Moves `by` pages (clamped to the people and the team page) with a fresh countdown.
fn go(standup: &mut Standup, by: isize, now: DateTime<Utc>) {
    let last = standup.order.len();
    let page = standup.page.saturating_add_signed(by).min(last);
    if page == standup.page || !standup.ready {
        return;
    }
    standup.page = page;
    if page == last {
        standup.countdown = None;
        return;
    }
    match standup.countdown.as_mut() {
        Some(countdown) => countdown.restart(now),
        None => standup.countdown = Some(Countdown::start(standup.length, now)),
    }
}

fn reschedule(standup: &mut Standup, now: DateTime<Utc>) {
    standup.tick_due = standup.countdown.as_ref().and_then(|c| c.next_change(now));
}
