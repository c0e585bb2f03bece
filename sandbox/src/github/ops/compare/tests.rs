use super::*;
use crate::github::ops::repos::storefront;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
        .unwrap()
        .to_utc()
}

fn shas(commits: &[&Commit]) -> Vec<String> {
    commits.iter().map(|c| c.sha.clone()).collect()
}

#[test]
fn a_newer_main_commit_is_ahead_by_the_commits_between() {
    let repo = storefront(now());
    let c = &repo.commits;
    let found = compare(&repo, &c[7], &c[10]);
    assert_eq!(
        (found.status, found.ahead_by, found.behind_by),
        ("ahead", 3, 0)
    );
    assert_eq!(shas(&found.commits), shas(&[&c[8], &c[9], &c[10]]));
    assert_eq!(found.merge_base.map(|m| &m.sha), Some(&c[7].sha));

    let back = compare(&repo, &c[10], &c[7]);
    assert_eq!(
        (back.status, back.ahead_by, back.behind_by),
        ("behind", 0, 3)
    );
    assert!(back.commits.is_empty());
    let same = compare(&repo, &c[4], &c[4]);
    assert_eq!((same.status, same.commits.len()), ("identical", 0));
}

#[test]
fn a_branch_and_main_diverge_from_where_it_started() {
    let repo = storefront(now());
    let main = find(&repo, "main", now()).unwrap();
    assert_eq!(main.sha, repo.commits[11].sha);
    let branch = find(&repo, "refs/heads/feat/3ds-modal", now()).unwrap();
    let found = compare(&repo, main, branch);
    assert_eq!(
        (found.status, found.ahead_by, found.behind_by),
        ("diverged", 1, 2)
    );
    assert_eq!(shas(&found.commits), vec![branch.sha.clone()]);
    assert_eq!(found.merge_base.map(|m| &m.sha), Some(&repo.commits[9].sha));
    assert_eq!(
        parent(&repo, branch).map(|p| &p.sha),
        Some(&repo.commits[9].sha)
    );
    assert!(parent(&repo, &repo.commits[0]).is_none());
}

#[test]
fn commits_are_found_by_tag_sha_or_abbreviation() {
    let repo = storefront(now());
    let tagged = find(&repo, "v2.14.0", now()).unwrap();
    assert_eq!(tagged.sha, repo.commits[9].sha);
    let sha = &repo.commits[3].sha;
    assert_eq!(find(&repo, sha, now()).map(|c| &c.sha), Some(sha));
    let short = sha[..7].to_ascii_uppercase();
    assert_eq!(find(&repo, &short, now()).map(|c| &c.sha), Some(sha));
    assert!(
        find(&repo, &sha[..3], now()).is_none(),
        "too short to name one"
    );
    assert!(find(&repo, "0000000", now()).is_none());
    assert!(find(&repo, "no-such-branch", now()).is_none());
    // The bad release reads as one.
    assert!(find(&repo, "deadbeef", now()).is_some());
}
