//! Words for the terminal: the plan before asking, and deployment lines while waiting.

use crate::cli::table::age;
use crate::domain::deploy::plan::{CHANGES_CUT, Plan};
use crate::domain::deploy::{Deployment, state_name};
use chrono::{DateTime, Utc};

/// The plan as the verbs print it; only a promote has a source environment.
pub fn plan(plan: &Plan, backend: &str, now: DateTime<Utc>) -> String {
    let mut out = match &plan.from {
        Some(from) => format!(
            "Promote {} {from} -> {} (backend {backend})\n",
            plan.service, plan.environment
        ),
        None => format!(
            "Roll back {} in {} (backend {backend})\n",
            plan.service, plan.environment
        ),
    };
    let running = plan
        .current
        .as_ref()
        .map_or("nothing".into(), |d| deployment(d, now));
    out.push_str(&format!("  now       {running}\n"));
    if let Some(d) = &plan.incoming {
        out.push_str(&format!("  will run  {}\n", deployment(d, now)));
    }
    if plan.incoming.is_some() {
        let heading = if plan.reverts { "reverts" } else { "changes" };
        let count = plan.changes.len();
        let noun = if count == 1 { "commit" } else { "commits" };
        out.push_str(&format!("  {heading:<8}  {count} {noun}\n"));
        for change in &plan.changes {
            let sha: String = change.sha.chars().take(7).collect();
            let keys: Vec<&str> = change.issue_keys.iter().map(|k| k.0.as_str()).collect();
            out.push_str(&format!("    {sha}  {}", change.title));
            if !keys.is_empty() {
                out.push_str(&format!("  [{}]", keys.join(", ")));
            }
            out.push('\n');
        }
        if !plan.changes_complete {
            out.push_str(&format!("    ({CHANGES_CUT})\n"));
        }
    }
    if plan.protected {
        out.push_str(&format!("  {} is protected\n", plan.environment));
    }
    out
}

/// "1.9.0 (f00ba47) d-1050, succeeded, by priya 2d ago"
pub fn deployment(d: &Deployment, now: DateTime<Utc>) -> String {
    let revision: String = d.revision.chars().take(7).collect();
    let label = match &d.version {
        Some(v) if !v.is_empty() => format!("{v} ({revision})"),
        _ => revision,
    };
    let by =
        d.by.as_deref()
            .map(|who| format!(" by {who}"))
            .unwrap_or_default();
    format!(
        "{label} {}, {}{by} {} ago",
        d.id,
        state_name(d.state),
        age(d.created_at, now)
    )
}
