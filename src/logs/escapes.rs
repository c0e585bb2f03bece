//! The escape parser in front of a line's `Draft`.

use super::draft::Draft;

/// vte's parser, handed only whole UTF-8 characters: vte 0.15 drops the character after one
/// that was split between two `advance` calls (alacritty/vte#159), so a character cut at
/// the end of a piece waits here for the rest. vte's parser is neither `Clone` nor `Debug`;
/// a copy starts in the ground state: parsing state only lives inside one line, so a copy
/// taken mid-sequence loses at most that sequence's first half.
#[derive(Default)]
pub(super) struct Escapes {
    parser: vte::Parser,
    /// The first bytes of a character cut at the end of the last piece (at most 3).
    cut: Vec<u8>,
}

impl Escapes {
    pub(super) fn advance(&mut self, draft: &mut Draft, bytes: &[u8]) {
        if self.cut.is_empty() {
            let whole = bytes.len() - cut_char(bytes);
            self.parser.advance(draft, &bytes[..whole]);
            self.cut.extend_from_slice(&bytes[whole..]);
            return;
        }
        let mut joined = std::mem::take(&mut self.cut);
        joined.extend_from_slice(bytes);
        let whole = joined.len() - cut_char(&joined);
        self.parser.advance(draft, &joined[..whole]);
        joined.drain(..whole);
        self.cut = joined;
    }
}

impl Clone for Escapes {
    fn clone(&self) -> Self {
        Self {
            parser: vte::Parser::default(),
            cut: self.cut.clone(),
        }
    }
}

/// How many bytes at the end of `bytes` start a UTF-8 character that is not complete yet.
fn cut_char(bytes: &[u8]) -> usize {
    let last3 = bytes.len().saturating_sub(3);
    let Some(lead) = bytes[last3..].iter().rposition(|&b| b >= 0xc0) else {
        return 0;
    };
    let tail = &bytes[last3 + lead..];
    match std::str::from_utf8(tail) {
        Err(e) if e.valid_up_to() == 0 && e.error_len().is_none() => tail.len(),
        _ => 0,
    }
}
