//! A server-sent events parser (the WHATWG `text/event-stream` format) fed with network
//! chunks as they arrive: an event, a line or a CRLF may be split anywhere between chunks.

/// The longest event (its data plus the line being read) kept in memory; a server that sends
/// more without a blank line is broken or hostile.
pub const MAX_EVENT: usize = 64 << 20;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SseEvent {
    /// The `event` field, `"message"` when the event named none.
    pub event: String,
    /// The `data` lines joined with `\n`. Raw bytes: a log may hold anything, and its reader
    /// decodes it.
    pub data: Vec<u8>,
    /// This event's own `id` field (the stream's last id is `SseParser::last_event_id`).
    pub id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("an event of the stream grew past {} MiB without ending", MAX_EVENT >> 20)]
pub struct SseTooLarge;

#[derive(Debug)]
pub struct SseParser {
    line: Vec<u8>,
    /// The last chunk ended with CR: an LF opening the next one belongs to it.
    after_cr: bool,
    started: bool,
    event: String,
    data: Vec<u8>,
    has_data: bool,
    id: Option<String>,
    last_event_id: String,
    retry_ms: Option<u64>,
    /// `MAX_EVENT`, but for tests that need an oversized event to cost less than 64 MiB.
    max_event: usize,
}

impl Default for SseParser {
    fn default() -> Self {
        Self::new()
    }
}

impl SseParser {
    pub fn new() -> Self {
        Self::with_limit(MAX_EVENT)
    }

    /// A parser that refuses events past `max_event` bytes.
    pub(super) fn with_limit(max_event: usize) -> Self {
        Self {
            line: Vec::new(),
            after_cr: false,
            started: false,
            event: String::new(),
            data: Vec::new(),
            has_data: false,
            id: None,
            last_event_id: String::new(),
            retry_ms: None,
            max_event,
        }
    }

    /// Feeds the next bytes of the stream; returns the events they completed.
    pub fn push(&mut self, mut bytes: &[u8]) -> Result<Vec<SseEvent>, SseTooLarge> {
        let mut out = Vec::new();
        if !self.started && !bytes.is_empty() {
            // A UTF-8 byte order mark may open the stream; it is not part of the first field.
            let bom = b"\xEF\xBB\xBF";
            let have = self.line.len() + bytes.len();
            if have < bom.len() && bom.starts_with(&[self.line.as_slice(), bytes].concat()) {
                self.line.extend_from_slice(bytes);
                return Ok(out);
            }
            self.started = true;
            let mut head = std::mem::take(&mut self.line);
            head.extend_from_slice(bytes);
            let head = head.strip_prefix(bom).unwrap_or(&head).to_vec();
            return self.lines(&head, &mut out).map(|()| out);
        }
        if self.after_cr && !bytes.is_empty() {
            self.after_cr = false;
            if let Some(rest) = bytes.strip_prefix(b"\n") {
                bytes = rest;
            }
        }
        self.lines(bytes, &mut out)?;
        Ok(out)
    }

    /// The id a reconnecting client sends as `Last-Event-ID`.
    pub fn last_event_id(&self) -> &str {
        &self.last_event_id
    }

    /// The reconnection delay the server asked for with `retry:`, in milliseconds.
    pub fn retry_ms(&self) -> Option<u64> {
        self.retry_ms
    }

    /// Checked before each line is kept, whole or in part, so the limit holds however the
    /// stream is cut and memory never grows past it.
    fn lines(&mut self, mut bytes: &[u8], out: &mut Vec<SseEvent>) -> Result<(), SseTooLarge> {
        while let Some(end) = bytes.iter().position(|&b| b == b'\n' || b == b'\r') {
            let cr = bytes[end] == b'\r';
            self.fits(end)?;
            self.line.extend_from_slice(&bytes[..end]);
            let line = std::mem::take(&mut self.line);
            self.field(&line, out);
            self.line = line;
            self.line.clear();
            bytes = &bytes[end + 1..];
            if cr {
                match bytes.first() {
                    Some(b'\n') => bytes = &bytes[1..],
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
        }
        self.fits(bytes.len())?;
        self.line.extend_from_slice(bytes);
        Ok(())
    }

    /// Whether `more` bytes of the current line keep the event within the limit.
    fn fits(&self, more: usize) -> Result<(), SseTooLarge> {
        if self.line.len() + more + self.data.len() > self.max_event {
            return Err(SseTooLarge);
        }
        Ok(())
    }

    fn field(&mut self, line: &[u8], out: &mut Vec<SseEvent>) {
        if line.is_empty() {
            self.dispatch(out);
            return;
        }
        if line[0] == b':' {
            return;
        }
        let (name, value) = match line.iter().position(|&b| b == b':') {
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &[][..]),
        };
        match name {
            b"event" => self.event = String::from_utf8_lossy(value).into_owned(),
            b"data" => {
                if self.has_data {
                    self.data.push(b'\n');
                }
                self.data.extend_from_slice(value);
                self.has_data = true;
            }
            // An id holding NUL is ignored, as the standard says.
            b"id" if !value.contains(&0) => {
                let id = String::from_utf8_lossy(value).into_owned();
                self.last_event_id.clone_from(&id);
                self.id = Some(id);
            }
            b"retry" if !value.is_empty() && value.iter().all(u8::is_ascii_digit) => {
                self.retry_ms = std::str::from_utf8(value).ok().and_then(|v| v.parse().ok());
            }
            _ => {}
        }
    }

    /// A blank line ends an event. The standard drops events without data; an event that is
    /// named but has none is kept, since a log stream's `end` may carry no data.
    fn dispatch(&mut self, out: &mut Vec<SseEvent>) {
        let event = std::mem::take(&mut self.event);
        let data = std::mem::take(&mut self.data);
        let id = self.id.take();
        let has_data = std::mem::take(&mut self.has_data);
        if !has_data && event.is_empty() {
            return;
        }
        out.push(SseEvent {
            event: if event.is_empty() {
                "message".to_string()
            } else {
                event
            },
            data,
            id,
        });
    }
}

#[cfg(test)]
mod limit_tests;
