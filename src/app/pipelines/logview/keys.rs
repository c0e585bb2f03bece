//! Keys of the log viewer: scrolling (up pauses, `G` follows again), search and filter,
//! errors, folds, toggles, save and open; and the search input while it is typed.

use super::Page;
use super::find::{apply_search, step_error, step_match, toggle_filter};
use super::moves::{scroll, settle, toggle_fold};
use crate::app::action::Action;
use crate::app::msg::Effect;
use crate::app::state::State;
use crate::sync::Request;

pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(viewer) = state.pipelines.viewer.as_ref() else {
        return Vec::new();
    };
    let page = Page::of(state, viewer);
    let (size, banner) = (state.viewport, state.banner.is_some());
    let view = &mut state.pipelines;
    // The status bar says what the last key did; an older message would mislead.
    (view.note, view.error) = (None, None);
    let Some(viewer) = view.viewer.as_mut() else {
        return Vec::new();
    };
    if viewer.input.is_some() {
        match action {
            Action::Open | Action::Confirm => apply_search(viewer, page, &mut view.note),
            Action::Close => viewer.input = None,
            _ => {}
        }
        return Vec::new();
    }
    match action {
        Action::Up => scroll(viewer, page, -1),
        Action::Down => scroll(viewer, page, 1),
        Action::PageUp => scroll(viewer, page, -(page.rows as i64 - 1).max(1)),
        Action::PageDown => scroll(viewer, page, (page.rows as i64 - 1).max(1)),
        Action::Top => {
            viewer.follow = false;
            let first = viewer.entries().first().unwrap_or(0);
            (viewer.top, viewer.cursor) = (first, first);
        }
        Action::Bottom => viewer.follow = true,
        Action::Open => toggle_fold(viewer, page),
        Action::Filter => viewer.input = Some(viewer.recall.clone()),
        Action::SearchNext | Action::SearchPrev => {
            step_match(viewer, page, action == Action::SearchNext, &mut view.note)
        }
        Action::ToggleFilterMode => toggle_filter(viewer, page, &mut view.note),
        Action::NextError | Action::PrevError => {
            step_error(viewer, page, action == Action::NextError, &mut view.note)
        }
        Action::ToggleWrap => {
            viewer.wrap = !viewer.wrap;
            settle(viewer, Page::at(size, banner, viewer));
        }
        Action::ToggleTimestamps => {
            viewer.timestamps = !viewer.timestamps;
            settle(viewer, Page::at(size, banner, viewer));
        }
        Action::SaveLog => return save(state),
        Action::OpenUrl => match viewer.source.url.clone() {
            Some(url) => return vec![Effect::OpenUrl(url)],
            None => view.note = Some("This run has no web page to open".into()),
        },
        Action::Close => {
            view.viewer = None;
            return vec![Effect::Sync(Request::StopTail)];
        }
        _ => {}
    }
    Vec::new()
}

/// A character typed into the search (None: backspace).
pub fn on_input(state: &mut State, c: Option<char>) {
    let input = state
        .pipelines
        .viewer
        .as_mut()
        .and_then(|v| v.input.as_mut());
    if let Some(input) = input {
        match c {
            Some(c) => input.push(c),
            None => {
                input.pop();
            }
        }
    }
}

/// `s`: the whole log, re-read from the server, into the state directory.
fn save(state: &mut State) -> Vec<Effect> {
    let view = &mut state.pipelines;
    let Some(viewer) = &view.viewer else {
        return Vec::new();
    };
    let Some(dir) = &view.save_dir else {
        view.error = Some("No state directory to save logs in (set XDG_STATE_HOME)".into());
        return Vec::new();
    };
    let source = &viewer.source;
    let name = format!(
        "{}-{}.log",
        file_safe(&source.run_id),
        file_safe(&source.job_id)
    );
    let path = dir.join(name);
    view.note = Some(format!("Saving the whole log to {}…", path.display()));
    vec![Effect::Sync(Request::SaveLog {
        backend: source.backend,
        run_id: source.run_id.clone(),
        job_id: source.job_id.clone(),
        path,
    })]
}

/// Ids come from the server: anything but letters, digits, `_` and `-` becomes `_`, so an id
/// can never climb out of the directory.
fn file_safe(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() { "_".into() } else { safe }
}
