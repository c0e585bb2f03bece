//! One card: key, summary, assignee initials, points and age in its column.
//!
//! Two lines:  `▌PAY-12 ⟳     AK 3p 4d`      One line:  `▌PAY-12 Fix the log… AK`
//!             `▌Fix the login redirect…`

use super::Ctx;
use super::text::{fit, put, width};
use crate::domain::Issue;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Marks the selected card so it shows without colour too.
const SELECTED: &str = "▌";
const PENDING: &str = "⟳";
/// In one-line mode the summary keeps at least this many cells before meta is dropped.
const MIN_SUMMARY: usize = 10;

pub struct Look {
    pub selected: bool,
    pub pending: bool,
}

/// Draws `issue` into `area` (one or two lines high, a column's inner width).
pub fn draw(buf: &mut Buffer, area: Rect, issue: &Issue, look: &Look, ctx: &Ctx) {
    let theme = ctx.theme;
    // Selection overrides colours but keeps each part's modifiers.
    let style = |s: Style| {
        if look.selected {
            s.patch(theme.selection)
        } else {
            s
        }
    };
    if look.selected {
        buf.set_style(area, style(theme.text));
    }
    let marker = if look.selected { SELECTED } else { " " };
    for y in area.y..area.bottom() {
        put(buf, area.x, y, marker, 1, style(theme.text));
    }

    let inner = usize::from(area.width.saturating_sub(1));
    let mut x = area.x + 1;
    let key = issue.key.0.as_str();
    x += put(buf, x, area.y, key, inner, style(theme.card_key));
    if look.pending {
        x += put(buf, x, area.y, " ", 1, style(theme.text));
        x += put(buf, x, area.y, PENDING, 1, style(theme.pending));
    }
    let left = usize::from(x - area.x);
    let rest = usize::from(area.width).saturating_sub(left + 1);

    let pieces = meta(issue, ctx);
    if area.height >= 2 {
        draw_meta(buf, area, &pieces, rest, &style);
        put(
            buf,
            area.x + 1,
            area.y + 1,
            &issue.summary,
            inner,
            style(theme.text),
        );
    } else {
        let meta_budget = rest.saturating_sub(MIN_SUMMARY + 1);
        let meta_w = draw_meta(buf, area, &pieces, meta_budget, &style);
        let summary_w = rest.saturating_sub(meta_w + usize::from(meta_w > 0));
        put(
            buf,
            x + 1,
            area.y,
            &issue.summary,
            summary_w,
            style(theme.text),
        );
    }
}

/// Right-aligned meta on the first line, dropping the least telling parts (age, then points)
/// until it fits in `budget` cells; returns the cells used.
fn draw_meta(
    buf: &mut Buffer,
    area: Rect,
    pieces: &[(String, Style)],
    budget: usize,
    style: &dyn Fn(Style) -> Style,
) -> usize {
    let mut shown = pieces.len();
    let total = |n: usize| -> usize {
        pieces[..n].iter().map(|(s, _)| width(s)).sum::<usize>() + n.saturating_sub(1)
    };
    while shown > 0 && total(shown) > budget {
        shown -= 1;
    }
    let used = total(shown);
    let mut x = area.right().saturating_sub(used as u16);
    for (i, (text, piece_style)) in pieces[..shown].iter().enumerate() {
        if i > 0 {
            x += 1;
        }
        x += put(buf, x, area.y, text, used, style(*piece_style));
    }
    used
}

/// Initials (if assigned), points, age in column, most telling first.
fn meta(issue: &Issue, ctx: &Ctx) -> Vec<(String, Style)> {
    let theme = ctx.theme;
    let mut pieces = Vec::with_capacity(3);
    if let Some(person) = &issue.assignee {
        pieces.push((fit(&person.initials(), 3).into_owned(), theme.assignee));
    }
    pieces.push((super::text::points(issue.points), theme.points));
    if let Some(since) = issue.status_since {
        pieces.push((super::text::age(since, ctx.now), theme.age));
    }
    pieces
}
