//! The on-disk shape: one JSON object per line, `"event": "started"` or `"event": "outcome"`.

use super::record::{AuditAction, AuditEntry, AuditOutcome, AuditRecord, AuditResult};
use crate::domain::deploy::{DeploymentId, IdempotencyKey};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Line {
    Started {
        time: DateTime<Utc>,
        user: String,
        backend_user: Option<String>,
        backend: String,
        service: String,
        action: AuditAction,
        from: Option<String>,
        to: Option<String>,
        revision: Option<String>,
        idempotency_key: String,
    },
    Outcome {
        time: DateTime<Utc>,
        idempotency_key: String,
        result: AuditResult,
        deployment_id: Option<String>,
        message: Option<String>,
    },
}

pub fn started(entry: &AuditEntry) -> Line {
    Line::Started {
        time: entry.time,
        user: entry.user.clone(),
        backend_user: entry.backend_user.clone(),
        backend: entry.backend.clone(),
        service: entry.service.clone(),
        action: entry.action,
        from: entry.from.clone(),
        to: entry.to.clone(),
        revision: entry.revision.clone(),
        idempotency_key: entry.idempotency_key.0.clone(),
    }
}

pub fn outcome(key: &IdempotencyKey, outcome: &AuditOutcome) -> Line {
    Line::Outcome {
        time: outcome.time,
        idempotency_key: key.0.clone(),
        result: outcome.result,
        deployment_id: outcome.deployment_id.as_ref().map(|id| id.0.clone()),
        message: outcome.message.clone(),
    }
}

pub fn parse(text: &str) -> Result<Line, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// Joins each outcome to the start with its key; records come out oldest first.
pub fn merge(lines: Vec<Line>) -> Vec<AuditRecord> {
    let mut records: Vec<AuditRecord> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for line in lines {
        match line {
            Line::Started {
                time,
                user,
                backend_user,
                backend,
                service,
                action,
                from,
                to,
                revision,
                idempotency_key,
            } => {
                by_key.insert(idempotency_key.clone(), records.len());
                records.push(AuditRecord {
                    entry: AuditEntry {
                        time,
                        user,
                        backend_user,
                        backend,
                        service,
                        action,
                        from,
                        to,
                        revision,
                        idempotency_key: IdempotencyKey(idempotency_key),
                    },
                    outcomes: Vec::new(),
                });
            }
            Line::Outcome {
                time,
                idempotency_key,
                result,
                deployment_id,
                message,
            } => match by_key.get(&idempotency_key) {
                Some(&index) => records[index].outcomes.push(AuditOutcome {
                    time,
                    result,
                    deployment_id: deployment_id.map(DeploymentId),
                    message,
                }),
                // Its start was lost (a crash mid-line, a hand-edited file): nothing to join.
                None => tracing::warn!(key = %idempotency_key, "audit outcome without a start"),
            },
        }
    }
    // Two writers may append slightly out of order; a stable sort keeps same-time lines put.
    records.sort_by_key(|r| r.entry.time);
    records
}
