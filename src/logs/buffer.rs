//! The log viewer's store: raw bytes in arrival order become sanitised, styled lines in a
//! ring buffer of at most `max_lines`, numbered from the start of the log.

use super::draft::{Draft, MAX_TEXT};
use super::escapes::Escapes;
use super::style::StyledRun;
use super::timestamp::{self, Scan};
use chrono::{DateTime, Utc};
use memchr::memmem::Finder;
use std::collections::VecDeque;
use std::fmt;

/// CAN: cancels any half-read escape sequence and flushes a partial UTF-8 character as
/// U+FFFD, so nothing leaks from one line into the next.
const CANCEL: [u8; 1] = [0x18];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    Normal,
    Error,
    Warning,
    GroupStart { title: String },
    GroupEnd,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    /// Sanitised display text, without a leading timestamp: no control characters, no escapes.
    pub text: String,
    /// Non-default styles over `text` (empty for plain lines).
    pub runs: Vec<StyledRun>,
    /// A leading RFC 3339 timestamp (GitHub Actions style "2026-11-25T09:00:01.1234567Z "), parsed off.
    pub timestamp: Option<DateTime<Utc>>,
    pub kind: LineKind,
    /// Absolute line number since the start of the log, from 1 (stays valid when old lines
    /// are dropped).
    pub number: u64,
}

/// Where the start of the current line stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Head {
    /// No byte of the next line yet.
    Idle,
    /// Holding the first bytes back: they may be a timestamp.
    Deciding,
    /// Past the timestamp: bytes go to the escape parser as they come.
    Body,
}

/// Where a buffer stood, so a search can catch up with what was added and dropped since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BufferMark {
    pub(super) first_number: u64,
    pub(super) total: u64,
}

#[derive(Clone)]
pub struct LogBuffer {
    lines: VecDeque<LogLine>,
    max_lines: usize,
    dropped: u64,
    /// Numbers of the Error lines held, oldest first, for `e` / `E`.
    errors: VecDeque<u64>,
    patterns: Vec<Finder<'static>>,
    draft: Draft,
    parser: Escapes,
    head: Head,
    /// The bytes held back while `Deciding`.
    held: Vec<u8>,
}

impl LogBuffer {
    /// `max_lines` is at least 1; empty patterns are ignored (they would match every line).
    pub fn new(max_lines: usize, error_patterns: &[String]) -> Self {
        Self {
            lines: VecDeque::new(),
            max_lines: max_lines.max(1),
            dropped: 0,
            errors: VecDeque::new(),
            patterns: error_patterns
                .iter()
                .filter(|p| !p.is_empty())
                .map(|p| Finder::new(p.as_bytes()).into_owned())
                .collect(),
            draft: Draft::new(),
            parser: Escapes::default(),
            head: Head::Idle,
            held: Vec::with_capacity(timestamp::MAX_LEN + 1),
        }
    }

    /// Feeds raw bytes in arrival order. Lines, UTF-8 characters and escape sequences may be
    /// split anywhere across calls; the result is the same as one call with all the bytes.
    pub fn push_bytes(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some(end) = memchr::memchr(b'\n', rest) {
            let line = &rest[..end];
            if self.head == Head::Idle {
                self.whole_line(line);
            } else {
                self.stream(line);
                self.end_line();
            }
            rest = &rest[end + 1..];
        }
        if !rest.is_empty() {
            self.stream(rest);
        }
    }

    /// Ends the log: a final line without newline becomes a line.
    pub fn finish(&mut self) {
        if self.head != Head::Idle {
            self.end_line();
        }
    }

