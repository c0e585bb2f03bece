//! The GitHub tracker against a wiremock server on loopback: a Projects v2 board over
//! GraphQL (paging, moves, errors) and a board of plain issues over REST (Link paging,
//! pull requests dropped, label, state and assignee moves).

#[path = "github_tracker/issues.rs"]
mod issues;
#[path = "github_tracker/project.rs"]
mod project;
#[path = "github_tracker/sandbox.rs"]
mod sandbox;
#[path = "github_tracker/support.rs"]
mod support;
