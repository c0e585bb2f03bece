//! Jira's REST surface: the platform API in both flavours (v3 Cloud, v2 Data Center) and the
//! Agile 1.0 API.

mod adf;
mod agile;
pub(crate) mod boards;
pub(crate) mod catalog;
mod changelog;
mod doc;
mod fields;
mod history;
mod issue;
mod jql;
mod params;
mod platform;
mod render;
mod reply;
mod search;
pub(crate) mod seed;
mod store;
mod wiki;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use reply::JiraError;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use store::Store;

/// Which deployment a request speaks to: `/rest/api/3` is Cloud, `/rest/api/2` Data Center.
/// The Agile API has no version of its own, so there the auth scheme decides (Basic
/// email:token is Cloud, a Bearer PAT is Data Center).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    Cloud,
    DataCenter,
}

impl Flavour {
    fn from_version(v: &str) -> Result<Self, JiraError> {
        match v {
            "3" => Ok(Self::Cloud),
            "2" | "latest" => Ok(Self::DataCenter),
            _ => Err(JiraError::not_found(format!(
                "REST API version '{v}' does not exist."
            ))),
        }
    }

    fn version(self) -> &'static str {
        match self {
            Self::Cloud => "3",
            Self::DataCenter => "2",
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    base: Arc<str>,
    store: Arc<Mutex<Store>>,
}

impl AppState {
    pub fn new(base: String, store: Store) -> Self {
        Self {
            base: base.into(),
            store: Arc::new(Mutex::new(store)),
        }
    }

    /// A panic in another handler must not take the demo down, so poisoning is ignored:
    /// every write leaves the store consistent.
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/rest/api/{v}/search/jql", get(search::jql))
        .route("/rest/api/{v}/search", get(search::classic))
        .route("/rest/api/{v}/issue/{key}", get(issue::get_issue))
        .route("/rest/api/{v}/issue/{key}/changelog", get(changelog::page))
        .route(
            "/rest/api/{v}/issue/{key}/transitions",
            get(issue::transitions).post(issue::transition),
        )
        .route("/rest/api/{v}/myself", get(platform::myself))
        .route("/rest/api/{v}/serverInfo", get(platform::server_info))
        .route("/rest/api/{v}/field", get(platform::fields));
    let agile = Router::new()
        .route("/rest/agile/1.0/board", get(boards::list))
        .route("/rest/agile/1.0/board/{board}", get(agile::board))
        .route(
            "/rest/agile/1.0/board/{board}/configuration",
            get(agile::configuration),
        )
        .route("/rest/agile/1.0/board/{board}/sprint", get(agile::sprints))
        .route(
            "/rest/agile/1.0/board/{board}/sprint/{sprint}/issue",
            get(agile::sprint_issues),
        )
        .route(
            "/rest/agile/1.0/board/{board}/issue",
            get(agile::board_issues),
        )
        .route("/rest/agile/1.0/sprint/{sprint}", get(agile::sprint));
    api.merge(agile)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(require_auth))
        .layer(middleware::map_response(json_content_type))
        .with_state(state)
}

/// Every answer says JSON, including the bodiless 204 of a transition.
async fn json_content_type(mut response: Response) -> Response {
    let json = HeaderValue::from_static("application/json;charset=UTF-8");
    response
        .headers_mut()
        .entry(header::CONTENT_TYPE)
        .or_insert(json);
    response
}

async fn not_found(request: Request) -> JiraError {
    JiraError::not_found(format!("null for uri: {}", request.uri()))
}

async fn method_not_allowed() -> JiraError {
    JiraError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "The HTTP method is not allowed for this resource.",
    )
}

/// Any `Basic` or `Bearer` credentials are accepted; the scheme picks the Agile flavour.
async fn require_auth(mut request: Request, next: Next) -> Response {
    let scheme = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(flavour_of_auth);
    match scheme {
        Some(flavour) => {
            request.extensions_mut().insert(flavour);
            next.run(request).await
        }
        None => JiraError::new(
            StatusCode::UNAUTHORIZED,
            "Client must be authenticated to access this resource.",
        )
        .into_response(),
    }
}

fn flavour_of_auth(value: &str) -> Option<Flavour> {
    let (scheme, credentials) = value.trim().split_once(' ')?;
    if credentials.trim().is_empty() {
        return None;
    }
    if scheme.eq_ignore_ascii_case("basic") {
        Some(Flavour::Cloud)
    } else if scheme.eq_ignore_ascii_case("bearer") {
        Some(Flavour::DataCenter)
    } else {
        None
    }
}
