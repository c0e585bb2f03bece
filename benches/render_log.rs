//! Budgets: one frame of the log viewer at 200x60 (wrap on, colours) in under 1 ms whatever the
//! log's size, and a batch of new bytes costing what the batch holds, not what the log holds.
//! Each case runs over 1,000 and 1,000,000 lines to show the size does not matter.

use chrono::{DateTime, TimeZone, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shipdeck::app::keymap::Keymap;
use shipdeck::app::pipelines::logview::{LogSource, LogViewer};
use shipdeck::app::pipelines::{PipelinesView, RunsBackend};
use shipdeck::app::{Action, Msg, Screen, State, update};
use shipdeck::config::{LogsConfig, WipPolicy};
use shipdeck::sync::SyncEvent;
use shipdeck::ui::{self, Theme};
use std::hint::black_box;
use std::time::Duration;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

/// Line `n` of a CI log: timestamps, SGR colours, a group every 500 lines, an error now and
/// then, and every 7th line long enough to wrap twice at 200 columns.
fn line(n: usize, out: &mut String) {
    use std::fmt::Write;
    let stamp = format!("2026-11-25T09:{:02}:{:02}.1234567Z ", n / 60 % 60, n % 60);
    out.push_str(&stamp);
    match n % 500 {
        0 => {
            let _ = writeln!(out, "##[group]Step {}", n / 500);
            return;
        }
        499 => {
            out.push_str("##[endgroup]\n");
            return;
        }
        _ => {}
    }
    if n.is_multiple_of(97) {
        let _ = writeln!(out, "\x1b[31merror\x1b[0m: request {n} timeout after 30s");
    } else if n.is_multiple_of(7) {
        let _ = write!(out, "\x1b[36mINFO\x1b[0m payload {n}: ");
        out.push_str(&"abcdefghij".repeat(40));
        out.push('\n');
    } else {
        let _ = writeln!(
            out,
            "\x1b[32mINFO\x1b[0m \x1b[1mGET\x1b[0m /api/v1/payments/{n} 200 in {}ms",
            n % 250
        );
    }
}

fn log(lines: usize) -> Vec<u8> {
    let mut out = String::with_capacity(lines * 110);
    for n in 0..lines {
        line(n, &mut out);
    }
    out.into_bytes()
}

/// The pipelines screen at 200x60 with the viewer following a log of `lines` lines.
fn state(lines: usize) -> State {
    let mut state = State::new(WipPolicy::Warn, Duration::from_secs(60));
    // At the cap, as a long-running job's viewer is: new lines push old ones out.
    let config = LogsConfig {
        max_lines: lines,
        ..LogsConfig::default()
    };
    state.pipelines = PipelinesView::new(vec![RunsBackend::new("ci", true)], config.clone(), None);
    state.screen = Screen::Pipelines;
    state.viewport = (200, 60);
    let source = LogSource {
        backend: 0,
        run_id: "r-1".into(),
        job_id: "j-1".into(),
        run_name: "Build and deploy".into(),
        job_name: "test".into(),
        url: None,
    };
    let mut viewer = LogViewer::new(source, &config);
    for chunk in log(lines).chunks(1 << 16) {
        viewer.push_bytes(chunk);
    }
    state.pipelines.viewer = Some(viewer);
    state
}

fn act(state: &mut State, action: Action) {
    update(state, Msg::Action(action), now());
}

fn search(state: &mut State, needle: &str) {
    act(state, Action::Filter);
    needle.chars().for_each(|c| {
        update(state, Msg::Input(c), now());
    });
    act(state, Action::Open);
}

fn frame(c: &mut Criterion, name: &str, state: &State) {
    let theme = Theme::load("dark", false).unwrap();
    let keymap = Keymap::default();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function(name, |b| {
        b.iter(|| {
            terminal
                .draw(|frame| ui::render(frame, black_box(state), &theme, &keymap, now()))
                .unwrap();
        })
    });
}

fn render(c: &mut Criterion) {
    for lines in [1_000, 1_000_000] {
        let mut state = state(lines);
        frame(
            c,
            &format!("log frame 200x60 following, {lines} lines"),
            &state,
        );
        search(&mut state, "timeout");
        // From the end, half way up: a paused window full of highlighted matches.
        for _ in 0..lines / 200 {
            act(&mut state, Action::SearchPrev);
        }
        frame(
            c,
            &format!("log frame 200x60 paused on a match, {lines} lines"),
            &state,
        );
        act(&mut state, Action::ToggleFilterMode);
        frame(
            c,
            &format!("log frame 200x60 filter mode, {lines} lines"),
            &state,
        );
    }
}

/// 330 new lines (a 60 fps batch of a 20,000 lines/s log) with a search running.
fn ingest(c: &mut Criterion) {
    let mut batch = String::new();
    for n in 0..330 {
        line(n + 1, &mut batch);
    }
    let batch = batch.into_bytes();
    for lines in [1_000, 1_000_000] {
        let mut state = state(lines);
        search(&mut state, "timeout");
        act(&mut state, Action::Bottom);
        c.bench_function(&format!("log batch of 330 lines into {lines}"), |b| {
            b.iter_batched(
                || SyncEvent::LogBytes {
                    run_id: "r-1".into(),
                    job_id: "j-1".into(),
                    bytes: batch.clone(),
                },
                |event| update(&mut state, Msg::Sync(event), now()),
                BatchSize::SmallInput,
            )
        });
    }
}

criterion_group!(benches, render, ingest);
criterion_main!(benches);
