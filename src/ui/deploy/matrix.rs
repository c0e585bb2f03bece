//! The services x environments matrix: a name column, then one column per environment
//! sharing the width. Too many environments page sideways around the selected one ("◀ 2",
//! "3 ▶"); too many services scroll so the selected row stays in view.

use super::cell::{self, Spot};
use crate::app::deploy::{BackendView, DeployView};
use crate::ui::Ctx;
use super::look::ago;
use crate::ui::text::{put, put_right, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Narrower than this a cell cannot show a version and its state symbol.
const MIN_CELL: u16 = 14;
/// Wider than this a cell is mostly blank and the eye loses the row.
const MAX_CELL: u16 = 48;
const MIN_NAME: u16 = 10;
const MAX_NAME: u16 = 24;

/// A line group of the matrix, top to bottom.
enum Item<'a> {
    /// The backend's name and sync state.
    Title(&'a BackendView),
    /// A service: its flattened row index (as `DeployView::row` counts), backend, service.
    Row(usize, usize, usize),
    /// A loaded backend that has no services.
    Empty,
}

/// Which environment columns are on screen: `first..first + shown`.
#[derive(Debug, PartialEq)]
struct Strip {
    first: usize,
    shown: usize,
}

/// Lines the whole matrix takes with `lines_per_cell`: the environment names, then each
/// backend's title and rows.
pub fn height(view: &DeployView, lines_per_cell: u16) -> usize {
    1 + items(view)
        .iter()
        .map(|item| item_height(item, lines_per_cell))
        .sum::<usize>()
}

pub fn draw(buf: &mut Buffer, area: Rect, lines_per_cell: u16, ctx: &Ctx) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let view = &ctx.state.deploy;
    let envs = view.env_columns();
    let name_w = name_width(view, area.width);
    let cells_w = area.width.saturating_sub(name_w);
    let strip = strip(envs.len(), view.env, cells_w);
    let columns = columns(area.x + name_w, cells_w, &strip);
    header(buf, area, &envs, &strip, &columns, ctx);

    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    let items = items(view);
    let first = scroll(&items, view.row, lines_per_cell, body.height);
    let mut y = body.y;
    for item in &items[first..] {
        let h = (item_height(item, lines_per_cell) as u16).min(body.bottom() - y);
        if h == 0 {
            break;
        }
        let line = Rect { y, height: h, ..body };
        match item {
            Item::Title(backend) => title(buf, line, backend, ctx),
            Item::Empty => {
                put(
                    buf,
                    line.x + 3,
                    y,
                    "no services",
                    usize::from(line.width.saturating_sub(3)),
                    ctx.theme.muted,
                );
            }
            Item::Row(row, backend, service) => {
                let service = &view.backends[*backend].services[*service];
                let selected_row = *row == view.row;
                name(buf, Rect { width: name_w, ..line }, service, selected_row, ctx);
                for (k, &(x, w)) in columns.iter().enumerate() {
                    let index = strip.first + k;
                    let spot = Spot {
                        backend: *backend,
                        service,
                        env: &envs[index],
                        selected: selected_row && index == view.env,
                    };
                    cell::draw(buf, Rect { x, width: w, ..line }, &spot, ctx);
                }
            }
        }
        y += h;
    }
}

fn items(view: &DeployView) -> Vec<Item<'_>> {
    let mut items = Vec::new();
    let mut row = 0;
    for (b, backend) in view.backends.iter().enumerate() {
        items.push(Item::Title(backend));
        if backend.services.is_empty() && backend.last_synced.is_some() {
            items.push(Item::Empty);
        }
        for s in 0..backend.services.len() {
            items.push(Item::Row(row, b, s));
            row += 1;
        }
    }
    items
}

fn item_height(item: &Item, lines_per_cell: u16) -> usize {
    match item {
        Item::Row(..) => usize::from(lines_per_cell),
        Item::Title(_) | Item::Empty => 1,
    }
}

