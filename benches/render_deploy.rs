//! Budget: one frame of the deploy screen with 300 services x 6 environments under 5 ms (the
//! issue's Argo CD figure: 300 Applications under 5 ms per frame), at 200x60 and at 120x40,
//! with the selection on the first row and 150 rows down.

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shipdeck::app::deploy::BackendView;
use shipdeck::app::keymap::Keymap;
use shipdeck::app::{Action, Msg, Screen, State, update};
use shipdeck::config::WipPolicy;
use shipdeck::domain::deploy::*;
use shipdeck::sync::SyncEvent;
use shipdeck::ui::{self, Theme};
use std::hint::black_box;

const ENVS: [&str; 6] = ["dev", "test", "staging", "perf", "prod-eu", "prod-us"];
const PEOPLE: [&str; 5] = ["ana", "bo", "mei", "chen", "dara"];
const KINDS: [&str; 4] = ["payments", "ledger", "notify", "search"];

fn name(s: usize) -> String {
    format!("{}-{s:03}", KINDS[s % KINDS.len()])
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

/// Each environment a release behind the one before it on every other service, so about half
/// the cells are promotable; some cells in progress, failed, degraded, down or locked.
fn environment(s: usize, e: usize) -> Environment {
    let n = s * ENVS.len() + e;
    let state = match n % 23 {
        3 => DeployState::InProgress,
        7 | 15 => DeployState::Failed,
        _ => DeployState::Succeeded,
    };
    let minor = 40 - if s.is_multiple_of(2) { e } else { e / 2 };
    let version = format!("{}.{minor}.{}", 1 + s % 3, n % 10);
    let created_at = now() - Duration::minutes(((n * 97) % 30_000) as i64 + 1);
    let by = PEOPLE[n % PEOPLE.len()];
    let current = Deployment {
        id: DeploymentId(format!("d-{n}")),
        service: name(s),
        environment: ENVS[e].into(),
        revision: format!("{:010x}", n * 2_654_435_761 % (1 << 40)),
        version: Some(version.clone()),
        kind: DeployKind::Deploy,
        state,
        from_environment: None,
        rollback_of: None,
        created_at,
        finished_at: (!state.is_active()).then(|| created_at + Duration::seconds(192)),
        by: Some(by.into()),
        reason: None,
        run_id: Some(format!("run-{n}")),
        changes: vec![Change {
            sha: format!("{n:010x}"),
            title: format!("Release {version}"),
            issue_keys: Vec::new(),
        }],
    };
    let health = match n % 19 {
        4 => Health::Degraded,
        9 => Health::Down,
        13 => Health::Unknown,
        _ => Health::Healthy,
    };
    Environment {
        name: ENVS[e].into(),
        protected: ENVS[e].starts_with("prod"),
        protection: Vec::new(),
        health,
        lock: n.is_multiple_of(29).then(|| Lock {
            by: by.into(),
            reason: "change freeze for the quarter-end close".into(),
            until: None,
        }),
        current: Some(current),
    }
}

fn services(count: usize) -> Vec<Service> {
    (0..count)
        .map(|s| Service {
            name: name(s),
            repo: Some(format!("acme/{}", name(s))),
            environments: (0..ENVS.len()).map(|e| environment(s, e)).collect(),
        })
        .collect()
}

/// The deploy screen loaded through `update`, the way the sync delivers it.
fn state() -> State {
    let mut state = State::new(WipPolicy::Warn, std::time::Duration::from_secs(60));
    state.screen = Screen::Deploy;
    state.deploy.backends = vec![BackendView::new("argo", false)];
    let loaded = SyncEvent::DeploysLoaded {
        backend: 0,
        services: services(300),
        at: now() - Duration::minutes(2),
    };
    update(&mut state, Msg::Sync(loaded), now());
    state
}

fn bench(c: &mut Criterion) {
    let theme = Theme::load("dark", false).unwrap();
    let keymap = Keymap::default();
    let mut state = state();
    for (w, h) in [(200, 60), (120, 40)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        c.bench_function(&format!("deploy 300x6 {w}x{h}"), |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| ui::render(frame, black_box(&state), &theme, &keymap, now()))
                    .unwrap();
            })
        });
    }

    for _ in 0..150 {
        update(&mut state, Msg::Action(Action::Down), now());
    }
    update(&mut state, Msg::Action(Action::Right), now());
    assert_eq!(state.deploy.row, 150, "the selection moves down 150 rows");
    for (w, h) in [(200, 60), (120, 40)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        c.bench_function(&format!("deploy 300x6 {w}x{h} scrolled 150"), |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| ui::render(frame, black_box(&state), &theme, &keymap, now()))
                    .unwrap();
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
