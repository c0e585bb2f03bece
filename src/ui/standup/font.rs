//! Big letters for a shared screen: a 5x5 dot font (A-Z, 0-9 and a few marks) drawn either
//! large (each dot two cells wide, five rows) or half size with half blocks (three rows).
//! Text the font cannot draw (accents, CJK) is left to the caller to show as plain text.

use crate::ui::text::put;
use ratatui::buffer::Buffer;
use ratatui::style::Style;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// Five rows; a dot is two cells.
    Large,
    /// Three rows of half blocks; a dot is one cell.
    Half,
}

impl Size {
    pub fn height(self) -> u16 {
        match self {
            Size::Large => 5,
            Size::Half => 3,
        }
    }

    fn dot(self) -> u16 {
        match self {
            Size::Large => 2,
            Size::Half => 1,
        }
    }
}

fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        'A' => [" ### ", "#   #", "#####", "#   #", "#   #"],
        'B' => ["#### ", "#   #", "#### ", "#   #", "#### "],
        'C' => [" ####", "#    ", "#    ", "#    ", " ####"],
        'D' => ["#### ", "#   #", "#   #", "#   #", "#### "],
        'E' => ["#####", "#    ", "#### ", "#    ", "#####"],
        'F' => ["#####", "#    ", "#### ", "#    ", "#    "],
        'G' => [" ####", "#    ", "#  ##", "#   #", " ####"],
        'H' => ["#   #", "#   #", "#####", "#   #", "#   #"],
        'I' => ["###", " # ", " # ", " # ", "###"],
        'J' => ["#####", "   # ", "   # ", "#  # ", " ##  "],
        'K' => ["#   #", "#  # ", "###  ", "#  # ", "#   #"],
        'L' => ["#    ", "#    ", "#    ", "#    ", "#####"],
        'M' => ["#   #", "## ##", "# # #", "#   #", "#   #"],
        'N' => ["#   #", "##  #", "# # #", "#  ##", "#   #"],
        'O' => [" ### ", "#   #", "#   #", "#   #", " ### "],
        'P' => ["#### ", "#   #", "#### ", "#    ", "#    "],
        'Q' => [" ### ", "#   #", "# # #", "#  # ", " ## #"],
        'R' => ["#### ", "#   #", "#### ", "#  # ", "#   #"],
        'S' => [" ####", "#    ", " ### ", "    #", "#### "],
        'T' => ["#####", "  #  ", "  #  ", "  #  ", "  #  "],
        'U' => ["#   #", "#   #", "#   #", "#   #", " ### "],
        'V' => ["#   #", "#   #", "#   #", " # # ", "  #  "],
        'W' => ["#   #", "#   #", "# # #", "## ##", "#   #"],
        'X' => ["#   #", " # # ", "  #  ", " # # ", "#   #"],
        'Y' => ["#   #", " # # ", "  #  ", "  #  ", "  #  "],
        'Z' => ["#####", "   # ", "  #  ", " #   ", "#####"],
        '0' => [" ### ", "#  ##", "# # #", "##  #", " ### "],
        '1' => ["  #  ", " ##  ", "  #  ", "  #  ", " ### "],
        '2' => [" ### ", "#   #", "  ## ", " #   ", "#####"],
        '3' => ["#### ", "    #", " ### ", "    #", "#### "],
        '4' => ["#   #", "#   #", "#####", "    #", "    #"],
        '5' => ["#####", "#    ", "#### ", "    #", "#### "],
        '6' => [" ### ", "#    ", "#### ", "#   #", " ### "],
        '7' => ["#####", "    #", "   # ", "  #  ", "  #  "],
        '8' => [" ### ", "#   #", " ### ", "#   #", " ### "],
        '9' => [" ### ", "#   #", " ####", "    #", " ### "],
        ':' => [" ", "#", " ", "#", " "],
        '.' => [" ", " ", " ", " ", "#"],
        '\'' => ["#", "#", " ", " ", " "],
        '-' => ["   ", "   ", "###", "   ", "   "],
        ' ' => ["  ", "  ", "  ", "  ", "  "],
        _ => return None,
    })
}

/// The glyphs of `text` in upper case, or None when the font lacks one of them.
fn glyphs(text: &str) -> Option<Vec<[&'static str; 5]>> {
    text.to_uppercase().chars().map(glyph).collect()
}

/// Cells `text` takes at `size` (one dot of space between glyphs); None when it cannot be
/// drawn.
pub fn width(text: &str, size: Size) -> Option<u16> {
    let glyphs = glyphs(text)?;
    let dots: usize = glyphs.iter().map(|g| g[0].len() + 1).sum();
    let cells = dots.saturating_sub(1) * usize::from(size.dot());
    u16::try_from(cells).ok()
}

/// Draws `text` with its top-left corner at (x, y), never past `max` cells; returns false
/// (drawing nothing) when the font cannot draw it.
pub fn draw(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    text: &str,
    size: Size,
    max: u16,
    style: Style,
) -> bool {
    let Some(glyphs) = glyphs(text) else {
        return false;
    };
    for row in 0..size.height() {
        let mut line = String::new();
        for (i, g) in glyphs.iter().enumerate() {
            if i > 0 {
                line.push_str(&" ".repeat(usize::from(size.dot())));
            }
            line.push_str(&cells(g, row, size));
        }
        put(buf, x, y + row, &line, usize::from(max), style);
    }
    true
}

/// One terminal row of a glyph.
fn cells(glyph: &[&str; 5], row: u16, size: Size) -> String {
    let on = |r: usize, i: usize| glyph.get(r).and_then(|l| l.as_bytes().get(i)) == Some(&b'#');
    let wide = glyph[0].len();
    let row = usize::from(row);
    (0..wide)
        .map(|i| match size {
            Size::Large if on(row, i) => "██",
            Size::Large => "  ",
            Size::Half => match (on(2 * row, i), on(2 * row + 1, i)) {
                (true, true) => "█",
                (true, false) => "▀",
                (false, true) => "▄",
                (false, false) => " ",
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn rows(text: &str, size: Size) -> Vec<String> {
        let w = width(text, size).unwrap();
        let mut buf = Buffer::empty(Rect::new(0, 0, w, size.height()));
        assert!(draw(&mut buf, 0, 0, text, size, w, Style::new()));
        (0..size.height())
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect())
            .collect()
    }

    #[test]
    fn large_and_half_sizes() {
        // 5 + 1 + 5 + 5 dots and three gaps, two cells a dot.
        assert_eq!(width("1:05", Size::Large), Some(38));
        let top = format!("    ██{}██████  ", " ".repeat(12));
        assert_eq!(rows("1:0", Size::Large)[0], top);
        assert_eq!(
            rows("Bo", Size::Half),
            ["█▀▀▀▄ ▄▀▀▀▄", "█▀▀▀▄ █   █", "▀▀▀▀   ▀▀▀ "]
        );
    }

    #[test]
    fn letters_the_font_lacks_are_refused() {
        assert_eq!(width("Zoë", Size::Large), None);
        assert_eq!(width("王芳", Size::Half), None);
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 5));
        assert!(!draw(&mut buf, 0, 0, "Zoë", Size::Large, 10, Style::new()));
    }
}
