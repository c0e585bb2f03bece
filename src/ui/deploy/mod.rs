//! The deploy screen: services x environments of every backend, with the history of a cell
//! and the plan of a dangerous action on top. Drawing only: the state is
//! read, never changed.

mod cell;
mod hints;
mod history;
mod labels;
mod look;
mod matrix;
mod pieces;
mod plan;
mod status;
mod table;

pub use hints::hints;
pub use look::{state_style, state_symbol, version};
pub use status::draw as draw_status;

use super::Ctx;
use super::popup::open;
use super::text::width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Fewer lines than this and the history is a popup over the matrix, not a pane below it.
const HISTORY_MIN: u16 = 10;
const NO_BACKEND: &str =
    "No deploy backend configured: add a [[deploy]] table (see config.example.toml)";

/// Draws the screen's body; `screen` is the whole terminal, for popups.
pub fn draw(buf: &mut Buffer, body: Rect, screen: Rect, ctx: &Ctx) {
    let view = &ctx.state.deploy;
    if view.backends.is_empty() {
        note(buf, body, NO_BACKEND, ctx);
        return;
    }
    let never_answered = view
        .backends
        .iter()
        .all(|b| b.last_synced.is_none() && b.last_error.is_none());
    if never_answered {
        note(buf, body, "Loading deployments…", ctx);
    } else {
        matrix_and_history(buf, body, ctx);
    }
    if let Some(plan) = &view.plan {
        plan::draw(buf, screen, plan, ctx);
    }
}

/// Three lines per cell when they fit, fewer when not; the history below when there is room
/// for both, else over the matrix.
fn matrix_and_history(buf: &mut Buffer, body: Rect, ctx: &Ctx) {
    let view = &ctx.state.deploy;
    let height = usize::from(body.height);
    let fits = |lines: u16, spare: u16| matrix::height(view, lines) + usize::from(spare) <= height;
    let Some(history) = &view.history else {
        let lines = [3, 2, 1].into_iter().find(|&l| fits(l, 0)).unwrap_or(1);
        matrix::draw(buf, body, lines, ctx);
        return;
    };
    let want = HISTORY_MIN.max(body.height / 2);
    match [3, 2, 1].into_iter().find(|&l| fits(l, want)) {
        Some(lines) => {
            let top = matrix::height(view, lines) as u16;
            matrix::draw(
                buf,
                Rect {
                    height: top,
                    ..body
                },
                lines,
                ctx,
            );
            let pane = Rect {
                y: body.y + top,
                height: body.height - top,
                ..body
            };
            history::draw_pane(buf, pane, history, ctx);
        }
        None => {
            let lines = [3, 2, 1].into_iter().find(|&l| fits(l, 0)).unwrap_or(1);
            matrix::draw(buf, body, lines, ctx);
            let inner = open(
                buf,
                body,
                body.width,
                body.height,
                &history::title(history),
                ctx,
            );
            history::draw(buf, inner, history, ctx);
        }
    }
}

/// A short message centred in `area`, wrapped when narrow.
fn note(buf: &mut Buffer, area: Rect, text: &str, ctx: &Ctx) {
    let lines = vec![Line::styled(text, ctx.theme.muted)];
    let inner = Rect {
        x: area.x + 2,
        width: area.width.saturating_sub(4),
        ..area
    };
    // Word wrapping may take one line more than the cells need.
    let rows = width(text).div_ceil(usize::from(inner.width.max(1)));
    let rows = u16::try_from(rows).unwrap_or(u16::MAX);
    let area = Rect {
        y: inner.y + inner.height.saturating_sub(rows) / 2,
        height: inner.height.min(rows.saturating_add(1)),
        ..inner
    };
    Paragraph::new(lines)
        .centered()
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
