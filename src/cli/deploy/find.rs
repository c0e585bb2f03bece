//! From the names on the command line to a backend, a service and its environments; a name
//! that matches nothing is a usage error listing the names that would.

use super::{Stop, say_waiting};
use crate::domain::deploy::{Environment, Service};
use crate::setup::DeployHandle;
use crate::sync::patient;

pub struct Found<'a> {
    pub handle: &'a DeployHandle,
    pub service: Service,
}

/// The backend offering `service`; `backend` (`--backend`) picks one when several do.
pub async fn service<'a>(
    deploys: &'a [DeployHandle],
    service: &str,
    backend: Option<&str>,
) -> Result<Found<'a>, Stop> {
    let candidates: Vec<&DeployHandle> = match backend {
        Some(name) => {
            let handle = deploys.iter().find(|h| h.name == name).ok_or_else(|| {
                Stop::Usage(format!(
                    "no deploy backend named {name:?} (backends: {})",
                    names(deploys.iter().map(|h| h.name.as_str()))
                ))
            })?;
            vec![handle]
        }
        None => deploys.iter().collect(),
    };
    let mut found = Vec::new();
    let mut offered = Vec::new();
    let mut failures = Vec::new();
    for handle in candidates {
        match patient(say_waiting, || handle.backend.services()).await {
            Ok(services) => {
                offered.extend(services.iter().map(|s| s.name.clone()));
                found.extend(
                    services
                        .into_iter()
                        .filter(|s| s.name == service)
                        .map(|s| Found { handle, service: s }),
                );
            }
            Err(e) => failures.push(format!("{}: {e}", handle.name)),
        }
    }
    if found.len() > 1 {
        return Err(Stop::Usage(format!(
            "{service} is on several deploy backends ({}): pass --backend NAME",
            names(found.iter().map(|f| f.handle.name.as_str()))
        )));
    }
    if let Some(one) = found.pop() {
        return Ok(one);
    }
    // A backend that could not answer might have had it: that is a failure, not a typo.
    if !failures.is_empty() {
        return Err(Stop::Failed(failures.join("; ")));
    }
    offered.sort();
    offered.dedup();
    Err(Stop::Usage(format!(
        "no service named {service:?} (services: {})",
        names(offered.iter().map(String::as_str))
    )))
}

/// The environment named `name`, with its place in the promotion order.
pub fn environment<'s>(service: &'s Service, name: &str) -> Result<&'s Environment, Stop> {
    service
        .environments
        .iter()
        .find(|e| e.name == name)
        .ok_or_else(|| {
            Stop::Usage(format!(
                "{} has no environment named {name:?} (environments: {})",
                service.name,
                names(service.environments.iter().map(|e| e.name.as_str()))
            ))
        })
}

fn names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let list: Vec<&str> = names.collect();
    if list.is_empty() {
        "none".into()
    } else {
        list.join(", ")
    }
}
