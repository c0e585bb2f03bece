use super::issue::{Issue, StatusId};
use chrono::{DateTime, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoardKind {
    Scrum,
    Kanban,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: String,
    pub statuses: Vec<StatusId>,
    pub min: Option<u32>,
    pub max: Option<u32>,
}

/// How a column stands against its WIP limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WipState {
    Ok,
    /// Exactly at max: the next card breaches.
    Full,
    Over,
    /// Below min: the team is starving this stage.
    Under,
}

impl Column {
    pub fn wip(&self, count: usize) -> WipState {
        let count = count as u64;
        match (self.min.map(u64::from), self.max.map(u64::from)) {
            (_, Some(max)) if count > max => WipState::Over,
            (_, Some(max)) if count == max => WipState::Full,
            (Some(min), _) if count < min => WipState::Under,
            _ => WipState::Ok,
        }
    }

    pub fn holds(&self, status: &StatusId) -> bool {
        self.statuses.contains(status)
    }

    /// "In Progress 3/4", "Review 2/1-3", "Done 12".
    pub fn title(&self, count: usize) -> String {
        match (self.min, self.max) {
            (Some(min), Some(max)) => format!("{} {count}/{min}-{max}", self.name),
            (None, Some(max)) => format!("{} {count}/{max}", self.name),
            (Some(min), None) => format!("{} {count}/{min}+", self.name),
            (None, None) => format!("{} {count}", self.name),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SprintState {
    Active,
    Future,
    Closed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Sprint {
    pub id: u64,
    pub name: String,
    pub state: SprintState,
    pub goal: Option<String>,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Board {
    pub id: u64,
    pub name: String,
    pub kind: BoardKind,
    pub columns: Vec<Column>,
    /// In the tracker's rank order.
    pub issues: Vec<Issue>,
    /// The sprint the cards come from, when the board shows one.
    pub sprint: Option<Sprint>,
    /// Set when the tracker had more cards than shipdeck loads.
    pub cut: Option<Cut>,
}

/// How far a board's first load has come: `loaded` cards of `expected` (when known).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arrival {
    pub loaded: usize,
    pub expected: Option<u64>,
}

/// A board cut short: `shown` cards of `total` (when the tracker says how many it has).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    pub shown: usize,
    pub total: Option<u64>,
}

impl Cut {
    /// "showing 10,000 of 14,200 cards; narrow the board with `jql` in [jira]".
    pub fn describe(&self) -> String {
        let of = self
            .total
            .map(|t| format!(" of {}", thousands(t)))
            .unwrap_or_else(|| " of more".into());
        format!(
            "showing {}{of} cards; narrow the board with `jql` in [jira]",
            thousands(self.shown as u64)
        )
    }
}

impl Arrival {
    /// "loading… 1,600 of 5,000 cards".
    pub fn describe(&self) -> String {
        let of = self
            .expected
            .map(|t| format!(" of {}", thousands(t)))
            .unwrap_or_default();
        format!("loading… {}{of} cards", thousands(self.loaded as u64))
    }
}

/// 14200 -> "14,200".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Board {
    pub fn column_of(&self, issue: &Issue) -> Option<usize> {
        self.columns.iter().position(|c| c.holds(&issue.status))
    }

    /// Cards of one column, in rank order.
    pub fn cards(&self, column: usize) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(move |i| self.column_of(i) == Some(column))
    }

    pub fn count(&self, column: usize) -> usize {
        self.cards(column).count()
    }

    /// `Some(max)` when one more card would take the column past its WIP max.
    pub fn full_at(&self, column: usize) -> Option<u32> {
        let max = self.columns.get(column)?.max?;
        (self.count(column) >= max as usize).then_some(max)
    }

    pub fn column_named(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(name.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_and_an_arrival_say_how_many_with_separators() {
        let cut = Cut {
            shown: 10_000,
            total: Some(14_200),
        };
        assert_eq!(
            cut.describe(),
            "showing 10,000 of 14,200 cards; narrow the board with `jql` in [jira]"
        );
        let unknown = Cut {
            shown: 999,
            total: None,
        };
        assert_eq!(
            unknown.describe(),
            "showing 999 of more cards; narrow the board with `jql` in [jira]"
        );
        let arrival = Arrival {
            loaded: 1_600,
            expected: Some(1_234_567),
        };
        assert_eq!(arrival.describe(), "loading… 1,600 of 1,234,567 cards");
        let nothing = Arrival {
            loaded: 0,
            expected: None,
        };
        assert_eq!(nothing.describe(), "loading… 0 cards");
    }
}
