//! The applied search: the numbers of every matching line, kept as the log grows (only new
//! lines are searched) and as old lines are dropped. Numbers, not indices, so eviction never
//! shifts them.

use crate::logs::{BufferMark, LogBuffer, LogLine, Search, find_all, match_ranges};
use std::collections::VecDeque;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchState {
    pub needle: String,
    /// Matching line numbers, ascending.
    pub matches: VecDeque<u64>,
    /// The match `n`/`N` are at.
    pub current: Option<u64>,
}

impl SearchState {
    /// Searches every line held now.
    pub fn new(buffer: &LogBuffer, needle: &str) -> Self {
        let found = find_all(buffer, needle);
        let matches = found
            .lines
            .iter()
            .filter_map(|&i| buffer.get(i).map(|l| l.number))
            .collect();
        Self {
            needle: needle.to_string(),
            matches,
            current: None,
        }
    }

    /// Searches only the lines added since the buffer stood at `since`.
    pub fn catch_up(&mut self, buffer: &LogBuffer, since: BufferMark) {
        let mut fresh = Search {
            needle: self.needle.clone(),
            lines: Vec::new(),
        };
        fresh.update(buffer, since);
        let numbers = fresh
            .lines
            .iter()
            .filter_map(|&i| buffer.get(i).map(|l| l.number));
        for number in numbers {
            // A line the search already holds is never added twice.
            if self.matches.back().is_none_or(|&last| last < number) {
                self.matches.push_back(number);
            }
        }
    }

    /// Lines before `first` were dropped; a current match among them moves to the oldest
    /// match left.
    pub fn evict(&mut self, first: u64) {
        let gone = self.matches.partition_point(|&n| n < first);
        self.matches.drain(..gone);
        if self.current.is_some_and(|c| c < first) {
            self.current = self.matches.front().copied();
        }
    }

    pub fn count(&self) -> usize {
        self.matches.len()
    }

    /// 1-based position of the current match, for "12/340".
    pub fn position(&self) -> Option<usize> {
        let current = self.current?;
        let i = self.matches.partition_point(|&n| n < current);
        (self.matches.get(i) == Some(&current)).then_some(i + 1)
    }

    /// The first match after line `n`, wrapping to the first.
    pub fn after(&self, n: u64) -> Option<u64> {
        let i = self.matches.partition_point(|&m| m <= n);
        self.matches.get(i).or(self.matches.front()).copied()
    }

    /// The last match before line `n`, wrapping to the last.
    pub fn before(&self, n: u64) -> Option<u64> {
        let i = self.matches.partition_point(|&m| m < n);
        i.checked_sub(1)
            .and_then(|i| self.matches.get(i))
            .or(self.matches.back())
            .copied()
    }

    /// The first match at or after line `n`, without wrapping.
    pub fn at_or_after(&self, n: u64) -> Option<u64> {
        let i = self.matches.partition_point(|&m| m < n);
        self.matches.get(i).copied()
    }

    /// The last match at or before line `n`, without wrapping.
    pub fn at_or_before(&self, n: u64) -> Option<u64> {
        let i = self.matches.partition_point(|&m| m <= n);
        i.checked_sub(1).and_then(|i| self.matches.get(i)).copied()
    }

    pub fn contains(&self, n: u64) -> bool {
        self.matches.binary_search(&n).is_ok()
    }
}

/// The same test `find_all` makes, for one line.
pub fn line_matches(line: &LogLine, needle: &str) -> bool {
    !match_ranges(&line.text, needle).is_empty()
}
