//! Drawing. Pure functions of `&State`: no I/O, no network.

mod board;
mod card;
mod column;
mod deploy;
mod footer;
mod header;
mod help;
mod link;
mod logview;
mod pipelines;
mod popup;
mod rate;
mod sprint;
mod standup;
mod status;
mod status_bar;
mod text;
mod theme;

pub use theme::{Theme, ThemeError};

use crate::app::keymap::Keymap;
use crate::app::{Screen, State};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Lines around the board at any height: header, status bar, footer.
const CHROME_LINES: u16 = 3;
/// A column's top and bottom border.
const COLUMN_BORDERS: u16 = 2;
/// Below this the board cannot show a single useful column.
const MIN_WIDTH: u16 = 40;
const MIN_HEIGHT: u16 = 10;

/// What every part of the screen reads from.
struct Ctx<'a> {
    state: &'a State,
    theme: &'a Theme,
    keymap: &'a Keymap,
    now: DateTime<Utc>,
}

/// Draws the whole screen for `state`. `now` is for ages ("3d"); tests pass a fixed clock.
pub fn render(
    frame: &mut Frame,
    state: &State,
    theme: &Theme,
    keymap: &Keymap,
    now: DateTime<Utc>,
) {
    let screen = frame.area();
    let ctx = Ctx {
        state,
        theme,
        keymap,
        now,
    };
    draw(frame.buffer_mut(), screen, &ctx);
}

fn draw(buf: &mut Buffer, screen: Rect, ctx: &Ctx) {
    let screen = screen.intersection(buf.area);
    buf.set_style(screen, ctx.theme.text);
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        too_small(buf, screen, ctx);
        return;
    }
    let state = ctx.state;
    if state.screen == Screen::Standup {
        standup_screen(buf, screen, ctx);
        return;
    }
    let mut body = screen;
    let mut take_top = || {
        let line = Rect { height: 1, ..body };
        body.y += 1;
        body.height -= 1;
        line
    };
    if let Some(banner) = &state.banner {
        header::draw_banner(buf, take_top(), banner, ctx);
    }
    header::draw(buf, take_top(), ctx);
    let mut take_bottom = || {
        body.height -= 1;
        Rect {
            y: body.bottom(),
            height: 1,
            ..body
        }
    };
    footer::draw(buf, take_bottom(), ctx);
    let status_row = take_bottom();
    match state.screen {
        Screen::Board => status::draw(buf, status_row, ctx),
        Screen::Deploy => deploy::draw_status(buf, status_row, ctx),
        Screen::Pipelines => pipelines::draw_status(buf, status_row, ctx),
        Screen::Sprint | Screen::Standup => sprint::draw_status(buf, status_row, ctx),
    }
    link::hyperlink_first_url(buf, status_row);
    if state.filter_editing {
        status::draw_filter(buf, take_bottom(), ctx);
    }

    match (state.screen, &state.board) {
        (Screen::Deploy, _) => deploy::draw(buf, body, screen, ctx),
        (Screen::Pipelines, _) => pipelines::draw(buf, body, ctx),
        (Screen::Sprint | Screen::Standup, _) => sprint::draw(buf, body, ctx),
        (Screen::Board, Some(board)) => {
            board::draw(buf, body, board, lines_per_card(screen.height), ctx)
        }
        (Screen::Board, None) => loading(buf, body, ctx),
    }
    if let Some(popup) = &state.popup {
        popup::draw(buf, screen, popup, ctx);
    }
}

/// Standup mode takes the whole screen for the team's shared display: no tabs, status bar or
/// footer, only the demo banner, which says the data is not real.
fn standup_screen(buf: &mut Buffer, screen: Rect, ctx: &Ctx) {
    let mut body = screen;
    if let Some(banner) = &ctx.state.banner {
        header::draw_banner(buf, Rect { height: 1, ..body }, banner, ctx);
        body.y += 1;
        body.height -= 1;
    }
    standup::draw(buf, body, ctx);
    if let Some(popup) = &ctx.state.popup {
        popup::draw(buf, screen, popup, ctx);
    }
}

/// "Loading board…", or why it did not load, or that there is no tracker to load from.
fn loading(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let theme = ctx.theme;
    let lines = match &ctx.state.sync.last_error {
        _ if !ctx.state.has_tracker => vec![Line::styled(
            "No tracker configured: add a [jira] table (see config.example.toml)",
            theme.muted,
        )],
        Some(error) => vec![
            Line::styled(format!("⚠ Could not load the board: {error}"), theme.error),
            Line::default(),
            Line::styled(
                format!(
                    "{} to retry",
                    footer::key_label(ctx.keymap.hint(crate::app::Action::Refresh))
                ),
                theme.muted,
            ),
        ],
        None => vec![Line::styled("Loading board…", theme.muted)],
    };
    let text_area = Rect {
        y: area.y + area.height.saturating_sub(lines.len() as u16) / 2,
        height: area.height.min(lines.len() as u16 + 2),
        x: area.x + 2,
        width: area.width.saturating_sub(4),
    };
    Paragraph::new(lines)
        .centered()
        .wrap(Wrap { trim: true })
        .render(text_area, buf);
}

fn too_small(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let lines = vec![
        Line::styled("terminal too small", ctx.theme.warning),
        Line::styled(
            format!(
                "{}x{}, needs {MIN_WIDTH}x{MIN_HEIGHT}",
                area.width, area.height
            ),
            ctx.theme.muted,
        ),
        Line::styled(
            format!(
                "{} quit",
                footer::key_label(ctx.keymap.hint(crate::app::Action::Quit))
            ),
            ctx.theme.muted,
        ),
    ];
    let top = area.height.saturating_sub(3) / 2;
    let area = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    Paragraph::new(lines)
        .centered()
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// Card lines that fit inside one column at this terminal height (no banner, no filter line).
fn column_inner_height(height: u16) -> u16 {
    height.saturating_sub(CHROME_LINES + COLUMN_BORDERS)
}

/// Two lines per card (key and meta, then summary) unless the screen is short, then one.
/// Decided by the terminal height alone so paging and drawing agree.
fn lines_per_card(height: u16) -> u16 {
    if column_inner_height(height) >= 10 {
        2
    } else {
        1
    }
}

/// Rows of cards that fit in one column at this terminal height.
pub fn cards_per_page(height: u16) -> usize {
    usize::from((column_inner_height(height) / lines_per_card(height)).max(1))
}
