use super::CaFile;
use super::range::within;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The whole file. Unknown keys are errors so a typo never silently does nothing.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub ui: UiConfig,
    pub jira: Option<JiraConfig>,
    /// One table per deploy backend.
    #[serde(default)]
    pub deploy: Vec<DeployConfig>,
    /// One table per GitHub host and set of repositories.
    #[serde(default)]
    pub github: Vec<super::GithubConfig>,
    #[serde(default)]
    pub logs: LogsConfig,
    #[serde(default)]
    pub sprint: SprintConfig,
    #[serde(default)]
    pub standup: StandupConfig,
    /// action name -> chords, e.g. `move_right = ["shift-l", "shift-right"]`.
    #[serde(default)]
    pub keys: BTreeMap<String, Vec<String>>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct UiConfig {
    pub theme: String,
    #[serde(deserialize_with = "within::<_, _, 5, 86_400>")]
    pub refresh_seconds: u64,
    pub wip_policy: WipPolicy,
    pub read_only: bool,
    /// How long a `token_cmd` may run before it is stopped and its source reported.
    #[serde(deserialize_with = "within::<_, _, 1, 300>")]
    pub token_cmd_timeout_seconds: u64,
}

impl Default for UiConfig {
    fn default() -> Self {
        Self {
            theme: "dark".into(),
            refresh_seconds: 60,
            wip_policy: WipPolicy::Warn,
            read_only: false,
            token_cmd_timeout_seconds: 10,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum WipPolicy {
    /// Ask before moving a card into a full column.
    #[default]
    Warn,
    /// Refuse to move a card into a full column.
    Block,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JiraConfig {
    pub url: String,
    /// Jira ids are Java longs.
    #[serde(deserialize_with = "within::<_, _, 1, 9_223_372_036_854_775_807>")]
    pub board: u64,
    #[serde(default)]
    pub auth: JiraAuth,
    pub email: Option<String>,
    pub token_env: Option<String>,
    pub token_cmd: Option<String>,
    pub jql: Option<String>,
    pub scope: Option<JiraScope>,
    /// PEM certificate authorities trusted for this server on top of the system's (a
    /// company CA); relative to the config file's directory.
    pub ca_file: Option<CaFile>,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum JiraAuth {
    /// Cloud: email + API token, REST v3.
    #[default]
    Basic,
    /// Data Center: personal access token, REST v2.
    Bearer,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum JiraScope {
    /// The active sprint (default for scrum boards).
    Sprint,
    /// Every issue of the board's filter (default for kanban boards).
    All,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    /// How the backend is shown.
    pub name: String,
    pub kind: DeployBackendKind,
    pub url: String,
    pub token_env: Option<String>,
    pub token_cmd: Option<String>,
    /// Only these services (default: all the backend offers).
    pub services: Option<Vec<String>>,
    /// Environments that need the typed confirmation, on top of what the server marks.
    #[serde(default)]
    pub protected: Vec<String>,
    /// Hide promote, rollback and cancel for this backend.
    #[serde(default)]
    pub read_only: bool,
    /// As `[jira] ca_file`.
    pub ca_file: Option<CaFile>,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DeployBackendKind {
    /// The shipdeck deploy protocol v1 (docs/deploy-protocol.md).
    Http,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct LogsConfig {
    /// Lines the log viewer keeps in memory; older ones are dropped (`s` still saves all).
    #[serde(deserialize_with = "within::<_, _, 100, 5_000_000>")]
    pub max_lines: usize,
    /// Case-sensitive substrings that mark an error line for `e` / `E`.
    pub error_patterns: Vec<String>,
}

impl Default for LogsConfig {
    fn default() -> Self {
        Self {
            max_lines: 200_000,
            error_patterns: ["error", "ERROR", "##[error]", "FAILED", "panicked"]
                .map(String::from)
                .to_vec(),
        }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SprintConfig {
    /// Days that count for "days left", the burndown and card ages.
    pub working_days: Vec<DayName>,
    /// Cards in progress for more than this many working days are shown as at risk.
    #[serde(deserialize_with = "within::<_, _, 1, 365>")]
    pub aging_days: u32,
}

impl Default for SprintConfig {
    fn default() -> Self {
        Self {
            working_days: vec![
                DayName::Mon,
                DayName::Tue,
                DayName::Wed,
                DayName::Thu,
                DayName::Fri,
            ],
            aging_days: 3,
        }
    }
}

impl SprintConfig {
    pub fn rules(&self) -> crate::domain::sprint::SprintRules {
        let mut working_days: Vec<chrono::Weekday> =
            self.working_days.iter().map(|d| d.weekday()).collect();
        working_days.dedup();
        crate::domain::sprint::SprintRules {
            working_days,
            aging_days: self.aging_days,
        }
    }
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DayName {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl DayName {
    pub fn weekday(self) -> chrono::Weekday {
        use chrono::Weekday;
        match self {
            Self::Mon => Weekday::Mon,
            Self::Tue => Weekday::Tue,
            Self::Wed => Weekday::Wed,
            Self::Thu => Weekday::Thu,
            Self::Fri => Weekday::Fri,
            Self::Sat => Weekday::Sat,
            Self::Sun => Weekday::Sun,
        }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct StandupConfig {
    /// How long each person's page shows before the next one.
    #[serde(deserialize_with = "within::<_, _, 5, 3_600>")]
    pub seconds_per_person: u64,
    pub order: StandupOrder,
    /// Display names (or Jira account ids / usernames) in speaking order, for `order = "config"`.
    pub people: Vec<String>,
}

impl Default for StandupConfig {
    fn default() -> Self {
        Self {
            seconds_per_person: 90,
            order: StandupOrder::Random,
            people: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum StandupOrder {
    /// Shuffled each standup, so nobody always goes first.
    #[default]
    Random,
    /// As `people` lists them; people not listed follow by name.
    Config,
}
