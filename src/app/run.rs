//! The UI loop: one `select!` over keys, sync events, signals and the one timer the state
//! asks for. It draws only when something changed, at most ~60 times a second.

use super::keymap::Keymap;
use super::msg::{Effect, Msg};
use super::state::State;
use super::update::{init, update};
use crate::sync::{Engine, SyncEvent};
use crate::ui::{self, Theme};
use chrono::Utc;
use crossterm::event::{Event, EventStream, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use futures::StreamExt;
use ratatui::DefaultTerminal;
use std::process::Stdio;
use std::time::Duration;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::Instant;

const FRAME: Duration = Duration::from_millis(16);

pub struct Deps {
    pub engine: Engine,
    pub events: UnboundedReceiver<SyncEvent>,
    pub keymap: Keymap,
    pub theme: Theme,
}

pub async fn run(
    terminal: &mut DefaultTerminal,
    mut state: State,
    deps: Deps,
) -> std::io::Result<()> {
    let Deps {
        engine,
        mut events,
        keymap,
        theme,
    } = deps;
    let mut keys = EventStream::new();
    let mut term = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let size = terminal.size()?;
    state.viewport = (size.width, size.height);
    let mut last_draw: Option<Instant> = None;
    for effect in init(&mut state) {
        if dispatch(effect, &engine, &mut state) {
            return Ok(());
        }
    }
    loop {
        if state.dirty && last_draw.is_none_or(|t| t.elapsed() >= FRAME) {
            terminal.draw(|frame| ui::render(frame, &state, &theme, &keymap, Utc::now()))?;
            state.dirty = false;
            last_draw = Some(Instant::now());
        }
        let frame_due = last_draw.map(|t| t + FRAME).filter(|_| state.dirty);
        let refresh_due = state.next_deadline().map(|at| {
            let wait = (at - Utc::now()).to_std().unwrap_or_default();
            Instant::now() + wait
        });
        let msg = tokio::select! {
            event = keys.next() => match event {
                Some(Ok(event)) => translate(&event, &state, &keymap),
                Some(Err(e)) => return Err(e),
                None => return Ok(()),
            },
            Some(event) = events.recv() => Some(Msg::Sync(event)),
            _ = sleep_until(refresh_due) => Some(Msg::Tick),
            _ = sleep_until(frame_due) => None,
            _ = term.recv() => return Ok(()),
            _ = hangup.recv() => return Ok(()),
        };
        let Some(msg) = msg else { continue };
        if apply(&mut state, msg, &engine) {
            return Ok(());
        }
        // Drain a burst of sync events before drawing once.
        while let Ok(event) = events.try_recv() {
            if apply(&mut state, Msg::Sync(event), &engine) {
                return Ok(());
            }
        }
    }
}

/// Runs `update` and carries out its effects; true when the app should quit.
fn apply(state: &mut State, msg: Msg, engine: &Engine) -> bool {
    let taken = match &msg {
        Msg::Sync(SyncEvent::LogBytes { bytes, .. }) => bytes.len(),
        _ => 0,
    };
    let mut quit = false;
    for effect in update(state, msg, Utc::now()) {
        quit |= dispatch(effect, engine, state);
    }
    // Acknowledged once parsed, so a tail never runs more than its backlog ahead of the loop.
    if taken > 0 {
        engine.log_taken(taken);
    }
    quit
}

fn dispatch(effect: Effect, engine: &Engine, state: &mut State) -> bool {
    match effect {
        Effect::Sync(request) => {
            engine.send(request);
            false
        }
        Effect::OpenUrl(url) => {
            state.pipelines.note = Some(open_url(&url));
            state.dirty = true;
            false
        }
        Effect::Quit => true,
    }
}

/// Starts a browser where one can show, detached from the terminal; else returns the URL for
/// the status bar.
fn open_url(url: &str) -> String {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let Some(opener) = browser(url, set) else {
        return format!("Run page: {url}");
    };
    let started = tokio::process::Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn();
    match started {
        // Dropped, not awaited: tokio reaps it when it exits.
        Ok(_) => format!("Opened {url}"),
        Err(e) => format!("Could not start {opener} ({e}); run page: {url}"),
    }
}

/// The program that opens `url`, when a browser can show here: not over SSH, with a display
/// (macOS always has one), and only for web addresses, so a URL from the server never becomes
/// an option or a local file. `set` says whether an environment variable is set.
fn browser(url: &str, set: impl Fn(&str) -> bool) -> Option<&'static str> {
    let remote = set("SSH_CONNECTION") || set("SSH_TTY");
    let display = cfg!(target_os = "macos") || set("DISPLAY") || set("WAYLAND_DISPLAY");
    let web = url.starts_with("https://") || url.starts_with("http://");
    if remote || !display || !web {
        return None;
    }
    Some(if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    })
}

async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// Terminal event -> message. While the filter has focus, printable keys are text.
fn translate(event: &Event, state: &State, keymap: &Keymap) -> Option<Msg> {
    match event {
        Event::Resize(width, height) => Some(Msg::Resize {
            width: *width,
            height: *height,
        }),
        Event::Key(key) if key.kind != KeyEventKind::Release => translate_key(key, state, keymap),
        _ => None,
    }
}

fn translate_key(key: &KeyEvent, state: &State, keymap: &Keymap) -> Option<Msg> {
    if state.text_input_active() {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char(c) if !ctrl => return Some(Msg::Input(c)),
            KeyCode::Backspace => return Some(Msg::Backspace),
            _ => {}
        }
    }
    keymap.action(key, state.key_context()).map(Msg::Action)
}

#[cfg(test)]
mod tests {
    use super::browser;

    fn env(vars: &'static [&'static str]) -> impl Fn(&str) -> bool {
        move |name| vars.contains(&name)
    }

    #[test]
    fn a_browser_opens_only_on_a_local_display_and_for_web_addresses() {
        let url = "https://ci.example/runs/r-2";
        if !cfg!(target_os = "macos") {
            assert_eq!(browser(url, env(&["DISPLAY"])), Some("xdg-open"));
            assert_eq!(browser(url, env(&["WAYLAND_DISPLAY"])), Some("xdg-open"));
            assert_eq!(browser(url, env(&[])), None, "no display");
        }
        assert_eq!(browser(url, env(&["DISPLAY", "SSH_CONNECTION"])), None);
        assert_eq!(browser(url, env(&["DISPLAY", "SSH_TTY"])), None);
        assert_eq!(browser("file:///etc/passwd", env(&["DISPLAY"])), None);
        assert_eq!(browser("--help", env(&["DISPLAY"])), None);
    }
}
