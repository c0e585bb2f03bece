//! Reading the log back: every whole record, and where the damaged lines are. One torn or
//! hand-mangled line must not hide the rest of the log.

use super::line::{self, Line};
use super::record::AuditRecord;
use std::fmt;

/// What the log holds: the records, oldest first, and the lines that are not records.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuditRead {
    pub records: Vec<AuditRecord>,
    pub damaged: Vec<Damage>,
}

/// A line of the log that could not be read, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Damage {
    /// Counted from 1, as editors count.
    pub line: usize,
    pub problem: String,
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

/// The log's bytes as records and damage. Never fails: any bytes at all are some records
/// and some damaged lines.
pub fn parse(bytes: &[u8]) -> AuditRead {
    let mut lines = Vec::new();
    let mut damaged = Vec::new();
    let ends_whole = bytes.last().is_none_or(|&b| b == b'\n');
    let segments: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    // `split` yields an empty piece after the final newline; it is no line of its own.
    let count = if ends_whole {
        segments.len() - 1
    } else {
        segments.len()
    };
    for (index, raw) in segments.into_iter().take(count).enumerate() {
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let last = index + 1 == count;
        match read_line(raw) {
            Ok(line) => lines.push(line),
            Err(problem) => {
                let problem = if last && !ends_whole {
                    format!("{problem} (the last line ends without a newline: a write cut short)")
                } else {
                    problem
                };
                damaged.push(Damage {
                    line: index + 1,
                    problem,
                });
            }
        }
    }
    AuditRead {
        records: line::merge(lines),
        damaged,
    }
}

fn read_line(raw: &[u8]) -> Result<Line, String> {
    let text = std::str::from_utf8(raw).map_err(|e| {
        format!(
            "not an audit record: not UTF-8 after byte {}",
            e.valid_up_to()
        )
    })?;
    line::parse(text).map_err(|e| format!("not an audit record: {e}"))
}
