//! Job logs the way GitHub serves them: the API answers a finished job's log with a 302 to a
//! short-lived signed blob URL (a 404 while the job runs); the blob host checks the signature
//! and serves plain text.

use super::{ItemPath, OpsState, find_job, logtext};
use crate::github::error::{GhError, Reply};
use crate::github::http::{Origin, blob};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, TimeDelta, Utc};
use std::collections::HashMap;

/// GitHub's log URLs last about a minute.
const LIFETIME: TimeDelta = TimeDelta::seconds(60);

/// The signatures handed out: sig -> (job id, expiry).
#[derive(Debug, Default)]
pub struct Signed(HashMap<String, (u64, DateTime<Utc>)>);

impl Signed {
    fn issue(&mut self, job: u64, now: DateTime<Utc>) -> (String, DateTime<Utc>) {
        self.0.retain(|_, (_, expiry)| *expiry > now);
        let sig = uuid::Uuid::new_v4().simple().to_string();
        let expiry = now + LIFETIME;
        self.0.insert(sig.clone(), (job, expiry));
        (sig, expiry)
    }

    /// Why the blob request is refused, if it is.
    fn check(
        &self,
        job: &str,
        sig: Option<&str>,
        se: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<u64, &'static str> {
        let (id, expiry) = sig
            .and_then(|sig| self.0.get(sig))
            .ok_or("Signature did not match.")?;
        if id.to_string() != job || se != Some(expiry.timestamp().to_string().as_str()) {
            return Err("Signature did not match.");
        }
        if now >= *expiry {
            return Err("Signed expiry time has passed.");
        }
        Ok(*id)
    }
}

pub async fn job_log(State(state): State<OpsState>, Path(path): ItemPath, origin: Origin) -> Reply {
    let now = state.now();
    let world = state.world();
    let j = find_job(&world, &path)?;
    if logtext::render(&world, j, now).is_none() {
        return Err(GhError::not_found());
    }
    let id = world.jobs[j].id;
    let (sig, expiry) = state.signed().issue(id, now);
    let location = format!(
        "{}/_blobs/job-logs/{id}?sig={sig}&se={}",
        origin.0,
        expiry.timestamp()
    );
    Ok((StatusCode::FOUND, [(header::LOCATION, location)]).into_response())
}

pub async fn blob(
    State(state): State<OpsState>,
    Path(job): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let now = state.now();
    let checked = state.signed().check(
        &job,
        query.get("sig").map(String::as_str),
        query.get("se").map(String::as_str),
        now,
    );
    let id = match checked {
        Ok(id) => id,
        Err(detail) => return blob::signature_refused(detail),
    };
    let world = state.world();
    let text = world
        .jobs
        .iter()
        .position(|j| j.id == id)
        .and_then(|j| logtext::render(&world, j, now));
    match text {
        Some(text) => ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response(),
        None => blob::error(
            StatusCode::NOT_FOUND,
            "BlobNotFound",
            "The specified blob does not exist.",
            None,
        ),
    }
}
