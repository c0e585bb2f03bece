//! The sprint screen's status bar (reading, the last error with how old the data on screen
//! is, or when it was read) and its footer hints.

use crate::app::Action;
use crate::ui::Ctx;
use crate::ui::footer::{Hint, key_label};
use crate::ui::text::{age, put, width};
use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn draw(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let (view, theme) = (&ctx.state.sprint, ctx.theme);
    let bar = theme.status_bar;
    buf.set_style(area, bar);
    let end = area.right().saturating_sub(1);
    let room = |x: u16| usize::from(end.saturating_sub(x));
    let mut x = area.x + 1;
    if view.is_loading() {
        x += put(
            buf,
            x,
            area.y,
            "⟳ reading…",
            room(x),
            bar.patch(theme.pending),
        ) + 2;
    }
    let read_at = view.shown_loaded().map(|l| l.at);
    // With nothing read yet the error fills the screen; saying it twice adds nothing.
    if let Some(error) = view.error.as_ref().filter(|_| read_at.is_some()) {
        // The error is cut, never how old the figures on screen are.
        let stale = read_at
            .map(|at| format!(" · showing data from {}", ago(at, ctx.now)))
            .unwrap_or_default();
        let error_room = room(x).saturating_sub(width(&stale));
        x += put(
            buf,
            x,
            area.y,
            &format!("⚠ {error}"),
            error_room,
            bar.patch(theme.error),
        );
        put(buf, x, area.y, &stale, room(x), bar.patch(theme.warning));
        return;
    }
    if let Some(at) = read_at.filter(|_| !view.is_loading()) {
        let text = format!("read {}", ago(at, ctx.now));
        put(buf, x, area.y, &text, room(x), bar.patch(theme.muted));
    }
}

fn ago(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match age(at, now).as_str() {
        "now" => "just now".to_string(),
        age => format!("{age} ago"),
    }
}

pub fn hints(ctx: &Ctx) -> Vec<Hint> {
    let view = &ctx.state.sprint;
    let key = |action: Action, label: &str, drop_rank: u8| Hint {
        keys: key_label(ctx.keymap.hint(action)).into_owned(),
        label: label.to_string(),
        drop_rank,
        note: false,
    };
    let mut hints = Vec::new();
    if view.sprints.len() > 1 {
        let (prev, next) = (
            key_label(ctx.keymap.hint(Action::PrevSprint)).into_owned(),
            key_label(ctx.keymap.hint(Action::NextSprint)).into_owned(),
        );
        let keys = [prev, next]
            .into_iter()
            .filter(|k| !k.is_empty())
            .collect::<Vec<_>>()
            .join("/");
        hints.push(Hint {
            keys,
            label: "sprint".into(),
            drop_rank: 1,
            note: false,
        });
    }
    if view.shown_loaded().is_some() {
        let chart = if view.burnup { "burndown" } else { "burnup" };
        hints.push(key(Action::ToggleBurnup, chart, 2));
    }
    hints.extend([
        key(Action::ScreenStandup, "standup", 3),
        key(Action::Refresh, "refresh", 4),
        key(Action::ScreenBoard, "board", 2),
        key(Action::Help, "help", 0),
        key(Action::Quit, "quit", 0),
    ]);
    hints
}
