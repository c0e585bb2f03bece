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
    let mut quit = false;
    for effect in update(state, msg, Utc::now()) {
        quit |= dispatch(effect, engine, state);
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

/// Starts a browser where one can show (not over SSH, and with a display), detached from the
/// terminal; else, or for anything but a web address, returns the URL for the status bar.
fn open_url(url: &str) -> String {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let remote = set("SSH_CONNECTION") || set("SSH_TTY");
    let display = cfg!(target_os = "macos") || set("DISPLAY") || set("WAYLAND_DISPLAY");
    // Only web addresses: a URL from the server must not become an option or a local file.
    let web = url.starts_with("https://") || url.starts_with("http://");
    if remote || !display || !web {
        return format!("Run page: {url}");
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
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
