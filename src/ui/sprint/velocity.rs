//! Velocity: completed points of the last closed sprints as a horizontal bar chart (one row a
//! sprint, oldest at the top), with the average in the title.

use super::fmt::pts;
use crate::domain::sprint::SprintReport;
use crate::ui::Ctx;
use crate::ui::text::{fit, put};
use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Widget};

/// Sprint names are cut to this many cells so the bars keep their room.
const LABEL_WIDTH: usize = 14;

/// Rows wanted: the title and one per closed sprint.
pub fn height(report: &SprintReport) -> u16 {
    u16::try_from(report.velocity.len() + 1).unwrap_or(u16::MAX)
}

/// "Velocity · average 23.5p over 6 sprints".
pub fn title(report: &SprintReport) -> String {
    match report.velocity_average {
        Some(avg) => format!(
            "Velocity · average {} over {} sprints",
            pts((avg * 10.0).round() / 10.0),
            report.velocity.len()
        ),
        None => "Velocity · no closed sprint yet".to_string(),
    }
}

pub fn draw(buf: &mut Buffer, area: Rect, report: &SprintReport, ctx: &Ctx) {
    let theme = ctx.theme;
    if area.height == 0 {
        return;
    }
    put(
        buf,
        area.x,
        area.y,
        &title(report),
        usize::from(area.width),
        theme.title,
    );
    if area.height < 2 || report.velocity.is_empty() {
        return;
    }
    let bars: Vec<Bar> = report
        .velocity
        .iter()
        .map(|(name, points)| {
            let style = match report.velocity_average {
                Some(avg) if *points < avg => theme.warning,
                _ => theme.success,
            };
            Bar::default()
                .label(Line::from(fit(name, LABEL_WIDTH).into_owned()))
                .value(points.max(0.0).round() as u64)
                .text_value(pts(*points))
                .style(style)
                .value_style(theme.selection)
        })
        .collect();
    let chart = BarChart::default()
        .direction(Direction::Horizontal)
        .data(BarGroup::default().bars(&bars))
        .bar_width(1)
        .bar_gap(0)
        .label_style(theme.muted);
    let area = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    chart.render(area, buf);
}
