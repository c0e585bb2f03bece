//! Standup mode, full screen for the team's shared display: a bar with the sprint, whose
//! turn it is and the time left; the person's page (or the closing team page); and the few
//! keys there are. Large on big screens (the countdown in big digits), plain on small ones.

mod font;
mod person;
mod sections;
mod team;

use super::Ctx;
use super::footer::key_label;
use super::sprint::notice;
use super::text::{put, put_right, width};
use crate::app::Action;
use crate::app::sprint::{Countdown, Loaded, Standup};
use font::Size;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

/// From this size on, the header has room for the countdown in big digits.
const BIG_WIDTH: u16 = 100;
const BIG_HEIGHT: u16 = 30;
/// From this height on, the name is drawn in half-size big letters.
const MEDIUM_HEIGHT: u16 = 20;

pub fn draw(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let view = &ctx.state.sprint;
    let loaded = view.active().and_then(|s| view.loaded.get(&s.id));
    let standup = view.standup.as_ref().filter(|s| s.ready);
    let (Some(standup), Some(loaded)) = (standup, loaded) else {
        notice(buf, area, &waiting(ctx), ctx);
        keys(buf, area, ctx);
        return;
    };
    bar(buf, area, standup, loaded, ctx);
    let body = Rect {
        x: area.x + 2,
        y: area.y + 2,
        width: area.width.saturating_sub(4),
        height: area.height.saturating_sub(3),
    };
    let header_h = header(buf, body, standup, ctx);
    let content = Rect {
        y: body.y + header_h + 1,
        height: body.height.saturating_sub(header_h + 1),
        ..body
    };
    match standup.person() {
        Some(who) => person::draw(buf, content, who, loaded, ctx),
        None => team::draw(buf, content, loaded, ctx),
    }
    keys(buf, area, ctx);
}

/// Before the first page: why there is none yet.
fn waiting(ctx: &Ctx) -> Vec<(String, Style)> {
    let (state, theme) = (ctx.state, ctx.theme);
    let view = &state.sprint;
    if !state.has_tracker {
        let text = "Standup needs a tracker: add a [jira] table (see config.example.toml)";
        return vec![(text.into(), theme.muted)];
    }
    if let Some(error) = &view.error {
        return vec![(format!("⚠ Could not read the sprint: {error}"), theme.error)];
    }
    if view.listed && view.active().is_none() {
        return vec![(
            "No active sprint on this board: nothing to stand up about".into(),
            theme.muted,
        )];
    }
    vec![("Reading the sprint for the standup…".into(), theme.muted)]
}

/// The top bar: "Standup · Sprint 14 · 3 of 6" on the left, the time on the right.
fn bar(buf: &mut Buffer, area: Rect, standup: &Standup, loaded: &Loaded, ctx: &Ctx) {
    let theme = ctx.theme;
    let line = Rect { height: 1, ..area };
    buf.set_style(line, theme.status_bar);
    let people = standup.order.len();
    let place = match standup.person() {
        Some(_) => format!("{} of {people}", standup.page + 1),
        None => "team".to_string(),
    };
    // Right to left: the time, then whether the data is being read or is stale.
    let mut right_side = Vec::new();
    if let Some(countdown) = &standup.countdown {
        let left = clock(countdown.seconds_left(ctx.now));
        right_side.push(if countdown.paused() {
            (format!("⏸ paused · {left} left"), theme.warning)
        } else {
            (format!("{left} left"), theme.text)
        });
    }
    let view = &ctx.state.sprint;
    if view.is_loading() {
        right_side.push(("⟳".to_string(), theme.pending));
    } else if view.error.is_some() {
        let at = loaded.at.with_timezone(&loaded.data.offset).format("%H:%M");
        right_side.push((format!("⚠ not refreshed since {at}"), theme.warning));
    }
    let mut right = line.right().saturating_sub(1);
    for (text, style) in right_side {
        let at = Rect {
            width: right.saturating_sub(line.x),
            ..line
        };
        right = put_right(buf, at, line.y, &text, theme.status_bar.patch(style)).saturating_sub(2);
    }
    let text = format!("Standup · {} · {place}", loaded.data.sprint.name);
    let room = usize::from(right.saturating_sub(line.x + 3));
    put(
        buf,
        line.x + 1,
        line.y,
        &text,
        room,
        theme.status_bar.patch(theme.title),
    );
}

