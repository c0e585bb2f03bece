//! The sandbox over real HTTP on loopback, spoken to the way the Jira provider speaks.

#[path = "jira/board.rs"]
mod board;
#[path = "jira/boards.rs"]
mod boards;
#[path = "jira/client.rs"]
mod client;
#[path = "jira/search.rs"]
mod search;
#[path = "jira/workflow.rs"]
mod workflow;
