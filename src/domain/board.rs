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
