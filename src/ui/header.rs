//! The banner (demo notice) and the header: screen tabs, then board, sprint, days left and
//! active filters, or the deploy backends.

use super::Ctx;
use super::footer::key_label;
use super::text::{fit, put, put_right, width};
use crate::app::{Action, Screen};
use crate::domain::BoardKind;
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

/// `[1 Board] 2 Deploys  PAY board · Sprint 14 · 3d left     filter: login · only mine · lanes`
pub fn draw(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let (state, theme) = (ctx.state, ctx.theme);
    let filters = match state.screen {
        Screen::Board => filters(ctx),
        Screen::Deploy | Screen::Pipelines | Screen::Sprint | Screen::Standup => String::new(),
    };
    let filters_w = usize::from(area.width / 2).min(width(&filters));
    let right_x = if filters.is_empty() {
        area.right()
    } else {
        put_right(buf, area, area.y, &fit(&filters, filters_w), theme.filter)
    };

    let mut parts: Vec<(String, Style)> = Vec::new();
    match (state.screen, &state.board) {
        (Screen::Deploy, _) => {
            parts.push(("Deploys".into(), theme.title));
            let backends = state.deploy.backends.iter();
            parts.extend(backends.map(|b| (b.name.clone(), theme.text)));
        }
        (Screen::Sprint | Screen::Standup, board) => {
            let name = board.as_ref().map_or("Sprints".into(), |b| b.name.clone());
            parts.push((name, theme.title));
            let view = &state.sprint;
            if let Some(at) = view.position() {
                let place = format!("sprint {} of {}", at + 1, view.sprints.len());
                parts.push((place, theme.muted));
            }
        }
        (Screen::Pipelines, _) => {
            parts.push(("Pipelines".into(), theme.title));
            let backends = state.pipelines.backends.iter().filter(|b| b.ci);
            parts.extend(backends.map(|b| (b.name.clone(), theme.text)));
        }
        (Screen::Board, None) => parts.push(("shipdeck".into(), theme.title)),
        (Screen::Board, Some(board)) => {
            parts.push((board.name.clone(), theme.title));
            if let Some(sprint) = &board.sprint {
                parts.push((sprint.name.clone(), theme.text));
                if let Some(end) = sprint.end {
                    parts.push((days_left(end, ctx.now), theme.muted));
                }
            }
        }
    }
    let room = |x: u16| usize::from(right_x.saturating_sub(x + 1));
    let mut x = area.x + 1;
    if screens(ctx).len() > 1 {
        x = area.x + tabs(buf, area.x, area.y, room(area.x), ctx) + 2;
    }
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

/// The screens there is something to see on: the board, the sprint and standup of a scrum
/// board, the deploys and pipelines when a backend serves them, and whichever is open.
fn screens(ctx: &Ctx) -> Vec<(Screen, Action, &'static str)> {
    let state = ctx.state;
    let all = [
        (Screen::Board, Action::ScreenBoard, "Board"),
        (Screen::Deploy, Action::ScreenDeploy, "Deploys"),
        (Screen::Pipelines, Action::ScreenPipelines, "Pipelines"),
        (Screen::Sprint, Action::ScreenSprint, "Sprint"),
        (Screen::Standup, Action::ScreenStandup, "Standup"),
    ];
    all.into_iter()
        .filter(|(screen, ..)| {
            let reachable = match screen {
                Screen::Deploy => !state.deploy.backends.is_empty(),
                Screen::Pipelines => state.pipelines.has_ci(),
                // The board says what to configure when there is no tracker.
                Screen::Board => true,
                // A kanban board has no sprints to show.
                Screen::Sprint | Screen::Standup => {
                    let kanban = state.board.as_ref().map(|b| b.kind) == Some(BoardKind::Kanban);
                    state.has_tracker && !kanban
                }
            };
            reachable || *screen == state.screen
        })
        .collect()
}

/// Room the title keeps before inactive tabs shrink to their keys.
const TITLE_ROOM: usize = 24;

/// ` 1 Board [2 Deploys]`: the active screen in brackets and the selection style, so it reads
/// in mono too; the keys come from the keymap. When narrow, inactive tabs show their key
/// alone. Returns where the last tab's text ends.
fn tabs(buf: &mut Buffer, x: u16, y: u16, max: usize, ctx: &Ctx) -> u16 {
    let screens = screens(ctx);
    let label = |action: Action, name: &str, short: bool| {
        let key = key_label(ctx.keymap.hint(action));
        match (key.is_empty(), short) {
            (true, _) => name.to_string(),
            (false, true) => key.into_owned(),
            (false, false) => format!("{key} {name}"),
        }
    };
    let full: usize = screens
        .iter()
        .map(|(_, action, name)| width(&label(*action, name, false)) + 2)
        .sum();
    let short = full + TITLE_ROOM > max;
    let (mut used, mut end) = (0, 0);
    for (screen, action, name) in screens {
        let active = ctx.state.screen == screen;
        let label = label(action, name, short && !active);
        let (text, style) = if active {
            (format!("[{label}]"), ctx.theme.selection)
        } else {
            (format!(" {label} "), ctx.theme.muted)
        };
        used += put(
            buf,
            x + used,
            y,
            &text,
            max.saturating_sub(usize::from(used)),
            style,
        );
        // An inactive tab's padding is not text: the title keeps the same gap either way.
        end = used.saturating_sub(u16::from(!active));
    }
    end
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