    /// Lines held now.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// 0 = oldest held.
    pub fn get(&self, index: usize) -> Option<&LogLine> {
        self.lines.get(index)
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &LogLine> + ExactSizeIterator {
        self.lines.iter()
    }

    /// Lines evicted by the cap.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Lines ever completed.
    pub fn total(&self) -> u64 {
        self.draft.line.number - 1
    }

    /// The number of `get(0)` (the next line's number when nothing is held).
    pub fn first_number(&self) -> u64 {
        self.dropped + 1
    }

    pub fn max_lines(&self) -> usize {
        self.max_lines
    }

    /// The line being written (no newline yet), shown at the bottom while following.
    pub fn partial(&self) -> Option<&LogLine> {
        (self.head != Head::Idle).then_some(&self.draft.line)
    }

    /// Where the buffer stands now; see `Search::update`.
    pub fn mark(&self) -> BufferMark {
        BufferMark {
            first_number: self.first_number(),
            total: self.total(),
        }
    }

    /// The lines from index `from` on (none when past the end).
    pub(super) fn iter_from(&self, from: usize) -> impl Iterator<Item = &LogLine> {
        self.lines.range(from.min(self.lines.len())..)
    }

    /// Numbers of the Error lines held, oldest first.
    pub(super) fn error_numbers(&self) -> &VecDeque<u64> {
        &self.errors
    }

    /// A line that arrived whole: most lines are printable ASCII and skip the parser.
    fn whole_line(&mut self, bytes: &[u8]) {
        let (stamp, body) = timestamp::split(bytes);
        if let Some(text) = plain_text(body) {
            let line = self.draft.plain(stamp, text);
            self.store(line);
        } else {
            self.draft.line.timestamp = stamp;
            self.parser.advance(&mut self.draft, body);
            self.head = Head::Body;
            self.end_line();
        }
    }

    fn stream(&mut self, bytes: &[u8]) {
        if self.head == Head::Body {
            self.parser.advance(&mut self.draft, bytes);
            return;
        }
        // A complete timestamp is at most MAX_LEN bytes, so MAX_LEN + 1 always decide.
        let take = bytes.len().min(timestamp::MAX_LEN + 1 - self.held.len());
        self.held.extend_from_slice(&bytes[..take]);
        let skip = match timestamp::scan(&self.held, false) {
            Scan::Incomplete => {
                self.head = Head::Deciding;
                return;
            }
            Scan::NotStamp => 0,
            Scan::Stamp { len, at } => {
                self.draft.line.timestamp = Some(at);
                len
            }
        };
        self.head = Head::Body;
        self.parser.advance(&mut self.draft, &self.held[skip..]);
        self.held.clear();
        self.parser.advance(&mut self.draft, &bytes[take..]);
    }

    fn end_line(&mut self) {
        if self.head == Head::Deciding {
            let skip = match timestamp::scan(&self.held, true) {
                Scan::Stamp { len, at } => {
                    self.draft.line.timestamp = Some(at);
                    len
                }
                Scan::Incomplete | Scan::NotStamp => 0,
            };
            self.parser.advance(&mut self.draft, &self.held[skip..]);
            self.held.clear();
        }
        self.parser.advance(&mut self.draft, &CANCEL);
        self.head = Head::Idle;
        let line = self.draft.take();
        self.store(line);
    }

    fn store(&mut self, mut line: LogLine) {
        if let LineKind::GroupStart { title } = &mut line.kind {
            title.clone_from(&line.text);
        } else if line.kind == LineKind::Normal
            && self
                .patterns
                .iter()
                .any(|p| p.find(line.text.as_bytes()).is_some())
        {
            line.kind = LineKind::Error;
        }
        if line.kind == LineKind::Error {
            self.errors.push_back(line.number);
        }
        self.lines.push_back(line);
        if self.lines.len() > self.max_lines {
            self.lines.pop_front();
            self.dropped += 1;
            let first = self.first_number();
            while self.errors.front().is_some_and(|&n| n < first) {
                self.errors.pop_front();
            }
        }
    }
}

impl fmt::Debug for LogBuffer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LogBuffer")
            .field("len", &self.lines.len())
            .field("max_lines", &self.max_lines)
            .field("dropped", &self.dropped)
            .field("total", &self.total())
            .field("partial", &self.partial().map(|l| &l.text))
            .finish_non_exhaustive()
    }
}

/// The body of a line as-is when it needs no parsing: printable ASCII (a CRLF's `\r`
/// aside) that fits the cap. Checked without early exit so it vectorises.
fn plain_text(body: &[u8]) -> Option<&str> {
    let body = body.strip_suffix(b"\r").unwrap_or(body);
    let printable = body
        .iter()
        .fold(true, |ok, &b| ok & (b.wrapping_sub(0x20) < 0x5f));
    if printable && body.len() <= MAX_TEXT {
        std::str::from_utf8(body).ok()
    } else {
        None
    }
}
