//! The banner (demo notice) and the header: board, sprint, days left, active filters.

use super::Ctx;
use super::text::{fit, put, put_right, width};
use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

pub fn draw_banner(buf: &mut Buffer, area: Rect, banner: &str, ctx: &Ctx) {
    buf.set_style(area, ctx.theme.banner);
    put(
        buf,
        area.x + 1,
        area.y,
        banner,
        usize::from(area.width.saturating_sub(2)),
        ctx.theme.banner,
    );
}

/// `PAY board · Sprint 14 · 3d left          filter: login · only mine · lanes`
pub fn draw(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let (state, theme) = (ctx.state, ctx.theme);
    let filters = filters(ctx);
    let filters_w = usize::from(area.width / 2).min(width(&filters));
    let right_x = if filters.is_empty() {
        area.right()
    } else {
        put_right(buf, area, area.y, &fit(&filters, filters_w), theme.filter)
    };

    let mut parts: Vec<(String, Style)> = Vec::new();
    match &state.board {
        None => parts.push(("shipdeck".into(), theme.title)),
        Some(board) => {
            parts.push((board.name.clone(), theme.title));
            if let Some(sprint) = &board.sprint {
                parts.push((sprint.name.clone(), theme.text));
                if let Some(end) = sprint.end {
                    parts.push((days_left(end, ctx.now), theme.muted));
                }
            }
        }
    }
    let mut x = area.x + 1;
    let room = |x: u16| usize::from(right_x.saturating_sub(x + 1));
    x += put(buf, x, area.y, &parts[0].0, room(x), parts[0].1);
    // The board name may be cut; the sprint and its days left show whole or not at all.
    for (text, style) in &parts[1..] {
        if width(text) + 3 > room(x) {
            break;
        }
        x += put(buf, x, area.y, " · ", room(x), theme.muted);
        x += put(buf, x, area.y, text, room(x), *style);
    }
}

fn filters(ctx: &Ctx) -> String {
    let state = ctx.state;
    let mut active = Vec::new();
    if !state.filter.is_empty() {
        active.push(format!("filter: {}", state.filter));
    }
    if state.only_mine {
        active.push("only mine".to_string());
    }
    if state.swimlanes {
        active.push("lanes".to_string());
    }
    active.join(" · ")
}

fn days_left(end: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match (end - now).num_seconds() {
        ..=0 => "ended".to_string(),
        1..86_400 => "ends today".to_string(),
        secs => format!("{}d left", secs / 86_400),
    }
}
