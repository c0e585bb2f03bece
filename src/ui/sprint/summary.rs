//! The sprint's header: name, state and dates, goal, committed against completed, scope
//! changes. Shared with the standup's team page.

use super::fmt::{day_of, percent, pts};
use crate::app::sprint::Loaded;
use crate::domain::sprint::SprintReport;
use crate::domain::{Sprint, SprintState};
use crate::ui::Ctx;
use crate::ui::text::wrapped_height;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Draws the header at the top of `area`; returns what is left below it, a line apart.
pub fn draw(buf: &mut Buffer, area: Rect, loaded: &Loaded, ctx: &Ctx) -> Rect {
    let header = lines(&loaded.data.sprint, &loaded.report, area.width, ctx);
    let header_h = wrapped_height(&header, area.width).min(area.height);
    Paragraph::new(header).wrap(Wrap { trim: true }).render(
        Rect {
            height: header_h,
            ..area
        },
        buf,
    );
    Rect {
        y: area.y + header_h + 1,
        height: area.height.saturating_sub(header_h + 1),
        ..area
    }
}

/// The header's lines for `width` cells; the caller wraps what is still too long.
pub fn lines(sprint: &Sprint, report: &SprintReport, width: u16, ctx: &Ctx) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let sep = || Span::styled(" · ", theme.muted);
    let mut first = vec![Span::styled(report.name.clone(), theme.title)];
    first.extend([sep(), Span::styled(state_word(sprint.state), theme.muted)]);
    if let Some(dates) = dates(report) {
        first.extend([sep(), Span::styled(dates, theme.text)]);
    }
    if let Some(left) = days_left(sprint.state, report) {
        let style = if report.days_left == Some(0) && sprint.state == SprintState::Active {
            theme.warning
        } else {
            theme.text
        };
        first.extend([sep(), Span::styled(left, style)]);
    }
    let mut lines = vec![Line::from(first)];
    if let Some(goal) = report.goal.as_ref().filter(|g| !g.trim().is_empty()) {
        lines.push(Line::from(vec![
            Span::styled("Goal ", theme.muted),
            Span::styled(goal.clone(), theme.text),
        ]));
    }
    let figures = Line::from(figures(report, ctx));
    let scope = Line::from(scope(report, ctx));
    // Scope changes follow the figures when they fit, else get a line of their own rather
    // than being wrapped in the middle.
    if figures.width() + scope.width() <= usize::from(width) {
        let mut both = figures;
        both.spans.extend(scope.spans);
        lines.push(both);
    } else {
        lines.push(figures);
        let mut scope = scope;
        if let Some(first) = scope.spans.first_mut() {
            first.content = first.content.trim_start().to_string().into();
        }
        lines.push(scope);
    }
    lines.retain(|l| l.width() > 0);
    lines
}

fn state_word(state: SprintState) -> &'static str {
    match state {
        SprintState::Active => "active",
        SprintState::Future => "future",
        SprintState::Closed => "closed",
    }
}

/// "Mon 2 Mar – Fri 13 Mar".
fn dates(report: &SprintReport) -> Option<String> {
    match (report.start, report.end) {
        (Some(s), Some(e)) => Some(format!("{} – {}", day_of(s), day_of(e))),
        (Some(s), None) => Some(format!("from {}", day_of(s))),
        (None, Some(e)) => Some(format!("until {}", day_of(e))),
        (None, None) => None,
    }
}

fn days_left(state: SprintState, report: &SprintReport) -> Option<String> {
    let total = report.working_days;
    match (state, report.days_left) {
        (SprintState::Closed, _) | (_, None) => None,
        (SprintState::Future, _) => Some(format!("{total} working days")),
        (SprintState::Active, Some(0)) => Some("past its end date".into()),
        (SprintState::Active, Some(1)) => Some(format!("1 of {total} working days left")),
        (SprintState::Active, Some(left)) => Some(format!("{left} of {total} working days left")),
    }
}

/// "Committed 30p · 10 issues  Completed 21p · 7 issues 70%".
fn figures(report: &SprintReport, ctx: &Ctx) -> Vec<Span<'static>> {
    let theme = ctx.theme;
    let issues = |n: usize| {
        if n == 1 {
            "1 issue".to_string()
        } else {
            format!("{n} issues")
        }
    };
    let mut spans = vec![
        Span::styled("Committed ", theme.muted),
        Span::styled(pts(report.committed_points), theme.points),
        Span::styled(
            format!(" · {}", issues(report.committed_issues)),
            theme.text,
        ),
        Span::styled("  Completed ", theme.muted),
        Span::styled(pts(report.completed_points), theme.success),
        Span::styled(
            format!(" · {}", issues(report.completed_issues)),
            theme.text,
        ),
    ];
    let share = percent(report.completed_points, report.committed_points);
    if !share.is_empty() {
        spans.push(Span::styled(format!(" {share}"), theme.success));
    }
    spans
}

/// "  Scope +6p (2 added) −2p (1 removed)", or nothing when the scope did not change.
fn scope(report: &SprintReport, ctx: &Ctx) -> Vec<Span<'static>> {
    let theme = ctx.theme;
    let mut spans = Vec::new();
    let (added, removed) = (&report.added, &report.removed);
    if added.issues > 0 || removed.issues > 0 {
        spans.push(Span::styled("  Scope", theme.muted));
        if added.issues > 0 {
            let text = format!(" +{} ({} added)", pts(added.points), added.issues);
            spans.push(Span::styled(text, theme.warning));
        }
        if removed.issues > 0 {
            let text = format!(" −{} ({} removed)", pts(removed.points), removed.issues);
            spans.push(Span::styled(text, theme.text));
        }
    }
    spans
}
