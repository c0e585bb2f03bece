//! The words around the matrix cells: environment names over their columns, each backend's
//! title line, and the service names.

use super::matrix::Strip;
use crate::app::deploy::BackendView;
use crate::domain::deploy::Service;
use crate::ui::Ctx;
use crate::ui::text::{ago, put, put_right};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Marks an environment column whose environment has protection rules somewhere (required
/// reviewers, wait timers, branch rules): a plain character, readable without colour.
pub const RULED: &str = "⚑";

/// Environment names over their columns, the selected one accented, `⚑` after those with
/// protection rules; hidden columns counted.
pub fn header(
    buf: &mut Buffer,
    area: Rect,
    envs: &[String],
    strip: &Strip,
    columns: &[(u16, u16)],
    ctx: &Ctx,
) {
    let theme = ctx.theme;
    if strip.first > 0 {
        put(
            buf,
            area.x + 1,
            area.y,
            &format!("◀ {}", strip.first),
            8,
            theme.title,
        );
    }
    let hidden = envs.len() - strip.first - strip.shown;
    let mut right = area;
    if hidden > 0 {
        let x = put_right(buf, area, area.y, &format!("{hidden} ▶ "), theme.title);
        right.width = x - area.x;
    }
    for (k, &(x, w)) in columns.iter().enumerate() {
        let index = strip.first + k;
        let style = if index == ctx.state.deploy.env {
            theme.border_focus
        } else {
            theme.title
        };
        let room = right.right().saturating_sub(x + 1).min(w.saturating_sub(2));
        let name = &envs[index];
        let label = if ruled(ctx, name) {
            format!("{name} {RULED}")
        } else {
            name.clone()
        };
        put(buf, x + 1, area.y, &label, usize::from(room), style);
    }
}

/// Some service's environment of this name has protection rules.
fn ruled(ctx: &Ctx, env: &str) -> bool {
    ctx.state
        .deploy
        .backends
        .iter()
        .flat_map(|b| &b.services)
        .flat_map(|s| &s.environments)
        .any(|e| e.name == env && !e.protection.is_empty())
}

/// `sandbox · synced 2m ago`, or its error with how old the data is.
pub fn title(buf: &mut Buffer, line: Rect, backend: &BackendView, ctx: &Ctx) {
    let theme = ctx.theme;
    let mut parts: Vec<(String, Style)> = vec![(backend.name.clone(), theme.lane_header)];
    if backend.read_only {
        parts.push(("read-only".into(), theme.warning));
    }
    let synced = backend.last_synced.map(|at| ago(at, ctx.now));
    if backend.loading {
        parts.push(("⟳ syncing…".into(), theme.pending));
    } else if let Some(error) = &backend.last_error {
        parts.push((format!("⚠ {error}"), theme.error));
    } else if let Some(ago) = &synced {
        parts.push((format!("synced {ago}"), theme.muted));
    }
    if let (Some(_), Some(ago)) = (&backend.last_error, &synced) {
        parts.push((format!("showing data from {ago}"), theme.warning));
    }
    let mut x = line.x + 1;
    for (i, (text, style)) in parts.iter().enumerate() {
        let room = |x: u16| usize::from(line.right().saturating_sub(x + 1));
        if i > 0 {
            x += put(buf, x, line.y, " · ", room(x), theme.muted);
        }
        x += put(buf, x, line.y, text, room(x), *style);
    }
}

/// `▸ payments` on the first line of the row, its repository under it.
pub fn name(buf: &mut Buffer, area: Rect, service: &Service, selected: bool, ctx: &Ctx) {
    let theme = ctx.theme;
    let room = usize::from(area.width.saturating_sub(4));
    let (marker, style) = if selected {
        ("▸", theme.title)
    } else {
        (" ", theme.text)
    };
    put(buf, area.x + 1, area.y, marker, 1, theme.border_focus);
    put(buf, area.x + 3, area.y, &service.name, room, style);
    if let (Some(repo), true) = (&service.repo, area.height > 1) {
        put(buf, area.x + 3, area.y + 1, repo, room, theme.muted);
    }
}
