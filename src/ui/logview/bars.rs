//! The viewer's lines around the log: the title (run, job, toggles, follow state), the note
//! that old lines were dropped, and the search (being typed, or its count).

use crate::app::Action;
use crate::app::pipelines::logview::LogViewer;
use crate::domain::pipeline::TailState;
use crate::ui::Ctx;
use crate::ui::footer::key_label;
use crate::ui::text::{put, put_right, tail, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// `deploy › rollout · run r-311            wrap  paused · 120 below`
pub fn title(buf: &mut Buffer, area: Rect, viewer: &LogViewer, ctx: &Ctx) {
    let theme = ctx.theme;
    let (label, style) = match &viewer.tail {
        Some(TailState::Failed { .. }) => (viewer.label(), theme.error),
        Some(TailState::Reconnecting { .. } | TailState::Waiting { .. }) => {
            (viewer.label(), theme.warning)
        }
        Some(TailState::Complete) => (viewer.label(), theme.success),
        _ if !viewer.follow => (paused(viewer), theme.warning),
        Some(TailState::Following) => (viewer.label(), theme.success),
        None => (viewer.label(), theme.muted),
    };
    // The state is cut last: at most half the line, the rest for the names.
    let half = area.width / 2;
    let state_area = Rect {
        x: area.right().saturating_sub(half + 1),
        width: half,
        ..area
    };
    let mut right = put_right(buf, state_area, area.y, &label, style);
    let flags: Vec<&str> = [
        (viewer.filter, "filter"),
        (viewer.wrap, "wrap"),
        (viewer.timestamps, "time"),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect();
    let flags = flags.join(" ");
    if !flags.is_empty() && right > area.x + width(&flags) as u16 + 20 {
        let room = Rect {
            width: right.saturating_sub(area.x + 2),
            ..area
        };
        right = put_right(buf, room, area.y, &flags, theme.filter);
    }
    let room = |x: u16| usize::from(right.saturating_sub(x + 2));
    let source = &viewer.source;
    let mut x = area.x + 1;
    x += put(buf, x, area.y, &source.run_name, room(x), theme.title);
    x += put(buf, x, area.y, " › ", room(x), theme.muted);
    x += put(buf, x, area.y, &source.job_name, room(x), theme.title);
    let run = format!(" · run {}", source.run_id);
    put(buf, x, area.y, &run, room(x), theme.muted);
}

/// "paused", with how many lines are below the cursor.
fn paused(viewer: &LogViewer) -> String {
    let last = viewer
        .buffer
        .len()
        .checked_sub(1)
        .and_then(|i| viewer.buffer.get(i));
    match last.map(|l| l.number.saturating_sub(viewer.cursor)) {
        Some(below) if below > 0 => format!("{} · {below} below", viewer.label()),
        _ => viewer.label(),
    }
}

/// `⚠ 1200 older lines dropped · s saves the whole log`
pub fn dropped(buf: &mut Buffer, area: Rect, viewer: &LogViewer, ctx: &Ctx) {
    let key = key_label(ctx.keymap.hint(Action::SaveLog));
    let mut text = format!("⚠ {} older lines dropped", viewer.buffer.dropped());
    if !key.is_empty() {
        text.push_str(&format!(" · {key} saves the whole log"));
    }
    put(
        buf,
        area.x + 1,
        area.y,
        &text,
        usize::from(area.width.saturating_sub(2)),
        ctx.theme.warning,
    );
}

/// `/timeout█` while typed; `/timeout  12/340  only matching lines` once applied.
pub fn search(buf: &mut Buffer, area: Rect, viewer: &LogViewer, ctx: &Ctx) {
    let theme = ctx.theme;
    let room = |x: u16| usize::from(area.right().saturating_sub(x + 1));
    let mut x = area.x + 1;
    x += put(buf, x, area.y, "/", 1, theme.filter);
    if let Some(input) = &viewer.input {
        let shown = tail(input, room(x).saturating_sub(1));
        x += put(buf, x, area.y, shown, room(x), theme.text);
        put(buf, x, area.y, "█", 1, theme.text);
        return;
    }
    let Some(search) = &viewer.search else {
        return;
    };
    x += put(
        buf,
        x,
        area.y,
        &search.needle,
        room(x).saturating_sub(12),
        theme.filter,
    ) + 2;
    let count = match (search.count(), search.position()) {
        (0, _) => "no matches".to_string(),
        (n, Some(at)) => format!("{at}/{n}"),
        (n, None) => format!("–/{n}"),
    };
    x += put(buf, x, area.y, &count, room(x), theme.text) + 2;
    if viewer.filter {
        put(buf, x, area.y, "only matching lines", room(x), theme.muted);
    }
}
