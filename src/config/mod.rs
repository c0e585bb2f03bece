//! Configuration: discovery, schema, and where secrets come from.

mod load;
mod schema;
mod secret;

pub use load::{ConfigError, Source, discover, load_file, parse};
pub use schema::{
    Config, DeployBackendKind, DeployConfig, JiraAuth, JiraConfig, JiraScope, LogsConfig, UiConfig,
    WipPolicy,
};
pub use secret::{Secret, SecretError, TokenSource};
