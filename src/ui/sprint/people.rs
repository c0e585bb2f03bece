//! Who holds what: in progress, done and not started (issues and points) per person, their
//! WIP, and a mark on whoever has nothing in progress.

use super::fmt::pts;
use crate::domain::sprint::{Load, PersonLoad, SprintReport};
use crate::ui::Ctx;
use crate::ui::text::{put, put_right};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

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
    let idle: Vec<&str> = report
        .idle
        .iter()
        .map(|p| p.display_name.as_str())
        .collect();
    let title = if idle.is_empty() {
        "People".to_string()
    } else {
        format!("People · nothing in progress: {}", idle.join(", "))
    };
    put(
        buf,
        area.x,
        area.y,
        &title,
        usize::from(area.width),
        theme.title,
    );
    if area.height < height(report) {
        compact(buf, area, report, ctx);
        return;
    }
    let wide = area.width >= 30 + WIDE.iter().sum::<u16>();
    let (widths, headings) = if wide {
        (WIDE, HEADINGS)
    } else {
        (NARROW, NARROW_HEADINGS)
    };
    let figures: u16 = widths.iter().sum();
    let name_w = usize::from(area.width.saturating_sub(figures + 1));
    let mut y = area.y + 1;
    row(
        buf,
        area,
        y,
        widths,
        &headings.map(String::from),
        theme.muted,
    );
    for load in &report.per_person {
        y += 1;
        person_row(buf, area, y, widths, name_w, load, ctx);
    }
}

/// Too few rows for the table: who has how much in progress, as flowing text.
fn compact(buf: &mut Buffer, area: Rect, report: &SprintReport, ctx: &Ctx) {
    let theme = ctx.theme;
    let mut spans = vec![Span::styled("In progress: ", theme.muted)];
    let busy = report.per_person.iter().filter(|l| l.wip > 0);
    for (i, load) in busy.enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.muted));
        }
        let name = load
            .person
            .as_ref()
            .map_or("Unassigned", |p| p.display_name.as_str());
        spans.push(Span::styled(name.to_string(), theme.assignee));
        let figures = format!(" {} ({})", load.wip, pts(load.in_progress.points));
        spans.push(Span::styled(figures, theme.text));
    }
    let rest = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    Paragraph::new(Line::from(spans))
        .wrap(Wrap { trim: true })
        .render(rest, buf);
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
        put(
            buf,
            x + 1,
            y,
            "○ idle",
            name_w.saturating_sub(usize::from(x - area.x) + 1),
            theme.warning,
        );
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
fn row(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    widths: [u16; 4],
    cells: &[String; 4],
    style: ratatui::style::Style,
) {
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
