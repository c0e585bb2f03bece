//! GitHub's opaque identifiers: node ids (`PVTI_lADO…`) and connection cursors (`MQ`) are
//! unpadded base64 of an internal key, so they look and behave like GitHub's.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A node id: GitHub's type prefix, its fixed header, then the database id.
pub fn node_id(prefix: &str, header: &str, database_id: u64) -> String {
    let bytes = database_id.to_be_bytes();
    let first = bytes
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(bytes.len() - 1);
    format!("{prefix}_{header}{}", encode(&bytes[first..]))
}

/// The cursor of the item at `index` (0-based): base64 of its 1-based position, as GitHub
/// writes Projects v2 cursors.
pub fn cursor(index: usize) -> String {
    encode((index + 1).to_string().as_bytes())
}

/// The index a cursor stands for, if it is one of ours.
pub fn cursor_index(cursor: &str) -> Option<usize> {
    let text = String::from_utf8(decode(cursor)?).ok()?;
    let position: usize = text.parse().ok()?;
    position.checked_sub(1)
}

fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

fn decode(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u32> = text
        .trim_end_matches('=')
        .bytes()
        .map(|c| ALPHABET.iter().position(|a| *a == c).map(|d| d as u32))
        .collect::<Option<_>>()?;
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, d)| n | (d << (18 - 6 * i)));
        for i in 0..chunk.len() - 1 {
            out.push(((n >> (16 - 8 * i)) & 0xff) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_are_githubs_base64_of_the_position() {
        assert_eq!(cursor(0), "MQ");
        assert_eq!(cursor(9), "MTA");
        for i in [0, 1, 9, 99, 12345] {
            assert_eq!(cursor_index(&cursor(i)), Some(i));
        }
        assert_eq!(cursor_index("MA"), None, "position 0 is no cursor");
        assert_eq!(cursor_index("not a cursor!"), None);
        assert_eq!(cursor_index("Y3Vyc29yOnYyOpHOAAAb"), None);
    }

    #[test]
    fn node_ids_carry_prefix_and_id() {
        assert_eq!(node_id("I", "kwDOBYp4Gc", 1347), "I_kwDOBYp4GcBUM");
        assert_ne!(node_id("I", "x", 1), node_id("I", "x", 2));
    }
}
