//! The burndown (remaining work per working day against the ideal line) or, toggled with `b`,
//! the burnup (completed against scope), as a ratatui `Chart`. The x axis counts working days,
//! so weekends take no room.

use super::fmt::{day, pts};
use crate::domain::sprint::SprintReport;
use crate::ui::Ctx;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

/// Series as chart points: x is the working day's index in the sprint.
struct Series {
    ideal: Vec<(f64, f64)>,
    remaining: Vec<(f64, f64)>,
    completed: Vec<(f64, f64)>,
    scope: Vec<(f64, f64)>,
    days: Vec<NaiveDate>,
}

fn series(report: &SprintReport) -> Series {
    // The ideal line spans the whole sprint; the burndown only up to today.
    let mut days: Vec<NaiveDate> = report.ideal.iter().map(|(d, _)| *d).collect();
    for point in &report.burndown {
        if !days.contains(&point.date) {
            days.push(point.date);
        }
    }
    days.sort();
    let x = |date: NaiveDate| days.iter().position(|d| *d == date).unwrap_or(0) as f64;
    let burn = |f: fn(&crate::domain::sprint::BurnPoint) -> f64| {
        report
            .burndown
            .iter()
            .map(|p| (x(p.date), f(p)))
            .collect::<Vec<_>>()
    };
    Series {
        ideal: report.ideal.iter().map(|(d, v)| (x(*d), *v)).collect(),
        remaining: burn(|p| p.remaining),
        completed: burn(|p| p.completed),
        scope: burn(|p| p.scope),
        days,
    }
}

/// Draws the chart into `area` (no border: the title line is the first row).
pub fn draw(buf: &mut Buffer, area: Rect, report: &SprintReport, burnup: bool, ctx: &Ctx) {
    let theme = ctx.theme;
    if area.height < 3 {
        return;
    }
    let s = series(report);
    // The title is the legend: words and the marks each line is drawn with, so the lines
    // tell apart without colour.
    let (title, solid, dotted) = if burnup {
        (
            "Burnup",
            ("⠤⠤ completed", theme.success),
            ("•• scope", theme.warning),
        )
    } else {
        (
            "Burndown",
            ("⠤⠤ remaining", theme.border_focus),
            ("•• ideal", theme.muted),
        )
    };
    let legend = Line::from(vec![
        Span::styled(title, theme.title),
        Span::styled(" · points per working day   ", theme.muted),
        Span::styled(solid.0, solid.1),
        Span::raw("  "),
        Span::styled(dotted.0, dotted.1),
    ]);
    legend.render(Rect { height: 1, ..area }, buf);
    let area = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    if s.days.is_empty() {
        Line::from(Span::styled("No working days to chart yet", theme.muted)).render(area, buf);
        return;
    }
    let datasets = if burnup {
        vec![
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Line)
                .style(theme.warning)
                .data(&s.scope),
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.success)
                .data(&s.completed),
        ]
    } else {
        vec![
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Line)
                .style(theme.muted)
                .data(&s.ideal),
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.border_focus)
                .data(&s.remaining),
        ]
    };
    let top = [&s.ideal, &s.scope, &s.remaining]
        .iter()
        .flat_map(|v| v.iter().map(|(_, y)| *y))
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let last = (s.days.len().saturating_sub(1)).max(1) as f64;
    let x_labels = match (s.days.first(), s.days.last()) {
        (Some(first), Some(end)) if first != end => vec![day(*first), day(*end)],
        (Some(first), _) => vec![day(*first)],
        _ => Vec::new(),
    };
    let chart = Chart::new(datasets)
        .style(theme.text)
        .x_axis(
            Axis::default()
                .bounds([0.0, last])
                .labels(x_labels.into_iter().map(|l| Span::styled(l, theme.muted)))
                .labels_alignment(Alignment::Right)
                .style(theme.border),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, top])
                .labels([pts(0.0), pts(top.ceil())].map(|l| Span::styled(l, theme.muted)))
                .style(theme.border),
        )
        .legend_position(None);
    chart.render(area, buf);
}
