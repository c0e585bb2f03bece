//! The sync engine and the pure `update`, wired as the app's loop wires them, against the
//! sandbox behind the proxy: a board and a deploy matrix that loaded once stay while their
//! server fails in each way, the failure is shown saying why, and a server that went away
//! and came back is read again.

use super::support::{Case, deploy, jira, reason};
use crate::proxy::{Fault, Proxy};
use chrono::Utc;
use shipdeck::app::deploy::BackendView;
use shipdeck::app::{Effect, Msg, State, init, update};
use shipdeck::config::WipPolicy;
use shipdeck::sync::{self, DeployLink, Engine, Providers, Request, SyncEvent};
use shipdeck_sandbox::Sandbox;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

struct Session {
    state: State,
    engine: Engine,
    events: UnboundedReceiver<SyncEvent>,
}

impl Session {
    /// The next event, through `update`; what `update` asks of the network goes to the engine.
    async fn step(&mut self) -> SyncEvent {
        let event = tokio::time::timeout(Duration::from_secs(30), self.events.recv())
            .await
            .expect("an event within 30 s: the engine hangs")
            .expect("the engine is running");
        let effects = update(&mut self.state, Msg::Sync(event.clone()), Utc::now());
        self.apply(effects);
        event
    }

    fn apply(&self, effects: Vec<Effect>) {
        for effect in effects {
            if let Effect::Sync(request) = effect {
                self.engine.send(request);
            }
        }
    }

    /// Asks for the board and the deploy matrix again, and takes events until both answered.
    async fn refresh(&mut self) {
        self.engine.send(Request::FetchBoard);
        self.engine.send(Request::FetchDeploys);
        let (mut board, mut deploys) = (false, false);
        while !(board && deploys) {
            match self.step().await {
                SyncEvent::BoardLoaded { .. } | SyncEvent::SyncFailed { .. } => board = true,
                SyncEvent::DeploysLoaded { .. } | SyncEvent::DeploysFailed { .. } => deploys = true,
                _ => {}
            }
        }
    }

    /// (cards on the board, services on the deploy screen).
    fn shown(&self) -> (usize, usize) {
        let cards = self.state.board.as_ref().map_or(0, |b| b.issues.len());
        (cards, self.state.deploy.backends[0].services.len())
    }

    fn errors(&self) -> (Option<&str>, Option<&str>) {
        (
            self.state.sync.last_error.as_deref(),
            self.state.deploy.backends[0].last_error.as_deref(),
        )
    }
}

#[tokio::test]
async fn what_loaded_once_stays_while_the_server_fails_and_each_failure_says_why() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let proxy = Proxy::start(sandbox.addr).await;
    let (engine, events) = sync::spawn(Providers {
        tracker: Some(Arc::new(jira(&proxy.url(), sandbox.demo_user_email()))),
        deploys: vec![DeployLink {
            backend: Arc::new(deploy(&proxy.url())),
            ci: None,
        }],
        ..Providers::default()
    });
    let mut state = State::new(WipPolicy::Warn, Duration::from_secs(60));
    state.deploy.backends = vec![BackendView::new("sandbox", false)];
    let first = init(&mut state);
    let mut session = Session {
        state,
        engine,
        events,
    };
    session.apply(first);
    while session.state.board.is_none() || session.state.deploy.backends[0].last_synced.is_none() {
        session.step().await;
    }
    let loaded = session.shown();
    assert!(loaded.0 > 0 && loaded.1 > 0, "{loaded:?}");

    // One fault of each kind a client tells apart; the provider tests cover every one.
    let cases = [
        Case::Fault(Fault::Reset),
        Case::Fault(Fault::Cut(12)),
        Case::Fault(Fault::Garbage),
        Case::Fault(Fault::NotJson),
        Case::Fault(Fault::Hang),
        Case::Gone,
    ];
    for case in cases {
        match case {
            Case::Fault(fault) => proxy.set(fault),
            Case::Gone => proxy.go_away().await,
        }
        session.refresh().await;
        assert_eq!(session.shown(), loaded, "{case:?}: the last data stays");
        let (board, deploys) = session.errors();
        for error in [board, deploys] {
            let error = error.unwrap_or_else(|| panic!("{case:?}: no error shown"));
            assert!(error.contains(reason(case)), "{case:?}: {error}");
        }
        match case {
            Case::Fault(_) => proxy.set(Fault::Pass),
            Case::Gone => proxy.come_back().await,
        }
    }

    // Back after going away: read again, and the errors are gone.
    session.refresh().await;
    assert_eq!(session.errors(), (None, None));
    assert_eq!(session.shown(), loaded);
}
