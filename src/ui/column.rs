//! One board column: a bordered box with title and WIP marker, its visible page of cards,
//! lane headers in swimlanes mode, and "↑ 3 more" / "↓ 12 more" hints on the bottom border.

use super::Ctx;
use super::card::{self, Look};
use super::text::{fit, put, put_centred, width};
use crate::app::state::lane_of;
use crate::domain::{Column, Issue, WipState};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use std::ops::Range;

/// What the board tells one column to draw.
pub struct Slot {
    pub index: usize,
    /// Cards in the column on the board, before filtering (the WIP count).
    pub count: usize,
    pub focused: bool,
    pub lines_per_card: u16,
}

pub fn draw(buf: &mut Buffer, area: Rect, slot: &Slot, ctx: &Ctx) {
    let Some(column) = ctx.state.columns().get(slot.index) else {
        return;
    };
    let theme = ctx.theme;
    let cards = ctx.state.visible_cards(slot.index);
    let inner = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    };
    let target = if slot.focused {
        ctx.state.selection.row.min(cards.len().saturating_sub(1))
    } else {
        0
    };
    let lanes = ctx.state.swimlanes;
    let starts_lane = |i: usize| i > 0 && lane_key(cards[i]) != lane_key(cards[i - 1]);
    let per_card = usize::from(slot.lines_per_card);
    let window = page(
        cards.len(),
        target,
        inner.height.into(),
        per_card,
        lanes,
        starts_lane,
    );

    let mut block = Block::bordered()
        .border_style(if slot.focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title(title(column, slot.count, inner.width.into(), ctx));
    if window.start > 0 {
        block = block.title_bottom(Span::styled(
            format!("↑ {} more", window.start),
            theme.muted,
        ));
    }
    if window.end < cards.len() {
        let below = Span::styled(format!("↓ {} more", cards.len() - window.end), theme.muted);
        block = block.title_bottom(Line::from(below).right_aligned());
    }
    block.render(area, buf);

    if cards.is_empty() {
        let note = if slot.count == 0 { "empty" } else { "no match" };
        put_centred(buf, inner, inner.y, note, theme.muted);
        return;
    }
    let mut y = inner.y;
    for i in window {
        if y >= inner.bottom() {
            break;
        }
        if lanes && (y == inner.y || starts_lane(i)) {
            lane_header(
                buf,
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
                &lane_of(cards[i]).1,
                ctx,
            );
            y += 1;
        }
        let height = slot.lines_per_card.min(inner.bottom().saturating_sub(y));
        if height == 0 {
            break;
        }
        let look = Look {
            selected: slot.focused && i == target,
            pending: ctx.state.pending.contains_key(&cards[i].key),
        };
        card::draw(buf, Rect { y, height, ..inner }, cards[i], &look, ctx);
        y += height;
    }
}

/// The same grouping as `lane_of`, without allocating per comparison.
fn lane_key(issue: &Issue) -> (bool, &str) {
    issue
        .assignee
        .as_ref()
        .map_or((true, "Unassigned"), |p| (false, p.display_name.as_str()))
}

/// The cards on the page that holds `target`. Pages are cut greedily from the top, so a
/// selection always lands on the same page: there is no stored scroll offset to keep in sync.
/// In lanes mode each page opens with a lane header and each new lane costs one line.
fn page(
    len: usize,
    target: usize,
    height: usize,
    per_card: usize,
    lanes: bool,
    starts_lane: impl Fn(usize) -> bool,
) -> Range<usize> {
    let mut start = 0;
    let mut used = 0;
    for i in 0..len {
        let need = |fresh: bool| per_card + usize::from(lanes && (fresh || starts_lane(i)));
        if used > 0 && used + need(false) > height {
            if target < i {
                return start..i;
            }
            start = i;
            used = 0;
        }
        used += need(used == 0);
    }
    start..len
}

/// "In Progress 4/4 ● full", shortened to "In Pro… 4/4 ●" when narrow.
fn title(column: &Column, count: usize, max: usize, ctx: &Ctx) -> Line<'static> {
    let theme = ctx.theme;
    let full = column.title(count);
    let (marker, short, style) = match column.wip(count) {
        WipState::Ok => ("", "", theme.wip_ok),
        WipState::Full => ("● full", "●", theme.wip_full),
        WipState::Over => ("▲ over", "▲", theme.wip_over),
        WipState::Under => ("▽ starved", "▽", theme.wip_under),
    };
    let fits = |m: &str| width(&full) + usize::from(!m.is_empty()) + width(m) <= max;
    let marker = if fits(marker) { marker } else { short };
    let marker_w = width(marker) + usize::from(!marker.is_empty());
    // Keep the count whole and shorten the name: the numbers are what the column is about.
    let counts = full.strip_prefix(column.name.as_str()).unwrap_or("");
    let name_max = max.saturating_sub(marker_w + width(counts));
    let name = fit(&column.name, name_max);
    let mut spans = vec![Span::styled(format!("{name}{counts}"), theme.title)];
    if !marker.is_empty() {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(marker, style));
    }
    Line::from(spans)
}

/// "── Ana Kowalski ─────" across the column.
fn lane_header(buf: &mut Buffer, area: Rect, name: &str, ctx: &Ctx) {
    let max = usize::from(area.width);
    let label = format!("── {} ", fit(name, max.saturating_sub(4)));
    let fill = "─".repeat(max.saturating_sub(width(&label)));
    put(
        buf,
        area.x,
        area.y,
        &(label + &fill),
        max,
        ctx.theme.lane_header,
    );
}

#[cfg(test)]
mod tests {
    use super::page;

    #[test]
    fn pages_are_cut_from_the_top() {
        let flat = |target| page(10, target, 6, 2, false, |_| false);
        assert_eq!(flat(0), 0..3);
        assert_eq!(flat(2), 0..3);
        assert_eq!(flat(3), 3..6);
        assert_eq!(flat(9), 9..10);
    }

    #[test]
    fn lane_headers_take_a_line_and_open_every_page() {
        // Lanes start at 0 and 3; one line per card; five lines a page.
        let lanes = |target| page(8, target, 5, 1, true, |i| i == 3);
        assert_eq!(lanes(0), 0..3);
        assert_eq!(lanes(3), 3..7);
        assert_eq!(lanes(7), 7..8);
    }

    #[test]
    fn a_card_taller_than_the_page_still_gets_a_page() {
        assert_eq!(page(3, 1, 1, 2, false, |_| false), 1..2);
        assert_eq!(page(0, 0, 5, 2, false, |_| false), 0..0);
    }
}
