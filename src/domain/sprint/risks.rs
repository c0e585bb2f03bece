//! Aging work in progress, blocked cards and cards without an estimate.

use super::replay::{Lanes, Stage, flagged_since, status_since};
use super::workdays::age_in_working_days;
use super::{IssueHistory, Risk, Risks, SprintRules};
use chrono::{DateTime, FixedOffset, NaiveDate};

pub(super) struct Context<'a> {
    pub lanes: &'a Lanes<'a>,
    pub rules: &'a SprintRules,
    pub today: NaiveDate,
    pub offset: FixedOffset,
}

impl Context<'_> {
    /// Working days from `since` to today, in the sprint's offset.
    pub fn age(&self, since: Option<DateTime<FixedOffset>>) -> Option<u32> {
        let day = since?.with_timezone(&self.offset).date_naive();
        Some(age_in_working_days(day, self.today, self.rules))
    }

    /// Flagged, or sitting in a column named like Blocked.
    pub fn is_blocked(&self, history: &IssueHistory) -> bool {
        history.flagged || self.lanes.is_blocked_column(&history.issue.status)
    }
}

fn risk(history: &IssueHistory, days: Option<u32>) -> Risk {
    Risk {
        key: history.issue.key.clone(),
        summary: history.issue.summary.clone(),
        assignee: history.issue.assignee.clone(),
        days,
    }
}

pub(super) fn risks<'a>(
    current: impl Iterator<Item = &'a IssueHistory>,
    cx: &Context<'_>,
) -> Risks {
    let mut out = Risks::default();
    for history in current {
        let issue = &history.issue;
        let stage = cx.lanes.stage(&issue.status);
        if stage == Stage::Done {
            continue;
        }
        let in_status = cx.age(status_since(history));
        if cx.is_blocked(history) {
            let since = if history.flagged {
                flagged_since(history).or_else(|| status_since(history))
            } else {
                status_since(history)
            };
            out.blocked.push(risk(history, cx.age(since)));
        } else if stage == Stage::InProgress
            && in_status.is_some_and(|days| days > cx.rules.aging_days)
        {
            out.aging.push(risk(history, in_status));
        }
        if issue.points.is_none() {
            out.unestimated.push(risk(history, None));
        }
    }
    out.aging
        .sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.key.cmp(&b.key)));
    out
}
