//! The report as text: header, an ASCII burndown, people, risks and velocity.

use super::{points, state_name};
use crate::domain::Sprint;
use crate::domain::sprint::{Load, Risk, SprintReport};
use chrono::NaiveDate;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Characters the longest bar takes.
const BAR: usize = 40;

/// `text` padded with spaces to `width` terminal cells.
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

fn bar(value: f64, max: f64) -> usize {
    if max <= 0.0 || value <= 0.0 {
        return 0;
    }
    ((value / max) * BAR as f64).round() as usize
}

pub fn render(sprint: &Sprint, r: &SprintReport) -> String {
    let mut out = String::new();
    header(&mut out, sprint, r);
    burndown(&mut out, r);
    people(&mut out, r);
    risks(&mut out, r);
    velocity(&mut out, r);
    out
}

fn header(out: &mut String, sprint: &Sprint, r: &SprintReport) {
    let _ = writeln!(out, "{} ({})", r.name, state_name(sprint.state));
    if let Some(goal) = &r.goal {
        let _ = writeln!(out, "Goal: {goal}");
    }
    let when = |t: Option<chrono::DateTime<chrono::FixedOffset>>| {
        t.map_or("?".to_string(), |t| {
            t.format("%a %Y-%m-%d %H:%M %:z").to_string()
        })
    };
    let _ = writeln!(out, "Dates: {} -> {}", when(r.start), when(r.end));
    let left = r.days_left.map_or(String::new(), |d| format!(", {d} left"));
    let _ = writeln!(out, "Working days: {}{left}", r.working_days);
    let _ = writeln!(
        out,
        "Points: {} of {} committed completed; issues: {} of {}",
        points(r.completed_points),
        points(r.committed_points),
        r.completed_issues,
        r.committed_issues
    );
    let _ = writeln!(
        out,
        "Scope since the start: +{} ({} points) added, -{} ({} points) removed",
        issues(r.added.issues),
        points(r.added.points),
        issues(r.removed.issues),
        points(r.removed.points)
    );
    if let Some(note) = &r.history_note {
        let _ = writeln!(out, "Note: {note}");
    }
}

fn burndown(out: &mut String, r: &SprintReport) {
    let _ = writeln!(out, "\nBurndown: points remaining (# actual, | ideal)");
    let days: Vec<NaiveDate> = if r.ideal.is_empty() {
        r.burndown.iter().map(|p| p.date).collect()
    } else {
        r.ideal.iter().map(|(d, _)| *d).collect()
    };
    if days.is_empty() {
        let _ = writeln!(out, "  (the sprint has not started)");
        return;
    }
    let max = r
        .burndown
        .iter()
        .map(|p| p.scope.max(p.remaining))
        .chain(r.ideal.iter().map(|(_, v)| *v))
        .fold(0.0, f64::max);
    for day in days {
        let actual = r.burndown.iter().find(|p| p.date == day);
        let ideal = r.ideal.iter().find(|(d, _)| *d == day).map(|(_, v)| *v);
        let mut cells: Vec<char> = vec![' '; BAR + 1];
        if let Some(p) = actual {
            cells
                .iter_mut()
                .take(bar(p.remaining, max))
                .for_each(|c| *c = '#');
        }
        if let Some(c) = ideal.and_then(|v| cells.get_mut(bar(v, max))) {
            *c = '|';
        }
        let line: String = cells.into_iter().collect();
        let value = actual.map_or(String::new(), |p| points(p.remaining));
        let _ = writeln!(out, "  {} {} {value}", day.format("%a %d %b"), line);
    }
}

fn issues(n: usize) -> String {
    format!("{n} {}", if n == 1 { "issue" } else { "issues" })
}

fn load(l: &Load) -> String {
    format!("{} ({} pts)", l.issues, points(l.points))
}

fn people(out: &mut String, r: &SprintReport) {
    let _ = writeln!(out, "\nPeople");
    let name = |p: &Option<crate::domain::Person>| {
        p.as_ref()
            .map_or("(unassigned)".to_string(), |p| p.display_name.clone())
    };
    let width = r
        .per_person
        .iter()
        .map(|l| name(&l.person).width())
        .chain([6])
        .max()
        .unwrap_or(6);
    let _ = writeln!(
        out,
        "  {} {} {} NOT STARTED",
        pad("PERSON", width),
        pad("IN PROGRESS", 14),
        pad("DONE", 14),
    );
    for l in &r.per_person {
        let _ = writeln!(
            out,
            "  {} {} {} {}",
            pad(&name(&l.person), width),
            pad(&load(&l.in_progress), 14),
            pad(&load(&l.done), 14),
            load(&l.not_started)
        );
    }
    if !r.idle.is_empty() {
        let names: Vec<&str> = r.idle.iter().map(|p| p.display_name.as_str()).collect();
        let _ = writeln!(out, "  Nothing in progress: {}", names.join(", "));
    }
}

fn risk_list(out: &mut String, title: &str, list: &[Risk]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "  {title}");
    for risk in list {
        let who = risk
            .assignee
            .as_ref()
            .map_or("unassigned".to_string(), |p| p.display_name.clone());
        let days = risk.days.map_or(String::new(), |d| {
            format!(", {d} working {}", if d == 1 { "day" } else { "days" })
        });
        let _ = writeln!(out, "    {} {} ({who}{days})", risk.key, risk.summary);
    }
}

fn risks(out: &mut String, r: &SprintReport) {
    let _ = writeln!(out, "\nRisks");
    let all = &r.risks;
    if all.aging.is_empty() && all.blocked.is_empty() && all.unestimated.is_empty() {
        let _ = writeln!(out, "  none");
        return;
    }
    risk_list(out, "Blocked", &all.blocked);
    risk_list(out, "Aging work in progress", &all.aging);
    risk_list(out, "Unestimated", &all.unestimated);
}

fn velocity(out: &mut String, r: &SprintReport) {
    let _ = writeln!(
        out,
        "\nVelocity: completed points of the last closed sprints"
    );
    if r.velocity.is_empty() {
        let _ = writeln!(out, "  (no closed sprints)");
        return;
    }
    let width = r.velocity.iter().map(|(n, _)| n.width()).max().unwrap_or(0);
    let max = r.velocity.iter().map(|(_, p)| *p).fold(0.0, f64::max);
    for (name, done) in &r.velocity {
        let _ = writeln!(
            out,
            "  {} {} {}",
            pad(name, width),
            "#".repeat(bar(*done, max)),
            points(*done)
        );
    }
    if let Some(average) = r.velocity_average {
        let _ = writeln!(out, "  average {average:.1}");
    }
}
