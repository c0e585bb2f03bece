//! The history table: kind, version, state, who, when, how long, why; the selected row
//! highlighted and kept in view. Narrow panes drop the least telling columns first.

use super::look::{kind_name, state_style, state_symbol, took, version};
use super::pieces::{self, Piece};
use crate::app::deploy::History;
use crate::domain::deploy::Deployment;
use crate::ui::Ctx;
use crate::ui::text::{age, put, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

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

fn columns(history: &History, total: u16) -> Vec<Col> {
    let widest = |f: &dyn Fn(&Deployment) -> usize, floor: usize| -> u16 {
        let w = history.deployments.iter().map(f).max().unwrap_or(0);
        u16::try_from(w.max(floor)).unwrap_or(u16::MAX)
    };
    let col = |field, width, drop| Col { field, width, drop };
    let mut cols = vec![
        col(Field::Kind, widest(&|d| width(kind_name(d.kind)), 4), 3),
        col(
            Field::Version,
            widest(&|d| width(&version(d)), 7).min(24),
            0,
        ),
        col(
            Field::State,
            widest(&|d| width(&super::look::state_words(d.state)) + 2, 5),
            0,
        ),
        col(
            Field::By,
            widest(&|d| d.by.as_deref().map_or(1, width), 2).min(14),
            4,
        ),
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

pub fn table(buf: &mut Buffer, area: Rect, history: &History, ctx: &Ctx) {
    let theme = ctx.theme;
    if area.height == 0 {
        return;
    }
    // One cell for the selection marker.
    let cols = columns(history, area.width.saturating_sub(1));
    let mut x = area.x + 1;
    for col in &cols {
        put(
            buf,
            x,
            area.y,
            col.field.heading(),
            usize::from(col.width),
            theme.muted,
        );
        x += col.width + 1;
    }
    let rows = usize::from(area.height - 1);
    let first = (history.selected + 1).saturating_sub(rows);
    for (i, d) in history
        .deployments
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
    {
        let y = area.y + 1 + (i - first) as u16;
        let selected = i == history.selected;
        let patch = |s: Style| {
            if selected {
                s.patch(theme.selection)
            } else {
                s
            }
        };
        let line = Rect {
            y,
            height: 1,
            ..area
        };
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
                Piece::new(format!(" {}", super::look::state_words(d.state)), style).drop(1),
            ]
        }
        Field::By => text(d.by.clone().unwrap_or_else(|| "—".into()), theme.assignee),
        Field::When => text(age(d.created_at, ctx.now), theme.age),
        Field::Took => text(took(d), theme.muted),
        Field::Reason => text(d.reason.clone().unwrap_or_default(), theme.text),
    }
}
