//! Drawing. Pure functions of `&State`: no I/O, no network.

/// Rows of cards that fit in one column at this terminal height.
pub fn cards_per_page(height: u16) -> usize {
    usize::from(height.saturating_sub(8) / 2)
}