/// The name (or "Team") in big letters where the font has them, the time in big digits on
/// big screens, and the time as a bar. Returns the rows used.
fn header(buf: &mut Buffer, body: Rect, standup: &Standup, ctx: &Ctx) -> u16 {
    let theme = ctx.theme;
    let name = standup
        .person()
        .map_or("Team".to_string(), |p| p.display_name.clone());
    let loud = theme.title.add_modifier(Modifier::BOLD);
    let countdown = standup.countdown.as_ref();
    let clock_style = if countdown.is_some_and(|c| c.paused()) {
        theme.warning
    } else {
        theme.border_focus
    };
    let big = body.width >= BIG_WIDTH && body.height + 3 >= BIG_HEIGHT;
    let mut name_room = body.width;
    let mut rows = 1;
    if big && let Some(c) = countdown {
        let time = clock(c.seconds_left(ctx.now));
        let w = font::width(&time, Size::Large).unwrap_or(0);
        let x = body.right().saturating_sub(w);
        font::draw(buf, x, body.y, &time, Size::Large, w, clock_style);
        name_room = x.saturating_sub(body.x + 4);
        rows = Size::Large.height();
    }
    // The team page's own lists need the rows more than its title does.
    let medium = body.height + 3 >= MEDIUM_HEIGHT && standup.person().is_some();
    let sizes: &[Size] = match (big, medium) {
        (true, _) => &[Size::Large, Size::Half],
        (false, true) => &[Size::Half],
        (false, false) => &[],
    };
    let fitting = sizes
        .iter()
        .find(|s| font::width(&name, **s).is_some_and(|w| w <= name_room));
    match fitting {
        Some(size) => {
            let top = body.y + rows.saturating_sub(size.height()) / 2;
            font::draw(buf, body.x, top, &name, *size, name_room, loud);
            rows = rows.max(size.height());
        }
        None => {
            let top = body.y + rows / 2;
            put(buf, body.x, top, &name, usize::from(name_room), loud);
        }
    }
    if let Some(c) = countdown {
        let line = Rect {
            y: body.y + rows,
            height: 1,
            ..body
        };
        progress(buf, line, c, clock_style, ctx);
        rows += 1;
    }
    rows
}

/// "━━━━━━━━────── 1:12": the time used as a bar, with the time left.
fn progress(buf: &mut Buffer, line: Rect, countdown: &Countdown, style: Style, ctx: &Ctx) {
    let theme = ctx.theme;
    let left = countdown.seconds_left(ctx.now);
    let total = countdown.length.num_seconds().max(1);
    let label = format!(" {}", clock(left));
    let bar_w = usize::from(line.width).saturating_sub(width(&label));
    let used =
        bar_w * usize::try_from(total - left).unwrap_or(0) / usize::try_from(total).unwrap_or(1);
    let mut x = line.x;
    x += put(buf, x, line.y, &"━".repeat(used), bar_w, style);
    x += put(
        buf,
        x,
        line.y,
        &"─".repeat(bar_w - used),
        bar_w - used,
        theme.border,
    );
    put(buf, x, line.y, &label, width(&label), theme.text);
}

/// "1:30", "0:05".
fn clock(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

/// The last line: the only keys standup mode has. When narrow, pausing, going back and the
/// rest give way in that order; how to quit always stays.
fn keys(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let theme = ctx.theme;
    let y = area.bottom().saturating_sub(1);
    let k = |a: Action| key_label(ctx.keymap.hint(a)).into_owned();
    let mut hints: Vec<(String, &str)> = [
        (k(Action::NextPerson), "next"),
        (k(Action::PrevPerson), "back"),
        (k(Action::PauseStandup), "pause"),
        (k(Action::Close), "leave"),
        (k(Action::Quit), "quit"),
    ]
    .into_iter()
    .filter(|(key, _)| !key.is_empty())
    .collect();
    let needed = |hints: &[(String, &str)]| {
        let words: usize = hints.iter().map(|(k, l)| width(k) + 1 + width(l)).sum();
        1 + words + 2 * hints.len().saturating_sub(1)
    };
    for drop in ["pause", "back", "next", "leave"] {
        if needed(&hints) <= usize::from(area.width) {
            break;
        }
        hints.retain(|(_, label)| *label != drop);
    }
    let mut x = area.x + 1;
    for (key, label) in &hints {
        let room = |x: u16| usize::from(area.right().saturating_sub(x));
        x += put(buf, x, y, key, room(x), theme.footer_key) + 1;
        x += put(buf, x, y, label, room(x), theme.footer_text) + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::clock;

    #[test]
    fn clocks() {
        assert_eq!(clock(90), "1:30");
        assert_eq!(clock(5), "0:05");
        assert_eq!(clock(-3), "0:00");
    }
}