/// The first item to draw so that the selected row ends inside `height` lines.
fn scroll(items: &[Item], selected: usize, lines_per_cell: u16, height: u16) -> usize {
    let Some(target) = items
        .iter()
        .position(|i| matches!(i, Item::Row(row, ..) if *row == selected))
    else {
        return 0;
    };
    let mut first = 0;
    let span = |first: usize| -> usize {
        items[first..=target]
            .iter()
            .map(|i| item_height(i, lines_per_cell))
            .sum()
    };
    while first < target && span(first) > usize::from(height) {
        first += 1;
    }
    first
}

/// Wide enough for the longest service name beside its marker, within a quarter of the width.
fn name_width(view: &DeployView, total: u16) -> u16 {
    let longest = view
        .backends
        .iter()
        .flat_map(|b| &b.services)
        .map(|s| width(&s.name))
        .max()
        .unwrap_or(0);
    // A space, the row marker, a space, the name, a space before the cells.
    let wanted = u16::try_from(longest + 4).unwrap_or(MAX_NAME);
    wanted.clamp(MIN_NAME, MAX_NAME).min(total / 4)
}

/// All environments when they fit at `MIN_CELL`; else pages of as many as fit, the last
/// page full so no space is wasted at the right end.
fn strip(n: usize, selected: usize, width: u16) -> Strip {
    if n == 0 {
        return Strip { first: 0, shown: 0 };
    }
    let fit = usize::from(width / MIN_CELL).clamp(1, n);
    let selected = selected.min(n - 1);
    let first = ((selected / fit) * fit).min(n - fit);
    Strip { first, shown: fit }
}

/// (x, width) of each shown environment column; the width is shared up to `MAX_CELL`, the
/// remainder going to the first columns. Each cell's marker column keeps them apart.
fn columns(x: u16, width: u16, strip: &Strip) -> Vec<(u16, u16)> {
    let Ok(shown) = u16::try_from(strip.shown) else {
        return Vec::new();
    };
    if shown == 0 {
        return Vec::new();
    }
    let width = width.min(shown.saturating_mul(MAX_CELL));
    let (base, extra) = (width / shown, width % shown);
    let mut x = x;
    (0..shown)
        .map(|k| {
            let w = base + u16::from(k < extra);
            let column = (x, w);
            x += w;
            column
        })
        .collect()
}

/// Environment names over their columns, the selected one accented; hidden columns counted.
fn header(buf: &mut Buffer, area: Rect, envs: &[String], strip: &Strip, columns: &[(u16, u16)], ctx: &Ctx) {
    let theme = ctx.theme;
    if strip.first > 0 {
        put(buf, area.x + 1, area.y, &format!("◀ {}", strip.first), 8, theme.title);
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
        put(buf, x + 1, area.y, &envs[index], usize::from(room), style);
    }
}

/// `sandbox · synced 2m ago`, or its error with how old the data is.
fn title(buf: &mut Buffer, line: Rect, backend: &BackendView, ctx: &Ctx) {
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
fn name(buf: &mut Buffer, area: Rect, service: &crate::domain::deploy::Service, selected: bool, ctx: &Ctx) {
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

#[cfg(test)]
mod tests {
    use super::{Strip, columns, strip};

    #[test]
    fn three_environments_fit_at_80_columns() {
        assert_eq!(strip(3, 2, 64), Strip { first: 0, shown: 3 });
        let cols = columns(16, 64, &strip(3, 2, 64));
        assert_eq!(cols, [(16, 22), (38, 21), (59, 21)]);
        let wide = columns(20, 180, &strip(3, 2, 180));
        assert_eq!(wide, [(20, 48), (68, 48), (116, 48)]);
    }

    #[test]
    fn many_environments_page_around_the_selection() {
        assert_eq!(strip(7, 0, 64), Strip { first: 0, shown: 4 });
        assert_eq!(strip(7, 5, 64), Strip { first: 3, shown: 4 });
        assert_eq!(strip(7, 9, 20), Strip { first: 6, shown: 1 });
        assert_eq!(strip(0, 0, 64), Strip { first: 0, shown: 0 });
    }
}
