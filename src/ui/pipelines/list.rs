//! The run list: every backend's recent runs, newest first, one row each. A failed run's
//! service and name are in the error style; columns that do not fit are left out, least
//! useful first.

use super::look::{run_duration, short, style, symbol};
use crate::app::pipelines::RunRef;
use crate::domain::pipeline::{Run, RunStatus};
use crate::ui::Ctx;
use crate::ui::text::{ago, put, put_right, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Fewer cells than this for the run's name and a column is dropped.
const MIN_NAME: usize = 12;
const REV: usize = 7;
const TOOK: usize = 6;
const STARTED: usize = 8;

/// Where each column starts (None: left out) and how wide it is.
struct Columns {
    service: (u16, usize),
    name: (u16, usize),
    branch: Option<(u16, usize)>,
    rev: Option<u16>,
    took: u16,
    started: Option<u16>,
}

enum Line<'a> {
    Backend(&'a str),
    Empty,
    Run(usize, &'a Run),
}

pub fn draw(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let view = &ctx.state.pipelines;
    let theme = ctx.theme;
    if area.height < 2 {
        return;
    }
    let rows = view.rows();
    let titled = view.backends.iter().filter(|b| b.ci).count() > 1;
    let mut lines = Vec::new();
    for (b, backend) in view.backends.iter().enumerate().filter(|(_, b)| b.ci) {
        if titled {
            lines.push(Line::Backend(&backend.name));
        }
        if backend.runs.is_empty() && backend.last_synced.is_some() {
            lines.push(Line::Empty);
        }
        for (r, run) in backend.runs.iter().enumerate() {
            let flat = rows
                .iter()
                .position(|x| *x == RunRef { backend: b, run: r });
            lines.push(Line::Run(flat.unwrap_or(usize::MAX), run));
        }
    }
    let columns = columns(area, view.backends.iter().flat_map(|b| &b.runs));
    header(buf, area, &columns, ctx);
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    let selected_line = lines
        .iter()
        .position(|l| matches!(l, Line::Run(i, _) if *i == view.selected))
        .unwrap_or(0);
    let skip = (selected_line + 1).saturating_sub(usize::from(body.height));
    for (line, y) in lines.iter().skip(skip).zip(body.y..body.bottom()) {
        let row = Rect {
            y,
            height: 1,
            ..body
        };
        match line {
            Line::Backend(name) => {
                put(
                    buf,
                    row.x + 1,
                    y,
                    name,
                    usize::from(row.width),
                    theme.lane_header,
                );
            }
            Line::Empty => {
                put(
                    buf,
                    row.x + 3,
                    y,
                    "no runs yet",
                    usize::from(row.width),
                    theme.muted,
                );
            }
            Line::Run(index, run) => {
                draw_run(buf, row, &columns, run, *index == view.selected, ctx)
            }
        }
    }
}

fn columns<'a>(area: Rect, runs: impl Iterator<Item = &'a Run> + Clone) -> Columns {
    let widest = |f: &dyn Fn(&Run) -> usize, cap: usize, floor: usize| {
        runs.clone().map(f).max().unwrap_or(0).clamp(floor, cap)
    };
    let service = widest(&|r| r.service.as_deref().map_or(1, width), 16, 7);
    let branch = widest(&|r| r.branch.as_deref().map_or(1, width), 20, 6);
    let total = usize::from(area.width);
    // Left edge, symbol, and a space after each column.
    let fixed = 3 + service + 1 + TOOK + 1;
    let mut show = (true, true, true);
    let extra = |s: (bool, bool, bool)| {
        usize::from(s.0) * (branch + 1)
            + usize::from(s.1) * (REV + 1)
            + usize::from(s.2) * (STARTED + 1)
    };
    for drop in 0..3 {
        if total.saturating_sub(fixed + extra(show)) >= MIN_NAME {
            break;
        }
        match drop {
            0 => show.2 = false,
            1 => show.0 = false,
            _ => show.1 = false,
        }
    }
    // The name takes what is left, but no more than the longest needs: columns stay together.
    let longest = widest(&|r| width(&r.name), usize::MAX, MIN_NAME);
    let name = total.saturating_sub(fixed + extra(show)).clamp(1, longest);
    let mut x = area.x + 3;
    let mut next = |w: usize| {
        let at = x;
        x += (w + 1) as u16;
        at
    };
    let service_x = next(service);
    let name_x = next(name);
    let branch_x = show.0.then(|| next(branch));
    let rev_x = show.1.then(|| next(REV));
    let took_x = next(TOOK);
    let started_x = show.2.then(|| next(STARTED));
    Columns {
        service: (service_x, service),
        name: (name_x, name),
        branch: branch_x.map(|x| (x, branch)),
        rev: rev_x,
        took: took_x,
        started: started_x,
    }
}

fn header(buf: &mut Buffer, area: Rect, c: &Columns, ctx: &Ctx) {
    let style = ctx.theme.muted;
    let y = area.y;
    put(buf, c.service.0, y, "SERVICE", c.service.1, style);
    put(buf, c.name.0, y, "RUN", c.name.1, style);
    if let Some((x, w)) = c.branch {
        put(buf, x, y, "BRANCH", w, style);
    }
    if let Some(x) = c.rev {
        put(buf, x, y, "REV", REV, style);
    }
    let took = Rect::new(c.took, y, TOOK as u16, 1);
    put_right(buf, took, y, "TOOK", style);
    if let Some(x) = c.started {
        put(buf, x, y, "STARTED", STARTED, style);
    }
}

fn draw_run(buf: &mut Buffer, row: Rect, c: &Columns, run: &Run, selected: bool, ctx: &Ctx) {
    let theme = ctx.theme;
    let y = row.y;
    let failed = run.status == RunStatus::Failed;
    let main = if failed { theme.error } else { theme.text };
    if selected {
        put(buf, row.x, y, "▸", 1, theme.border_focus);
    }
    put(
        buf,
        row.x + 1,
        y,
        symbol(run.status),
        1,
        style(run.status, theme),
    );
    let service = run.service.as_deref().unwrap_or("—");
    put(buf, c.service.0, y, service, c.service.1, main);
    put(buf, c.name.0, y, &run.name, c.name.1, main);
    if let Some((x, w)) = c.branch {
        put(
            buf,
            x,
            y,
            run.branch.as_deref().unwrap_or("—"),
            w,
            theme.text,
        );
    }
    if let Some(x) = c.rev {
        let rev = run.revision.as_deref().map_or("—".to_string(), short);
        put(buf, x, y, &rev, REV, theme.card_key);
    }
    let took = Rect::new(c.took, y, TOOK as u16, 1);
    put_right(buf, took, y, &run_duration(run, ctx.now), theme.text);
    if let (Some(x), Some(at)) = (c.started, run.created_at) {
        put(buf, x, y, &ago(at, ctx.now), STARTED, theme.age);
    }
    if selected {
        buf.set_style(
            Rect {
                x: row.x + 2,
                width: row.width.saturating_sub(2),
                ..row
            },
            theme.selection,
        );
    }
}
