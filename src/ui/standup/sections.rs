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
/// fits twice as loose on a tall screen, items get a blank line between them too; when not
/// everything fits, every title stays and the earlier sections keep more of their items.
pub fn draw(buf: &mut Buffer, area: Rect, sections: &[Section]) {
    let rows = usize::from(area.height);
    let items: Vec<Vec<&Item>> = sections.iter().map(Section::shown).collect();
    let gaps = sections.len().saturating_sub(1);
    let tight = sections.len() + gaps + items.iter().map(Vec::len).sum::<usize>();
    let loose = tight + items.iter().map(|i| i.len()).sum::<usize>() + gaps;
    let step: u16 = if rows >= 30 && loose <= rows { 2 } else { 1 };
    let mut left = rows.saturating_sub(sections.len() + gaps);
    let budgets: Vec<usize> = items
        .iter()
        .map(|list| {
            let n = if step == 2 {
                list.len()
            } else {
                list.len().min(left)
            };
            left -= n.min(left);
            n
        })
        .collect();
    let mut y = area.y;
    for (k, section) in sections.iter().enumerate() {
        if k > 0 {
            y = y.saturating_add(1);
        }
        if y >= area.bottom() {
            break;
        }
        let (text, style) = &section.title;
        put(buf, area.x, y, text, usize::from(area.width), *style);
        let (list, budget) = (&items[k], budgets[k]);
        for (i, item) in list.iter().take(budget).enumerate() {
            y = y.saturating_add(if i == 0 { 1 } else { step });
            if y >= area.bottom() {
                break;
            }
            let line = Rect {
                y,
                height: 1,
                ..area
            };
            if budget > 1 && i + 1 == budget && list.len() > budget {
                let more = format!("  … {} more", list.len() - i);
                put(
                    buf,
                    line.x,
                    y,
                    &more,
                    usize::from(line.width),
                    section.more_style,
                );
            } else {
                draw_item(buf, line, item);
            }
        }
        y = y.saturating_add(1);
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
