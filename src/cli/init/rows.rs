//! A screenful of a pick list: numbered rows whose columns line up by display width (CJK and
//! emoji take two columns), long cells cut with "…".

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The widest a cell is shown, so rows stay on one line.
const CELL: usize = 40;

/// Numbered rows from `offset + 1`, each column as wide as its widest cell here.
pub fn table(rows: &[Vec<String>], offset: usize) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|cells| cells.iter().map(|c| clip(c, CELL)).collect())
        .collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (n, cells) in rows.iter().enumerate() {
        out.push_str(&format!("  {:>3}", offset + n + 1));
        for (i, cell) in cells.iter().enumerate() {
            out.push_str("  ");
            out.push_str(cell);
            if i + 1 < cells.len() {
                out.push_str(&" ".repeat(widths[i].saturating_sub(cell.width())));
            }
        }
        out.push('\n');
    }
    out
}

/// At most `max` columns, with "…" when cut.
fn clip(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if width + w + 1 > max {
            break;
        }
        width += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_align_by_display_width_and_long_cells_are_clipped() {
        let rows = vec![
            vec!["看板".to_string(), "scrum".to_string()],
            vec!["ab".to_string(), "kanban".to_string()],
        ];
        assert_eq!(
            table(&rows, 15),
            "   16  看板  scrum\n   17  ab    kanban\n"
        );
        let long = "x".repeat(50);
        assert_eq!(clip(&long, 10), format!("{}…", "x".repeat(9)));
    }
}
