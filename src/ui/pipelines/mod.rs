//! The pipelines screen: recent runs, one run's jobs and steps, and the log viewer on a job.
//! Drawing only: the state is read, never changed.

mod hints;
mod list;
pub mod look;
mod status;
mod tree;

pub use hints::hints;
pub use status::draw as draw_status;

use super::Ctx;
use super::text::put;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const NO_CI: &str =
    "No pipeline runs: add a [[deploy]] table whose backend serves runs (see config.example.toml)";

/// Draws the screen's body.
pub fn draw(buf: &mut Buffer, body: Rect, ctx: &Ctx) {
    let view = &ctx.state.pipelines;
    if let Some(viewer) = &view.viewer {
        super::logview::draw(buf, body, viewer, ctx);
    } else if let Some(open) = &view.run {
        tree::draw(buf, body, open, ctx);
    } else if !view.has_ci() {
        note(buf, body, NO_CI, ctx);
    } else if view
        .backends
        .iter()
        .all(|b| b.last_synced.is_none() && b.runs.is_empty())
    {
        let text = match view.backends.iter().find_map(|b| b.last_error.as_ref()) {
            Some(error) => format!("⚠ Could not read the runs: {error}"),
            None => "Loading pipeline runs…".to_string(),
        };
        note(buf, body, &text, ctx);
    } else {
        list::draw(buf, body, ctx);
    }
}

/// A short message on the body's first line.
fn note(buf: &mut Buffer, area: Rect, text: &str, ctx: &Ctx) {
    let max = usize::from(area.width.saturating_sub(2));
    put(buf, area.x + 1, area.y + 1, text, max, ctx.theme.muted);
}
