//! The closing team page: the sprint's header and burndown, what is blocked, and which
//! board columns break their WIP limits.

use super::sections::{self, Item, Section};
use crate::app::sprint::Loaded;
use crate::domain::WipState;
use crate::ui::Ctx;
use crate::ui::sprint::{draw_burn, draw_summary};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const TWO_COLUMNS: u16 = 120;
const CHART_MIN: u16 = 8;

pub fn draw(buf: &mut Buffer, area: Rect, loaded: &Loaded, ctx: &Ctx) {
    let report = &loaded.report;
    let rest = draw_summary(buf, area, loaded, ctx);
    let lists = [blocked(loaded, ctx), breaches(ctx)];
    if rest.width >= TWO_COLUMNS {
        let left_w = rest.width * 11 / 20;
        draw_burn(
            buf,
            Rect {
                width: left_w,
                ..rest
            },
            report,
            false,
            ctx,
        );
        let right = Rect {
            x: rest.x + left_w + 3,
            width: rest.width.saturating_sub(left_w + 3),
            ..rest
        };
        sections::draw(buf, right, &lists);
        return;
    }
    // The lists first (they are what the team talks about), the chart what is left, but at
    // least its minimum.
    let gaps = lists.len().saturating_sub(1);
    let wanted = lists
        .iter()
        .map(|s| 1 + s.items.len().max(1))
        .sum::<usize>()
        + gaps;
    let wanted = u16::try_from(wanted).unwrap_or(u16::MAX);
    let lists_h = wanted.min(rest.height.saturating_sub(CHART_MIN + 1));
    let chart_h = rest.height.saturating_sub(lists_h + 1);
    draw_burn(
        buf,
        Rect {
            height: chart_h,
            ..rest
        },
        report,
        false,
        ctx,
    );
    let below = Rect {
        y: rest.y + chart_h + 1,
        height: lists_h,
        ..rest
    };
    sections::draw(buf, below, &lists);
}

fn blocked(loaded: &Loaded, ctx: &Ctx) -> Section {
    let theme = ctx.theme;
    let items = loaded
        .report
        .risks
        .blocked
        .iter()
        .map(|risk| {
            let who = risk
                .assignee
                .as_ref()
                .map_or(String::new(), |p| p.display_name.clone());
            Item::new(
                vec![
                    ("✖".into(), theme.error),
                    (risk.key.0.clone(), theme.card_key),
                ],
                (risk.summary.clone(), theme.text),
                vec![(who, theme.assignee)],
            )
        })
        .collect();
    Section {
        title: ("Blocked".into(), theme.error),
        items,
        empty: Some(Item::words("Nothing blocked", theme.success)),
        more_style: theme.muted,
    }
}

/// Columns over their WIP maximum or under their minimum, from the board on screen.
fn breaches(ctx: &Ctx) -> Section {
    let theme = ctx.theme;
    let title = ("WIP limits".to_string(), theme.title);
    let Some(board) = &ctx.state.board else {
        return Section {
            title,
            items: Vec::new(),
            empty: Some(Item::words("The board has not been read yet", theme.muted)),
            more_style: theme.muted,
        };
    };
    let items = board
        .columns
        .iter()
        .enumerate()
        .filter_map(|(i, column)| {
            let count = board.count(i);
            let (word, style) = match column.wip(count) {
                WipState::Over => ("▲ over", theme.wip_over),
                WipState::Under => ("▽ starved", theme.wip_under),
                WipState::Ok | WipState::Full => return None,
            };
            Some(Item::new(
                Vec::new(),
                (column.title(count), theme.text),
                vec![(word.to_string(), style)],
            ))
        })
        .collect();
    Section {
        title,
        items,
        empty: Some(Item::words(
            "Every column is within its limits",
            theme.success,
        )),
        more_style: theme.muted,
    }
}
