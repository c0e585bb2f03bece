//! Plain nouns of the problem: no I/O, no UI, no wire formats.

pub mod board;
pub mod budget;
pub mod deploy;
pub mod issue;
pub mod pipeline;
pub mod sprint;
pub mod text;

pub use board::{Arrival, Board, BoardKind, Column, Cut, Sprint, SprintState, WipState};
pub use budget::RateBudget;
pub use issue::{Issue, IssueKey, Person, StatusId};
