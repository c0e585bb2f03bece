//! shipdeck: the team's board, sprint, pipelines and deployments in one terminal screen.

pub mod app;
pub mod audit;
pub mod cli;
pub mod commands;
pub mod config;
pub mod deploy_commands;
pub mod domain;
pub mod logging;
pub mod logs;
pub mod pipelines_commands;
pub mod providers;
pub mod report;
pub mod sandbox;
pub mod setup;
pub mod sprint_commands;
pub mod sync;
pub mod text_table;
pub mod ui;
