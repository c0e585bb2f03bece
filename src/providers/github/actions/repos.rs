//! The configured repositories, which of them each run id belongs to, and the ids callers
//! pass in.

use crate::domain::text::sanitize;
use crate::providers::ProviderError;
use crate::providers::http::path_segment;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// Run ids remembered at most; past this the map starts over (a forgotten run is found
/// again by asking each repository), so a long session cannot grow it without bound.
const MAX_KNOWN: usize = 10_000;

/// One `owner/name` from the table's `repos`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repo {
    /// "acme/payments", as messages name it.
    pub full: String,
    /// "payments": the service its runs belong to.
    pub name: String,
    /// "/repos/acme/payments" with both segments percent-encoded.
    pub path: String,
}

impl Repo {
    /// `None` unless `full` is exactly `owner/name` with usable segments.
    pub fn parse(full: &str) -> Option<Self> {
        let (owner, name) = full.split_once('/')?;
        if name.contains('/') {
            return None;
        }
        let path = format!("/repos/{}/{}", path_segment(owner)?, path_segment(name)?);
        Some(Self {
            full: full.to_string(),
            name: name.to_string(),
            path,
        })
    }
}

/// Which repository (its index in the table's list) each run seen so far belongs to.
#[derive(Debug, Default)]
pub struct Known(Mutex<HashMap<u64, usize>>);

impl Known {
    pub fn get(&self, run: u64) -> Option<usize> {
        self.lock().get(&run).copied()
    }

    pub fn remember(&self, run: u64, repo: usize) {
        let mut map = self.lock();
        if map.len() >= MAX_KNOWN && !map.contains_key(&run) {
            map.clear();
        }
        map.insert(run, repo);
    }

    pub fn forget(&self, run: u64) {
        self.lock().remove(&run);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, usize>> {
        // The map holds plain numbers: one a panicking thread left behind is still sound.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A run or job id as GitHub numbers them. Anything else is refused before it can shape a
/// request path.
pub fn number(service: &str, what: &str, id: &str) -> Result<u64, ProviderError> {
    let digits = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
    match id.parse() {
        Ok(n) if digits => Ok(n),
        _ => Err(ProviderError::Rejected(format!(
            "{service}: {what} id {:?} is not a GitHub Actions {what} id, which is a number",
            sanitize(id, false)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repos_parse_into_encoded_paths() {
        let repo = Repo::parse("acme/pay ments").unwrap();
        assert_eq!(
            (repo.full.as_str(), repo.name.as_str(), repo.path.as_str()),
            ("acme/pay ments", "pay ments", "/repos/acme/pay%20ments")
        );
        for bad in ["acme", "acme/a/b", "/payments", "acme/", "acme/..", "./x"] {
            assert_eq!(Repo::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn ids_are_numbers_only() {
        assert_eq!(number("GitHub acme", "run", "30433642"), Ok(30433642));
        for bad in ["", "r-311", "+5", "12 ", "../1", "99999999999999999999999"] {
            let Err(ProviderError::Rejected(message)) = number("GitHub acme", "run", bad) else {
                panic!("{bad:?} was accepted");
            };
            assert!(message.starts_with("GitHub acme: run id"), "{message}");
        }
        let Err(e) = number("GitHub acme", "job", "1\u{1b}[2J") else {
            panic!("accepted");
        };
        assert!(!e.to_string().contains('\u{1b}'), "{e}");
    }

    #[test]
    fn known_runs_are_bounded() {
        let known = Known::default();
        for run in 0..MAX_KNOWN as u64 {
            known.remember(run, 1);
        }
        assert_eq!(known.get(7), Some(1));
        known.remember(7, 0);
        assert_eq!(known.get(7), Some(0));
        known.remember(u64::MAX, 1);
        assert_eq!((known.get(7), known.get(u64::MAX)), (None, Some(1)));
        known.forget(u64::MAX);
        assert_eq!(known.get(u64::MAX), None);
    }
}
