//! OSC 8 hyperlinks: a web address shown in the status bar becomes clickable in terminals that
//! support them (over SSH too, where no browser can be started); others ignore the sequence.

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use std::num::NonZeroU16;

/// Links the first `http://` / `https://` address drawn in `row`. Only an address of printable
/// ASCII that is shown whole (not cut with "…") qualifies, so text from a server can never
/// carry any other sequence to the terminal.
pub fn hyperlink_first_url(buf: &mut Buffer, row: Rect) {
    let row = row.intersection(buf.area);
    let cells: Vec<&str> = (row.left()..row.right())
        .map(|x| buf[(x, row.y)].symbol())
        .collect();
    let Some(start) = (0..cells.len()).find(|&i| starts_url(&cells[i..])) else {
        return;
    };
    let len = cells[start..]
        .iter()
        .take_while(|s| s.len() == 1 && s.bytes().all(|b| b.is_ascii_graphic()))
        .count();
    let cut = cells.get(start + len).is_some_and(|s| *s == "…");
    let Some(width) = NonZeroU16::new(u16::try_from(len).unwrap_or(0)).filter(|_| !cut) else {
        return;
    };
    let url: String = cells[start..start + len].concat();
    let x = row.left() + start as u16;
    buf[(x, row.y)]
        .set_symbol(&format!("\u{1b}]8;;{url}\u{1b}\\{url}\u{1b}]8;;\u{1b}\\"))
        .set_diff_option(CellDiffOption::ForcedWidth(width));
    for covered in x + 1..x + width.get() {
        buf[(covered, row.y)].set_diff_option(CellDiffOption::Skip);
    }
}

fn starts_url(cells: &[&str]) -> bool {
    ["https://", "http://"].iter().any(|scheme| {
        scheme.len() <= cells.len()
            && scheme
                .chars()
                .zip(cells)
                .all(|(c, s)| s.len() == 1 && s.starts_with(c))
    })
}

#[cfg(test)]
mod tests {
    use super::hyperlink_first_url;
    use ratatui::buffer::{Buffer, CellDiffOption};
    use ratatui::layout::Rect;

    fn row(text: &str) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 60, 1));
        buf.set_string(0, 0, text, ratatui::style::Style::default());
        buf
    }

    #[test]
    fn a_whole_web_address_becomes_one_osc8_link() {
        let mut buf = row("Run page: https://ci.example/r-1 ok");
        hyperlink_first_url(&mut buf, Rect::new(0, 0, 60, 1));
        let cell = &buf[(10, 0)];
        assert_eq!(
            cell.symbol(),
            "\u{1b}]8;;https://ci.example/r-1\u{1b}\\https://ci.example/r-1\u{1b}]8;;\u{1b}\\"
        );
        assert_eq!(
            cell.diff_option,
            CellDiffOption::ForcedWidth(22.try_into().unwrap())
        );
        assert!((11..32).all(|x| buf[(x, 0)].diff_option == CellDiffOption::Skip));
        assert_eq!(buf[(32, 0)].diff_option, CellDiffOption::None);
    }

    #[test]
    fn cut_addresses_and_other_schemes_stay_plain_text() {
        for text in [
            "see https://ci.example/very/lo…",
            "file:///etc/passwd",
            "no link here",
        ] {
            let mut buf = row(text);
            let before = buf.clone();
            hyperlink_first_url(&mut buf, Rect::new(0, 0, 60, 1));
            assert_eq!(buf, before, "{text}");
        }
    }
}
