//! The history of one cell: its deployments as a table, the selected one's changes under it.
//! An issue key that is on the board says so, and where, since `b` jumps there.

use super::look::{kind_name, short, state_style, state_symbol, took, version};
use super::pieces::{self, Piece};
use crate::app::deploy::{History, state_name};
use crate::domain::deploy::Deployment;
use crate::ui::Ctx;
use crate::ui::text::{age, put, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear, Widget};

/// Below this the reason column is not worth showing.
const MIN_REASON: u16 = 8;

#[derive(Clone, Copy)]
enum Field {
    Kind,
    Version,
    State,
    By,
    When,
    Took,
    Reason,
}

impl Field {
    fn heading(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Version => "version",
            Field::State => "state",
            Field::By => "by",
            Field::When => "when",
            Field::Took => "took",
            Field::Reason => "reason",
        }
    }
}

/// A table column: what it shows, its width, and how soon it goes when narrow (0 never).
struct Col {
    field: Field,
    width: u16,
    drop: u8,
}

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
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_style(ctx.theme.border_focus)
        .title(Span::styled(format!(" {} ", title(history)), ctx.theme.title));
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
    table(buf, Rect { height: table_h, ..rest }, history, ctx);
    if let Some(d) = selected {
        let below = Rect {
            y: rest.y + table_h + 1,
            height: rest.height.saturating_sub(table_h + 1),
            ..rest
        };
        changes_of(buf, below, d, ctx);
    }
}

fn columns(history: &History, total: u16) -> Vec<Col> {
    let widest = |f: &dyn Fn(&Deployment) -> usize, floor: usize| -> u16 {
        let w = history.deployments.iter().map(f).max().unwrap_or(0);
        u16::try_from(w.max(floor)).unwrap_or(u16::MAX)
    };
    let col = |field, width, drop| Col { field, width, drop };
    let mut cols = vec![
        col(Field::Kind, widest(&|d| width(kind_name(d.kind)), 4), 3),
        col(Field::Version, widest(&|d| width(&version(d)), 7).min(24), 0),
        col(Field::State, widest(&|d| width(state_name(d.state)) + 2, 5), 0),
        col(Field::By, widest(&|d| d.by.as_deref().map_or(1, width), 2).min(14), 4),
        col(Field::When, 4, 2),
        col(Field::Took, widest(&|d| width(&took(d)), 4), 5),
        col(Field::Reason, MIN_REASON, 6),
    ];
    let used = |cols: &[Col]| cols.iter().map(|c| c.width + 1).sum::<u16>();
    while used(&cols) > total + 1 {
        let worst = cols
            .iter()
            .enumerate()
            .filter(|(_, c)| c.drop > 0)
            .max_by_key(|(_, c)| c.drop)
            .map(|(i, _)| i);
        let Some(worst) = worst else { break };
        cols.remove(worst);
    }
    // The last column takes what is left: the reason when it is shown.
    let spare = (total + 1).saturating_sub(used(&cols));
    if let Some(last) = cols.last_mut() {
        last.width += spare;
    }
    cols
}

fn table(buf: &mut Buffer, area: Rect, history: &History, ctx: &Ctx) {
    let theme = ctx.theme;
    if area.height == 0 {
        return;
    }
    // One cell for the selection marker.
    let cols = columns(history, area.width.saturating_sub(1));
    let mut x = area.x + 1;
    for col in &cols {
        put(buf, x, area.y, col.field.heading(), usize::from(col.width), theme.muted);
        x += col.width + 1;
    }
    let rows = usize::from(area.height - 1);
    let first = (history.selected + 1).saturating_sub(rows);
    for (i, d) in history.deployments.iter().enumerate().skip(first).take(rows) {
        let y = area.y + 1 + (i - first) as u16;
        let selected = i == history.selected;
        let patch = |s: Style| {
            if selected {
                s.patch(theme.selection)
            } else {
                s
            }
        };
        let line = Rect { y, height: 1, ..area };
        if selected {
            buf.set_style(line, patch(theme.text));
            put(buf, area.x, y, "▌", 1, patch(theme.text));
        }
        let mut x = area.x + 1;
        for col in &cols {
            let cell = cell(col.field, d, ctx);
            pieces::draw(buf, x, y, usize::from(col.width), cell, &patch);
            x += col.width + 1;
        }
    }
}

fn cell(field: Field, d: &Deployment, ctx: &Ctx) -> Vec<Piece> {
    let theme = ctx.theme;
    let text = |s: String, style: Style| vec![Piece::new(s, style)];
    match field {
        Field::Kind => text(kind_name(d.kind).into(), theme.text),
        Field::Version => text(version(d), theme.text),
        Field::State => {
            let style = state_style(d.state, theme);
            vec![
                Piece::new(state_symbol(d.state), style),
                Piece::new(format!(" {}", state_name(d.state)), style).drop(1),
            ]
        }
        Field::By => text(d.by.clone().unwrap_or_else(|| "—".into()), theme.assignee),
        Field::When => text(age(d.created_at, ctx.now), theme.age),
        Field::Took => text(took(d), theme.muted),
        Field::Reason => text(d.reason.clone().unwrap_or_default(), theme.text),
    }
}

/// `changes in 1.9.0 (abc1234):` and one line per change: sha, title, issue keys.
fn changes_of(buf: &mut Buffer, area: Rect, d: &Deployment, ctx: &Ctx) {
    let theme = ctx.theme;
    if area.height == 0 {
        return;
    }
    let max = usize::from(area.width);
    put(buf, area.x, area.y, &format!("changes in {}:", version(d)), max, theme.title);
    if d.changes.is_empty() {
        put(buf, area.x + 2, area.y + 1, "no changes listed", max.saturating_sub(2), theme.muted);
        return;
    }
    let room = usize::from(area.height - 1);
    for (i, change) in d.changes.iter().enumerate().take(room) {
        let y = area.y + 1 + i as u16;
        if i + 1 == room && d.changes.len() > room {
            let more = format!("… {} more", d.changes.len() - i);
            put(buf, area.x + 2, y, &more, max.saturating_sub(2), theme.muted);
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
fn issue_key(key: &crate::domain::IssueKey, ctx: &Ctx) -> Vec<Piece> {
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
        Piece::new(format!(" ▸ on board: {column}"), super::look::accent(theme)),
    ]
}
