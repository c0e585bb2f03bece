//! Case-insensitive substring matching, fast for the common case (an ASCII needle): scan
//! with SIMD `memchr2` for the needle's rarest byte in either case, then compare the window.

use memchr::memmem::Finder;

#[derive(Clone, Debug)]
pub(super) enum Matcher {
    /// The empty needle matches nothing: an empty search is no search.
    Empty,
    /// No letters: case does not matter, plain substring search.
    Exact(Box<Finder<'static>>),
    Ascii(AsciiNeedle),
    /// Anything else compares characters by simple lower-case folding.
    Unicode(Vec<char>),
}

#[derive(Clone, Debug)]
pub(super) struct AsciiNeedle {
    lower: Vec<u8>,
    /// Index in `lower` of the byte to scan for, and that byte in both cases.
    rare: usize,
    rare_lower: u8,
    rare_upper: u8,
    /// The next rarest position, checked before the whole window.
    second: usize,
}

impl Matcher {
    /// `rarity` ranks bytes (lower-case) from rare to common, to pick what to scan for.
    pub(super) fn new(needle: &str, rarity: &ByteRank) -> Self {
        if needle.is_empty() {
            Matcher::Empty
        } else if !needle.is_ascii() {
            Matcher::Unicode(needle.chars().map(fold).collect())
        } else if !needle.bytes().any(|b| b.is_ascii_alphabetic()) {
            Matcher::Exact(Box::new(Finder::new(needle.as_bytes()).into_owned()))
        } else {
            let lower = needle.to_ascii_lowercase().into_bytes();
            let mut by_rarity: Vec<usize> = (0..lower.len()).collect();
            by_rarity.sort_by_key(|&i| rarity.0[usize::from(lower[i])]);
            let rare = by_rarity[0];
            Matcher::Ascii(AsciiNeedle {
                rare_lower: lower[rare],
                rare_upper: lower[rare].to_ascii_uppercase(),
                second: by_rarity.get(1).copied().unwrap_or(rare),
                lower,
                rare,
            })
        }
    }

    pub(super) fn is_match(&self, text: &str) -> bool {
        self.find(text, 0).is_some()
    }

    /// The first match starting at or after byte `from` (a char boundary), as a byte range.
    pub(super) fn find(&self, text: &str, from: usize) -> Option<(usize, usize)> {
        let hay = text.as_bytes().get(from..)?;
        let (start, end) = match self {
            Matcher::Empty => return None,
            Matcher::Exact(finder) => {
                let at = finder.find(hay)?;
                (at, at + finder.needle().len())
            }
            Matcher::Ascii(needle) => needle.find(hay)?,
            Matcher::Unicode(needle) => find_folded(&text[from..], needle)?,
        };
        Some((from + start, from + end))
    }
}

impl AsciiNeedle {
    fn find(&self, hay: &[u8]) -> Option<(usize, usize)> {
        let len = self.lower.len();
        let starts = hay.len().checked_sub(len)? + 1;
        // Only where the whole needle fits: a candidate at `rare + i` starts the window at i.
        let zone = &hay[self.rare..self.rare + starts];
        memchr::memchr2_iter(self.rare_lower, self.rare_upper, zone)
            .find(|&start| {
                let window = &hay[start..start + len];
                window[self.second].to_ascii_lowercase() == self.lower[self.second]
                    && window.eq_ignore_ascii_case(&self.lower)
            })
            .map(|start| (start, start + len))
    }
}

fn find_folded(text: &str, needle: &[char]) -> Option<(usize, usize)> {
    text.char_indices().find_map(|(start, _)| {
        let mut chars = text[start..].char_indices();
        for &want in needle {
            match chars.next() {
                Some((_, c)) if fold(c) == want => {}
                _ => return None,
            }
        }
        let end = chars.next().map_or(text.len(), |(i, _)| start + i);
        Some((start, end))
    })
}

/// Simple case folding: the lower-case form when it is a single character.
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// How common each (lower-case) byte is: the scan looks for the needle's least common byte
/// so it stops at few false candidates.
#[derive(Clone, Debug)]
pub(super) struct ByteRank([u32; 256]);

impl ByteRank {
    /// A rough rank for build logs in general, for one-off matches.
    pub(super) fn typical() -> Self {
        Self(std::array::from_fn(|b| u32::from(commonness(b as u8))))
    }

    /// Counts over a sample of the text to be searched, the typical rank breaking ties.
    pub(super) fn sampled<'a>(texts: impl Iterator<Item = &'a str>) -> Self {
        let mut rank = Self::typical();
        for text in texts {
            for &b in text.as_bytes() {
                rank.0[usize::from(b.to_ascii_lowercase())] += 256;
            }
        }
        rank
    }
}

fn commonness(b: u8) -> u8 {
    match b {
        b' ' => 255,
        b'e' | b't' | b'a' | b'o' | b'i' | b'n' | b's' | b'r' => 200,
        b'0'..=b'9' => 180,
        b'/' | b'.' => 170,
        b'l' | b'd' | b'c' | b'u' | b'h' | b'm' | b'p' => 160,
        b'-' | b':' | b'=' | b'_' | b',' => 150,
        b'g' | b'f' | b'y' | b'w' | b'b' => 120,
        b'v' | b'k' => 80,
        b'x' | b'j' | b'q' | b'z' => 50,
        _ => 100,
    }
}
