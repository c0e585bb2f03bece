use super::action::KeyContext;
use super::deploy::DeployView;
use super::pipelines::{PipelinesView, RunConfirm};
use super::rate::RateView;
use super::sprint::SprintView;
use crate::config::WipPolicy;
use crate::domain::{Arrival, Board, Column, Issue, IssueKey, Person, StatusId};
use chrono::{DateTime, FixedOffset, Offset, Utc};
use std::collections::BTreeMap;
use std::time::Duration;

/// The screens, switched with `1` to `5`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Screen {
    #[default]
    Board,
    Deploy,
    Pipelines,
    Sprint,
    /// Full screen and read-only, for the team's shared screen.
    Standup,
}

/// A popup on top of the screen; at most one at a time.
#[derive(Clone, Debug, PartialEq)]
pub enum Popup {
    Help,
    Detail(IssueKey),
    /// "In Progress is at its WIP limit (4/4). Move anyway? y/N"
    ConfirmWip {
        key: IssueKey,
        to: usize,
        message: String,
    },
    /// "Re-run the 2 failed jobs of run 812 'CI' on main? y/N"
    ConfirmRun(RunConfirm),
}

/// A card moved on screen while Jira has not yet agreed.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingMove {
    pub from: StatusId,
    pub from_name: String,
    pub to: usize,
}

/// Where the cursor is: a column index into the board, and a row among that column's
/// visible cards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub column: usize,
    pub row: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SyncStatus {
    pub running: bool,
    pub last_synced: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    /// Transient note for the status bar ("moved PAY-12 to Review").
    pub note: Option<String>,
    /// While a first load shows its early pages: how far it has come.
    pub arriving: Option<Arrival>,
}

#[derive(Clone, Debug)]
pub struct State {
    pub screen: Screen,
    /// False when no tracker is configured: the board screen says so.
    pub has_tracker: bool,
    pub deploy: DeployView,
    pub pipelines: PipelinesView,
    pub sprint: SprintView,
    pub board: Option<Board>,
    pub selection: Selection,
    pub popup: Option<Popup>,
    /// The filter text; `editing` while the user types it.
    pub filter: String,
    pub filter_editing: bool,
    pub only_mine: bool,
    pub swimlanes: bool,
    pub me: Option<Person>,
    pub pending: BTreeMap<IssueKey, PendingMove>,
    pub sync: SyncStatus,
    /// Request budgets and rate-limit waits, for every screen's status bar.
    pub rate: RateView,
    /// The terminal's time zone, for clock times on screen ("resets 14:05"); UTC in tests.
    pub local_offset: FixedOffset,
    pub wip_policy: WipPolicy,
    pub refresh_every: Duration,
    /// When the next background refresh is due; the loop sleeps until then.
    pub next_refresh: Option<DateTime<Utc>>,
    /// Shown above the board in the demo.
    pub banner: Option<String>,
    pub read_only: bool,
    pub viewport: (u16, u16),
    /// Set by `update` when something visible changed; the loop draws and clears it.
    pub dirty: bool,
}

impl State {
    pub fn new(wip_policy: WipPolicy, refresh_every: Duration) -> Self {
        Self {
            screen: Screen::Board,
            has_tracker: true,
            deploy: DeployView::default(),
            pipelines: PipelinesView::default(),
            sprint: SprintView::default(),
            board: None,
            selection: Selection::default(),
            popup: None,
            filter: String::new(),
            filter_editing: false,
            only_mine: false,
            swimlanes: false,
            me: None,
            pending: BTreeMap::new(),
            sync: SyncStatus {
                running: false,
                last_synced: None,
                last_error: None,
                note: None,
                arriving: None,
            },
            rate: RateView::default(),
            local_offset: Utc.fix(),
            wip_policy,
            refresh_every,
            next_refresh: None,
            banner: None,
            read_only: false,
            viewport: (80, 24),
            dirty: true,
        }
    }

    /// The cards of a column as shown: filtered, and grouped by assignee in swimlanes mode
    /// (stable, so rank order holds within a lane).
    pub fn visible_cards(&self, column: usize) -> Vec<&Issue> {
        let Some(board) = &self.board else {
            return Vec::new();
        };
        let needle = self.filter.to_lowercase();
        let mine = self.me.as_ref().filter(|_| self.only_mine);
        let mut cards: Vec<&Issue> = board
            .cards(column)
            .filter(|i| i.matches(&needle))
            .filter(|i| mine.is_none_or(|me| i.assignee.as_ref().is_some_and(|a| a.id == me.id)))
            .collect();
        if self.swimlanes {
            cards.sort_by_cached_key(|i| lane_of(i));
        }
        cards
    }

    pub fn columns(&self) -> &[Column] {
        self.board.as_ref().map_or(&[], |b| b.columns.as_slice())
    }

    pub fn selected_card(&self) -> Option<&Issue> {
        self.visible_cards(self.selection.column)
            .get(self.selection.row)
            .copied()
    }

    pub fn issue(&self, key: &IssueKey) -> Option<&Issue> {
        self.board.as_ref()?.issues.iter().find(|i| &i.key == key)
    }

    /// Which screen's own keys apply now.
    pub fn key_context(&self) -> KeyContext {
        match self.screen {
            Screen::Board => KeyContext::Board,
            Screen::Deploy => KeyContext::Deploy,
            Screen::Pipelines if self.pipelines.viewer.is_some() => KeyContext::Log,
            Screen::Pipelines => KeyContext::Pipelines,
            Screen::Sprint => KeyContext::Sprint,
            Screen::Standup => KeyContext::Standup,
        }
    }

    /// Printable keys are text (the filter, or an environment's name in a protected plan).
    pub fn text_input_active(&self) -> bool {
        self.filter_editing
            || self.deploy.plan.as_ref().is_some_and(|p| p.needs_typing())
            || self.log_search_active()
    }

    /// The log viewer's search is being typed.
    pub fn log_search_active(&self) -> bool {
        self.screen == Screen::Pipelines
            && self
                .pipelines
                .viewer
                .as_ref()
                .is_some_and(|v| v.input.is_some())
    }

    /// Something is being fetched: the status bar's spinner, and no refresh timer.
    pub fn syncing(&self) -> bool {
        self.sync.running
            || self.deploy.is_loading()
            || self.sprint.is_loading()
            || self.pipelines.is_loading()
    }

    /// The next moment the loop must wake without input: the refresh timer, the standup
    /// countdown's next second while it runs on screen, and on the pipelines screen a live
    /// duration's clock or the poll of an active run.
    pub fn next_deadline(&self) -> Option<DateTime<Utc>> {
        let standup = self
            .sprint
            .standup
            .as_ref()
            .filter(|_| self.screen == Screen::Standup)
            .and_then(|s| s.tick_due);
        let pipelines = [self.pipelines.clock_due, self.pipelines.poll_due];
        let rate = self.rate.deadline();
        [self.next_refresh, standup, rate]
            .into_iter()
            .chain(pipelines)
            .flatten()
            .min()
    }
}

/// Lane label for swimlanes: the assignee's name, unassigned last.
pub fn lane_of(issue: &Issue) -> (bool, String) {
    match &issue.assignee {
        Some(p) => (false, p.display_name.clone()),
        None => (true, String::from("Unassigned")),
    }
}
