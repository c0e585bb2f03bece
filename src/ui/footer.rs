//! The key hints of the current view, generated from the keymap; the least important are
//! dropped when narrow, help and quit always stay.

use super::Ctx;
use super::text::{put, width};
use crate::app::{Action, Popup, Screen};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::borrow::Cow;

pub struct Hint {
    pub keys: String,
    pub label: String,
    /// 0 is never dropped; higher goes first.
    pub drop_rank: u8,
    /// Words with no key ("read-only"): kept though `keys` is empty.
    pub note: bool,
}

impl Hint {
    pub fn new(keys: String, label: &str, drop_rank: u8) -> Hint {
        Hint {
            keys,
            label: label.to_string(),
            drop_rank,
            note: false,
        }
    }

    pub fn note(label: &str) -> Hint {
        Hint {
            keys: String::new(),
            label: label.to_string(),
            drop_rank: 0,
            note: true,
        }
    }
}

pub fn draw(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let mut hints = hints(ctx);
    // An action the user bound to no key has nothing to show.
    hints.retain(|h| h.note || !h.keys.is_empty());
    let total = |hints: &[Hint]| -> usize {
        hints
            .iter()
            .map(|h| width(&h.keys) + usize::from(!h.note) + width(&h.label) + 2)
            .sum()
    };
    let room = usize::from(area.width.saturating_sub(1));
    while total(&hints) > room {
        let Some(worst) = hints
            .iter()
            .enumerate()
            .filter(|(_, h)| h.drop_rank > 0)
            .max_by_key(|(i, h)| (h.drop_rank, *i))
            .map(|(i, _)| i)
        else {
            break;
        };
        hints.remove(worst);
    }
    let theme = ctx.theme;
    let mut x = area.x + 1;
    for hint in &hints {
        let left = |x: u16| usize::from(area.right().saturating_sub(x));
        if !hint.note {
            x += put(buf, x, area.y, &hint.keys, left(x), theme.footer_key);
            x += put(buf, x, area.y, " ", left(x), theme.footer_text);
        }
        x += put(buf, x, area.y, &hint.label, left(x), theme.footer_text);
        x += 2;
    }
}

fn hints(ctx: &Ctx) -> Vec<Hint> {
    let state = ctx.state;
    let one = |action: Action, drop_rank: u8| single(ctx, action, drop_rank);
    match &state.popup {
        Some(Popup::ConfirmWip { .. } | Popup::ConfirmRun(_)) => {
            vec![one(Action::Confirm, 0), one(Action::Deny, 0), quit(ctx)]
        }
        // Close's description covers the board too ("close popup / clear filter").
        Some(Popup::Help | Popup::Detail(_)) => {
            vec![labelled(ctx, Action::Close, "close"), quit(ctx)]
        }
        None if state.filter_editing => {
            vec![
                labelled(ctx, Action::Open, "apply"),
                labelled(ctx, Action::Close, "clear"),
                quit(ctx),
            ]
        }
        None if state.screen == Screen::Deploy => super::deploy::hints(ctx),
        None if state.screen == Screen::Pipelines => super::pipelines::hints(ctx),
        None if state.screen == Screen::Sprint => super::sprint::hints(ctx),
        None if state.board.is_none() => {
            let mut hints = vec![one(Action::Refresh, 1)];
            hints.extend(deploys(ctx));
            hints.extend([one(Action::Help, 0), quit(ctx)]);
            hints
        }
        None => {
            let mut hints = vec![
                pair(ctx, Action::Left, Action::Right, 3),
                pair(ctx, Action::Up, Action::Down, 3),
            ];
            if !state.read_only {
                hints.push(pair(ctx, Action::MoveLeft, Action::MoveRight, 1));
            }
            hints.extend([
                one(Action::Open, 2),
                one(Action::Filter, 2),
                one(Action::ToggleMine, 4),
                one(Action::ToggleSwimlanes, 4),
                one(Action::Refresh, 5),
            ]);
            hints.extend(deploys(ctx));
            hints.extend([one(Action::Help, 0), quit(ctx)]);
            hints
        }
    }
}

/// How to leave, never dropped: the Quit key, or while text is typed (when that key is a
/// letter) ctrl-c, which is always bound.
pub fn quit(ctx: &Ctx) -> Hint {
    let label = Action::Quit.description();
    if ctx.state.text_input_active() {
        Hint::new("ctrl-c".into(), label, 0)
    } else {
        single(ctx, Action::Quit, 0)
    }
}

