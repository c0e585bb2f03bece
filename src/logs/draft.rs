//! The line being received: the escape parser's sink. It keeps only what a terminal would
//! show (printable text, SGR styles) and drops every other sequence and control character.

use super::buffer::{LineKind, LogLine};
use super::style::{LogStyle, StyledRun};
use chrono::{DateTime, Utc};
use unicode_width::UnicodeWidthChar;
use vte::{Params, Perform};

/// Text kept per line; the rest is counted and reported, so a 1 MB line costs 64 KiB.
pub(super) const MAX_TEXT: usize = 64 * 1024;

/// GitHub Actions workflow markers at the start of a line (after the timestamp).
const MARKERS: [(&str, Marker); 4] = [
    ("##[group]", Marker::GroupStart),
    ("##[endgroup]", Marker::GroupEnd),
    ("##[error]", Marker::Error),
    ("##[warning]", Marker::Warning),
];
const LONGEST_MARKER: usize = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Marker {
    GroupStart,
    GroupEnd,
    Error,
    Warning,
}

impl Marker {
    pub(super) fn kind(self) -> LineKind {
        match self {
            Marker::GroupStart => LineKind::GroupStart {
                title: String::new(),
            },
            Marker::GroupEnd => LineKind::GroupEnd,
            Marker::Error => LineKind::Error,
            Marker::Warning => LineKind::Warning,
        }
    }
}

/// Finds a marker at the start of a whole line's text: the marker and the text after it.
pub(super) fn split_marker(text: &str) -> Option<(Marker, &str)> {
    MARKERS
        .iter()
        .find_map(|&(tag, marker)| text.strip_prefix(tag).map(|rest| (marker, rest)))
}

/// What the C1 introducers (0x9b CSI, 0x90/0x9d/0x98/0x9e/0x9f strings) started; vte
/// only parses 7-bit sequences, so their bodies arrive here as printable characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum C1 {
    None,
    Csi,
    Str,
}

#[derive(Clone, Debug)]
pub(super) struct Draft {
    /// Text and runs of the line so far; `kind` holds a marker found at its start.
    pub(super) line: LogLine,
    /// SGR state: carried from line to line as a terminal does.
    style: LogStyle,
    /// `!style.is_plain()`, kept so each character does not compare styles.
    styled: bool,
    /// Display column, for tab stops.
    col: usize,
    /// Text bytes dropped past `MAX_TEXT`.
    cut: usize,
    /// A `\r` was seen: the next visible character starts the line over.
    carriage: bool,
    c1: C1,
}

impl Draft {
    pub(super) fn new() -> Self {
        Self {
            line: LogLine {
                text: String::new(),
                runs: Vec::new(),
                timestamp: None,
                kind: LineKind::Normal,
                number: 1,
            },
            style: LogStyle::default(),
            styled: false,
            col: 0,
            cut: 0,
            carriage: false,
            c1: C1::None,
        }
    }

    /// Hands over the finished line (exactly sized copies; the scratch keeps its capacity)
    /// and gets ready for the next one, keeping the style.
    pub(super) fn take(&mut self) -> LogLine {
        if self.cut > 0 {
            let note = format!("… ({} bytes cut)", self.cut);
            self.line.text.push_str(&note);
        }
        let line = LogLine {
            text: self.line.text.as_str().to_owned(),
            runs: self.line.runs.to_vec(),
            timestamp: self.line.timestamp.take(),
            kind: std::mem::replace(&mut self.line.kind, LineKind::Normal),
            number: self.line.number,
        };
        self.line.number += 1;
        self.restart();
        self.c1 = C1::None;
        line
    }

    /// Builds a whole line that needs no parsing (printable ASCII, within the cap): the
    /// same line the parser would have built from those bytes.
    pub(super) fn plain(&mut self, timestamp: Option<DateTime<Utc>>, text: &str) -> LogLine {
        let (kind, text) = match split_marker(text) {
            Some((marker, rest)) => (marker.kind(), rest),
            None => (LineKind::Normal, text),
        };
        let runs = if !self.styled || text.is_empty() {
            Vec::new()
        } else {
            vec![StyledRun {
                start: 0,
                end: text.len() as u32,
                style: self.style,
            }]
        };
        let number = self.line.number;
        self.line.number += 1;
        LogLine {
            text: text.to_owned(),
            runs,
            timestamp,
            kind,
            number,
        }
    }

