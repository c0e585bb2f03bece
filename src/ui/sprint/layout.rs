//! Sharing rows between stacked sections by priority.

/// A section's rows: it is shown only with at least `min`, and never gets more than `want`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Part {
    pub min: u16,
    pub want: u16,
}

impl Part {
    pub fn new(min: u16, want: u16) -> Self {
        Self {
            min,
            want: want.max(min),
        }
    }
}

/// Heights for `parts` in `room` rows: in `priority` order each gets its minimum while rows
/// last (one that does not fit gets none), then, again in that order, up to what it wants.
pub fn allot(room: u16, parts: &[Part], priority: &[usize]) -> Vec<u16> {
    let mut heights = vec![0; parts.len()];
    let mut left = room;
    for &i in priority {
        let Some(part) = parts.get(i) else { continue };
        if part.min <= left {
            heights[i] = part.min;
            left -= part.min;
        }
    }
    for &i in priority {
        let Some(part) = parts.get(i) else { continue };
        if heights[i] == 0 && part.min > 0 {
            continue;
        }
        let more = (part.want - heights[i]).min(left);
        heights[i] += more;
        left -= more;
    }
    heights
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimums_first_then_wants_in_priority_order() {
        let parts = [
            Part::new(8, 12),
            Part::new(1, 1),
            Part::new(3, 9),
            Part::new(1, 5),
        ];
        assert_eq!(allot(30, &parts, &[0, 1, 2, 3]), [12, 1, 9, 5]);
        assert_eq!(allot(18, &parts, &[0, 1, 2, 3]), [12, 1, 4, 1]);
        // Too little room: a section that cannot have its minimum is left out.
        assert_eq!(allot(10, &parts, &[0, 1, 2, 3]), [8, 1, 0, 1]);
        assert_eq!(allot(5, &parts, &[0, 1, 2, 3]), [0, 1, 3, 1]);
    }
}
