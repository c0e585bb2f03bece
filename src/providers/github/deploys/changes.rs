//! What a deployment brought: the commits of a compare, newest first, with the issue keys
//! their messages name (`#12` and `GH-12` of this repository, `owner/repo#12`, Jira's
//! `PAY-12`).

use super::dto::CompareDto;
use super::map::line;
use crate::domain::IssueKey;
use crate::domain::deploy::Change;
use crate::domain::text::sanitize;

/// Commits kept per deployment: the newest ones.
pub const MAX_CHANGES: usize = 50;

/// The compare's commits (GitHub lists them oldest first) newest first.
pub fn changes(repo: &str, compare: CompareDto) -> Vec<Change> {
    compare
        .commits
        .into_iter()
        .rev()
        .take(MAX_CHANGES)
        .map(|c| {
            let message = sanitize(&c.commit.message, true);
            Change {
                sha: line(&c.sha),
                title: message
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                issue_keys: issue_keys(repo, &message),
            }
        })
        .collect()
}

/// Keys in the order the message names them, each once.
pub fn issue_keys(repo: &str, message: &str) -> Vec<IssueKey> {
    let mut keys: Vec<IssueKey> = Vec::new();
    for (i, &byte) in message.as_bytes().iter().enumerate() {
        let found = if byte == b'#' {
            github_reference(repo, message, i)
        } else {
            jira_key(repo, message, i)
        };
        if let Some(key) = found.filter(|k| !keys.contains(k)) {
            keys.push(key);
        }
    }
    keys
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The end of the digits starting at `from`, when there is at least one and no word
/// character follows them.
fn number_end(b: &[u8], from: usize) -> Option<usize> {
    let end = from + b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    (end > from && b.get(end).is_none_or(|&c| !is_word(c))).then_some(end)
}

/// `#12` (this repository) or `owner/repo#12` at the `#` in position `at`.
fn github_reference(repo: &str, text: &str, at: usize) -> Option<IssueKey> {
    let b = text.as_bytes();
    let end = number_end(b, at + 1)?;
    let number = &text[at + 1..end];
    let start = b[..at]
        .iter()
        .rposition(|&c| !(is_word(c) || matches!(c, b'.' | b'-' | b'/')))
        .map_or(0, |p| p + 1);
    let prefix = &text[start..at];
    if prefix.is_empty() {
        return Some(IssueKey(format!("{repo}#{number}")));
    }
    match prefix.split_once('/') {
        Some((owner, name)) if !owner.is_empty() && !name.is_empty() && !name.contains('/') => {
            Some(IssueKey(format!("{prefix}#{number}")))
        }
        // `C#1`, `a/b/c#1`: not a reference.
        _ => None,
    }
}

/// `PAY-12` starting at `at` (a project key of two or more capitals and digits); GitHub's
/// own `GH-12` means issue 12 of this repository.
fn jira_key(repo: &str, text: &str, at: usize) -> Option<IssueKey> {
    let b = text.as_bytes();
    if !b[at].is_ascii_uppercase() || (at > 0 && (is_word(b[at - 1]) || b[at - 1] == b'-')) {
        return None;
    }
    let dash = at
        + b[at..]
            .iter()
            .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            .count();
    if dash - at < 2 || b.get(dash) != Some(&b'-') {
        return None;
    }
    let end = number_end(b, dash + 1)?;
    let project = &text[at..dash];
    let number = &text[dash + 1..end];
    Some(IssueKey(if project == "GH" {
        format!("{repo}#{number}")
    } else {
        format!("{project}-{number}")
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(message: &str) -> Vec<String> {
        issue_keys("acme/payments", message)
            .into_iter()
            .map(|k| k.0)
            .collect()
    }

    #[test]
    fn references_of_this_and_other_repositories() {
        assert_eq!(
            keys("Merge pull request #45 from acme/retry-refunds\n\nFixes #12, acme/ledger#7"),
            ["acme/payments#45", "acme/payments#12", "acme/ledger#7"]
        );
        assert_eq!(
            keys("(#3) and GH-9"),
            ["acme/payments#3", "acme/payments#9"]
        );
    }

    #[test]
    fn jira_keys_are_kept_as_they_are() {
        assert_eq!(
            keys("PAY-12: retry refunds; see OPS-118 and PAY-12"),
            ["PAY-12", "OPS-118"]
        );
    }

    #[test]
    fn look_alikes_are_not_keys() {
        for text in [
            "C# 12 support",
            "a/b/c#1",
            "issue#12",
            "#12abc",
            "P-12",
            "xPAY-12",
            "PAY-12b",
            "pay-12",
            "#",
            "a#",
        ] {
            assert!(keys(text).is_empty(), "{text}: {:?}", keys(text));
        }
    }

    #[test]
    fn commits_come_newest_first_with_their_first_line() {
        let compare: CompareDto = serde_json::from_str(fixture!("compare.json")).unwrap();
        assert_eq!(compare.total_commits, 3);
        let changes = changes("acme/payments", compare);
        let titles: Vec<&str> = changes.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Merge pull request #45 from acme/retry-refunds",
                "Retry refunds on 503 PAY-12",
                "Bump tokio to 1.54"
            ]
        );
        assert_eq!(changes[0].sha, "9f2c1e7d5b8a4c3e2f1a0b9c8d7e6f5a4b3c2d1e");
        assert_eq!(
            changes[0].issue_keys,
            [
                IssueKey("acme/payments#45".into()),
                IssueKey("acme/payments#12".into())
            ]
        );
        assert_eq!(changes[1].issue_keys, [IssueKey("PAY-12".into())]);
        assert!(changes[2].issue_keys.is_empty());
    }
}
