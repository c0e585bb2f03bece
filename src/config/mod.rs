//! Configuration: discovery, schema, and where secrets come from.

mod github;
mod load;
mod schema;
mod secret;

pub use github::{DEFAULT_API_URL, GithubConfig, LabelColumn, ProjectRef};
pub use load::{ConfigError, Source, discover, load_file, parse};
pub use schema::{
    Config, DayName, DeployBackendKind, DeployConfig, JiraAuth, JiraConfig, JiraScope, LogsConfig,
    SprintConfig, StandupConfig, StandupOrder, UiConfig, WipPolicy,
};
pub use secret::{Secret, SecretError, TokenSource};
