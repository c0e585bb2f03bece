//! Who holds what: in progress, done and not started (issues and points) per person, their
//! WIP, and a mark on whoever has nothing in progress.

use super::fmt::pts;
use crate::domain::sprint::{Load, PersonLoad, SprintReport};
use crate::ui::Ctx;
use crate::ui::text::{put, put_right};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const HEADINGS: [&str; 4] = ["in progress", "done", "not started", "WIP"];
/// Cells of each figure column when the headings fit, and when they do not.
const WIDE: [u16; 4] = [13, 10, 13, 5];
const NARROW: [u16; 4] = [8, 8, 8, 4];
const NARROW_HEADINGS: [&str; 4] = ["doing", "done", "to do", "WIP"];

/// Rows the table wants: a title, a heading and one line per person.
pub fn height(report: &SprintReport) -> u16 {
    u16::try_from(report.per_person.len() + 2).unwrap_or(u16::MAX)
}

pub fn draw(buf: &mut Buffer, area: Rect, report: &SprintReport, ctx: &Ctx) {
    let theme = ctx.theme;
    if area.height == 0 {
        return;
    }
    let idle = report.idle.len();
    let title = match idle {
        0 => "People".to_string(),
        1 => "People · 1 with nothing in progress".to_string(),
        n => format!("People · {n} with nothing in progress"),
    };
    put(buf, area.x, area.y, &title, usize::from(area.width), theme.title);
    let wide = area.width >= 30 + WIDE.iter().sum::<u16>();
    let (widths, headings) = if wide {
        (WIDE, HEADINGS)
    } else {
        (NARROW, NARROW_HEADINGS)
    };
    let figures: u16 = widths.iter().sum();
    let name_w = usize::from(area.width.saturating_sub(figures + 1));
    let rows = usize::from(area.height.saturating_sub(2));
    if area.height < 2 {
        return;
    }
    let mut y = area.y + 1;
    row(buf, area, y, widths, &headings.map(String::from), theme.muted);
    y += 1;
    let shown = report.per_person.iter().take(rows);
    let cut = report.per_person.len() > rows;
    for (i, load) in shown.enumerate() {
        if cut && i + 1 == rows {
            let more = report.per_person.len() - i;
            put(buf, area.x, y, &format!("… {more} more"), name_w, theme.muted);
            break;
        }
        person_row(buf, area, y, widths, name_w, load, ctx);
        y += 1;
    }
}

fn person_row(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    widths: [u16; 4],
    name_w: usize,
    load: &PersonLoad,
    ctx: &Ctx,
) {
    let theme = ctx.theme;
    let (name, style) = match &load.person {
        Some(p) => (p.display_name.as_str(), theme.assignee),
        None => ("Unassigned", theme.muted),
    };
    let idle = load.person.is_some() && load.wip == 0;
    let x = area.x + put(buf, area.x, y, name, name_w, style);
    if idle {
        // Words, not only colour: mono terminals read it too.
        put(buf, x + 1, y, "○ idle", name_w.saturating_sub(usize::from(x - area.x) + 1), theme.warning);
    }
    let cells = [
        cell(&load.in_progress),
        cell(&load.done),
        cell(&load.not_started),
        load.wip.to_string(),
    ];
    row(buf, area, y, widths, &cells, theme.text);
}

/// Figures right-aligned in their columns at the right of `area`.
fn row(buf: &mut Buffer, area: Rect, y: u16, widths: [u16; 4], cells: &[String; 4], style: ratatui::style::Style) {
    let mut right = area.right();
    for (w, text) in widths.iter().zip(cells).rev() {
        let column = Rect {
            x: right.saturating_sub(*w),
            y,
            width: (*w).min(right - area.x),
            height: 1,
        };
        put_right(buf, column, y, text, style);
        right = column.x;
    }
}

/// "2 · 5p", or "—" for nothing.
fn cell(load: &Load) -> String {
    if load.issues == 0 {
        "—".to_string()
    } else {
        format!("{} · {}", load.issues, pts(load.points))
    }
}
