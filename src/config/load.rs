use super::schema::Config;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Where the configuration came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    /// No file anywhere, or `--demo`: the built-in sandbox.
    Demo,
}

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    /// Names the file, line, column and key.
    #[error("{path}:{line}:{column}: {key}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        key: String,
        message: String,
    },
    #[error("{path}: {message}")]
    Semantic { path: String, message: String },
}

/// `--config PATH`, else `$SHIPDECK_CONFIG`, else `<XDG config>/shipdeck/config.toml`,
/// else the demo. An explicit path that does not exist is an error, not the demo.
pub fn discover(flag: Option<&Path>, env: Option<&str>, demo: bool) -> Result<Source, ConfigError> {
    if demo {
        return Ok(Source::Demo);
    }
    if let Some(path) = explicit(flag, env) {
        if !path.is_file() {
            return Err(ConfigError::Read {
                path: path.display().to_string(),
                reason: "no such file".into(),
            });
        }
        return Ok(Source::File(path));
    }
    let default = default_path().filter(|p| p.is_file());
    Ok(default.map_or(Source::Demo, Source::File))
}

/// Where `discover` looks, whether the file exists or not (where `shipdeck init` writes):
/// `--config PATH`, else `$SHIPDECK_CONFIG`, else the XDG default; `None` without a home.
pub fn config_path(flag: Option<&Path>, env: Option<&str>) -> Option<PathBuf> {
    explicit(flag, env).or_else(default_path)
}

fn explicit(flag: Option<&Path>, env: Option<&str>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf)
        .or_else(|| env.filter(|e| !e.is_empty()).map(PathBuf::from))
}

/// `<XDG config>/shipdeck/config.toml`.
fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "shipdeck").map(|d| d.config_dir().join("config.toml"))
}

pub fn load_file(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let shown = path.display().to_string();
    let mut config = parse(&text, &shown)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    super::ca::resolve(&mut config, dir, &text, &shown)?;
    Ok(config)
}

/// Parses and checks a config text; `path` is only used in messages.
pub fn parse(text: &str, path: &str) -> Result<Config, ConfigError> {
    let de = toml::Deserializer::parse(text).map_err(|e| invalid(text, path, "", &e))?;
    let config: Config = serde_path_to_error::deserialize(de).map_err(|e| {
        let key = e.path().to_string();
        invalid(text, path, &key, e.inner())
    })?;
    check(&config).map_err(|message| ConfigError::Semantic {
        path: path.to_string(),
        message,
    })?;
    Ok(config)
}

fn invalid(text: &str, path: &str, key: &str, e: &toml::de::Error) -> ConfigError {
    let (line, column) = e
        .span()
        .map(|span| line_col(text, span.start))
        .unwrap_or((1, 1));
    ConfigError::Invalid {
        path: path.to_string(),
        line,
        column,
        key: if key.is_empty() || key == "." {
            "(file)".into()
        } else {
            key.into()
        },
        message: e.message().to_string(),
    }
}

pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn check(config: &Config) -> Result<(), String> {
    // Numbers are range-checked as they are read (see `range`).
    if config.sprint.working_days.is_empty() {
        return Err("sprint.working_days must name at least one day".into());
    }
    for table in &config.github {
        table.check()?;
    }
    if let Some(jira) = &config.jira {
        if jira.token_env.is_some() == jira.token_cmd.is_some() {
            return Err("jira: set exactly one of token_env or token_cmd".into());
        }
        if jira.auth == super::JiraAuth::Basic && jira.email.is_none() {
            return Err("jira.email is required when jira.auth = \"basic\"".into());
        }
        if !(jira.url.starts_with("http://") || jira.url.starts_with("https://")) {
            return Err(format!(
                "jira.url must start with http:// or https:// (got {:?})",
                jira.url
            ));
        }
    }
    Ok(())
}
