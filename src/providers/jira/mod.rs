//! Jira Cloud (REST v3) and Data Center (REST v2), with the Agile 1.0 API.
