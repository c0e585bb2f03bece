//! Untrusted text from servers is made safe here, once, before it reaches any view.

/// Drops escape sequences and control characters so a summary like `ESC ] 0 ; x BEL`
/// or `ESC [ 2 J` shows as harmless text. Tabs become a space; newlines are kept only
/// when `keep_newlines` (descriptions), else they become a space (one-line fields).
pub fn sanitize(input: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI/OSC/DCS introducers carry sequences too.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\n' if keep_newlines => out.push('\n'),
            '\n' | '\t' => out.push(' '),
            '\r' => {}
            c if c.is_control() => {}
            // Bidi overrides can disguise text; zero-width joiners are kept for emoji.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Two-byte sequences (ESC c, ESC 7, ESC ( B ...): drop the intermediates and final.
        Some(c) if (' '..='/').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

fn skip_csi(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// OSC/DCS/APC/PM strings end at BEL or ST (`ESC \`).
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn strips_title_change_and_clear_screen() {
        assert_eq!(sanitize("a\u{1b}]0;pwned\u{7}b", false), "ab");
        assert_eq!(sanitize("x\u{1b}[2Jy\u{1b}[31mz", false), "xyz");
        assert_eq!(
            sanitize("osc\u{1b}]8;;http://e\u{1b}\\link", false),
            "osclink"
        );
    }

    #[test]
    fn control_bytes_and_newlines() {
        assert_eq!(sanitize("a\u{0}b\u{7}c\td\ne", false), "abc d e");
        assert_eq!(sanitize("line1\r\nline2", true), "line1\nline2");
        assert_eq!(sanitize("c1\u{9b}31mred", false), "c1red");
    }

    #[test]
    fn keeps_cjk_and_emoji() {
        assert_eq!(
            sanitize("修复 🚀 déploiement", false),
            "修复 🚀 déploiement"
        );
    }
}
