use super::*;
use crate::github::board::model::{Content, FieldKind, Value};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
        .unwrap()
        .to_utc()
}

#[test]
fn the_table_seeds_issues_pull_requests_and_the_project() {
    let board = seed(now()).unwrap();
    let pulls = board.issues.iter().filter(|i| i.pull.is_some()).count();
    assert!(
        board.issues.len() - pulls >= 28,
        "{} issues",
        board.issues.len()
    );
    assert!(pulls >= 6, "{pulls} pull requests");
    let project = &board.projects[0];
    assert_eq!(
        (project.number, project.title.as_str()),
        (3, "Storefront delivery")
    );
    let drafts = project
        .items
        .iter()
        .filter(|i| matches!(i.content, Content::Draft(_)))
        .count();
    assert_eq!(drafts, 2);
}

#[test]
fn in_progress_is_over_a_limit_of_four() {
    let board = seed(now()).unwrap();
    let project = &board.projects[0];
    let in_progress = project
        .items
        .iter()
        .filter(|i| {
            i.values
                .iter()
                .any(|v| v.value == Value::Option("47fc9ee4".into()))
        })
        .count();
    assert_eq!(in_progress, 5);
}

#[test]
fn sprints_are_two_weeks_and_the_current_one_holds_today() {
    for day in 0..28 {
        let now = now() + TimeDelta::days(day);
        let board = seed(now).unwrap();
        let Some(FieldKind::Iteration(its)) = board.projects[0]
            .fields
            .iter()
            .find(|f| f.name == "Iteration")
            .map(|f| &f.kind)
        else {
            panic!("no Iteration field");
        };
        let current: Vec<_> = its
            .all
            .iter()
            .filter(|i| i.contains(now.date_naive()))
            .collect();
        assert_eq!(current.len(), 1, "day {day}");
        assert_eq!(current[0].title, "Sprint 24");
        assert_eq!(
            its.all
                .iter()
                .filter(|i| i.end() <= now.date_naive())
                .count(),
            3
        );
    }
}

#[test]
fn closed_work_sits_in_the_sprint_it_closed_in() {
    let board = seed(now()).unwrap();
    let project = &board.projects[0];
    let Some(FieldKind::Iteration(its)) = project
        .fields
        .iter()
        .find(|f| f.name == "Iteration")
        .map(|f| &f.kind)
    else {
        panic!("no Iteration field");
    };
    for item in &project.items {
        let Content::Issue(index) = item.content else {
            continue;
        };
        let issue = &board.issues[index];
        let Some(closed) = issue.closed_at else {
            continue;
        };
        let sprint = item.values.iter().find_map(|v| match &v.value {
            Value::Iteration(id) => its.all.iter().find(|i| i.id == id),
            _ => None,
        });
        if let Some(sprint) = sprint {
            assert!(sprint.contains(closed.date_naive()), "#{}", issue.number);
        }
    }
}

#[test]
fn hostile_and_wide_titles_are_kept_as_sent() {
    let board = seed(now()).unwrap();
    assert!(
        board
            .issues
            .iter()
            .any(|i| i.title.contains("\u{1b}[2J") && i.title.contains('\u{7}'))
    );
    assert!(board.issues.iter().any(|i| i.title.contains("商品")));
}
