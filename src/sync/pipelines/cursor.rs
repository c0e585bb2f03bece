//! Exactly-once delivery of a log stream: where each chunk's bytes sit in the log (from its
//! `id`, the offset after it) against what was already delivered.

/// What to do with one chunk.
#[derive(Debug, PartialEq, Eq)]
pub enum Placement {
    /// New bytes, in order, right after what was delivered.
    Deliver(Vec<u8>),
    /// Everything in it was delivered before (a server that went back on resume).
    Skip,
    /// Its text does not match its offsets byte for byte (the server rewrote carriage returns
    /// or invalid UTF-8): read `from..to` raw from the polled log instead.
    Reread { from: u64, to: u64 },
}

/// Delivered bytes kept to recognise a repeat: a server that goes back further than this
/// is read raw instead.
const RECENT: usize = 64 * 1024;

#[derive(Debug)]
pub struct Cursor {
    /// Bytes of the log delivered so far: where a resume starts.
    delivered: u64,
    /// Where the server's stream stands: the offset it was opened at, then the last id.
    position: u64,
    /// The last bytes delivered (at least `RECENT` of them once there are that many).
    recent: Vec<u8>,
}

impl Cursor {
    pub fn new(offset: u64) -> Self {
        Self {
            delivered: offset,
            position: offset,
            recent: Vec::new(),
        }
    }

    pub fn delivered(&self) -> u64 {
        self.delivered
    }

    /// A (re)opened stream starts where it was asked to: at what was delivered.
    pub fn opened(&mut self) {
        self.position = self.delivered;
    }

    /// Raw bytes read at `delivered` (a poll, or a reread), delivered by the caller.
    pub fn advance(&mut self, bytes: &[u8]) {
        self.record(bytes);
        self.position = self.position.max(self.delivered);
    }

    /// Places a chunk of `data` (its lines joined by `\n`, the protocol's form) ending at
    /// `end`. Lines are whole while a job runs, so a chunk one byte shorter than its span
    /// lost its final newline to the wire format; only a log's very last line may have none.
    pub fn place(&mut self, mut data: Vec<u8>, end: Option<u64>) -> Placement {
        let len = data.len() as u64;
        // Without an id the chunk continues where the stream stood.
        let end = end.unwrap_or(self.position + len + 1);
        let span = end.checked_sub(self.position);
        if span != Some(len) {
            data.push(b'\n');
        }
        let start = if span == Some(data.len() as u64) {
            Some(self.position)
        } else {
            self.repeated_from(&data, end)
        };
        self.position = end;
        if end <= self.delivered {
            return Placement::Skip;
        }
        let start = match start {
            Some(start) if start <= self.delivered => start,
            // Rewritten text, or bytes between what was delivered and this chunk never came.
            _ => {
                return Placement::Reread {
                    from: self.delivered,
                    to: end,
                };
            }
        };
        let already = usize::try_from(self.delivered - start).unwrap_or(usize::MAX);
        data.drain(..already.min(data.len()));
        self.record(&data);
        Placement::Deliver(data)
    }

    /// Where a chunk longer than its span starts, when its head is bytes already delivered
    /// (a server that went back on resume). `None` for any other mismatch: a server that
    /// rewrote carriage returns or invalid UTF-8 sends text that is not the log's bytes.
    fn repeated_from(&self, data: &[u8], end: u64) -> Option<u64> {
        let start = end.checked_sub(data.len() as u64)?;
        if start >= self.position {
            return None;
        }
        let back = usize::try_from(self.delivered.checked_sub(start)?).ok()?;
        let from = self.recent.len().checked_sub(back)?;
        let overlap = back.min(data.len());
        (self.recent[from..from + overlap] == data[..overlap]).then_some(start)
    }

