//! Comparing two commits the way `git log BASE..HEAD` does. A repository's history is main, a
//! line of commits, and branches that each add one commit to a main commit.

use super::model::{Commit, Repo};
use chrono::{DateTime, Utc};

/// Shortest sha abbreviation git accepts.
const MIN_ABBREVIATION: usize = 4;

#[derive(Debug)]
pub struct Comparison<'a> {
    pub base: &'a Commit,
    pub head: &'a Commit,
    /// The newest commit both have; histories here all start at main's first commit, so
    /// only a commit from outside the repository has none.
    pub merge_base: Option<&'a Commit>,
    /// `identical`, `ahead`, `behind` or `diverged`: where head stands relative to base.
    pub status: &'static str,
    pub ahead_by: usize,
    pub behind_by: usize,
    /// What head has that base has not, oldest first.
    pub commits: Vec<&'a Commit>,
}

/// Where a commit sits: on main by index, or a branch's tip by branch index.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Place {
    Main(usize),
    Tip(usize),
}

fn place(repo: &Repo, sha: &str) -> Option<Place> {
    let on_main = repo.commits.iter().position(|c| c.sha == sha);
    let tip = || repo.branches.iter().position(|b| b.tip.sha == sha);
    on_main.map(Place::Main).or_else(|| tip().map(Place::Tip))
}

fn commit_at(repo: &Repo, place: Place) -> &Commit {
    match place {
        Place::Main(i) => &repo.commits[i],
        Place::Tip(b) => &repo.branches[b].tip,
    }
}

/// The commit a branch or tag name, a sha or an unambiguous abbreviation of one names, as of
/// `at` for main.
pub fn find<'a>(repo: &'a Repo, reference: &str, at: DateTime<Utc>) -> Option<&'a Commit> {
    let sha = match repo.resolve(reference, at) {
        Some(sha) => sha,
        None => unabbreviate(repo, reference)?,
    };
    place(repo, &sha).map(|p| commit_at(repo, p))
}

fn unabbreviate(repo: &Repo, text: &str) -> Option<String> {
    let text = text.to_ascii_lowercase();
    if text.len() < MIN_ABBREVIATION || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let every = repo
        .commits
        .iter()
        .chain(repo.branches.iter().map(|b| &b.tip));
    let mut found = every.filter(|c| c.sha.starts_with(&text));
    match (found.next(), found.next()) {
        (Some(only), None) => Some(only.sha.clone()),
        _ => None,
    }
}

/// The commits reachable from `commit`, oldest first, itself last.
fn ancestry<'a>(repo: &'a Repo, commit: &Commit) -> Vec<&'a Commit> {
    match place(repo, &commit.sha) {
        Some(Place::Main(i)) => repo.commits[..=i].iter().collect(),
        Some(Place::Tip(b)) => {
            let branch = &repo.branches[b];
            let mut line: Vec<&Commit> = repo.commits[..=branch.fork].iter().collect();
            line.push(&branch.tip);
            line
        }
        None => Vec::new(),
    }
}

/// The commit `commit` was made on top of; none for the first.
pub fn parent<'a>(repo: &'a Repo, commit: &Commit) -> Option<&'a Commit> {
    let line = ancestry(repo, commit);
    line.len().checked_sub(2).map(|i| line[i])
}

/// `base...head` of two commits of `repo` (from `find`).
pub fn compare<'a>(repo: &'a Repo, base: &'a Commit, head: &'a Commit) -> Comparison<'a> {
    let (from, to) = (ancestry(repo, base), ancestry(repo, head));
    let shared = from
        .iter()
        .zip(&to)
        .take_while(|(a, b)| a.sha == b.sha)
        .count();
    let (ahead_by, behind_by) = (to.len() - shared, from.len() - shared);
    let status = match (ahead_by, behind_by) {
        (0, 0) => "identical",
        (_, 0) => "ahead",
        (0, _) => "behind",
        _ => "diverged",
    };
    Comparison {
        base,
        head,
        merge_base: shared.checked_sub(1).map(|i| to[i]),
        status,
        ahead_by,
        behind_by,
        commits: to[shared..].to_vec(),
    }
}

#[cfg(test)]
mod tests;
