//! The columns side by side. When they do not all fit, a window of them scrolls sideways so
//! the selected column is always shown, with "◀ 2" / "3 ▶" counting the hidden ones.

use super::Ctx;
use super::column::{self, Slot};
use super::text::{put, put_centred, put_right};
use crate::domain::Board;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Narrower than this a card shows too little of its summary to be worth a column.
pub const MIN_COLUMN_WIDTH: u16 = 22;

/// Which columns are on screen: `first..first + shown`.
#[derive(Debug, PartialEq)]
struct Strip {
    first: usize,
    shown: usize,
}

pub fn draw(buf: &mut Buffer, area: Rect, board: &Board, lines_per_card: u16, ctx: &Ctx) {
    let n = board.columns.len();
    if n == 0 {
        centred_note(buf, area, "This board has no columns", ctx);
        return;
    }
    if board.issues.is_empty() {
        let what = if board.sprint.is_some() {
            "No cards in this sprint"
        } else {
            "No cards on this board"
        };
        centred_note(buf, area, what, ctx);
        return;
    }
    let selected = ctx.state.selection.column.min(n - 1);
    let strip = plan(n, selected, area.width);
    let hidden_right = n - strip.first - strip.shown;

    let mut cols = area;
    if strip.first > 0 {
        let label = format!("◀ {}", strip.first);
        let used = put(buf, area.x, area.y, &label, label.len(), ctx.theme.title) + 1;
        cols.x += used;
        cols.width = cols.width.saturating_sub(used);
    }
    if hidden_right > 0 {
        let label = format!("{hidden_right} ▶");
        let x = put_right(buf, cols, cols.y, &label, ctx.theme.title);
        cols.width = (x - cols.x).saturating_sub(1);
    }

    let counts = counts(board);
    let shown = strip.shown as u16;
    let (base, extra) = (cols.width / shown, cols.width % shown);
    let mut x = cols.x;
    for (k, index) in (strip.first..strip.first + strip.shown).enumerate() {
        let width = base + u16::from((k as u16) < extra);
        let slot = Slot {
            index,
            count: counts[index],
            focused: index == selected,
            lines_per_card,
        };
        column::draw(buf, Rect { x, width, ..cols }, &slot, ctx);
        x += width;
    }
}

/// Cards per column on the whole board, in one pass.
fn counts(board: &Board) -> Vec<usize> {
    let mut counts = vec![0; board.columns.len()];
    for issue in &board.issues {
        if let Some(c) = board.column_of(issue) {
            counts[c] += 1;
        }
    }
    counts
}

/// All columns when they fit at `MIN_COLUMN_WIDTH`; else pages of as many as fit beside the
/// two "◀ n" gutters, the last page full so no space is wasted at the right end.
fn plan(n: usize, selected: usize, width: u16) -> Strip {
    if n * usize::from(MIN_COLUMN_WIDTH) <= usize::from(width) {
        return Strip { first: 0, shown: n };
    }
    let gutters = 2 * (format!("◀ {n}").chars().count() + 1);
    let room = usize::from(width).saturating_sub(gutters);
    let shown = (room / usize::from(MIN_COLUMN_WIDTH)).clamp(1, n);
    let first = ((selected / shown) * shown).min(n - shown);
    Strip { first, shown }
}

fn centred_note(buf: &mut Buffer, area: Rect, note: &str, ctx: &Ctx) {
    if area.height > 0 {
        put_centred(buf, area, area.y + area.height / 2, note, ctx.theme.muted);
    }
}

#[cfg(test)]
mod tests {
    use super::{Strip, plan};

    #[test]
    fn all_columns_share_the_width_when_they_fit() {
        assert_eq!(plan(5, 4, 120), Strip { first: 0, shown: 5 });
        assert_eq!(plan(7, 6, 200), Strip { first: 0, shown: 7 });
    }

    #[test]
    fn narrow_terminals_page_sideways_keeping_the_selection() {
        // 80 cells minus two 4-cell gutters: three columns of 22+.
        assert_eq!(plan(7, 0, 80), Strip { first: 0, shown: 3 });
        assert_eq!(plan(7, 3, 80), Strip { first: 3, shown: 3 });
        assert_eq!(plan(7, 6, 80), Strip { first: 4, shown: 3 });
        assert_eq!(plan(5, 4, 40), Strip { first: 4, shown: 1 });
        assert_eq!(plan(5, 2, 20), Strip { first: 2, shown: 1 });
    }
}
