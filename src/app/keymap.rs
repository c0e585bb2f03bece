//! Chords ("shift-l", "ctrl-c", "pagedown", "?") bound to actions; defaults merged with the
//! `[keys]` table of the config.

use super::action::{Action, KeyContext};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};
use thiserror::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Chord {
    code: KeyCode,
    mods: KeyModifiers,
}

#[derive(Debug, Error, PartialEq)]
pub enum KeymapError {
    #[error("[keys]: unknown action `{0}` (see the help overlay for names)")]
    UnknownAction(String),
    #[error("[keys] {action}: cannot read the key `{chord}`")]
    BadChord { action: String, chord: String },
}

const DEFAULTS: &[(Action, &[&str])] = &[
    (Action::Quit, &["q", "ctrl-c"]),
    (Action::Help, &["?"]),
    (Action::Close, &["esc"]),
    (Action::Left, &["left", "h"]),
    (Action::Right, &["right", "l"]),
    (Action::Up, &["up", "k"]),
    (Action::Down, &["down", "j"]),
    (Action::Top, &["g", "home"]),
    (Action::Bottom, &["G", "end"]),
    (Action::PageUp, &["pageup", "ctrl-u"]),
    (Action::PageDown, &["pagedown", "ctrl-d"]),
    (Action::MoveLeft, &["H", "shift-left"]),
    (Action::MoveRight, &["L", "shift-right"]),
    (Action::Open, &["enter"]),
    (Action::Filter, &["/"]),
    (Action::ToggleMine, &["m"]),
    (Action::ToggleSwimlanes, &["s"]),
    (Action::Refresh, &["r"]),
    (Action::Confirm, &["y"]),
    (Action::Deny, &["n"]),
    (Action::ScreenBoard, &["1"]),
    (Action::ScreenDeploy, &["2"]),
    (Action::Promote, &["p"]),
    (Action::Rollback, &["R"]),
    (Action::Cancel, &["c"]),
    (Action::ViewLog, &["v"]),
    (Action::GoToIssue, &["b"]),
    (Action::ScreenPipelines, &["3"]),
    (Action::SearchNext, &["n"]),
    (Action::SearchPrev, &["N"]),
    (Action::ToggleFilterMode, &["f"]),
    (Action::NextError, &["e"]),
    (Action::PrevError, &["E"]),
    (Action::ToggleWrap, &["w"]),
    (Action::ToggleTimestamps, &["t"]),
    (Action::SaveLog, &["s"]),
    (Action::OpenUrl, &["o"]),
    (Action::ScreenSprint, &["4"]),
    (Action::ScreenStandup, &["5"]),
    (Action::ToggleBurnup, &["b"]),
    (Action::PrevSprint, &["["]),
    (Action::NextSprint, &["]"]),
    (Action::NextPerson, &["space", "right", "l"]),
    (Action::PrevPerson, &["left", "h"]),
    (Action::PauseStandup, &["p"]),
    (Action::RerunFailed, &["R"]),
    (Action::CancelRun, &["X"]),
    (Action::Approve, &["a"]),
    (Action::Reject, &["x"]),
];

#[derive(Clone, Debug)]
pub struct Keymap {
    /// (context, chord): a screen's own binding wins over a global one.
    bindings: HashMap<(Option<KeyContext>, Chord), Action>,
    /// Chords per action as the user wrote them, for help and footer.
    labels: BTreeMap<Action, Vec<String>>,
}

impl Keymap {
    /// Defaults, with each action named in `overrides` rebound to exactly the given chords.
    pub fn new(overrides: &BTreeMap<String, Vec<String>>) -> Result<Self, KeymapError> {
        let mut labels: BTreeMap<Action, Vec<String>> = DEFAULTS
            .iter()
            .map(|(a, keys)| (*a, keys.iter().map(|k| k.to_string()).collect()))
            .collect();
        for (name, chords) in overrides {
            let action =
                Action::from_name(name).ok_or_else(|| KeymapError::UnknownAction(name.clone()))?;
            labels.insert(action, chords.clone());
        }
        let mut bindings = HashMap::new();
        for (action, chords) in &labels {
            for text in chords {
                let chord = parse_chord(text).ok_or_else(|| KeymapError::BadChord {
                    action: action.name().into(),
                    chord: text.clone(),
                })?;
                bindings.insert((action.context(), chord), *action);
            }
        }
        // Ctrl+C always leaves, whatever the config says.
        bindings.insert(
            (None, parse_chord("ctrl-c").expect("valid chord")),
            Action::Quit,
        );
        Ok(Self { bindings, labels })
    }

    /// The action of a key on the screen `context`: its own keys first, then global ones.
    pub fn action(&self, key: &KeyEvent, context: KeyContext) -> Option<Action> {
        let chord = normalize(key.code, key.modifiers);
        self.bindings
            .get(&(Some(context), chord))
            .or_else(|| self.bindings.get(&(None, chord)))
            .copied()
    }

    /// The chords bound to an action, as written ("L", "shift-right").
    pub fn chords(&self, action: Action) -> &[String] {
        self.labels.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The first chord of an action, for compact hints.
    pub fn hint(&self, action: Action) -> &str {
        self.chords(action).first().map_or("", String::as_str)
    }
}

impl Default for Keymap {
    fn default() -> Self {
        Self::new(&BTreeMap::new()).expect("default keymap is valid")
    }
}

fn normalize(code: KeyCode, mods: KeyModifiers) -> Chord {
    let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    let code = match code {
        // Terminals differ on whether 'L' comes with SHIFT; the letter's case says it all.
        KeyCode::Char(c) => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                c.to_ascii_lowercase()
            } else {
                c
            })
        }
        KeyCode::BackTab => {
            mods.insert(KeyModifiers::SHIFT);
            KeyCode::Tab
        }
        other => other,
    };
    Chord { code, mods }
}

pub fn parse_chord(text: &str) -> Option<Chord> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = text;
    // A lone "-" is a key, not a separator.
    while let Some((prefix, tail)) = rest.split_once('-').filter(|(_, t)| !t.is_empty()) {
        match prefix.to_ascii_lowercase().as_str() {
            "ctrl" | "c" => mods.insert(KeyModifiers::CONTROL),
            "alt" | "a" | "m" => mods.insert(KeyModifiers::ALT),
            "shift" | "s" => mods.insert(KeyModifiers::SHIFT),
            _ => return None,
        }
        rest = tail;
    }
    let code = match rest.to_ascii_lowercase().as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backspace" => KeyCode::Backspace,
        "space" => KeyCode::Char(' '),
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "delete" | "del" => KeyCode::Delete,
        f if f.len() > 1 && f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
        _ => {
            let mut chars = rest.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            // "shift-l" means 'L'.
            let c = if mods.contains(KeyModifiers::SHIFT) {
                c.to_ascii_uppercase()
            } else {
                c
            };
            KeyCode::Char(c)
        }
    };
    Some(normalize(code, mods))
}

#[cfg(test)]
mod tests;
