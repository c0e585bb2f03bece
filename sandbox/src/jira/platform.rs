//! Who am I, what server is this, and which fields exist.

use super::fields::FIELDS;
use super::render::{View, timestamp};
use super::reply::{Reply, ok};
use super::{AppState, Flavour};
use crate::people::MYSELF;
use axum::extract::{Path, State};
use chrono::Utc;
use serde_json::json;

pub async fn myself(State(state): State<AppState>, Path(v): Path<String>) -> Reply {
    let flavour = Flavour::from_version(&v)?;
    let view = View {
        base: &state.base,
        flavour,
        agile: false,
    };
    let mut user = view.user(MYSELF);
    user["locale"] = json!("en_GB");
    user["groups"] = json!({ "size": 2, "items": [] });
    user["applicationRoles"] = json!({ "size": 1, "items": [] });
    user["expand"] = json!("groups,applicationRoles");
    ok(user)
}

pub async fn server_info(State(state): State<AppState>, Path(v): Path<String>) -> Reply {
    let now = timestamp(Utc::now());
    let body = match Flavour::from_version(&v)? {
        Flavour::Cloud => json!({
            "baseUrl": &*state.base,
            "version": "1001.0.0-SNAPSHOT",
            "versionNumbers": [1001, 0, 0],
            "deploymentType": "Cloud",
            "buildNumber": 100287,
            "buildDate": "2026-01-12T10:14:41.000+0000",
            "serverTime": now,
            "scmInfo": "5b6a1f0c2e9d4c7a8f3b1e6d0a9c8b7f6e5d4c3b",
            "serverTitle": "Jira",
            "defaultLocale": { "locale": "en_US" },
            "serverTimeZone": "Etc/UTC",
        }),
        Flavour::DataCenter => json!({
            "baseUrl": &*state.base,
            "version": "9.12.15",
            "versionNumbers": [9, 12, 15],
            "deploymentType": "Server",
            "buildNumber": 9120015,
            "buildDate": "2024-10-01T00:00:00.000+0000",
            "serverTime": now,
            "scmInfo": "a7c3e91f5d2b8c4e6f0a1b3d5c7e9f2a4b6c8d0e",
            "serverTitle": "Jira",
        }),
    };
    ok(body)
}

pub async fn fields(Path(v): Path<String>) -> Reply {
    Flavour::from_version(&v)?;
    ok(json!(FIELDS.iter().map(|f| f.json()).collect::<Vec<_>>()))
}
