//! Vendors behind traits. Each vendor module keeps its wire types (`dto`) private and maps
//! them into `crate::domain` (`map`).

pub mod error;
pub mod http;
pub mod jira;

pub use error::ProviderError;

use crate::domain::{Board, Column, IssueKey, Person};
use async_trait::async_trait;

/// Where the cards come from: Jira today, GitHub Projects later.
#[async_trait]
pub trait IssueTracker: Send + Sync {
    /// The board with its columns, WIP limits and the cards it shows.
    async fn load_board(&self) -> Result<Board, ProviderError>;

    /// The user the token belongs to ("only mine").
    async fn myself(&self) -> Result<Person, ProviderError>;

    /// Moves a card into `to` with a workflow transition whose target status is one of the
    /// column's statuses; never chosen by name.
    async fn move_issue(&self, key: &IssueKey, to: &Column) -> Result<(), ProviderError>;
}
