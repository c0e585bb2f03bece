//! All network work. The UI loop sends `Request`s and receives `SyncEvent`s; it never awaits
//! HTTP itself.

mod engine;

pub use engine::{Engine, patient, spawn};

use crate::domain::{Board, Column, IssueKey, Person};
use chrono::{DateTime, Utc};
use std::time::Duration;

/// What the loop asks of the network.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    FetchBoard,
    FetchMyself,
    MoveCard { key: IssueKey, to: Column },
}

/// What happened, reported in the past tense.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncEvent {
    SyncStarted,
    BoardLoaded {
        board: Board,
        at: DateTime<Utc>,
    },
    MyselfLoaded(Person),
    CardMoved {
        key: IssueKey,
    },
    MoveFailed {
        key: IssueKey,
        error: String,
    },
    /// A fetch failed; the last data stays on screen.
    SyncFailed {
        error: String,
    },
    /// A 429: the engine waits this long before trying again.
    Waiting {
        retry_after: Duration,
    },
}
