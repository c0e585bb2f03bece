//! shipdeck: the team's board, sprint, pipelines and deployments in one terminal screen.

pub mod app;
pub mod audit;
pub mod deploy_commands;
pub mod cli;
pub mod config;
pub mod domain;
pub mod providers;
pub mod sandbox;
pub mod sync;
pub mod ui;
pub mod report;
pub mod commands;
pub mod logging;
pub mod setup;
