//! Finding lines: the search (applied from its input, stepped with `n`/`N`), filter mode,
//! and the error lines for `e`/`E`.

use super::moves::{jump, settle};
use super::search::SearchState;
use super::{LogViewer, Page};
use crate::logs::{LineKind, next_error, prev_error};
/// Enter in the search input: search every line held, go to the nearest match. An empty
/// search clears the search and the filter.
pub(super) fn apply_search(viewer: &mut LogViewer, page: Page, note: &mut Option<String>) {
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

pub(super) fn step_match(
    viewer: &mut LogViewer,
    page: Page,
    forward: bool,
    note: &mut Option<String>,
) {
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

pub(super) fn toggle_filter(viewer: &mut LogViewer, page: Page, note: &mut Option<String>) {
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

pub(super) fn step_error(
    viewer: &mut LogViewer,
    page: Page,
    forward: bool,
    note: &mut Option<String>,
) {
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
