//! Keys of the log viewer: scrolling (up pauses, `G` follows again), search and filter,
//! errors, folds, toggles, save and open; and the search input while it is typed.

use super::search::SearchState;
use super::{LogViewer, Page};
use crate::app::action::Action;
use crate::app::msg::Effect;
use crate::app::state::State;
use crate::logs::{LineKind, next_error, prev_error};
use crate::sync::Request;

pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(viewer) = state.pipelines.viewer.as_ref() else {
        return Vec::new();
    };
    let page = Page::of(state, viewer);
    let (size, banner) = (state.viewport, state.banner.is_some());
    let view = &mut state.pipelines;
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

/// Leaves follow mode where the screen is: the cursor on the last entry.
fn pause(viewer: &mut LogViewer, page: Page) {
    if !viewer.follow {
        return;
    }
    let window = viewer.window(page);
    viewer.follow = false;
    let entries = viewer.entries();
    let last = entries.last();
    viewer.top = window.top.or(last).unwrap_or(0);
    viewer.cursor = last.unwrap_or(viewer.top);
}

/// Keeps the cursor on a shown entry and in view.
fn settle(viewer: &mut LogViewer, page: Page) {
    if viewer.follow {
        return;
    }
    if let Some(cursor) = viewer.entries().canonical(viewer.cursor) {
        viewer.cursor = cursor;
    }
    if let Some(top) = viewer.window(page).top {
        viewer.top = top;
    }
}

/// Moves the cursor by `by` entries (negative: up), the view with it when paging.
fn scroll(viewer: &mut LogViewer, page: Page, by: i64) {
    if by > 0 && viewer.follow {
        return;
    }
    pause(viewer, page);
    let entries = viewer.entries();
    let Some(mut cursor) = entries.canonical(viewer.cursor) else {
        return;
    };
    let mut top = entries.canonical(viewer.top).unwrap_or(cursor);
    let paging = by.unsigned_abs() > 1;
    for _ in 0..by.unsigned_abs() {
        let step = |e: u64| {
            if by < 0 {
                entries.prev(e)
            } else {
                entries.next(e)
            }
        };
        let Some(next) = step(cursor) else { break };
        cursor = next;
        if paging {
            top = step(top).unwrap_or(top);
        }
    }
    (viewer.cursor, viewer.top) = (cursor, top);
    settle(viewer, page);
}

/// Puts the cursor on line `n`, unfolding its group, a third of a page from the top.
fn jump(viewer: &mut LogViewer, page: Page, n: u64) {
    pause(viewer, page);
    if !viewer.filter {
        viewer.groups.reveal(n);
    }
    let entries = viewer.entries();
    let Some(cursor) = entries.canonical(n) else {
        return;
    };
    let mut top = cursor;
    for _ in 0..page.rows / 3 {
        match entries.prev(top) {
            Some(prev) => top = prev,
            None => break,
        }
    }
    (viewer.cursor, viewer.top) = (cursor, top);
    settle(viewer, page);
}

fn toggle_fold(viewer: &mut LogViewer, page: Page) {
    pause(viewer, page);
    let entries = viewer.entries();
    let Some(cursor) = entries.canonical(viewer.cursor) else {
        return;
    };
    let is_group = entries
        .line(cursor)
        .is_some_and(|l| matches!(l.kind, LineKind::GroupStart { .. }));
    if is_group && !viewer.filter {
        viewer.groups.toggle(cursor);
        viewer.cursor = cursor;
        settle(viewer, page);
    }
}

/// Enter in the search input: search every line held, go to the nearest match. An empty
/// search clears the search and the filter.
fn apply_search(viewer: &mut LogViewer, page: Page, note: &mut Option<String>) {
    let needle = viewer.input.take().unwrap_or_default();
    if needle.is_empty() {
        viewer.search = None;
        viewer.filter = false;
        settle(viewer, page);
        return;
    }
    viewer.recall.clone_from(&needle);
    let mut search = SearchState::new(&viewer.buffer, &needle);
    let start = if viewer.follow {
        search.matches.back().copied()
    } else {
        search
            .at_or_after(viewer.cursor)
            .or_else(|| search.matches.front().copied())
    };
    search.current = start;
    viewer.search = Some(search);
    match start {
        Some(n) => jump(viewer, page, n),
        None => {
            *note = Some(format!("No line matches “{needle}”"));
            settle(viewer, page);
        }
    }
}

fn step_match(viewer: &mut LogViewer, page: Page, forward: bool, note: &mut Option<String>) {
    let Some(search) = viewer.search.as_mut() else {
        *note = Some("Nothing searched yet: / to search".into());
        return;
    };
    let from = search.current.unwrap_or(viewer.cursor);
    let next = if forward {
        search.after(from)
    } else {
        search.before(from)
    };
    let Some(next) = next else {
        *note = Some(format!("No line matches “{}”", search.needle));
        return;
    };
    search.current = Some(next);
    jump(viewer, page, next);
}

fn toggle_filter(viewer: &mut LogViewer, page: Page, note: &mut Option<String>) {
    if viewer.search.is_none() {
        *note = Some("Filter shows lines matching a search: / to search first".into());
        return;
    }
    viewer.filter = !viewer.filter;
    if !viewer.follow {
        let cursor = viewer.cursor;
        jump(viewer, page, cursor);
    }
}

fn step_error(viewer: &mut LogViewer, page: Page, forward: bool, note: &mut Option<String>) {
    let buffer = &viewer.buffer;
    let Some(first) = buffer.get(0).map(|l| l.number) else {
        return;
    };
    let index = |n: u64| usize::try_from(n.saturating_sub(first)).unwrap_or(usize::MAX);
    let at = |i: usize| buffer.get(i).map(|l| l.number);
    let is_error = |i: usize| {
        buffer
            .get(i)
            .is_some_and(|l| matches!(l.kind, LineKind::Error))
    };
    let from = (!viewer.follow).then(|| index(viewer.cursor));
    let found = match (forward, from) {
        (true, Some(i)) => next_error(buffer, i).and_then(at),
        (false, Some(i)) => prev_error(buffer, i).and_then(at),
        // Following: `e` starts at the top, `E` at the end.
        (true, None) if is_error(0) => at(0),
        (true, None) => next_error(buffer, 0).and_then(at),
        (false, None) if is_error(buffer.len().saturating_sub(1)) => {
            at(buffer.len().saturating_sub(1))
        }
        (false, None) => prev_error(buffer, buffer.len().saturating_sub(1)).and_then(at),
    };
    match found {
        Some(n) => jump(viewer, page, n),
        None if forward => *note = Some("No error line below".into()),
        None => *note = Some("No error line above".into()),
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
