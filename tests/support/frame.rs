//! What every frame must be, at any size and in any state: drawn inside its area only, no
//! control character in a cell, no wide character cut in half, the quit hint on the last line,
//! and below the minimum size the "terminal too small" note instead; and known texts either
//! whole or cut with "…". The size sweeps of every screen go through `check`.

use chrono::{DateTime, Utc};
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use shipdeck::app::State;
use shipdeck::app::keymap::Keymap;
use shipdeck::ui::{self, Theme};
use unicode_width::UnicodeWidthStr;

/// The app's minimum size: below it the screen is only the note.
pub const MIN: (u16, u16) = (40, 10);
const NOTE: &str = "terminal too small";
/// The frame is drawn this far from the backend's corner, so a cell drawn outside it shows.
const INSET: (u16, u16) = (3, 2);
/// Shorter prefixes of a known text are too likely to occur by chance.
const MIN_PREFIX: usize = 8;

/// The widths and heights the sweeps draw at: every 7th width and 5th height up to a large
/// screen, plus the edges of the minimum.
pub fn sizes() -> impl Iterator<Item = (u16, u16)> {
    let widths: Vec<u16> = (0..=250).step_by(7).chain([39, 40, 41, 80, 250]).collect();
    let heights: Vec<u16> = (0..=70).step_by(5).chain([9, 10, 11, 12, 24]).collect();
    widths
        .into_iter()
        .flat_map(move |w| heights.clone().into_iter().map(move |h| (w, h)))
}

/// Draws `state` at `width` x `height` and panics, naming `label` and showing the frame, at
/// the first property it breaks. `texts` are texts the state shows on one line each.
pub fn check(
    label: &str,
    state: &State,
    theme: &Theme,
    now: DateTime<Utc>,
    (width, height): (u16, u16),
    texts: &[&str],
) {
    let area = Rect::new(INSET.0, INSET.1, width, height);
    let backend = TestBackend::new(width + 2 * INSET.0, height + 2 * INSET.1);
    let options = TerminalOptions {
        viewport: Viewport::Fixed(area),
    };
    let mut terminal = Terminal::with_options(backend, options).unwrap();
    let keymap = Keymap::default();
    let frame = terminal
        .draw(|f| ui::render(f, state, theme, &keymap, now))
        .unwrap()
        .buffer
        .clone();
    let rows: Vec<String> = (area.top()..area.bottom())
        .map(|y| row(&frame, area, y))
        .collect();
    let fail = |what: String| panic!("{label} at {width}x{height}: {what}\n{}", rows.join("\n"));
    let whole = terminal.backend().buffer();
    for (i, cell) in whole.content.iter().enumerate() {
        let (x, y) = whole.pos_of(i);
        if !area.contains((x, y).into()) && *cell != Cell::default() {
            fail(format!(
                "({x}, {y}) outside the area holds {:?}",
                cell.symbol()
            ));
        }
    }
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let symbol = frame[(x, y)].symbol();
            if symbol.chars().any(char::is_control) {
                fail(format!("({x}, {y}) holds a control character: {symbol:?}"));
            }
            if symbol.width() == 2 {
                let next = frame.cell((x + 1, y)).map(Cell::symbol);
                if x + 1 >= area.right() || !matches!(next, Some(" " | "")) {
                    fail(format!(
                        "({x}, {y}): {symbol:?} cut in half (next: {next:?})"
                    ));
                }
            }
        }
    }
    if width < MIN.0 || height < MIN.1 {
        too_small(&rows, width, height).unwrap_or_else(&fail);
    } else if !rows.last().is_some_and(|r| r.contains(" quit")) {
        fail("no quit hint on the last line".into());
    }
    for text in texts {
        for (y, line) in rows.iter().enumerate() {
            whole_or_cut(line, text).unwrap_or_else(|e| fail(format!("row {y}: {e}")));
        }
    }
}

/// One row as read on screen: the cell behind a wide character is not a character of its own.
fn row(buffer: &Buffer, area: Rect, y: u16) -> String {
    let mut out = String::new();
    let mut x = area.left();
    while x < area.right() {
        let symbol = buffer[(x, y)].symbol();
        out.push_str(symbol);
        x += u16::try_from(symbol.width().max(1)).unwrap();
    }
    out
}

/// Below the minimum: the note, its size and how to quit when they fit; on smaller screens
/// nothing but the note's own characters, in order.
fn too_small(rows: &[String], width: u16, height: u16) -> Result<(), String> {
    let note = format!("{NOTE} {width}x{height}, needs {}x{} q quit", MIN.0, MIN.1);
    if width >= 18 && height >= 3 {
        let text = rows.join("\n");
        for part in [NOTE, "q quit"] {
            if !text.contains(part) {
                return Err(format!("below the minimum without {part:?}"));
            }
        }
        return Ok(());
    }
    let mut left = note.chars();
    for c in rows.concat().chars().filter(|c| !c.is_whitespace()) {
        if !left.any(|n| n == c) {
            return Err(format!("{c:?} is not part of the note {note:?}"));
        }
    }
    Ok(())
}

/// Where a long enough start of `text` is on `line`, the whole text is there or the part
/// shown ends in "…".
fn whole_or_cut(line: &str, text: &str) -> Result<(), String> {
    let ends: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .skip(MIN_PREFIX)
        .collect();
    let Some(prefix) = ends
        .iter()
        .rev()
        .map(|&e| &text[..e])
        .find(|p| line.contains(p))
    else {
        return Ok(());
    };
    if prefix == text {
        return Ok(());
    }
    for (at, _) in line.match_indices(prefix) {
        let after = &line[at + prefix.len()..];
        if !after.starts_with('…') {
            return Err(format!(
                "{text:?} cut without \"…\": {prefix:?} then {:?}",
                after.chars().take(8).collect::<String>()
            ));
        }
    }
    Ok(())
}
