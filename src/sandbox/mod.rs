//! The built-in demo backend: Jira-shaped HTTP on 127.0.0.1.

mod adf;
mod catalog;
mod doc;
mod jql;
mod people;
mod seed;
mod store;
mod wiki;
