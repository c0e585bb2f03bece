//! One cell of the matrix: what an environment of a service runs, how it is, and what is
//! about to change there. Three lines, fewer when short on height; narrow cells drop detail.
//!
//! `▌✔ 1.8.0 ⇡ promotable`      `▌⟳ 1.9.0 in progress 0:42`
//! `▌2h · ana`                   `▌mei · was 1.8.0`
//! `▌● healthy`                  `▌◐ 🔒 mei: change freeze`

use super::look::{accent, clock, health_style, health_symbol, state_style, state_symbol};
use super::pieces::{self, Piece};
use crate::domain::deploy::health_name;
use crate::domain::deploy::plan::promotable;
use crate::domain::deploy::{DeployState, Deployment, Environment, Service};
use crate::ui::Ctx;
use crate::ui::text::{age, put};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Marks the selected cell so it shows without colour too.
const SELECTED: &str = "▌";

/// Which cell: the service of a backend, and an environment column by name.
pub struct Spot<'a> {
    pub backend: usize,
    pub service: &'a Service,
    pub env: &'a str,
    pub selected: bool,
}

/// What the cell knows beyond the environment itself.
struct Facts<'a> {
    env: &'a Environment,
    /// A deployment started here and still moving: shown over `current`.
    moving: Option<&'a Deployment>,
    /// A confirmed action the backend has not answered yet.
    sending: bool,
    promotable: bool,
}

pub fn draw(buf: &mut Buffer, area: Rect, spot: &Spot, ctx: &Ctx) {
    let theme = ctx.theme;
    let patch = |s: Style| {
        if spot.selected {
            s.patch(theme.selection)
        } else {
            s
        }
    };
    if spot.selected {
        buf.set_style(area, patch(theme.text));
        for y in area.y..area.bottom() {
            put(buf, area.x, y, SELECTED, 1, patch(theme.text));
        }
    }
    let env = spot
        .service
        .environments
        .iter()
        .find(|e| e.name == spot.env);
    let lines = match env {
        None => vec![vec![Piece::new("—", theme.muted)]],
        Some(env) => lines(&facts(spot, env, ctx), area.height, ctx),
    };
    let max = usize::from(area.width.saturating_sub(1));
    for (line, y) in lines.into_iter().zip(area.y..area.bottom()) {
        pieces::draw(buf, area.x + 1, y, max, line, &patch);
    }
}

fn facts<'a>(spot: &Spot<'a>, env: &'a Environment, ctx: &Ctx<'a>) -> Facts<'a> {
    let view = &ctx.state.deploy;
    let name = spot.service.name.as_str();
    let sending = view
        .inflight
        .values()
        .chain(view.reviewing.values())
        .any(|i| i.backend == spot.backend && i.service == name && i.environment == env.name);
    let moving = view.moving(spot.backend, name, &env.name);
    Facts {
        env,
        moving,
        sending,
        // A lock or a deployment under way would refuse the promote: no invitation then.
        promotable: promotable(spot.service, env)
            && env.lock.is_none()
            && !view.busy(spot.backend, name, &env.name),
    }
}

fn lines(facts: &Facts, height: u16, ctx: &Ctx) -> Vec<Vec<Piece>> {
    match height {
        0 => Vec::new(),
        1 => vec![main(facts, height, ctx)],
        2 => vec![main(facts, height, ctx), health(facts, ctx)],
        _ => vec![
            main(facts, height, ctx),
            meta(facts, ctx),
            health(facts, ctx),
        ],
    }
}

/// `✔ 1.8.0 ⇡ promotable`; on short cells also what the missing lines would have said.
fn main(facts: &Facts, height: u16, ctx: &Ctx) -> Vec<Piece> {
    let theme = ctx.theme;
    let mut line = Vec::new();
    match facts.moving.or(facts.env.current.as_ref()) {
        None => line.push(Piece::new("nothing deployed", theme.muted)),
        Some(d) => {
            let style = state_style(d.state, theme);
            line.push(Piece::new(state_symbol(d.state), style));
            line.push(Piece::new(format!(" {}", d.label()), theme.text));
            if d.state == DeployState::Waiting {
                // "⏸ 1.9.0 waiting for review", then "⏸ 1.9.0 waiting" in a narrow cell.
                line.push(Piece::new(" waiting", style).drop(3));
                line.push(Piece::new(" for review", style).drop(4));
            } else if d.state != DeployState::Succeeded {
                line.push(
                    Piece::new(format!(" {}", super::look::state_words(d.state)), style).drop(3),
                );
            }
            if d.state.is_active() {
                line.push(Piece::new(format!(" {}", clock(d.created_at, ctx.now)), style).drop(2));
            }
        }
    }
    if facts.promotable {
        line.push(Piece::new(" ⇡", accent(theme)).drop(1));
        line.push(Piece::new(" promotable", accent(theme)).drop(4));
    }
    if height < 3 && facts.sending {
        line.push(Piece::new(" …", theme.pending).drop(1));
        line.push(Piece::new(" sending", theme.pending).drop(4));
    }
    if height < 2 {
        let health = facts.env.health;
        line.push(
            Piece::new(
                format!(" {}", health_symbol(health)),
                health_style(health, theme),
            )
            .drop(1),
        );
        if facts.env.lock.is_some() {
            line.push(Piece::new(" 🔒", theme.warning).drop(1));
        }
    }
    line
}

/// `2h · ana`, `mei · was 1.8.0` while something moves in, or `… sending`.
fn meta(facts: &Facts, ctx: &Ctx) -> Vec<Piece> {
    let theme = ctx.theme;
    if facts.sending {
        return vec![Piece::new("… sending", theme.pending)];
    }
    let mut line = Vec::new();
    if let Some(moving) = facts.moving {
        let who = moving.by.as_deref().unwrap_or("someone");
        line.push(Piece::new(who, theme.assignee));
        // A backend that already reports the moving release as current (GitHub lists a
        // deployment as soon as its run creates it) has no "was" to tell.
        let was = facts
            .env
            .current
            .as_ref()
            .filter(|c| c.revision != moving.revision);
        if let Some(current) = was {
            line.push(Piece::new(format!(" · was {}", current.label()), theme.muted).drop(1));
        }
    } else if let Some(current) = &facts.env.current {
        line.push(Piece::new(age(current.created_at, ctx.now), theme.age));
        if let Some(who) = &current.by {
            line.push(Piece::new(format!(" · {who}"), theme.assignee).drop(1));
        }
    }
    line
}

/// `● healthy`, or the health symbol and the lock: `◐ 🔒 mei: change freeze`.
fn health(facts: &Facts, ctx: &Ctx) -> Vec<Piece> {
    let theme = ctx.theme;
    let health = facts.env.health;
    let style = health_style(health, theme);
    let mut line = vec![Piece::new(health_symbol(health), style)];
    match &facts.env.lock {
        Some(lock) => line.push(Piece::new(
            format!(" 🔒 {}: {}", lock.by, lock.reason),
            theme.warning,
        )),
        None => line.push(Piece::new(format!(" {}", health_name(health)), style)),
    }
    line
}