    fn restart(&mut self) {
        self.line.text.clear();
        self.line.runs.clear();
        self.line.kind = LineKind::Normal;
        self.col = 0;
        self.cut = 0;
        self.carriage = false;
    }

    fn put(&mut self, c: char) {
        if self.carriage {
            self.restart();
        }
        let text = &mut self.line.text;
        let start = text.len();
        if start + c.len_utf8() > MAX_TEXT {
            self.cut += c.len_utf8();
            return;
        }
        text.push(c);
        self.col += if c.is_ascii() {
            1
        } else {
            c.width().unwrap_or(0)
        };
        if self.styled {
            // Offsets fit: text never exceeds MAX_TEXT plus the cut note.
            let (start, end) = (start as u32, text.len() as u32);
            match self.line.runs.last_mut() {
                Some(run) if run.end == start && run.style == self.style => run.end = end,
                _ => self.line.runs.push(StyledRun {
                    start,
                    end,
                    style: self.style,
                }),
            }
        }
        if text.len() <= LONGEST_MARKER
            && text.starts_with('#')
            && self.line.kind == LineKind::Normal
            && let Some((marker, "")) = split_marker(text)
        {
            self.restart();
            self.line.kind = marker.kind();
        }
    }

    /// Tabs stop at every 8th column, counted from the start of the shown text.
    fn tab(&mut self) {
        if self.carriage {
            self.restart();
        }
        let spaces = 8 - self.col % 8;
        for _ in 0..spaces {
            self.put(' ');
        }
    }
}

/// Bidi overrides and isolates can make text read differently from what it is.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl Perform for Draft {
    fn print(&mut self, c: char) {
        // vte hands a C1 control over as a character when its UTF-8 bytes were split
        // across calls; it is still a control.
        if ('\u{80}'..='\u{9f}').contains(&c) {
            self.execute(c as u8);
            return;
        }
        match self.c1 {
            C1::Str => return,
            C1::Csi => match c {
                ' '..='?' => return,
                '@'..='~' => {
                    self.c1 = C1::None;
                    return;
                }
                _ => self.c1 = C1::None,
            },
            C1::None => {}
        }
        if c != '\u{7f}' && !is_bidi_control(c) {
            self.put(c);
        }
    }

    fn execute(&mut self, byte: u8) {
        match byte {
            0x07 | 0x9c if self.c1 == C1::Str => self.c1 = C1::None,
            _ if self.c1 == C1::Str => {}
            b'\t' => self.tab(),
            b'\r' => self.carriage = true,
            0x9b => self.c1 = C1::Csi,
            0x90 | 0x98 | 0x9d | 0x9e | 0x9f => self.c1 = C1::Str,
            // NUL, BEL, BS, VT, FF, other C0 and C1 controls: nothing to show.
            _ => {}
        }
    }

    fn csi_dispatch(&mut self, params: &Params, intermediates: &[u8], ignore: bool, action: char) {
        self.c1 = C1::None;
        if action == 'm' && intermediates.is_empty() && !ignore {
            self.style.apply_sgr(params);
            self.styled = !self.style.is_plain();
        }
    }

    fn esc_dispatch(&mut self, _intermediates: &[u8], _ignore: bool, _byte: u8) {
        // ESC \ (string terminator) ends a C1 string; any other escape also ends it.
        self.c1 = C1::None;
    }

    fn osc_dispatch(&mut self, _params: &[&[u8]], _bell_terminated: bool) {
        self.c1 = C1::None;
    }

    fn hook(&mut self, _params: &Params, _intermediates: &[u8], _ignore: bool, _action: char) {
        self.c1 = C1::None;
    }
}
