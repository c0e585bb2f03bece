//! What may sink the sprint: work in progress for too long, blocked cards, cards nobody
//! estimated. Each list is cut to the room it gets, saying how many more there are.

use super::layout::{Part, allot};
use crate::domain::sprint::{Risk, Risks, SprintReport};
use crate::ui::text::{put, width};
use crate::ui::{Ctx, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Names longer than this are cut so the card's summary keeps some room.
const WHO_WIDTH: usize = 16;

#[derive(Clone, Copy)]
enum Kind {
    Aging,
    Blocked,
    Unestimated,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Aging => "aging",
            Kind::Blocked => "blocked",
            Kind::Unestimated => "unestimated",
        }
    }

    fn heading(self, aging_days: u32) -> String {
        match self {
            Kind::Aging => format!("In progress over {aging_days} working days"),
            Kind::Blocked => "Blocked".to_string(),
            Kind::Unestimated => "Unestimated".to_string(),
        }
    }

    fn style(self, theme: &Theme) -> Style {
        match self {
            Kind::Aging => theme.warning,
            Kind::Blocked => theme.error,
            Kind::Unestimated => theme.text,
        }
    }
}

/// The non-empty lists, most urgent first.
fn lists(risks: &Risks) -> Vec<(Kind, &[Risk])> {
    [
        (Kind::Blocked, risks.blocked.as_slice()),
        (Kind::Aging, risks.aging.as_slice()),
        (Kind::Unestimated, risks.unestimated.as_slice()),
    ]
    .into_iter()
    .filter(|(_, list)| !list.is_empty())
    .collect()
}

/// Rows the lists want: a title, then per non-empty list a heading and its cards.
pub fn height(report: &SprintReport) -> u16 {
    let rows: usize = lists(&report.risks).iter().map(|(_, l)| l.len() + 1).sum();
    u16::try_from(rows + 1).unwrap_or(u16::MAX)
}

/// "2 aging · 1 blocked", or "none".
pub fn counts(risks: &Risks) -> String {
    let parts: Vec<String> = lists(risks)
        .iter()
        .map(|(kind, list)| format!("{} {}", list.len(), kind.word()))
        .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(" · ")
    }
}

pub fn draw(buf: &mut Buffer, area: Rect, report: &SprintReport, aging_days: u32, ctx: &Ctx) {
    if area.height == 0 {
        return;
    }
    let max = usize::from(area.width);
    let title = format!("Risks · {}", counts(&report.risks));
    put(buf, area.x, area.y, &title, max, ctx.theme.title);
    let lists = lists(&report.risks);
    // Every list keeps its heading and a card while rows last; then, most urgent first,
    // the rest of their cards.
    let parts: Vec<Part> = lists
        .iter()
        .map(|(_, list)| Part::new(2, u16::try_from(list.len() + 1).unwrap_or(u16::MAX)))
        .collect();
    let order: Vec<usize> = (0..lists.len()).collect();
    let heights = allot(area.height - 1, &parts, &order);
    let mut y = area.y + 1;
    for ((kind, list), rows) in lists.iter().zip(heights) {
        if rows == 0 {
            continue;
        }
        let heading = kind.heading(aging_days);
        put(buf, area.x, y, &heading, max, kind.style(ctx.theme));
        y += 1;
        let room = usize::from(rows - 1);
        for (i, risk) in list.iter().enumerate().take(room) {
            if i + 1 == room && list.len() > room {
                let more = format!("… {} more", list.len() - i);
                put(buf, area.x + 2, y, &more, max, ctx.theme.muted);
            } else {
                line(
                    buf,
                    Rect {
                        y,
                        height: 1,
                        ..area
                    },
                    risk,
                    ctx,
                );
            }
            y += 1;
        }
    }
}

/// "  PAY-12 Migrate the ledger…  Ana Kowalski 5d".
fn line(buf: &mut Buffer, area: Rect, risk: &Risk, ctx: &Ctx) {
    let theme = ctx.theme;
    let right = area.right();
    let room = |x: u16| usize::from(right.saturating_sub(x));
    let mut x = area.x + 2;
    x += put(buf, x, area.y, &risk.key.0, room(x), theme.card_key) + 1;
    let days = risk.days.map(|d| format!("{d}d")).unwrap_or_default();
    let who = risk
        .assignee
        .as_ref()
        .map_or(String::new(), |p| p.display_name.clone());
    let tail = width(&days) + width(&who).min(WHO_WIDTH) + 2;
    x += put(
        buf,
        x,
        area.y,
        &risk.summary,
        room(x).saturating_sub(tail),
        theme.text,
    ) + 1;
    if !who.is_empty() {
        x += put(buf, x, area.y, &who, room(x).min(WHO_WIDTH), theme.assignee) + 1;
    }
    put(buf, x, area.y, &days, room(x), theme.age);
}
