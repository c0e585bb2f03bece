//! One run: a title line (status, name, service, branch, revision, duration, age), then its
//! jobs and their steps as a tree with status and durations; the selected row highlighted.

use super::look::{job_duration, run_duration, short, step_duration, style, symbol, word};
use crate::app::pipelines::{OpenRun, TreeRow, tree_rows};
use crate::domain::pipeline::{Run, RunStatus};
use crate::ui::Ctx;
use crate::ui::text::{ago, put, put_right};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// The duration column at the right.
const TOOK: u16 = 7;

pub fn draw(buf: &mut Buffer, area: Rect, open: &OpenRun, ctx: &Ctx) {
    let theme = ctx.theme;
    let max = usize::from(area.width.saturating_sub(2));
    let Some(run) = &open.run else {
        let text = match &open.error {
            Some(error) => format!("⚠ Could not read run {}: {error}", open.run_id),
            None => format!("Reading run {}…", open.run_id),
        };
        put(buf, area.x + 1, area.y, &text, max, theme.muted);
        return;
    };
    if area.height < 3 {
        return;
    }
    title(buf, area, run, ctx);
    let top = area.y + 2;
    // Over SSH the page cannot open here: its address is on screen to copy.
    match (&open.error, &run.url) {
        (Some(error), _) => {
            put(
                buf,
                area.x + 1,
                area.y + 1,
                &format!("⚠ {error}"),
                max,
                theme.error,
            );
        }
        (None, Some(url)) => {
            put(
                buf,
                area.x + 3,
                area.y + 1,
                url,
                max.saturating_sub(2),
                theme.muted,
            );
        }
        (None, None) => {}
    }
    let rows = tree_rows(run);
    if rows.is_empty() {
        put(
            buf,
            area.x + 3,
            top,
            "this run has no jobs yet",
            max,
            theme.muted,
        );
        return;
    }
    let room = usize::from(area.bottom().saturating_sub(top));
    let skip = (open.selected + 1).saturating_sub(room);
    let shown = rows.iter().enumerate().skip(skip).take(room);
    for ((i, row), y) in shown.zip(top..) {
        let line = Rect::new(area.x, y, area.width, 1);
        draw_row(buf, line, run, *row, i == open.selected, ctx);
    }
}

/// `✖ failed  Build and deploy · payments · main · 9f0e1d2 · 3m12s · 2h ago`
fn title(buf: &mut Buffer, area: Rect, run: &Run, ctx: &Ctx) {
    let theme = ctx.theme;
    let y = area.y;
    let room = |x: u16| usize::from(area.right().saturating_sub(x + 1));
    let mut x = area.x + 1;
    let status = format!("{} {}", symbol(run.status), word(run.status));
    x += put(buf, x, y, &status, room(x), style(run.status, theme)) + 2;
    x += put(buf, x, y, &run.name, room(x), theme.title);
    let mut parts: Vec<(String, Style)> = Vec::new();
    if let Some(service) = &run.service {
        parts.push((service.clone(), theme.text));
    }
    if let Some(branch) = &run.branch {
        parts.push((branch.clone(), theme.text));
    }
    if let Some(revision) = &run.revision {
        parts.push((short(revision), theme.card_key));
    }
    parts.push((run_duration(run, ctx.now), theme.text));
    if let Some(at) = run.created_at {
        parts.push((ago(at, ctx.now), theme.age));
    }
    for (text, style) in parts {
        x += put(buf, x, y, " · ", room(x), theme.muted);
        x += put(buf, x, y, &text, room(x), style);
    }
}

fn draw_row(buf: &mut Buffer, line: Rect, run: &Run, row: TreeRow, selected: bool, ctx: &Ctx) {
    let theme = ctx.theme;
    let y = line.y;
    let (indent, status, name, took, name_style) = match row {
        TreeRow::Job(j) => {
            let job = &run.jobs[j];
            (
                3,
                job.status,
                &job.name,
                job_duration(job, ctx.now),
                theme.title,
            )
        }
        TreeRow::Step { job, step } => {
            let step = &run.jobs[job].steps[step];
            (
                5,
                step.status,
                &step.name,
                step_duration(step, ctx.now),
                theme.text,
            )
        }
    };
    let name_style = if status == RunStatus::Failed {
        theme.error
    } else {
        name_style
    };
    if selected {
        put(buf, line.x + 1, y, "▸", 1, theme.border_focus);
    }
    let x = line.x + indent;
    put(buf, x, y, symbol(status), 1, style(status, theme));
    let took_area = Rect {
        x: line.right().saturating_sub(TOOK + 1),
        width: TOOK,
        ..line
    };
    let room = usize::from(took_area.x.saturating_sub(x + 3));
    put(buf, x + 2, y, name, room, name_style);
    put_right(buf, took_area, y, &took, theme.muted);
    if selected {
        let highlight = Rect {
            x: line.x + 2,
            width: line.width.saturating_sub(2),
            ..line
        };
        buf.set_style(highlight, theme.selection);
    }
}
