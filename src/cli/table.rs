//! Plain-text output of the print verbs: columns aligned by display width (a CJK summary or an
//! emoji counts for what it takes on screen, not its bytes) and short durations.

use chrono::{DateTime, Utc};
use unicode_width::UnicodeWidthStr;

/// Columns padded to their widest cell, two spaces apart, each line after `indent`; trailing
/// spaces are trimmed.
pub fn aligned<R: AsRef<[String]>>(rows: &[R], indent: &str) -> String {
    let columns = rows.iter().map(|r| r.as_ref().len()).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row.as_ref()) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    for row in rows {
        let row = row.as_ref();
        let mut line = String::from(indent);
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                line.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// "42s", "5m", "3h", "2d": the largest unit that fits.
pub fn span(seconds: i64) -> String {
    match seconds.max(0) {
        s if s < 60 => format!("{s}s"),
        s if s < 3_600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3_600),
        s => format!("{}d", s / 86_400),
    }
}

/// The `span` from `then` to `now`.
pub fn age(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    span((now - then).num_seconds())
}

/// "45s", "2m 14s", "1h 05m": two units, for something that has ended.
pub fn took(seconds: i64) -> String {
    match seconds.max(0) {
        s if s < 60 => format!("{s}s"),
        s if s < 3_600 => format!("{}m {:02}s", s / 60, s % 60),
        s => format!("{}h {:02}m", s / 3_600, s % 3_600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width() {
        let rows = [
            ["KEY", "SUMMARY", "PTS"].map(String::from),
            ["OPS-1", "修复登录", ""].map(String::from),
            ["OPS-22", "fix", "3"].map(String::from),
        ];
        assert_eq!(
            aligned(&rows, "  "),
            "  KEY     SUMMARY   PTS\n  OPS-1   修复登录\n  OPS-22  fix       3\n"
        );
    }

    #[test]
    fn durations_pick_their_units() {
        assert_eq!([span(-5), span(59), span(61)], ["0s", "59s", "1m"]);
        assert_eq!([span(3_600 * 5), span(86_400 * 2 + 5)], ["5h", "2d"]);
        assert_eq!(
            [took(45), took(134), took(3_900)],
            ["45s", "2m 14s", "1h 05m"]
        );
    }
}
