//! Asserts without snapshots on the sprint screen and standup mode: every size draws a sound
//! frame, moves in the sprint's offset, and a failed refresh keeps the page.

use crate::data::{ACTIVE, at, now};
use crate::frame;
use crate::{apply, base, draw, screen, sprint_screen, standup};
use shipdeck::app::{Action, Msg};
use shipdeck::sync::SyncEvent;
use shipdeck::ui::Theme;

#[test]
fn every_size_draws_a_sound_frame() {
    let mut team = standup();
    for _ in 0..5 {
        apply(&mut team, Msg::Action(Action::NextPerson), now());
    }
    let mut burnup = sprint_screen();
    apply(&mut burnup, Msg::Action(Action::ToggleBurnup), now());
    let states = [sprint_screen(), burnup, standup(), team, base()];
    let names = ["sprint", "burnup", "standup", "team page", "no sprint"];
    let theme = Theme::load("dark", false).unwrap();
    for (name, state) in names.iter().zip(&states) {
        let odd = [(1, 1), (12, 40), (300, 5)];
        for size in frame::sizes().chain(odd) {
            frame::check(name, state, &theme, now(), size, &[]);
        }
    }
}

#[test]
fn moves_are_shown_in_the_sprints_offset() {
    let text = screen(&draw(&standup(), 120, 40));
    // Ana moved PAY-110 to Done at 17:30 on Wed 11 Mar, +10:00.
    let done = at(11, 17, 30).format("%a %H:%M").to_string();
    assert!(text.contains(&done), "{done}: {text}");
}

#[test]
fn a_failed_refresh_in_standup_says_the_data_is_old_and_keeps_the_page() {
    let mut state = standup();
    apply(&mut state, Msg::Action(Action::Refresh), now());
    assert!(screen(&draw(&state, 80, 24)).contains("⟳"));
    let failed = SyncEvent::SprintFailed {
        sprint: Some(ACTIVE),
        error: "Jira did not answer in 10 s (network)".into(),
    };
    apply(&mut state, Msg::Sync(failed), now());
    let failed = SyncEvent::SprintFailed {
        sprint: None,
        error: "Jira did not answer in 10 s (network)".into(),
    };
    apply(&mut state, Msg::Sync(failed), now());
    let text = screen(&draw(&state, 80, 24));
    // Read 32 s before `now`, at 09:29 in the sprint's offset.
    assert!(text.contains("⚠ not refreshed since 09:29"), "{text}");
    assert!(text.contains("PAY-110"), "{text}");
}
