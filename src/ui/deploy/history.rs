//! The history of one cell: the environment's protection rules, its deployments as a table,
//! the selected one's changes under it.
//! An issue key that is on the board says so, and where, since `b` jumps there.

use super::labels::RULED;
use super::look::{accent, short, version};
use super::pieces::{self, Piece};
use super::table::table;
use crate::app::deploy::History;
use crate::domain::IssueKey;
use crate::domain::deploy::Deployment;
use crate::ui::Ctx;
use crate::ui::text::put;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Widget};

/// "payments · prod · history", plus "loading…" while it is read.
pub fn title(history: &History) -> String {
    let mut title = format!("{} · {} · history", history.service, history.environment);
    if history.loading {
        title.push_str(" · loading…");
    }
    title
}

/// The history as a bordered pane filling `area`.
pub fn draw_pane(buf: &mut Buffer, area: Rect, history: &History, ctx: &Ctx) {
    crate::ui::text::clear_box(buf, area);
    let block = Block::bordered()
        .border_style(ctx.theme.border_focus)
        .title(Span::styled(
            format!(" {} ", title(history)),
            ctx.theme.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    draw(buf, inner, history, ctx);
}

/// The table and the changes inside `area` (a pane's or a popup's inside).
pub fn draw(buf: &mut Buffer, area: Rect, history: &History, ctx: &Ctx) {
    let theme = ctx.theme;
    let max = usize::from(area.width);
    let mut top = area.y;
    let rules = protection(history, ctx);
    if !rules.is_empty() && top < area.bottom() {
        let text = format!("{RULED} protected: {}", rules.join(" · "));
        put(buf, area.x, top, &text, max, theme.warning);
        top += 1;
    }
    if let Some(error) = &history.error {
        put(buf, area.x, top, &format!("⚠ {error}"), max, theme.error);
        top += 1;
    }
    if history.deployments.is_empty() {
        if !history.loading && top < area.bottom() {
            put(buf, area.x, top, "no deployments yet", max, theme.muted);
        }
        return;
    }
    let rest = Rect {
        y: top,
        height: area.bottom().saturating_sub(top),
        ..area
    };
    let selected = history.deployments.get(history.selected);
    let changes = selected.map_or(0, |d| d.changes.len().max(1) + 2);
    let table_need = history.deployments.len() + 1;
    let table_room = usize::from(rest.height)
        .saturating_sub(changes)
        .max(usize::from(rest.height / 2));
    let table_h = table_need.min(table_room) as u16;
    table(
        buf,
        Rect {
            height: table_h,
            ..rest
        },
        history,
        ctx,
    );
    if let Some(d) = selected {
        let below = Rect {
            y: rest.y + table_h + 1,
            height: rest.height.saturating_sub(table_h + 1),
            ..rest
        };
        changes_of(buf, below, d, ctx);
    }
}

/// The protection rules of the history's environment, as the matrix has it.
fn protection<'a>(history: &History, ctx: &Ctx<'a>) -> &'a [String] {
    ctx.state
        .deploy
        .backends
        .get(history.backend)
        .and_then(|b| b.services.iter().find(|s| s.name == history.service))
        .and_then(|s| {
            s.environments
                .iter()
                .find(|e| e.name == history.environment)
        })
        .map_or(&[], |e| e.protection.as_slice())
}

/// `changes in 1.9.0 (abc1234):` and one line per change: sha, title, issue keys.
fn changes_of(buf: &mut Buffer, area: Rect, d: &Deployment, ctx: &Ctx) {
    let theme = ctx.theme;
    if area.height == 0 {
        return;
    }
    let max = usize::from(area.width);
    put(
        buf,
        area.x,
        area.y,
        &format!("changes in {}:", version(d)),
        max,
        theme.title,
    );
    if d.changes.is_empty() {
        put(
            buf,
            area.x + 2,
            area.y + 1,
            "no changes listed",
            max.saturating_sub(2),
            theme.muted,
        );
        return;
    }
    let room = usize::from(area.height - 1);
    for (i, change) in d.changes.iter().enumerate().take(room) {
        let y = area.y + 1 + i as u16;
        if i + 1 == room && d.changes.len() > room {
            let more = format!("… {} more", d.changes.len() - i);
            put(
                buf,
                area.x + 2,
                y,
                &more,
                max.saturating_sub(2),
                theme.muted,
            );
            break;
        }
        let mut line = vec![
            Piece::new(short(&change.sha), theme.card_key),
            Piece::new(format!(" {}", change.title), theme.text),
        ];
        for key in &change.issue_keys {
            line.extend(issue_key(key, ctx));
        }
        pieces::draw(buf, area.x + 2, y, max.saturating_sub(2), line, &|s| s);
    }
}

/// `  PLAT-212 ▸ on board: In Progress` for a key on the board, else just the key.
fn issue_key(key: &IssueKey, ctx: &Ctx) -> Vec<Piece> {
    let theme = ctx.theme;
    let state = ctx.state;
    let Some(issue) = state.issue(key) else {
        return vec![Piece::new(format!("  {key}"), theme.muted)];
    };
    let column = state
        .board
        .as_ref()
        .and_then(|b| b.column_of(issue).and_then(|c| b.columns.get(c)))
        .map_or(issue.status_name.as_str(), |c| c.name.as_str());
    vec![
        Piece::new(format!("  {key}"), theme.card_key),
        Piece::new(format!(" ▸ on board: {column}"), accent(theme)),
    ]
}
