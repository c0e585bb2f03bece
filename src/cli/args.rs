//! Command line: the interactive app by default, plus script-friendly verbs.

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The version and the git commit it was built from (see build.rs).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("SHIPDECK_COMMIT"),
    ")"
);

#[derive(Debug, Parser)]
#[command(
    name = "shipdeck",
    version = VERSION,
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
    /// Use the built-in demo sandbox even when a config exists; `--demo=github` adds a
    /// GitHub-backed board, Actions runs and a GitHub-deployed service
    #[arg(
        long,
        global = true,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "jira",
        value_name = "jira|github"
    )]
    pub demo: Option<Demo>,
    /// Theme name (dark, light, high-contrast, mono) or path to a theme file
    #[arg(long, global = true, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// Hide or refuse every action that changes anything (moving cards, promote, rollback)
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Log level for the log file: error, warn, info, debug, trace
    #[arg(long, global = true, value_name = "LEVEL", value_parser = ["error", "warn", "info", "debug", "trace"])]
    pub log_level: Option<String>,
}

/// Which built-in demo `--demo` opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Demo {
    /// The Jira-shaped board with the deploy-protocol backend.
    Jira,
    /// A GitHub Projects v2 board, Actions runs and GitHub Deployments beside the protocol.
    Github,
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
        /// Issue key, e.g. PLAT-12 or acme/payments#12
        key: String,
        /// Target column name, e.g. "In Progress"
        column: String,
        /// Move even when the column is at its WIP limit (wip_policy = "warn")
        #[arg(long)]
        force: bool,
    },
    /// Promote what one environment runs into another (exit 0 succeeded, 1 refused or failed,
    /// 2 usage)
    Promote(PromoteArgs),
    /// Roll an environment back to an earlier successful deployment (exit codes as promote)
    Rollback(RollbackArgs),
    /// Show the audit log of promotes, rollbacks and cancels, oldest first
    Audit {
        /// Only actions started since: a span back from now (30m, 24h, 7d, 2w) or an RFC 3339
        /// time
        #[arg(long, value_name = "DURATION|TIME", value_parser = since)]
        since: Option<DateTime<Utc>>,
        #[arg(long, value_enum, default_value_t = Format::Plain)]
        format: Format,
    },
    /// Print a pipeline job's log (exit 0 the job succeeded, 1 it failed or was cancelled, 2
    /// usage)
    Logs(LogsArgs),
    /// Open the standup: full screen and read-only, a page per person of the active sprint
    /// on a countdown, then the team page (space/→ next, ← back, p pause, q quit)
    Standup,
    /// Print a shell completion script: `shipdeck completions bash > ~/.local/share/bash-completion/completions/shipdeck`
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `shipdeck man > ~/.local/share/man/man1/shipdeck.1`
    Man,
    /// Run the built-in demo server alone (Jira, deploy protocol and GitHub on 127.0.0.1)
    Sandbox {
        /// Port to listen on (default: a free one)
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
    /// Check the config and every source it names (token, proxy, DNS, TCP, TLS, sign-in,
    /// scopes, board, clock) and the audit log, a line each with the fix (exit 0 all pass, 1
    /// any fails, 2 the config cannot be read)
    Doctor {
        #[arg(long, value_enum, default_value_t = Format::Plain)]
        format: Format,
    },
    /// Set up a first config interactively: pick the systems, where each token comes from,
    /// the board and repositories; writes a commented file (never a token) where shipdeck
    /// looks (--config, $SHIPDECK_CONFIG, else the XDG config dir) and loads the board once
    /// (exit 0 written, 1 refused or stopped, 2 no terminal)
    Init {
        /// Replace a config file that already exists
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PrintWhat {
    /// The board: columns, WIP counts and cards
    Board {
        #[arg(long, value_enum, default_value_t = Format::Plain)]
        format: Format,
    },
    /// Services x environments of every deploy backend: what runs where, locks, health
    Deploys {
        #[arg(long, value_enum, default_value_t = Format::Plain)]
        format: Format,
    },
    /// Recent pipeline runs of every deploy backend, newest first, with status and duration
    Pipelines {
        #[arg(long, value_enum, default_value_t = Format::Plain)]
        format: Format,
    },
    /// A sprint's figures: dates, points, burndown, people, risks and velocity
    Sprint {
        #[arg(long, value_enum, default_value_t = Format::Plain)]
        format: Format,
        /// The sprint's id (default: the board's active sprint)
        #[arg(long, value_name = "ID")]
        sprint: Option<u64>,
    },
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Pipeline run id, e.g. r-311
    pub run: String,
    /// Job id or name (default: the run's first failed job, else its first job)
    #[arg(long, value_name = "JOB")]
    pub job: Option<String>,
    /// Keep writing as the log grows, until the job ends
    #[arg(long, short)]
    pub follow: bool,
    /// The log's bytes as the server sends them, colour codes and all (default: plain text)
    #[arg(long)]
    pub raw: bool,
    /// The deploy backend's name, when several serve pipelines
    #[arg(long, value_name = "NAME")]
    pub backend: Option<String>,
}

#[derive(Debug, Args)]
pub struct PromoteArgs {
    /// Service name, e.g. payments
    pub service: String,
    /// The environment whose revision is promoted, e.g. staging
    #[arg(long, value_name = "ENV")]
    pub from: String,
    /// The environment that will run it, e.g. prod
    #[arg(long, value_name = "ENV")]
    pub to: String,
    /// A revision deployed in --from (default: what --from runs now)
    #[arg(long, value_name = "R")]
    pub revision: Option<String>,
    #[command(flatten)]
    pub act: ActArgs,
}

#[derive(Debug, Args)]
pub struct RollbackArgs {
    /// Service name, e.g. payments
    pub service: String,
    /// The environment to roll back, e.g. prod
    #[arg(long, value_name = "ENV")]
    pub env: String,
    /// The deployment to return to (default: the newest succeeded one before the current)
    #[arg(long, value_name = "DEPLOYMENT_ID")]
    pub to: Option<String>,
    #[command(flatten)]
    pub act: ActArgs,
}

/// What promote and rollback share.
#[derive(Debug, Args)]
pub struct ActArgs {
    /// Why, for the backend's history
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Do not ask for confirmation (needed when stdin is not a terminal)
    #[arg(long)]
    pub yes: bool,
    /// Exit once the backend accepts, without waiting for the deployment to finish
    #[arg(long)]
    pub no_wait: bool,
    /// Stop waiting for the deployment to finish after this long (90s, 30m, 1h) and exit 1,
    /// saying what it still waits for (reviewers, say); the deployment goes on
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration, conflicts_with = "no_wait")]
    pub timeout: Option<std::time::Duration>,
    /// The deploy backend's name, when several have the service
    #[arg(long, value_name = "NAME")]
    pub backend: Option<String>,
}

fn since(text: &str) -> Result<DateTime<Utc>, String> {
    crate::audit::parse_since(text, Utc::now())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Plain,
    Json,
}
