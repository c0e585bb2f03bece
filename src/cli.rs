//! Command line: the interactive app by default, plus script-friendly verbs.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "shipdeck",
    version,
    about = "The team's board, sprint and releases in one terminal screen"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Flags accepted before (or after) any subcommand.
#[derive(Debug, Args, Clone, Default)]
pub struct Global {
    /// Configuration file (default: $SHIPDECK_CONFIG, then the XDG config dir)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Use the built-in demo sandbox even when a config exists
    #[arg(long, global = true)]
    pub demo: bool,
    /// Theme name (dark, light, high-contrast, mono) or path to a theme file
    #[arg(long, global = true, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// Hide every action that changes anything (moving cards)
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Log level for the log file: error, warn, info, debug, trace
    #[arg(long, global = true, value_name = "LEVEL", value_parser = ["error", "warn", "info", "debug", "trace"])]
    pub log_level: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a view and exit
    Print {
        #[command(subcommand)]
        what: PrintWhat,
    },
    /// Move a card to a column, with the board's WIP rules (exit 0 moved, 1 refused, 2 usage)
    Move {
        /// Issue key, e.g. PLAT-12
        key: String,
        /// Target column name, e.g. "In Progress"
        column: String,
        /// Move even when the column is at its WIP limit (wip_policy = "warn")
        #[arg(long)]
        force: bool,
    },
    /// Run the built-in demo server alone (Jira-shaped HTTP on 127.0.0.1)
    Sandbox {
        /// Port to listen on (default: a free one)
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
}

#[derive(Debug, Subcommand)]
pub enum PrintWhat {
    /// The board: columns, WIP counts and cards
    Board {
        #[arg(long, value_enum, default_value_t = Format::Plain)]
        format: Format,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Plain,
    Json,
}
