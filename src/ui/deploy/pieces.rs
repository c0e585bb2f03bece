//! A line made of styled pieces that degrades gracefully: when it is too wide, the pieces
//! least worth their cells go first, and only then is the rest cut with "…".

use crate::ui::text::{put, width};
use ratatui::buffer::Buffer;
use ratatui::style::Style;

pub struct Piece {
    pub text: String,
    pub style: Style,
    /// 0 is never dropped (only cut); higher goes first.
    pub drop: u8,
}

impl Piece {
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Self {
            text: text.into(),
            style,
            drop: 0,
        }
    }

    pub fn drop(mut self, rank: u8) -> Self {
        self.drop = rank;
        self
    }
}

/// Draws `pieces` from (x, y) within `max` cells, each style passed through `patch` (the
/// selection); returns the cells used.
pub fn draw(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: usize,
    mut pieces: Vec<Piece>,
    patch: &dyn Fn(Style) -> Style,
) -> u16 {
    let total = |pieces: &[Piece]| pieces.iter().map(|p| width(&p.text)).sum::<usize>();
    while total(&pieces) > max {
        let worst = pieces
            .iter()
            .enumerate()
            .filter(|(_, p)| p.drop > 0)
            .max_by_key(|(i, p)| (p.drop, *i))
            .map(|(i, _)| i);
        let Some(worst) = worst else { break };
        pieces.remove(worst);
    }
    let mut used = 0u16;
    for piece in &pieces {
        let room = max.saturating_sub(usize::from(used));
        if room == 0 {
            break;
        }
        used += put(buf, x + used, y, &piece.text, room, patch(piece.style));
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::text::line_text;
    use ratatui::layout::Rect;

    fn line(max: usize, pieces: Vec<Piece>) -> String {
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 1));
        draw(&mut buf, 0, 0, max, pieces, &|s| s);
        line_text(&buf)
    }

    fn pieces() -> Vec<Piece> {
        vec![
            Piece::new("⟳ 1.9.0", Style::new()),
            Piece::new(" in progress", Style::new()).drop(3),
            Piece::new(" 0:42", Style::new()).drop(2),
        ]
    }

    #[test]
    fn the_most_droppable_pieces_go_first_then_the_rest_is_cut() {
        assert_eq!(line(30, pieces()), "⟳ 1.9.0 in progress 0:42");
        assert_eq!(line(20, pieces()), "⟳ 1.9.0 0:42");
        assert_eq!(line(10, pieces()), "⟳ 1.9.0");
        assert_eq!(line(5, pieces()), "⟳ 1.…");
    }
}
