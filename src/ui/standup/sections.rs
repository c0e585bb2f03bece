//! Titled lists for the standup pages. Each item is one line: fixed parts, one part that
//! gives way when narrow (a summary), and fixed parts after it. Lists are cut to their room
//! with "… N more"; with room to spare, items get a blank line between them.

use crate::ui::text::{put, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

pub type Part = (String, Style);

#[derive(Clone, Debug, Default)]
pub struct Item {
    pub before: Vec<Part>,
    /// Cut with "…" to what is left of the line.
    pub flex: Option<Part>,
    pub after: Vec<Part>,
}

impl Item {
    pub fn new(before: Vec<Part>, flex: Part, after: Vec<Part>) -> Self {
        Self {
            before,
            flex: Some(flex),
            after,
        }
    }

    /// A line of words alone ("Nothing in progress").
    pub fn words(text: impl Into<String>, style: Style) -> Self {
        Self {
            flex: Some((text.into(), style)),
            ..Self::default()
        }
    }
}

pub struct Section {
    pub title: Part,
    pub items: Vec<Item>,
    /// Shown instead of an empty list.
    pub empty: Option<Item>,
    pub more_style: Style,
}

impl Section {
    fn shown(&self) -> Vec<&Item> {
        match (&self.empty, self.items.is_empty()) {
            (Some(empty), true) => vec![empty],
            _ => self.items.iter().collect(),
        }
    }
}

/// Draws `sections` top to bottom in `area` with a blank line between them. When everything
/// fits twice as loose on a tall screen, items get a blank line between them too. When not
/// everything fits, the blank lines go first; every title shown keeps at least one line under
/// it (an item, or "… N items"), the earlier sections keep more of their items, and sections
/// with no room at all are named on the last line rather than dropped unsaid.
pub fn draw(buf: &mut Buffer, area: Rect, sections: &[Section]) {
    let rows = usize::from(area.height);
    let items: Vec<Vec<&Item>> = sections.iter().map(Section::shown).collect();
    let count = sections.len();
    if count == 0 || rows == 0 {
        return;
    }
    let lines: usize = items.iter().map(Vec::len).sum();
    let tight = count + (count - 1) + lines;
    let loose = tight + lines + (count - 1);
    let step: u16 = if rows >= 30 && loose <= rows { 2 } else { 1 };
    let gap = usize::from(3 * count - 1 <= rows);
    // Rows for `k` sections of a title and one line each.
    let least = |k: usize| 2 * k + gap * k.saturating_sub(1);
    let (shown, note) = if least(count) <= rows {
        (count, 0)
    } else {
        let fit = (0..count).rev().find(|&k| least(k) < rows).unwrap_or(0);
        (fit, 1)
    };
    let mut spare = rows - least(shown) - note;
    let budgets: Vec<usize> = items
        .iter()
        .take(shown)
        .map(|list| {
            if step == 2 {
                return list.len();
            }
            let extra = list.len().saturating_sub(1).min(spare);
            spare -= extra;
            list.len().min(1 + extra)
        })
        .collect();
    let mut y = area.y;
    for (k, section) in sections.iter().take(shown).enumerate() {
        if k > 0 {
            y = y.saturating_add(gap as u16);
        }
        let (text, style) = &section.title;
        put(buf, area.x, y, text, usize::from(area.width), *style);
        y = y.saturating_add(1);
        let (list, budget) = (&items[k], budgets[k]);
        for (i, item) in list.iter().take(budget).enumerate() {
            if i > 0 {
                y = y.saturating_add(step - 1);
            }
            if y >= area.bottom() {
                break;
            }
            if i + 1 == budget && list.len() > budget {
                let more = match list.len() - i {
                    hidden if i > 0 => format!("  … {hidden} more"),
                    1 => "  … 1 item".to_string(),
                    hidden => format!("  … {hidden} items"),
                };
                put(
                    buf,
                    area.x,
                    y,
                    &more,
                    usize::from(area.width),
                    section.more_style,
                );
            } else {
                let line = Rect {
                    y,
                    height: 1,
                    ..area
                };
                draw_item(buf, line, item);
            }
            y = y.saturating_add(1);
        }
    }
    if note == 1 && y < area.bottom() {
        let left: Vec<&str> = sections[shown..]
            .iter()
            .map(|s| s.title.0.as_str())
            .collect();
        let text = format!("… no room for {}", left.join(", "));
        let style = sections[shown].more_style;
        put(buf, area.x, y, &text, usize::from(area.width), style);
    }
}

fn draw_item(buf: &mut Buffer, line: Rect, item: &Item) {
    let right = line.right();
    let room = |x: u16| usize::from(right.saturating_sub(x));
    let mut x = line.x + 2;
    for (text, style) in &item.before {
        x += put(buf, x, line.y, text, room(x), *style) + 1;
    }
    let after: usize = item.after.iter().map(|(t, _)| width(t) + 1).sum();
    if let Some((text, style)) = &item.flex {
        let w = put(buf, x, line.y, text, room(x).saturating_sub(after), *style);
        x += w + 1;
    }
    for (text, style) in &item.after {
        x += put(buf, x, line.y, text, room(x), *style) + 1;
    }
}
