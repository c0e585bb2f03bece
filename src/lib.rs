//! shipdeck: the team's board, sprint, pipelines and deployments in one terminal screen.

pub mod app;
pub mod audit;
pub mod cli;
pub mod config;
pub mod domain;
pub mod logging;
pub mod logs;
pub mod providers;
pub mod setup;
pub mod state_dir;
pub mod sync;
pub mod ui;