/// "2 deploys" on the board, when there are deploys to go to.
fn deploys(ctx: &Ctx) -> Option<Hint> {
    let configured = !ctx.state.deploy.backends.is_empty();
    configured.then(|| single(ctx, Action::ScreenDeploy, 1))
}

fn single(ctx: &Ctx, action: Action, drop_rank: u8) -> Hint {
    hint(ctx, action, action.description(), drop_rank)
}

/// A hint whose words depend on the view, never dropped.
fn labelled(ctx: &Ctx, action: Action, label: &str) -> Hint {
    hint(ctx, action, label, 0)
}

/// A hint in the words of a screen ("enter history" rather than "enter details").
pub fn hint(ctx: &Ctx, action: Action, label: &str, drop_rank: u8) -> Hint {
    Hint::new(
        key_label(ctx.keymap.hint(action)).into_owned(),
        label,
        drop_rank,
    )
}

/// Several actions as one hint: "[/] sprint". Unbound actions are left out.
pub fn group(ctx: &Ctx, actions: &[Action], label: &str, drop_rank: u8) -> Hint {
    Hint::new(bound_keys(ctx, actions).join("/"), label, drop_rank)
}

/// The keys of `actions` as the footer shows them, leaving out actions bound to no key.
pub fn bound_keys(ctx: &Ctx, actions: &[Action]) -> Vec<String> {
    actions
        .iter()
        .map(|a| key_label(ctx.keymap.hint(*a)).into_owned())
        .filter(|k| !k.is_empty())
        .collect()
}

/// Two opposite actions as one hint: "←/→ column" from "column left" and "column right".
fn pair(ctx: &Ctx, a: Action, b: Action, drop_rank: u8) -> Hint {
    let (ka, kb) = (key_label(ctx.keymap.hint(a)), key_label(ctx.keymap.hint(b)));
    if ka.is_empty() || kb.is_empty() {
        return single(ctx, if ka.is_empty() { b } else { a }, drop_rank);
    }
    let (da, db) = (a.description(), b.description());
    let common: Vec<&str> = da
        .split(' ')
        .zip(db.split(' '))
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x)
        .collect();
    let label = if common.is_empty() {
        format!("{da}/{db}")
    } else {
        common.join(" ")
    };
    Hint::new(format!("{ka}/{kb}"), &label, drop_rank)
}

/// Arrow and paging chords as their symbols; everything else as the user wrote it.
pub fn key_label(chord: &str) -> Cow<'_, str> {
    let (shift, key) = match chord.strip_prefix("shift-") {
        Some(key) => ("⇧", key),
        None => ("", chord),
    };
    let symbol = match key {
        "left" => "←",
        "right" => "→",
        "up" => "↑",
        "down" => "↓",
        "pageup" => "PgUp",
        "pagedown" => "PgDn",
        _ => return Cow::Borrowed(chord),
    };
    Cow::Owned(format!("{shift}{symbol}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::State;
    use crate::app::keymap::Keymap;
    use crate::config::WipPolicy;
    use crate::ui::Theme;
    use crate::ui::text::line_text;
    use chrono::Utc;
    use std::collections::BTreeMap;

    fn footer(keymap: &Keymap, width: u16) -> String {
        let state = State::new(WipPolicy::Warn, std::time::Duration::from_secs(60));
        let theme = Theme::default();
        let ctx = Ctx {
            state: &state,
            theme: &theme,
            keymap,
            now: Utc::now(),
        };
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        draw(&mut buf, area, &ctx);
        line_text(&buf)
    }

    #[test]
    fn narrow_footers_keep_help_and_quit() {
        let keymap = Keymap::default();
        assert_eq!(footer(&keymap, 80), " r refresh  ? help  q quit");
        assert_eq!(footer(&keymap, 18), " ? help  q quit");
    }

    #[test]
    fn hints_follow_the_keymap_and_skip_unbound_actions() {
        let mut overrides = BTreeMap::new();
        overrides.insert("help".to_string(), vec![]);
        overrides.insert("refresh".to_string(), vec!["f5".to_string()]);
        let keymap = Keymap::new(&overrides).unwrap();
        assert_eq!(footer(&keymap, 80), " f5 refresh  q quit");
    }

    #[test]
    fn arrows_and_pages_show_as_symbols() {
        assert_eq!(key_label("shift-left"), "⇧←");
        assert_eq!(key_label("pagedown"), "PgDn");
        assert_eq!(key_label("ctrl-d"), "ctrl-d");
    }
}
