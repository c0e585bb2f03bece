//! GitHub's `X-OAuth-Scopes`: what a classic token may do, against what this table needs.
//! Fine-grained tokens and app tokens send no such header, so their scopes cannot be listed.

use super::check::Check;
use reqwest::header::HeaderMap;

pub struct Needs {
    pub repos: bool,
    pub project: Option<u64>,
    pub read_only: bool,
}

pub fn check(source: &str, table: &str, headers: &HeaderMap, needs: &Needs) -> Check {
    let Some(listed) = headers.get("x-oauth-scopes").and_then(|v| v.to_str().ok()) else {
        return Check::pass(
            source,
            "scopes",
            "the token lists no scopes (a fine-grained or app token): they cannot be checked \
             here, the board and repos lines show what it can read",
        );
    };
    let has: Vec<&str> = listed
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let has = |scope: &str| has.contains(&scope);
    let mut missing = Vec::new();
    if needs.repos && !has("repo") {
        missing.push(
            "repo (issues, Actions runs and logs, deployments, dispatching deploys)".to_string(),
        );
    }
    if let Some(number) = needs.project {
        let write = has("project");
        if !write && !has("read:project") {
            missing.push(format!("read:project (showing project {number})"));
        }
        if !write && !needs.read_only {
            missing.push(format!("project (moving cards on project {number})"));
        }
    }
    let shown = if listed.trim().is_empty() {
        "none"
    } else {
        listed.trim()
    };
    if missing.is_empty() {
        return Check::pass(source, "scopes", format!("{shown}: all this table needs"));
    }
    Check::fail(
        source,
        "scopes",
        format!("the token has {shown}; missing {}", missing.join(", ")),
        format!(
            "add the missing scopes to the token (GitHub Settings → Developer settings → \
             Personal access tokens), or set read_only = true in {table} if it only reads"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn scopes(listed: Option<&str>, needs: &Needs) -> Check {
        let mut headers = HeaderMap::new();
        if let Some(listed) = listed {
            headers.insert("x-oauth-scopes", HeaderValue::from_str(listed).unwrap());
        }
        check("github acme", "[[github]] \"acme\"", &headers, needs)
    }

    const BOARD: Needs = Needs {
        repos: true,
        project: Some(3),
        read_only: false,
    };

    #[test]
    fn project_scopes_are_named_with_what_needs_them() {
        let c = scopes(Some("repo"), &BOARD);
        assert!(!c.ok);
        assert!(
            c.detail.contains("read:project (showing project 3)"),
            "{}",
            c.detail
        );
        assert!(c.detail.contains("project (moving cards"), "{}", c.detail);
        let c = scopes(Some("repo, read:project"), &BOARD);
        assert!(!c.detail.contains("read:project ("), "{}", c.detail);
        let read_only = Needs {
            read_only: true,
            ..BOARD
        };
        assert!(scopes(Some("repo, read:project"), &read_only).ok);
        assert!(scopes(Some("project, read:org, repo, workflow"), &BOARD).ok);
    }

    #[test]
    fn repo_is_needed_for_repositories_and_no_header_is_not_a_failure() {
        let c = scopes(
            Some(""),
            &Needs {
                repos: true,
                project: None,
                read_only: false,
            },
        );
        assert!(
            c.detail.starts_with("the token has none; missing repo"),
            "{}",
            c.detail
        );
        let c = scopes(None, &BOARD);
        assert!(
            c.ok && c.detail.contains("cannot be checked"),
            "{}",
            c.detail
        );
    }
}
