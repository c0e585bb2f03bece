//! The services x environments matrix: a name column, then one column per environment
//! sharing the width. Too many environments page sideways around the selected one ("◀ 2",
//! "3 ▶"); too many services scroll so the selected row stays in view.

use super::cell::{self, Spot};
use super::labels::{header, name, title};
use crate::app::deploy::{BackendView, DeployView};
use crate::ui::Ctx;
use crate::ui::text::{put, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

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
pub struct Strip {
    pub first: usize,
    pub shown: usize,
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
        let line = Rect {
            y,
            height: h,
            ..body
        };
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
                name(
                    buf,
                    Rect {
                        width: name_w,
                        ..line
                    },
                    service,
                    selected_row,
                    ctx,
                );
                for (k, &(x, w)) in columns.iter().enumerate() {
                    let index = strip.first + k;
                    let spot = Spot {
                        backend: *backend,
                        service,
                        env: &envs[index],
                        selected: selected_row && index == view.env,
                    };
                    cell::draw(
                        buf,
                        Rect {
                            x,
                            width: w,
                            ..line
                        },
                        &spot,
                        ctx,
                    );
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
