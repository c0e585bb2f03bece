//! Configuration: discovery, schema, and where secrets come from.

mod ca;
mod github;
mod load;
mod range;
mod schema;
mod secret;

pub use ca::{CaFile, certificates};
pub use github::{DEFAULT_API_URL, GithubConfig, LabelColumn, ProjectRef, graphql_beside};
pub use load::{ConfigError, Source, config_path, discover, load_file, parse};
pub use schema::{
    Config, DayName, DeployBackendKind, DeployConfig, JiraAuth, JiraConfig, JiraScope, LogsConfig,
    SprintConfig, StandupConfig, StandupOrder, UiConfig, WipPolicy,
};
pub use secret::{Secret, SecretError, TokenSource};
