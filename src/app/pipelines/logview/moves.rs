//! Moving through the log: pausing, paging, jumping to a line (unfolding its group), and
//! keeping the cursor on a shown entry and in view.

use super::{LogViewer, Page};
use crate::logs::LineKind;
/// Leaves follow mode where the screen is: the cursor on the last entry.
pub(super) fn pause(viewer: &mut LogViewer, page: Page) {
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
pub(super) fn settle(viewer: &mut LogViewer, page: Page) {
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
pub(super) fn scroll(viewer: &mut LogViewer, page: Page, by: i64) {
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
pub(super) fn jump(viewer: &mut LogViewer, page: Page, n: u64) {
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

pub(super) fn toggle_fold(viewer: &mut LogViewer, page: Page) {
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
