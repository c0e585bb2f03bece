//! Search over a buffer (`/`, `n`, `N`, filter mode) and error navigation (`e`, `E`).

use super::buffer::{BufferMark, LogBuffer};
use super::matcher::{ByteRank, Matcher};

/// Lines sampled to learn which bytes are rare in this log.
const SAMPLE_LINES: usize = 256;

/// A case-insensitive substring search over a buffer: every matching line index (into the
/// buffer as it is now, ascending). `match_ranges` gives the ranges within one line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    pub needle: String,
    pub lines: Vec<usize>,
}

/// Every line whose text contains `needle`, ignoring case. An empty needle matches nothing.
pub fn find_all(buffer: &LogBuffer, needle: &str) -> Search {
    let matcher = matcher_for(buffer, needle);
    Search {
        needle: needle.to_owned(),
        lines: matching(buffer, &matcher, 0),
    }
}

/// The byte ranges of the non-overlapping matches of `needle` in `text`, left to right, for
/// highlighting one line; the same matching rule as `find_all`.
pub fn match_ranges(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let matcher = Matcher::new(needle, &ByteRank::typical());
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some((start, end)) = matcher.find(text, from) {
        ranges.push((start, end));
        from = end;
    }
    ranges
}

/// A matcher tuned to this log: lines spread over the buffer tell which bytes are rare.
fn matcher_for(buffer: &LogBuffer, needle: &str) -> Matcher {
    let step = (buffer.len() / SAMPLE_LINES).max(1);
    let sample = (0..buffer.len())
        .step_by(step)
        .filter_map(|index| buffer.get(index))
        .map(|line| line.text.as_str());
    Matcher::new(needle, &ByteRank::sampled(sample))
}

fn matching(buffer: &LogBuffer, matcher: &Matcher, from: usize) -> Vec<usize> {
    (from..)
        .zip(buffer.iter_from(from))
        .filter(|(_, line)| matcher.is_match(&line.text))
        .map(|(index, _)| index)
        .collect()
}

impl Search {
    pub fn count(&self) -> usize {
        self.lines.len()
    }

    /// The first matching line after `index` (no wrap-around).
    pub fn next_after(&self, index: usize) -> Option<usize> {
        let at = self.lines.partition_point(|&line| line <= index);
        self.lines.get(at).copied()
    }

    /// The last matching line before `index` (no wrap-around).
    pub fn prev_before(&self, index: usize) -> Option<usize> {
        let at = self.lines.partition_point(|&line| line < index);
        at.checked_sub(1).map(|i| self.lines[i])
    }

    /// 1-based position of line `index` among the matches, for a "12/340" label.
    pub fn ordinal(&self, index: usize) -> Option<usize> {
        self.lines.binary_search(&index).ok().map(|i| i + 1)
    }

    /// Catches up with a buffer that has changed since `since` (taken with
    /// `LogBuffer::mark` when the search was last current): shifts indices past dropped
    /// lines and scans only the new ones, so following a busy log stays cheap.
    pub fn update(&mut self, buffer: &LogBuffer, since: BufferMark) {
        let shift = buffer.first_number().saturating_sub(since.first_number) as usize;
        self.lines.retain(|&line| line >= shift);
        for line in &mut self.lines {
            *line -= shift;
        }
        // New lines are those numbered past the old total.
        let first_new = (since.total + 1).saturating_sub(buffer.first_number()) as usize;
        let matcher = matcher_for(buffer, &self.needle);
        self.lines.extend(matching(buffer, &matcher, first_new));
    }
}

/// The first Error line after index `after` (by configured patterns or `##[error]`; ANSI
/// red alone is not an error).
pub fn next_error(buffer: &LogBuffer, after: usize) -> Option<usize> {
    let errors = buffer.error_numbers();
    let first = buffer.first_number();
    let number = first.saturating_add(after as u64);
    let at = errors.partition_point(|&n| n <= number);
    errors.get(at).map(|&n| (n - first) as usize)
}

/// The last Error line before index `before`.
pub fn prev_error(buffer: &LogBuffer, before: usize) -> Option<usize> {
    let errors = buffer.error_numbers();
    let first = buffer.first_number();
    let number = first.saturating_add(before as u64);
    let at = errors.partition_point(|&n| n < number);
    at.checked_sub(1).map(|i| (errors[i] - first) as usize)
}
