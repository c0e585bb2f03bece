//! The log of a deployment's run, followed live: the newest lines at the bottom unless the
//! user scrolled up, long lines cut to the pane.

use crate::app::deploy::LogView;
use crate::domain::text::sanitize;
use crate::ui::Ctx;
use crate::ui::text::put;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use std::borrow::Cow;

pub fn draw(buf: &mut Buffer, area: Rect, log: &LogView, ctx: &Ctx) {
    let theme = ctx.theme;
    Clear.render(area, buf);
    let mut title = format!(" log · {}", log.run_id);
    if let Some(job) = &log.job {
        title.push_str(&format!(" · {job}"));
    }
    title.push(' ');
    let block = Block::bordered()
        .border_style(theme.border_focus)
        .title(Span::styled(title, theme.title))
        .title_top(progress(log, ctx).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    let mut inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let max = usize::from(inner.width);
    if log.dropped > 0 && inner.height > 0 {
        let dropped = format!("{} older lines dropped", log.dropped);
        put(buf, inner.x, inner.y, &dropped, max, theme.muted);
        inner.y += 1;
        inner.height -= 1;
    }
    if let Some(error) = log.error.as_ref().filter(|_| inner.height > 0) {
        inner.height -= 1;
        put(
            buf,
            inner.x,
            inner.bottom(),
            &format!("⚠ {error}"),
            max,
            theme.error,
        );
    }
    let lines = visible(log);
    if lines.is_empty() && !log.complete && inner.height > 0 {
        put(
            buf,
            inner.x,
            inner.y,
            "waiting for output…",
            max,
            theme.muted,
        );
        return;
    }
    let rows = usize::from(inner.height);
    // `scroll` counts from the bottom; the window never goes above the first line.
    let end = lines
        .len()
        .saturating_sub(log.scroll)
        .max(rows.min(lines.len()));
    let start = end.saturating_sub(rows);
    for (line, y) in lines[start..end].iter().zip(inner.y..) {
        put(buf, inner.x, y, line, max, theme.text);
    }
}

/// The stored lines and, while following, the line still being written (its latest `\r`
/// state, made safe like the rest).
fn visible(log: &LogView) -> Vec<Cow<'_, str>> {
    let mut lines: Vec<Cow<str>> = log
        .lines
        .iter()
        .map(|l| Cow::Borrowed(l.as_str()))
        .collect();
    let partial = log.partial.trim_end_matches('\r');
    let partial = partial.rsplit('\r').next().unwrap_or_default();
    if !partial.is_empty() && log.scroll == 0 {
        lines.push(Cow::Owned(sanitize(partial, false)));
    }
    lines
}

/// "following", "complete" or "⚠ error"; how far up the user is when scrolled.
fn progress<'a>(log: &LogView, ctx: &Ctx) -> Line<'a> {
    let theme = ctx.theme;
    let (text, style) = if log.error.is_some() {
        ("⚠ error".to_string(), theme.error)
    } else if log.complete {
        ("complete".to_string(), theme.success)
    } else if log.scroll > 0 {
        (
            format!("paused · {} newer below", log.scroll),
            theme.warning,
        )
    } else {
        ("following".to_string(), theme.pending)
    };
    Line::from(Span::styled(format!(" {text} "), style))
}
