//! Untrusted names inside URL paths.

/// Percent-encodes one path segment (an issue key, a repository name) so it cannot add
/// segments or a query to the URL. `None` for "", "." and "..", which URLs resolve away
/// even when encoded.
pub fn path_segment(s: &str) -> Option<String> {
    if matches!(s, "" | "." | "..") {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}
