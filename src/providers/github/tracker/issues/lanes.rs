//! Columns of a board of plain issues, which issue goes where, and which writes move one.
//! Pure: the provider reads and writes, this decides.

use crate::config::LabelColumn;
use crate::domain::{Column, StatusId};
use std::collections::BTreeMap;

pub const OPEN: &str = "Open";
pub const IN_PROGRESS: &str = "In progress";
pub const CLOSED: &str = "Closed recently";

/// How cards are sorted into columns.
#[derive(Clone, Debug, PartialEq)]
pub enum Lanes {
    /// `columns` from the config: by label, closed issues into the `closed` one.
    Labels(Vec<LabelColumn>),
    /// Open (nobody assigned), In progress (assigned), Closed recently.
    Default,
}

/// What the board knows of an issue, for placing and moving it.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// `owner/name` as configured.
    pub repo: String,
    pub number: u64,
    pub labels: Vec<String>,
    pub assigned: bool,
    pub closed: bool,
}

/// One request of a move.
#[derive(Clone, Debug, PartialEq)]
pub enum Write {
    RemoveLabel(String),
    AddLabel(String),
    /// Adds the token's user to the assignees.
    AssignMe,
    /// `PATCH` the issue: reopen or close (`completed`), and optionally clear the assignees.
    Patch {
        close: bool,
        unassign: bool,
    },
}

impl Lanes {
    pub fn new(columns: &[LabelColumn]) -> Self {
        if columns.is_empty() {
            Self::Default
        } else {
            Self::Labels(columns.to_vec())
        }
    }

    pub fn names(&self) -> Vec<String> {
        match self {
            Self::Labels(columns) => columns.iter().map(|c| c.name.clone()).collect(),
            Self::Default => [OPEN, IN_PROGRESS, CLOSED].map(String::from).to_vec(),
        }
    }

    /// Whether closed issues are shown at all (then they are fetched).
    pub fn shows_closed(&self) -> bool {
        match self {
            Self::Labels(columns) => columns.iter().any(|c| c.closed),
            Self::Default => true,
        }
    }

    pub fn columns(&self, wip: &BTreeMap<String, u32>) -> Vec<Column> {
        self.names()
            .into_iter()
            .map(|name| Column {
                statuses: vec![StatusId(name.clone())],
                max: super::super::board::wip_max(wip, &name),
                min: None,
                name,
            })
            .collect()
    }

    /// The column a card belongs to; `None` when no column takes it.
    pub fn place(&self, card: &Card) -> Option<usize> {
        match self {
            Self::Default if card.closed => Some(2),
            Self::Default => Some(usize::from(card.assigned)),
            Self::Labels(columns) if card.closed => columns.iter().position(|c| c.closed),
            Self::Labels(columns) => {
                let open = || columns.iter().enumerate().filter(|(_, c)| !c.closed);
                open()
                    .find(|(_, c)| c.labels.iter().any(|l| has(&card.labels, l)))
                    .or_else(|| open().find(|(_, c)| c.labels.is_empty()))
                    .map(|(i, _)| i)
            }
        }
    }

    /// The writes that take `card` into column `to`, in order.
    pub fn plan(&self, card: &Card, to: usize) -> Vec<Write> {
        let reopen = card.closed.then_some(Write::Patch {
            close: false,
            unassign: false,
        });
        let close = Write::Patch {
            close: true,
            unassign: false,
        };
        match self {
            Self::Default => match to {
                0 if card.assigned || card.closed => vec![Write::Patch {
                    close: false,
                    unassign: true,
                }],
                0 => Vec::new(),
                1 => std::iter::once(Write::AssignMe).chain(reopen).collect(),
                _ => vec![close],
            },
            Self::Labels(columns) => {
                let Some(target) = columns.get(to) else {
                    return Vec::new();
                };
                if target.closed {
                    return vec![close];
                }
                // Labels that put the card in another column go; the target's first comes.
                let others: Vec<&String> = columns
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != to)
                    .flat_map(|(_, c)| &c.labels)
                    .collect();
                let removed = card.labels.iter().filter(|l| {
                    others.iter().any(|o| o.eq_ignore_ascii_case(l)) && !has(&target.labels, l)
                });
                let added = target
                    .labels
                    .first()
                    .filter(|_| !target.labels.iter().any(|l| has(&card.labels, l)));
                removed
                    .map(|l| Write::RemoveLabel(l.clone()))
                    .chain(added.map(|l| Write::AddLabel(l.clone())))
                    .chain(reopen)
                    .collect()
            }
        }
    }
}

