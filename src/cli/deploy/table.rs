//! `shipdeck print deploys`: services x environments of every backend, as text or JSON.

use super::say_waiting;
use crate::cli::Format;
use crate::cli::table::{age, aligned};
use crate::domain::deploy::plan::promotable;
use crate::domain::deploy::{Environment, Service, health_name, state_name};
use crate::setup::DeployHandle;
use crate::sync::patient;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

#[derive(Serialize)]
struct Doc<'a> {
    backends: Vec<BackendOut<'a>>,
}

#[derive(Serialize)]
struct BackendOut<'a> {
    name: &'a str,
    /// Present when the backend could not be read; `services` is then empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    services: Vec<ServiceOut<'a>>,
}

#[derive(Serialize)]
struct ServiceOut<'a> {
    name: &'a str,
    repo: Option<&'a str>,
    environments: Vec<EnvironmentOut<'a>>,
}

#[derive(Serialize)]
struct EnvironmentOut<'a> {
    #[serde(flatten)]
    environment: &'a Environment,
    promotable: bool,
}

pub async fn print_deploys(deploys: &[DeployHandle], format: Format) -> ExitCode {
    let mut loaded = Vec::new();
    let mut failed = false;
    for handle in deploys {
        let services = patient(say_waiting, || handle.backend.services()).await;
        if let Err(e) = &services {
            eprintln!("shipdeck: {}: {e}", handle.name);
            failed = true;
        }
        loaded.push((handle.name.as_str(), services));
    }
    let text = match format {
        Format::Json => json(&loaded) + "\n",
        Format::Plain => plain(&loaded, Utc::now()),
    };
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = std::io::stdout().write_all(text.as_bytes());
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

type Loaded<'a> = (
    &'a str,
    Result<Vec<Service>, crate::providers::ProviderError>,
);

fn json(loaded: &[Loaded<'_>]) -> String {
    let backends = loaded
        .iter()
        .map(|(name, services)| BackendOut {
            name,
            error: services.as_ref().err().map(ToString::to_string),
            services: services
                .as_ref()
                .map(|list| list.iter().map(service_out).collect())
                .unwrap_or_default(),
        })
        .collect();
    serde_json::to_string_pretty(&Doc { backends }).expect("plain data serialises")
}

fn service_out(service: &Service) -> ServiceOut<'_> {
    ServiceOut {
        name: &service.name,
        repo: service.repo.as_deref(),
        environments: service
            .environments
            .iter()
            .map(|environment| EnvironmentOut {
                environment,
                promotable: promotable(service, environment),
            })
            .collect(),
    }
}

const HEADER: [&str; 10] = [
    "SERVICE", "ENV", "VERSION", "REVISION", "STATE", "AGE", "BY", "HEALTH", "LOCK", "NOTES",
];

fn plain(loaded: &[Loaded<'_>], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    for (name, services) in loaded {
        out.push_str(&format!("{name}\n"));
        let services = match services {
            Ok(services) => services,
            Err(e) => {
                out.push_str(&format!("  cannot load: {e}\n"));
                continue;
            }
        };
        let mut rows = vec![HEADER.map(String::from)];
        for service in services {
            for (i, env) in service.environments.iter().enumerate() {
                rows.push(row(service, i, env, now));
            }
        }
        // Indented under the backend name.
        out.push_str(&aligned(&rows, "  "));
    }
    out
}

fn row(service: &Service, i: usize, env: &Environment, now: DateTime<Utc>) -> [String; 10] {
    let d = env.current.as_ref();
    let dash = || "-".to_string();
    let name = if i == 0 {
        service.name.clone()
    } else {
        String::new()
    };
    let lock = env
        .lock
        .as_ref()
        .map_or_else(dash, |l| format!("{}: {}", l.by, l.reason));
    let mut notes = Vec::new();
    match (env.protected, env.protection.is_empty()) {
        (true, true) => notes.push("protected".to_string()),
        (true, false) => notes.push(format!("protected ({})", env.protection.join("; "))),
        (false, false) => notes.push(env.protection.join("; ")),
        (false, true) => {}
    }
    if promotable(service, env) {
        notes.push("promotable".to_string());
    }
    [
        name,
        env.name.clone(),
        d.and_then(|d| d.version.clone()).unwrap_or_else(dash),
        d.map_or_else(dash, |d| d.revision.chars().take(7).collect()),
        d.map_or_else(dash, |d| state_name(d.state).to_string()),
        d.map_or_else(dash, |d| age(d.created_at, now)),
        d.and_then(|d| d.by.clone()).unwrap_or_else(dash),
        health_name(env.health).to_string(),
        lock,
        notes.join(", "),
    ]
}
