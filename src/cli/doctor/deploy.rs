//! A deploy backend (docs/deploy-protocol.md): `GET /v1/services` answers, with its token.

use super::check::Check;
use super::target::Target;
use super::{api, clock};
use crate::config::Secret;
use crate::providers::http::{Auth, HttpClient};
use reqwest::Method;
use serde::Deserialize;

const SERVICES: &str = "/v1/services";

#[derive(Deserialize)]
struct Services {
    services: Vec<Service>,
}

#[derive(Deserialize)]
struct Service {
    name: String,
}

pub async fn checks(target: &Target, token: Option<Secret>) -> Vec<Check> {
    let name = &target.name;
    let auth = token.map_or(Auth::None, Auth::Bearer);
    let client = match HttpClient::new(
        &target.label,
        target.url.as_str(),
        auth,
        target.token.clone(),
        &target.network,
    ) {
        Ok(client) => client.with_timeout(api::TIMEOUT),
        Err(e) => return vec![api::failed(target, "http", &e)],
    };
    let answer = match client
        .exchange(Method::GET, SERVICES, &[], &[], None::<&()>)
        .await
    {
        Ok(reply) if reply.status.is_success() => Ok(reply),
        Ok(reply) => Err(client.status_error(SERVICES, &reply)),
        Err(e) => Err(e),
    };
    let (http, reply) = api::first_call(target, SERVICES, answer);
    let Some(reply) = reply else {
        return vec![http];
    };
    let http = match client.decode::<Services>(SERVICES, &reply.body) {
        Ok(found) => {
            let names: Vec<String> = found
                .services
                .iter()
                .map(|s| crate::domain::text::sanitize(&s.name, false))
                .collect();
            let detail = format!("{}; services: {}", http.detail, list(&names));
            Check::pass(name, "http", detail)
        }
        Err(e) => api::failed(target, "http", &e),
    };
    vec![http, clock::check(name, &reply.headers, chrono::Utc::now())]
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "none offered".into()
    } else {
        names.join(", ")
    }
}
