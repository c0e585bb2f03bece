//! Budget: one frame of a 2,000-card, 7-column board at 200x60 in under 2 ms.

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shipdeck::app::State;
use shipdeck::app::keymap::Keymap;
use shipdeck::config::WipPolicy;
use shipdeck::domain::{Board, BoardKind, Column, Issue, IssueKey, Person, StatusId};
use shipdeck::ui::{self, Theme};
use std::hint::black_box;

const COLUMNS: [&str; 7] = [
    "Backlog",
    "To Do",
    "In Progress",
    "Review",
    "QA",
    "Staging",
    "Done",
];
const PEOPLE: [&str; 6] = [
    "Ana Kowalski",
    "Bo Li",
    "Chen Wei",
    "Dara Okafor",
    "Eli Stone",
    "Fatima Noor",
];

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 10, 14, 0, 0).unwrap()
}

fn board(cards: usize) -> Board {
    let columns = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, name)| Column {
            name: name.to_string(),
            statuses: vec![StatusId(i.to_string())],
            min: None,
            max: (i == 2).then_some(40),
        })
        .collect();
    let issues = (0..cards)
        .map(|n| Issue {
            key: IssueKey(format!("PAY-{n}")),
            summary: format!("Card {n}: make the payout batcher retry with back-off 修复 🚀"),
            status: StatusId((n % COLUMNS.len()).to_string()),
            status_name: COLUMNS[n % COLUMNS.len()].to_string(),
            assignee: (n % 7 != 0).then(|| Person {
                id: format!("p{}", n % PEOPLE.len()),
                display_name: PEOPLE[n % PEOPLE.len()].to_string(),
            }),
            points: Some((n % 8) as f64),
            labels: vec!["backend".to_string()],
            description: String::new(),
            sprint: None,
            url: format!("https://example.atlassian.net/browse/PAY-{n}"),
            status_since: Some(now() - Duration::hours((n % 500) as i64)),
        })
        .collect();
    Board {
        cut: None,
        id: 1,
        name: "Payments".to_string(),
        kind: BoardKind::Kanban,
        columns,
        issues,
        sprint: None,
    }
}

fn bench(c: &mut Criterion) {
    let theme = Theme::load("dark", false).unwrap();
    let keymap = Keymap::default();
    let mut state = State::new(WipPolicy::Warn, std::time::Duration::from_secs(60));
    state.board = Some(board(2_000));
    state.selection.column = 2;
    state.selection.row = 150;
    state.sync.last_synced = Some(now());
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();

    c.bench_function("board 2000 cards 200x60", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| ui::render(frame, black_box(&state), &theme, &keymap, now()))
                .unwrap();
        })
    });

    state.swimlanes = true;
    state.filter = "batcher".to_string();
    c.bench_function("board 2000 cards 200x60 lanes+filter", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| ui::render(frame, black_box(&state), &theme, &keymap, now()))
                .unwrap();
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
