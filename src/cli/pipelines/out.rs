//! Where `logs` writes: the raw bytes, or each line's sanitised text through the log engine
//! (colours and every escape sequence removed, progress lines collapsed).

use crate::logs::{LineKind, LogBuffer};
use std::io::{self, Write};

/// Lines fed to the engine at a time; its ring holds more, so none is evicted unprinted.
const SLICE: usize = 1024;
const RING: usize = 4 * SLICE;

pub struct Output<W: Write> {
    out: W,
    /// `None` writes raw bytes.
    engine: Option<LogBuffer>,
    /// Lines written so far (the engine numbers lines from 1).
    printed: u64,
}

impl<W: Write> Output<W> {
    pub fn raw(out: W) -> Self {
        Self {
            out,
            engine: None,
            printed: 0,
        }
    }

    pub fn text(out: W, error_patterns: &[String]) -> Self {
        Self {
            out,
            engine: Some(LogBuffer::new(RING, error_patterns)),
            printed: 0,
        }
    }

    /// Writes what `bytes` complete and flushes, so a follower sees lines as they come. An
    /// error is the reader gone (a closed pipe) or a full disk: either way, stop.
    pub fn push(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.engine.is_none() {
            self.out.write_all(bytes)?;
            return self.out.flush();
        }
        let mut rest = bytes;
        while !rest.is_empty() {
            let cut = memchr::memchr_iter(b'\n', rest)
                .nth(SLICE - 1)
                .map_or(rest.len(), |i| i + 1);
            if let Some(engine) = &mut self.engine {
                engine.push_bytes(&rest[..cut]);
            }
            self.write_new()?;
            rest = &rest[cut..];
        }
        self.out.flush()
    }

    /// The log ended: a last line without newline is written too.
    pub fn finish(&mut self) -> io::Result<()> {
        if let Some(engine) = &mut self.engine {
            engine.finish();
        }
        self.write_new()?;
        self.out.flush()
    }

    fn write_new(&mut self) -> io::Result<()> {
        let Some(engine) = &self.engine else {
            return Ok(());
        };
        let fresh = usize::try_from(engine.total() - self.printed).unwrap_or(usize::MAX);
        for line in engine.iter().skip(engine.len().saturating_sub(fresh)) {
            // An end-of-group marker has no text of its own.
            if line.kind == LineKind::GroupEnd {
                continue;
            }
            self.out.write_all(line.text.as_bytes())?;
            self.out.write_all(b"\n")?;
        }
        self.printed = engine.total();
        Ok(())
    }

    #[cfg(test)]
    fn into_inner(self) -> W {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(chunks: &[&[u8]]) -> String {
        let mut out = Output::text(Vec::new(), &[]);
        for chunk in chunks {
            out.push(chunk).unwrap();
        }
        out.finish().unwrap();
        String::from_utf8(out.into_inner()).unwrap()
    }

    #[test]
    fn text_is_sanitised_line_by_line() {
        let got = text(&[
            b"\x1b[32mok\x1b[0m one\n\x1b]0;title\x07 10%\r100%\n##[group]Bu",
            b"ild\n##[endgroup]\nlast",
        ]);
        assert_eq!(got, "ok one\n100%\nBuild\nlast\n");
    }

    #[test]
    fn many_lines_at_once_are_all_written_once() {
        let log: String = (0..10_000).map(|i| format!("line {i}\n")).collect();
        let got = text(&[log.as_bytes()]);
        assert_eq!(got, log);
    }

    #[test]
    fn raw_keeps_every_byte() {
        let mut out = Output::raw(Vec::new());
        out.push(b"\x1b[31mred\x1b[0m\r\n").unwrap();
        out.finish().unwrap();
        assert_eq!(out.into_inner(), b"\x1b[31mred\x1b[0m\r\n");
    }
}
