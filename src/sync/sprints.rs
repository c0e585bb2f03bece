//! Reading sprints: the board's list, and one sprint with its issues' history.

use super::SyncEvent;
use super::engine::{patient, waiting};
use crate::providers::IssueTracker;
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;

pub async fn fetch_list(tracker: Arc<dyn IssueTracker>, events: UnboundedSender<SyncEvent>) {
    let event = match patient(waiting(&events), || tracker.sprints()).await {
        Ok(sprints) => SyncEvent::SprintsLoaded { sprints },
        Err(e) => {
            tracing::warn!(error = %e, "reading the sprints failed");
            SyncEvent::SprintFailed {
                sprint: None,
                error: e.to_string(),
            }
        }
    };
    let _ = events.send(event);
}

pub async fn fetch_one(
    tracker: Arc<dyn IssueTracker>,
    id: u64,
    events: UnboundedSender<SyncEvent>,
) {
    let event = match patient(waiting(&events), || tracker.sprint_data(id)).await {
        Ok(data) => SyncEvent::SprintLoaded {
            data: Box::new(data),
        },
        Err(e) => {
            tracing::warn!(error = %e, sprint = id, "reading a sprint failed");
            SyncEvent::SprintFailed {
                sprint: Some(id),
                error: e.to_string(),
            }
        }
    };
    let _ = events.send(event);
}
