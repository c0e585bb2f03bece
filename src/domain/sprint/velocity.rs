//! Completed points of the last closed sprints.

use crate::domain::Sprint;

/// How many closed sprints the velocity chart shows.
pub const VELOCITY_SPRINTS: usize = 6;

/// `closed` is newest first; the chart reads oldest first, left to right.
pub(super) fn velocity(closed: &[(Sprint, f64)]) -> (Vec<(String, f64)>, Option<f64>) {
    let bars: Vec<(String, f64)> = closed
        .iter()
        .take(VELOCITY_SPRINTS)
        .rev()
        .map(|(s, points)| (s.name.clone(), *points))
        .collect();
    let average =
        (!bars.is_empty()).then(|| bars.iter().map(|b| b.1).sum::<f64>() / bars.len() as f64);
    (bars, average)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SprintState;

    fn closed(n: u64) -> Sprint {
        Sprint {
            id: n,
            name: format!("S{n}"),
            state: SprintState::Closed,
            goal: None,
            start: None,
            end: None,
        }
    }

    #[test]
    fn newest_six_oldest_first_with_their_mean() {
        let newest_first: Vec<(Sprint, f64)> =
            (1..=8).rev().map(|n| (closed(n), n as f64)).collect();
        let (bars, average) = velocity(&newest_first);
        let names: Vec<&str> = bars.iter().map(|b| b.0.as_str()).collect();
        assert_eq!(names, ["S3", "S4", "S5", "S6", "S7", "S8"]);
        assert_eq!(average, Some(5.5));
        assert_eq!(velocity(&[]), (Vec::new(), None));
    }
}
