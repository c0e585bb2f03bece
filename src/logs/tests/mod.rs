//! Unit tests of the log engine, split by topic.

mod lines;
mod markers;
mod ring;
mod search;
mod sgr;
mod timestamps;

use super::{LogBuffer, LogLine};
use crate::config::LogsConfig;

fn buffer(max_lines: usize) -> LogBuffer {
    LogBuffer::new(max_lines, &LogsConfig::default().error_patterns)
}

/// The lines from one push of `input`, then `finish`.
fn lines(input: &[u8]) -> Vec<LogLine> {
    let mut buffer = buffer(10_000);
    buffer.push_bytes(input);
    buffer.finish();
    buffer.iter().cloned().collect()
}

fn texts(input: &[u8]) -> Vec<String> {
    lines(input).into_iter().map(|line| line.text).collect()
}

/// The lines from pushing `input` in pieces of the given sizes, cycled.
fn lines_in_pieces(input: &[u8], sizes: &[usize]) -> Vec<LogLine> {
    let mut buffer = buffer(10_000);
    let mut rest = input;
    for &size in sizes.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (piece, tail) = rest.split_at(size.min(rest.len()));
        buffer.push_bytes(piece);
        rest = tail;
    }
    buffer.finish();
    buffer.iter().cloned().collect()
}
