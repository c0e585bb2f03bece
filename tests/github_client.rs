//! The shared GitHub client against local servers: paging, ETags, budgets and back-off,
//! the tokenless log redirect, GraphQL errors.

mod github_client {
    mod graphql;
    mod limits;
    mod paging;
    mod redirect;
    pub mod support;
}
