//! The sandbox's GitHub board side over real HTTP on loopback: `/user`, the issue list (pull
//! requests included, `Link` paging onto `/repositories/{id}/issues`), issue edits, and the
//! Projects v2 GraphQL server with its errors. The world starts at a fixed instant.

#[path = "github_board/errors.rs"]
mod errors;
#[path = "support/github.rs"]
mod github_sandbox;
#[path = "github_board/graphql.rs"]
mod graphql;
#[path = "github_board/rest.rs"]
mod rest;
#[path = "github_board/support.rs"]
mod support;
