//! The sprint screen's state (the board's sprints, each one's figures once read) and the
//! standup that runs on the active sprint's data.

pub mod activity;
pub mod countdown;
mod events;
mod order;
pub mod standup;
mod update;

pub use countdown::Countdown;
pub use events::on_sync;
pub use standup::Standup;
pub use update::{on_action, open, refresh};

use crate::config::StandupConfig;
use crate::domain::sprint::{SprintData, SprintReport, SprintRules, StandupPage};
use crate::domain::{Sprint, SprintState};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// One sprint's data with what was computed from it when it arrived.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub data: SprintData,
    pub report: SprintReport,
    pub pages: Vec<StandupPage>,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SprintView {
    /// The board's sprints in time order: closed (oldest first), active, future.
    pub sprints: Vec<Sprint>,
    /// The list was read at least once.
    pub listed: bool,
    pub list_loading: bool,
    /// The sprint on screen.
    pub shown: Option<u64>,
    /// Sprints read so far: switching back to one shows it at once while it is read again.
    pub loaded: BTreeMap<u64, Loaded>,
    /// The sprint being read.
    pub loading: Option<u64>,
    /// The last failure; whatever was read before stays on screen.
    pub error: Option<String>,
    /// Completed against scope instead of remaining work.
    pub burnup: bool,
    pub rules: SprintRules,
    pub settings: StandupConfig,
    pub standup: Option<Standup>,
}

impl SprintView {
    pub fn new(rules: SprintRules, settings: StandupConfig) -> Self {
        Self {
            rules,
            settings,
            ..Self::default()
        }
    }

    pub fn is_loading(&self) -> bool {
        self.list_loading || self.loading.is_some()
    }

    pub fn sprint(&self, id: u64) -> Option<&Sprint> {
        self.sprints.iter().find(|s| s.id == id)
    }

    pub fn shown_sprint(&self) -> Option<&Sprint> {
        self.shown.and_then(|id| self.sprint(id))
    }

    pub fn shown_loaded(&self) -> Option<&Loaded> {
        self.shown.and_then(|id| self.loaded.get(&id))
    }

    /// The sprint the standup is about: the active one (the newest, should a board have two).
    pub fn active(&self) -> Option<&Sprint> {
        self.sprints
            .iter()
            .rev()
            .find(|s| s.state == SprintState::Active)
    }

    /// Position of the shown sprint in the list, for "3 of 9".
    pub fn position(&self) -> Option<usize> {
        let id = self.shown?;
        self.sprints.iter().position(|s| s.id == id)
    }
}

/// Closed sprints by end date, then the active ones, then future ones by start date.
pub fn in_time_order(mut sprints: Vec<Sprint>) -> Vec<Sprint> {
    sprints.sort_by_key(|s| {
        let rank = match s.state {
            SprintState::Closed => 0,
            SprintState::Active => 1,
            SprintState::Future => 2,
        };
        (rank, s.end.or(s.start), s.id)
    });
    sprints
}
