//! Popups: card detail, WIP confirmation, a pipeline run's re-run or cancel (help is in
//! `help`). Each clears the area beneath it and stays inside the screen at any size.

use super::Ctx;
use super::footer::key_label;
use super::text::{age, points, wrapped_height};
use crate::app::pipelines::RunConfirm;
use crate::app::{Action, Popup};
use crate::domain::IssueKey;
use crate::domain::pipeline::RunAction;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

pub fn draw(buf: &mut Buffer, screen: Rect, popup: &Popup, ctx: &Ctx) {
    match popup {
        Popup::Help => super::help::draw(buf, screen, ctx),
        Popup::Detail(key) => detail(buf, screen, key, ctx),
        Popup::ConfirmWip { key, message, .. } => confirm(buf, screen, key, message, ctx),
        Popup::ConfirmRun(ask) => confirm_run(buf, screen, ask, ctx),
    }
}

/// Clears a centred box of at most `width` x `height`, draws its border and title, and
/// returns the inside.
pub fn open(
    buf: &mut Buffer,
    screen: Rect,
    width: u16,
    height: u16,
    title: &str,
    ctx: &Ctx,
) -> Rect {
    let width = width.min(screen.width.saturating_sub(2));
    let height = height.min(screen.height.saturating_sub(2));
    let area = Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    };
    super::text::clear_box(buf, area);
    buf.set_style(area, ctx.theme.text);
    let block = Block::bordered()
        .border_style(ctx.theme.popup_border)
        .title(Span::styled(format!(" {title} "), ctx.theme.title));
    let inner = block.inner(area);
    block.render(area, buf);
    Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

fn confirm(buf: &mut Buffer, screen: Rect, key: &IssueKey, message: &str, ctx: &Ctx) {
    let theme = ctx.theme;
    let chord =
        |action: Action| Span::styled(ctx.keymap.hint(action).to_string(), theme.footer_key);
    let lines = vec![
        Line::styled(message.to_string(), theme.warning),
        Line::default(),
        Line::from(vec![
            chord(Action::Confirm),
            Span::styled(" move anyway   ", theme.text),
            chord(Action::Deny),
            Span::styled(" / ", theme.text),
            chord(Action::Close),
            Span::styled(" leave it", theme.text),
        ]),
    ];
    let width = 56;
    let height = wrapped_height(&lines, width - 4) + 2;
    let inner = open(buf, screen, width, height, &format!("Move {key}?"), ctx);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

fn confirm_run(buf: &mut Buffer, screen: Rect, ask: &RunConfirm, ctx: &Ctx) {
    let theme = ctx.theme;
    let chord = |action: Action| {
        Span::styled(
            key_label(ctx.keymap.hint(action)).into_owned(),
            theme.footer_key,
        )
    };
    let (title, verb) = match ask.action {
        RunAction::RerunFailed => ("Re-run failed jobs?", " re-run   "),
        RunAction::Cancel => ("Cancel the run?", " cancel it   "),
    };
    let lines = vec![
        Line::styled(ask.message.clone(), theme.warning),
        Line::default(),
        Line::from(vec![
            chord(Action::Confirm),
            Span::styled(verb, theme.text),
            chord(Action::Deny),
            Span::styled(" / ", theme.text),
            chord(Action::Close),
            Span::styled(" leave it", theme.text),
        ]),
    ];
    let width = 60;
    let height = wrapped_height(&lines, width - 4) + 2;
    let inner = open(buf, screen, width, height, title, ctx);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

fn detail(buf: &mut Buffer, screen: Rect, key: &IssueKey, ctx: &Ctx) {
    let (state, theme) = (ctx.state, ctx.theme);
    let Some(issue) = state.issue(key) else {
        let inner = open(buf, screen, 44, 3, &key.0, ctx);
        let gone = Line::styled(format!("{key} is no longer on this board."), theme.muted);
        Paragraph::new(gone)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
        return;
    };
    let field = |name: &str, value: String, style: Style| {
        Line::from(vec![
            Span::styled(format!("{name:<9}"), theme.muted),
            Span::styled(value, style),
        ])
    };
    let mut status = issue.status_name.clone();
    if let Some(since) = issue.status_since {
        status.push_str(&format!(" · {} in status", age(since, ctx.now)));
    }
    let assignee = issue
        .assignee
        .as_ref()
        .map_or("Unassigned".to_string(), |p| p.display_name.clone());
    let labels = if issue.labels.is_empty() {
        "—".to_string()
    } else {
        issue.labels.join(", ")
    };
    let mut lines = vec![
        Line::styled(issue.summary.clone(), theme.title),
        Line::default(),
        field("Status", status, theme.text),
        field("Assignee", assignee, theme.assignee),
        field("Points", points(issue.points), theme.points),
        field(
            "Sprint",
            issue.sprint.clone().unwrap_or_else(|| "—".to_string()),
            theme.text,
        ),
        field("Labels", labels, theme.text),
        field("Link", issue.url.clone(), theme.text),
    ];
    if let Some(pending) = state.pending.get(key) {
        let to = state
            .columns()
            .get(pending.to)
            .map_or("another column", |c| c.name.as_str());
        lines.push(Line::styled(format!("⟳ moving to {to}…"), theme.pending));
    }
    lines.push(Line::default());
    if issue.description.trim().is_empty() {
        lines.push(Line::styled("No description.", theme.muted));
    } else {
        lines.extend(
            issue
                .description
                .lines()
                .map(|l| Line::styled(l.to_string(), theme.text)),
        );
    }
    let width = 84;
    let height = wrapped_height(&lines, width - 4) + 2;
    let inner = open(buf, screen, width, height, &key.0, ctx);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}