    fn record(&mut self, bytes: &[u8]) {
        self.delivered += bytes.len() as u64;
        // Only the last RECENT bytes are ever compared: a finished log's one huge chunk is not
        // copied whole (the copy would stay allocated as long as the tail runs).
        if bytes.len() >= RECENT {
            self.recent.clear();
            self.recent
                .extend_from_slice(&bytes[bytes.len() - RECENT..]);
            return;
        }
        self.recent.extend_from_slice(bytes);
        if self.recent.len() > 2 * RECENT {
            self.recent.drain(..self.recent.len() - RECENT);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Cursor, Placement, RECENT};

    fn deliver(bytes: &str) -> Placement {
        Placement::Deliver(bytes.as_bytes().to_vec())
    }

    #[test]
    fn whole_lines_get_their_newline_back() {
        let mut c = Cursor::new(0);
        assert_eq!(
            c.place(b"one\ntwo".to_vec(), Some(8)),
            deliver("one\ntwo\n")
        );
        assert_eq!(c.place(b"".to_vec(), Some(9)), deliver("\n"));
        assert_eq!(c.delivered(), 9);
    }

    #[test]
    fn a_last_line_without_newline_stays_without() {
        let mut c = Cursor::new(10);
        assert_eq!(c.place(b"done".to_vec(), Some(14)), deliver("done"));
    }

    #[test]
    fn bytes_repeated_before_the_offset_are_dropped() {
        let mut c = Cursor::new(0);
        assert_eq!(
            c.place(b"aaa\nbbb".to_vec(), Some(8)),
            deliver("aaa\nbbb\n")
        );
        // Resumed at 8, the server starts again at 4.
        c.opened();
        assert_eq!(c.place(b"bbb\nccc".to_vec(), Some(12)), deliver("ccc\n"));
        // And once more from 0, all of it old.
        c.opened();
        assert_eq!(c.place(b"aaa\nbbb".to_vec(), Some(8)), Placement::Skip);
        assert_eq!(c.place(b"ccc\nddd".to_vec(), Some(16)), deliver("ddd\n"));
        assert_eq!(c.delivered(), 16);
    }

    #[test]
    fn rewritten_text_is_read_raw() {
        let mut c = Cursor::new(0);
        // "10%\r90%\n" (8 bytes) sent as its last state "90%".
        assert_eq!(
            c.place(b"90%".to_vec(), Some(8)),
            Placement::Reread { from: 0, to: 8 }
        );
        c.advance(b"10%\r90%\n");
        assert_eq!(c.place(b"ok".to_vec(), Some(11)), deliver("ok\n"));
    }

    #[test]
    fn a_gap_before_a_chunk_is_read_raw() {
        let mut c = Cursor::new(0);
        assert_eq!(
            c.place(b"9".to_vec(), Some(8)),
            Placement::Reread { from: 0, to: 8 }
        );
        // The reread found only 6 bytes; the next chunk starts at 8.
        c.advance(b"12345\n");
        assert_eq!(
            c.place(b"ok".to_vec(), Some(11)),
            Placement::Reread { from: 6, to: 11 }
        );
    }

    #[test]
    fn a_longer_text_that_is_no_repeat_is_read_raw() {
        let mut c = Cursor::new(0);
        assert_eq!(c.place(b"ab".to_vec(), Some(3)), deliver("ab\n"));
        // "x\xff\n" (3 bytes) sent with U+FFFD (3 bytes for one): longer, but no repeat.
        assert_eq!(
            c.place("x\u{fffd}".as_bytes().to_vec(), Some(6)),
            Placement::Reread { from: 3, to: 6 }
        );
    }

    #[test]
    fn a_huge_chunk_is_remembered_by_its_end_only() {
        let mut c = Cursor::new(0);
        let mut big = vec![b'a'; 10 * RECENT];
        big.extend_from_slice(b"tail");
        let end = big.len() as u64 + 1;
        assert_eq!(c.place(big.clone(), Some(end)), {
            big.push(b'\n');
            Placement::Deliver(big)
        });
        assert!(c.recent.capacity() <= 2 * RECENT, "{}", c.recent.capacity());
        // A resume that goes back into that chunk's end is still recognised as a repeat.
        c.opened();
        assert_eq!(
            c.place(b"tail\nnext".to_vec(), Some(end + 5)),
            deliver("next\n")
        );
        assert_eq!(c.delivered(), end + 5);
    }

    #[test]
    fn chunks_without_ids_follow_on() {
        let mut c = Cursor::new(5);
        assert_eq!(c.place(b"x".to_vec(), None), deliver("x\n"));
        assert_eq!(c.delivered(), 7);
    }
}
