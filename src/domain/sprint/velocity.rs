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
