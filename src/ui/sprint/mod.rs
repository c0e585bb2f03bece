//! The sprint screen: header, burndown (or burnup), people, risks and velocity of the sprint
//! picked with `[` / `]`. Two columns when wide; one stacked column when narrow, where the
//! lower sections shrink to their titles before the chart loses its minimum.

mod burn;
mod fmt;
mod layout;
mod people;
mod risks;
mod status;
mod summary;
mod velocity;

pub use burn::draw as draw_burn;
pub use status::{draw as draw_status, hints};
pub use summary::draw as draw_summary;

use super::Ctx;
use super::footer::key_label;
use super::text::wrapped_height;
use crate::app::Action;
use crate::app::sprint::Loaded;
use layout::{Part, allot};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// At least this wide for two columns.
const TWO_COLUMNS: u16 = 110;
const CHART_MIN: u16 = 8;

pub fn draw(buf: &mut Buffer, body: Rect, ctx: &Ctx) {
    let view = &ctx.state.sprint;
    match view.shown_loaded() {
        Some(loaded) => figures(buf, body, loaded, ctx),
        None => notice(buf, body, &waiting(ctx), ctx),
    }
}

/// What the screen says while there are no figures to show.
fn waiting(ctx: &Ctx) -> Vec<(String, Style)> {
    let (state, theme) = (ctx.state, ctx.theme);
    let view = &state.sprint;
    let retry = format!("{} to retry", key_label(ctx.keymap.hint(Action::Refresh)));
    if !state.has_tracker {
        let text = "No tracker configured: add a [jira] table (see config.example.toml)";
        return vec![(text.into(), theme.muted)];
    }
    if let Some(error) = &view.error {
        let what = view
            .shown_sprint()
            .map_or("the board's sprints".to_string(), |s| s.name.clone());
        return vec![
            (format!("⚠ Could not read {what}: {error}"), theme.error),
            (String::new(), theme.text),
            (retry, theme.muted),
        ];
    }
    if view.listed && view.sprints.is_empty() {
        let text = "This board has no sprints: sprint figures need a scrum board";
        return vec![(text.into(), theme.muted)];
    }
    match view.shown_sprint() {
        Some(sprint) => vec![(
            format!("Reading {} and the history of its issues…", sprint.name),
            theme.muted,
        )],
        None => vec![("Reading the board's sprints…".into(), theme.muted)],
    }
}

/// A few lines centred in `area`, wrapped when narrow.
pub fn notice(buf: &mut Buffer, area: Rect, lines: &[(String, Style)], ctx: &Ctx) {
    let lines: Vec<Line> = lines
        .iter()
        .map(|(text, style)| Line::styled(text.clone(), *style))
        .collect();
    let inner = Rect {
        x: area.x + 2,
        width: area.width.saturating_sub(4),
        ..area
    };
    let rows = wrapped_height(&lines, inner.width);
    let area = Rect {
        y: inner.y + inner.height.saturating_sub(rows) / 2,
        height: inner.height.min(rows.saturating_add(1)),
        ..inner
    };
    buf.set_style(area, ctx.theme.text);
    Paragraph::new(lines)
        .centered()
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn figures(buf: &mut Buffer, body: Rect, loaded: &Loaded, ctx: &Ctx) {
    let report = &loaded.report;
    let area = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    let rest = summary::draw(buf, area, loaded, ctx);
    let note = report
        .history_note
        .as_ref()
        .map(|n| vec![Line::styled(format!("ⓘ {n}"), ctx.theme.warning)]);
    if rest.width >= TWO_COLUMNS {
        two_columns(buf, rest, loaded, note, ctx);
    } else {
        one_column(buf, rest, loaded, note, ctx);
    }
}

fn two_columns(buf: &mut Buffer, area: Rect, loaded: &Loaded, note: Option<Vec<Line>>, ctx: &Ctx) {
    let (report, view) = (&loaded.report, &ctx.state.sprint);
    let left_w = area.width * 11 / 20;
    let left = Rect {
        width: left_w,
        ..area
    };
    let right = Rect {
        x: area.x + left_w + 3,
        width: area.width.saturating_sub(left_w + 3),
        ..area
    };
    let note_h = note.as_ref().map_or(0, |n| wrapped_height(n, left.width));
    // Wider than tall on screen: a chart much taller than a third of its width only
    // stretches the lines.
    let mut next = stack(
        left,
        &[
            Part::new(CHART_MIN, left.width / 3),
            Part::new(note_h, note_h + 1),
            Part::new(1, velocity::height(report) + 1),
        ],
    );
    burn::draw(buf, next(), report, view.burnup, ctx);
    draw_note(buf, next(), note);
    velocity::draw(buf, next(), report, ctx);

    let mut next = stack(
        right,
        &[
            Part::new(2, people::height(report) + 1),
            Part::new(1, risks::height(report) + 1),
        ],
    );
    people::draw(buf, next(), report, ctx);
    risks::draw(buf, next(), report, view.rules.aging_days, ctx);
}

/// Narrow: chart, note, people, risks, velocity under each other; the chart keeps its
/// minimum, the note is never dropped, and the rest shrink to their titles first.
fn one_column(buf: &mut Buffer, area: Rect, loaded: &Loaded, note: Option<Vec<Line>>, ctx: &Ctx) {
    let (report, view) = (&loaded.report, &ctx.state.sprint);
    let note_h = note.as_ref().map_or(0, |n| wrapped_height(n, area.width));
    let mut next = stack(
        area,
        &[
            Part::new(CHART_MIN, CHART_MIN.max(area.height / 2)),
            Part::new(note_h, note_h),
            Part::new(2, people::height(report)),
            Part::new(1, risks::height(report)),
            Part::new(1, velocity::height(report)),
        ],
    );
    burn::draw(buf, next(), report, view.burnup, ctx);
    draw_note(buf, next(), note);
    people::draw(buf, next(), report, ctx);
    risks::draw(buf, next(), report, view.rules.aging_days, ctx);
    velocity::draw(buf, next(), report, ctx);
}

fn draw_note(buf: &mut Buffer, area: Rect, note: Option<Vec<Line>>) {
    if let Some(note) = note {
        Paragraph::new(note)
            .wrap(Wrap { trim: true })
            .render(area, buf);
    }
}

/// Rows for `parts` stacked in `area` (earlier parts first, see `allot`), handed out top to
/// bottom by the returned closure, one call per part.
fn stack(area: Rect, parts: &[Part]) -> impl FnMut() -> Rect + use<> {
    let order: Vec<usize> = (0..parts.len()).collect();
    let mut heights = allot(area.height, parts, &order).into_iter();
    let mut y = area.y;
    move || {
        let height = heights.next().unwrap_or(0);
        let part = Rect { y, height, ..area };
        y += height;
        part
    }
}
