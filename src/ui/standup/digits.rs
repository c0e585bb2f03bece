//! Big digits for the countdown on a shared screen: a 3x5 grid per glyph, each dot two cells
//! wide so the glyphs keep the proportions of printed digits.

use crate::ui::text::put;
use ratatui::buffer::Buffer;
use ratatui::style::Style;

pub const HEIGHT: u16 = 5;

fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        '0' => ["###", "# #", "# #", "# #", "###"],
        '1' => [" # ", "## ", " # ", " # ", "###"],
        '2' => ["###", "  #", "###", "#  ", "###"],
        '3' => ["###", "  #", "###", "  #", "###"],
        '4' => ["# #", "# #", "###", "  #", "  #"],
        '5' => ["###", "#  ", "###", "  #", "###"],
        '6' => ["###", "#  ", "###", "# #", "###"],
        '7' => ["###", "  #", "  #", "  #", "  #"],
        '8' => ["###", "# #", "###", "# #", "###"],
        '9' => ["###", "# #", "###", "  #", "###"],
        ':' => ["   ", " # ", "   ", " # ", "   "],
        _ => return None,
    })
}

/// Cells `text` takes when drawn big: 6 per glyph and a gap of 2 between glyphs.
pub fn width(text: &str) -> u16 {
    let glyphs = text.chars().filter(|c| glyph(*c).is_some()).count() as u16;
    (glyphs * 8).saturating_sub(2)
}

/// Draws `text` (digits and ':') with its top-left corner at (x, y).
pub fn draw(buf: &mut Buffer, x: u16, y: u16, text: &str, style: Style) {
    let mut left = x;
    for rows in text.chars().filter_map(glyph) {
        for (dy, row) in rows.iter().enumerate() {
            let line: String = row
                .chars()
                .map(|dot| if dot == '#' { "██" } else { "  " })
                .collect();
            put(buf, left, y + dy as u16, &line, 6, style);
        }
        left += 8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn draws_a_clock() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 22, 5));
        draw(&mut buf, 0, 0, "1:05", Style::new());
        assert_eq!(width("1:05"), 30);
        let first: String = (0..22).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        assert_eq!(first, "  ██            ██████");
    }
}
