//! The sandbox over real HTTP on loopback, spoken to the way the Jira provider speaks.

#[path = "sandbox_http/board.rs"]
mod board;
#[path = "sandbox_http/client.rs"]
mod client;
#[path = "sandbox_http/search.rs"]
mod search;
#[path = "sandbox_http/workflow.rs"]
mod workflow;
