//! Width-aware text: cells, not bytes or chars, so CJK and emoji keep columns aligned.

use chrono::{DateTime, Utc};
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};
use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;

/// Display width in terminal cells, counted as the buffer counts them when it draws:
/// grapheme by grapheme. `str::width` differs for some (an Arabic lam-alef is one cell to
/// it, two graphemes to the buffer; ratatui gives halfwidth sound marks a cell more), and
/// a layout that disagrees with the drawing loses text without an ellipsis.
pub fn width(s: &str) -> usize {
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return s.len();
    }
    s.graphemes(true).map(cells).sum()
}

/// Cells the buffer gives one grapheme: none for one holding a control, which it skips.
fn cells(grapheme: &str) -> usize {
    if grapheme.contains(char::is_control) {
        0
    } else {
        usize::from(grapheme.cell_width())
    }
}

/// `s` cut to at most `max` cells, ending in "…" when anything was cut.
pub fn fit(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::with_capacity(s.len().min(max * 4));
    let mut used = 0;
    for grapheme in s.graphemes(true) {
        let w = cells(grapheme);
        if used + w > max - 1 {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// The last `max` cells of `s`, for inputs whose end (the cursor) must stay in view.
pub fn tail(s: &str, max: usize) -> &str {
    let mut used = 0;
    let mut start = s.len();
    for (i, grapheme) in s.grapheme_indices(true).rev() {
        used += cells(grapheme);
        if used > max {
            break;
        }
        start = i;
    }
    &s[start..]
}

/// Writes `s` at (x, y), never past `max` cells nor the buffer's edge; returns the cells used.
pub fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, max: usize, style: Style) -> u16 {
    if !buf.area.contains((x, y).into()) {
        return 0;
    }
    let max = max.min(usize::from(buf.area.right() - x));
    let (end, _) = buf.set_stringn(x, y, fit(s, max), max, style);
    end - x
}

/// Writes `s` so that it ends at the right edge of `area`'s line `y`; returns its start x.
pub fn put_right(buf: &mut Buffer, area: Rect, y: u16, s: &str, style: Style) -> u16 {
    let w = (width(s) as u16).min(area.width);
    let x = area.right().saturating_sub(w);
    put(buf, x, y, s, usize::from(w), style);
    x
}

/// Centres `s` on line `y` of `area`.
pub fn put_centred(buf: &mut Buffer, area: Rect, y: u16, s: &str, style: Style) {
    let w = (width(s) as u16).min(area.width);
    let x = area.x + (area.width - w) / 2;
    put(buf, x, y, s, usize::from(area.width), style);
}

/// Clears `area` for a box drawn over the screen. A wide character just left of it would
/// have its right half under the box, and a terminal draws such a half-covered character
/// over the box's border: it is blanked too.
pub fn clear_box(buf: &mut Buffer, area: Rect) {
    Clear.render(area, buf);
    let Some(left) = area.x.checked_sub(1) else {
        return;
    };
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((left, y))
            && cell.symbol().cell_width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// What a one-line buffer shows, trailing blanks trimmed: what the unit tests compare.
#[cfg(test)]
pub fn line_text(buf: &Buffer) -> String {
    let text: String = buf.content.iter().map(|c| c.symbol()).collect();
    text.trim_end().to_string()
}

/// Rows `lines` take when wrapped at `width` (an upper bound is enough for sizing).
pub fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(width)).sum();
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// How long something took: "45s", "3m12s", "1h02m".
pub fn span(secs: i64) -> String {
    let secs = secs.max(0);
    match secs {
        ..60 => format!("{secs}s"),
        60..3600 => format!("{}m{:02}s", secs / 60, secs % 60),
        _ => format!("{}h{:02}m", secs / 3600, secs / 60 % 60),
    }
}

/// How long ago: "now", "12m", "5h", "4d".
pub fn age(since: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - since).num_seconds();
    match secs {
        ..60 => "now".to_string(),
        60..3600 => format!("{}m", secs / 60),
        3600..86_400 => format!("{}h", secs / 3600),
        _ => format!("{}d", secs / 86_400),
    }
}

/// "just now", "2m ago": how old something on screen is.
pub fn ago(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match age(at, now).as_str() {
        "now" => "just now".to_string(),
        age => format!("{age} ago"),
    }
}

/// Story points: "3p", "0.5p", "—" when unestimated.
pub fn points(points: Option<f64>) -> String {
    match points {
        None => "—".to_string(),
        Some(p) if p.fract() == 0.0 && p.abs() < 1e6 => format!("{}p", p as i64),
        Some(p) => format!("{p:.1}p"),
    }
}

#[cfg(test)]
mod fuzz_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn fit_counts_cells_not_bytes() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("Fix the login loop", 10), "Fix the l…");
        assert_eq!(width(&fit("修复登录重定向循环", 9)), 9);
        assert_eq!(fit("修复登录重定向循环", 9), "修复登录…");
        // A wide char that would straddle the limit is left out, never half drawn.
        assert_eq!(fit("ab修复", 4), "ab…");
        assert_eq!(fit("🚀🚀🚀🚀", 5), "🚀🚀…");
        assert_eq!(fit("anything", 0), "");
        assert_eq!(fit("anything", 1), "…");
    }

    #[test]
    fn fit_keeps_joined_emoji_whole() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(width(&format!("a{family}b")), 4);
        assert_eq!(fit(&format!("a{family}b"), 3), "a…");
        assert_eq!(fit("e\u{301}e\u{301}x", 2), "e\u{301}…");
        let four = family.repeat(4);
        assert_eq!(fit(&four, 5), format!("{family}{family}…"));
    }

    #[test]
    fn tail_keeps_the_end() {
        assert_eq!(tail("payments", 4), "ents");
        assert_eq!(tail("修复登录", 5), "登录");
        assert_eq!(tail("ab", 5), "ab");
    }

    #[test]
    fn ages_and_points() {
        let now = Utc.with_ymd_and_hms(2025, 3, 10, 12, 0, 0).unwrap();
        let ago = |s: i64| age(now - chrono::Duration::seconds(s), now);
        assert_eq!(ago(-30), "now");
        assert_eq!(ago(59), "now");
        assert_eq!(ago(60 * 12), "12m");
        assert_eq!(ago(3600 * 5 + 10), "5h");
        assert_eq!(ago(86_400 * 4 + 3600), "4d");
        assert_eq!(points(Some(3.0)), "3p");
        assert_eq!(points(Some(0.5)), "0.5p");
        assert_eq!(points(None), "—");
    }

    #[test]
    fn spans_read_like_a_clock() {
        assert_eq!(span(45), "45s");
        assert_eq!(span(192), "3m12s");
        assert_eq!(span(3720), "1h02m");
        assert_eq!(span(-3), "0s");
    }

    #[test]
    fn put_clips_to_the_buffer() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        assert_eq!(put(&mut buf, 2, 0, "abcdefgh", 10, Style::new()), 4);
        assert_eq!(put(&mut buf, 9, 0, "x", 10, Style::new()), 0);
        assert_eq!(put(&mut buf, 0, 3, "x", 10, Style::new()), 0);
        assert_eq!(buf, Buffer::with_lines(["  abc…"]));
    }
}