fn has(labels: &[String], label: &str) -> bool {
    labels.iter().any(|l| l.eq_ignore_ascii_case(label))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Lanes {
        let column = |name: &str, labels: &[&str], closed: bool| LabelColumn {
            name: name.into(),
            labels: labels.iter().map(|l| l.to_string()).collect(),
            closed,
        };
        Lanes::new(&[
            column("Todo", &[], false),
            column("Doing", &["wip", "in progress"], false),
            column("Review", &["review"], false),
            column("Done", &[], true),
        ])
    }

    fn card(labels: &[&str], assigned: bool, closed: bool) -> Card {
        Card {
            repo: "acme/payments".into(),
            number: 7,
            labels: labels.iter().map(|l| l.to_string()).collect(),
            assigned,
            closed,
        }
    }

    #[test]
    fn the_first_column_with_a_label_wins_else_the_unlabelled_one() {
        let lanes = labels();
        assert_eq!(
            lanes.place(&card(&["bug", "Review", "WIP"], false, false)),
            Some(1)
        );
        assert_eq!(lanes.place(&card(&["bug"], true, false)), Some(0));
        assert_eq!(lanes.place(&card(&["wip"], false, true)), Some(3));
        let no_fallback = Lanes::new(&[LabelColumn {
            name: "Doing".into(),
            labels: vec!["wip".into()],
            closed: false,
        }]);
        assert_eq!(no_fallback.place(&card(&["bug"], false, false)), None);
        assert_eq!(no_fallback.place(&card(&["wip"], false, true)), None);
        assert!(!no_fallback.shows_closed());
    }

    #[test]
    fn label_moves_drop_other_columns_labels_and_add_the_first_target_label() {
        let lanes = labels();
        let moving = card(&["bug", "Review"], false, false);
        assert_eq!(
            lanes.plan(&moving, 1),
            [
                Write::RemoveLabel("Review".into()),
                Write::AddLabel("wip".into())
            ]
        );
        let already = card(&["In Progress", "review"], false, true);
        assert_eq!(
            lanes.plan(&already, 1),
            [
                Write::RemoveLabel("review".into()),
                Write::Patch {
                    close: false,
                    unassign: false
                }
            ]
        );
        assert_eq!(
            lanes.plan(&moving, 0),
            [Write::RemoveLabel("Review".into())]
        );
        // A label two columns share stays when the card moves into one of them.
        let shared = Lanes::new(&[
            LabelColumn {
                name: "Doing".into(),
                labels: vec!["wip".into(), "team".into()],
                closed: false,
            },
            LabelColumn {
                name: "Review".into(),
                labels: vec!["review".into(), "team".into()],
                closed: false,
            },
        ]);
        assert_eq!(
            shared.plan(&card(&["Team", "review"], false, false), 0),
            [Write::RemoveLabel("review".into())]
        );
        assert_eq!(
            lanes.plan(&moving, 3),
            [Write::Patch {
                close: true,
                unassign: false
            }]
        );
    }

    #[test]
    fn default_columns_follow_assignment_and_state() {
        let lanes = Lanes::new(&[]);
        assert_eq!(lanes.names(), [OPEN, IN_PROGRESS, CLOSED]);
        assert_eq!(lanes.place(&card(&[], true, false)), Some(1));
        assert_eq!(lanes.place(&card(&[], false, false)), Some(0));
        assert_eq!(lanes.place(&card(&[], true, true)), Some(2));
        let closed = card(&[], true, true);
        let reopen = Write::Patch {
            close: false,
            unassign: false,
        };
        assert_eq!(lanes.plan(&closed, 1), [Write::AssignMe, reopen]);
        assert_eq!(
            lanes.plan(&closed, 0),
            [Write::Patch {
                close: false,
                unassign: true
            }]
        );
        assert_eq!(lanes.plan(&card(&[], false, false), 0), []);
        let columns = lanes.columns(&BTreeMap::from([("in PROGRESS".to_string(), 2)]));
        assert_eq!(columns[1].max, Some(2));
        assert_eq!(columns[1].statuses, [StatusId(IN_PROGRESS.into())]);
    }
}
