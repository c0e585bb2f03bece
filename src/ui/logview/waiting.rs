//! The viewer's body while a job's log cannot be read yet (GitHub serves it only when the job
//! ends): the provider's note in the middle, and under it the job's steps as the polled run
//! reports them, so the job's progress shows while its log does not.

use crate::app::pipelines::logview::LogViewer;
use crate::domain::pipeline::{RunStatus, Step};
use crate::ui::Ctx;
use crate::ui::pipelines::look::{step_duration, style, symbol};
use crate::ui::text::{put, put_centred, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn draw(buf: &mut Buffer, area: Rect, viewer: &LogViewer, note: &str, ctx: &Ctx) {
    let theme = ctx.theme;
    let steps = steps(viewer, ctx);
    let wanted = 1 + if steps.is_empty() { 0 } else { 1 + steps.len() };
    let height = usize::from(area.height);
    let top = area.y + u16::try_from(height.saturating_sub(wanted) / 2).unwrap_or(0);
    put_centred(buf, area, top, &format!("⏸ {note}"), theme.warning);
    // The steps as one block, centred by its widest line: symbol, name, then how long it took.
    let took = |s: &Step| match s.status {
        RunStatus::Running | RunStatus::Queued => String::new(),
        _ => step_duration(s, ctx.now),
    };
    let line_w = |s: &Step| 2 + width(&s.name) + 2 + width(&took(s));
    let block = steps.iter().map(line_w).max().unwrap_or(0);
    let block = block.min(usize::from(area.width.saturating_sub(2)));
    let x = area.x + u16::try_from((usize::from(area.width) - block) / 2).unwrap_or(0);
    let rows = (top + 2..area.bottom()).zip(steps);
    for (y, step) in rows {
        put(buf, x, y, symbol(step.status), 1, style(step.status, theme));
        let took = took(step);
        let name_room = block.saturating_sub(2 + width(&took) + 2);
        let name_style = if step.status == RunStatus::Failed {
            theme.error
        } else {
            theme.text
        };
        put(buf, x + 2, y, &step.name, name_room, name_style);
        let right = x + u16::try_from(block).unwrap_or(0);
        let took_x = right.saturating_sub(u16::try_from(width(&took)).unwrap_or(0));
        put(buf, took_x, y, &took, width(&took), theme.muted);
    }
}

/// The steps of the viewer's job in the open run, as last read.
fn steps<'a>(viewer: &LogViewer, ctx: &Ctx<'a>) -> &'a [Step] {
    let source = &viewer.source;
    ctx.state
        .pipelines
        .run
        .as_ref()
        .filter(|open| open.backend == source.backend && open.run_id == source.run_id)
        .and_then(|open| open.run.as_ref())
        .and_then(|run| run.jobs.iter().find(|j| j.id == source.job_id))
        .map_or(&[], |job| job.steps.as_slice())
}
