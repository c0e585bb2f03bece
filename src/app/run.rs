//! The UI loop: one `select!` over keys, sync events, signals and the one timer the state
//! asks for. It draws only when something changed, at most ~60 times a second. Before the
//! providers are connected (tokens read), `wait` shows the app and answers only quit,
//! resize, suspend and signals.

use super::Action;
use super::keymap::Keymap;
use super::msg::{Effect, Msg};
use super::state::State;
use super::terminal::{self, Asked, Signals};
use super::update::{init, update};
use crate::sync::{Engine, SyncEvent};
use crate::ui::{self, Theme};
use chrono::Utc;
use crossterm::event::{Event, EventStream, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use futures::StreamExt;
use ratatui::DefaultTerminal;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::Instant;

const FRAME: Duration = Duration::from_millis(16);

/// How the screen looks and what keys mean.
pub struct Deps {
    pub keymap: Keymap,
    pub theme: Theme,
}

/// The sync engine, once the providers are connected.
pub struct Link {
    pub engine: Engine,
    pub events: UnboundedReceiver<SyncEvent>,
}

/// Shows `state` until `connecting` is done (its status bar says what is awaited), answering
/// only quit, resize, suspend and signals; `None` when the user left first.
pub async fn wait<T>(
    terminal: &mut DefaultTerminal,
    state: &mut State,
    deps: &Deps,
    connecting: impl Future<Output = T>,
) -> std::io::Result<Option<T>> {
    let mut keys = EventStream::new();
    let mut signals = Signals::new()?;
    tokio::pin!(connecting);
    loop {
        if state.dirty {
            terminal
                .draw(|frame| ui::render(frame, state, &deps.theme, &deps.keymap, Utc::now()))?;
            state.dirty = false;
        }
        tokio::select! {
            done = &mut connecting => return Ok(Some(done)),
            event = keys.next() => match event {
                Some(Ok(event)) if is_suspend(&event) => redraw_after(terminal::suspend(terminal), terminal, state)?,
                Some(Ok(Event::Resize(width, height))) => {
                    state.viewport = (width, height);
                    state.dirty = true;
                }
                Some(Ok(event)) => {
                    if translate(&event, state, &deps.keymap) == Some(Msg::Action(Action::Quit)) {
                        return Ok(None);
                    }
                }
                Some(Err(e)) => return Err(e),
                None => return Ok(None),
            },
            asked = signals.next() => match asked {
                Asked::Leave => return Ok(None),
                Asked::Suspend => redraw_after(terminal::suspend(terminal), terminal, state)?,
                Asked::Resume => redraw_after(terminal::resume(terminal), terminal, state)?,
            },
        }
    }
}

pub async fn run(
    terminal: &mut DefaultTerminal,
    mut state: State,
    deps: &Deps,
    link: Link,
) -> std::io::Result<()> {
    let Link { engine, mut events } = link;
    let Deps { keymap, theme } = deps;
    let mut keys = EventStream::new();
    let mut signals = Signals::new()?;
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
            terminal.draw(|frame| ui::render(frame, &state, theme, keymap, Utc::now()))?;
            state.dirty = false;
            last_draw = Some(Instant::now());
        }
        let frame_due = last_draw.map(|t| t + FRAME).filter(|_| state.dirty);
        // Checked: a deadline too far to represent is never, not a panic.
        let refresh_due = state.next_deadline().and_then(|at| {
            let wait = (at - Utc::now()).to_std().unwrap_or_default();
            Instant::now().checked_add(wait)
        });
        let msg = tokio::select! {
            event = keys.next() => match event {
                Some(Ok(event)) if is_suspend(&event) => {
                    redraw_after(terminal::suspend(terminal), terminal, &mut state)?;
                    Some(resized(terminal)?)
                }
                Some(Ok(event)) => translate(&event, &state, keymap),
                Some(Err(e)) => return Err(e),
                None => return Ok(()),
            },
            Some(event) = events.recv() => Some(Msg::Sync(event)),
            _ = sleep_until(refresh_due) => Some(Msg::Tick),
            _ = sleep_until(frame_due) => None,
            asked = signals.next() => match asked {
                Asked::Leave => return Ok(()),
                Asked::Suspend => {
                    redraw_after(terminal::suspend(terminal), terminal, &mut state)?;
                    Some(resized(terminal)?)
                }
                Asked::Resume => {
                    redraw_after(terminal::resume(terminal), terminal, &mut state)?;
                    Some(resized(terminal)?)
                }
            },
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

/// Ctrl-Z: with raw mode on, the terminal sends it as a key rather than stopping the app.
fn is_suspend(event: &Event) -> bool {
    matches!(event, Event::Key(key)
        if key.kind == KeyEventKind::Press
            && key.code == KeyCode::Char('z')
            && key.modifiers.contains(KeyModifiers::CONTROL))
}

/// After a suspend or resume the screen was cleared: everything is owed a redraw.
fn redraw_after(
    done: std::io::Result<()>,
    terminal: &mut DefaultTerminal,
    state: &mut State,
) -> std::io::Result<()> {
    done?;
    let size = terminal.size()?;
    state.viewport = (size.width, size.height);
    state.dirty = true;
    Ok(())
}

/// The terminal may have been resized while the app was stopped.
fn resized(terminal: &DefaultTerminal) -> std::io::Result<Msg> {
    let size = terminal.size()?;
    Ok(Msg::Resize {
        width: size.width,
        height: size.height,
    })
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
            state.pipelines.note = Some(super::browser::open_url(&url));
            state.dirty = true;
            false
        }
        Effect::Quit => true,
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
