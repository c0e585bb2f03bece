//! A fixed board, clock and people for the rendered-frame tests.

use chrono::{DateTime, Duration, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shipdeck::app::keymap::Keymap;
use shipdeck::app::{Action, Msg, Popup, State, update};
use shipdeck::config::WipPolicy;
use shipdeck::domain::text::sanitize;
use shipdeck::domain::{
    Board, BoardKind, Column, Issue, IssueKey, Person, Sprint, SprintState, StatusId,
};
use shipdeck::ui::{self, Theme};

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 10, 14, 3, 5).unwrap()
}

pub fn person(name: &str) -> Person {
    Person {
        id: name.to_lowercase().replace(' ', "."),
        display_name: name.to_string(),
    }
}

fn column(name: &str, status: &str, min: Option<u32>, max: Option<u32>) -> Column {
    Column {
        name: name.to_string(),
        statuses: vec![StatusId(status.to_string())],
        min,
        max,
    }
}

/// A card as the provider would hand it over: text already sanitised.
pub fn card(
    key: &str,
    summary: &str,
    status: &str,
    who: Option<&str>,
    points: Option<f64>,
    hours: i64,
) -> Issue {
    let status_name = match status {
        "1" => "To Do",
        "2" => "In Progress",
        "3" => "In Review",
        "4" => "QA",
        _ => "Done",
    };
    Issue {
        key: IssueKey(key.to_string()),
        summary: sanitize(summary, false),
        status: StatusId(status.to_string()),
        status_name: status_name.to_string(),
        assignee: who.map(person),
        points,
        labels: vec!["payments".to_string(), "backend".to_string()],
        description: sanitize(
            "Customers are charged twice when the callback retries.\n\nSteps:\n1. Pay\n2. Kill the worker\n3. Watch the retry",
            true,
        ),
        sprint: Some("Sprint 14".to_string()),
        url: format!("https://example.atlassian.net/browse/{key}"),
        status_since: Some(now() - Duration::hours(hours)),
    }
}

/// To Do is starved (2 of min 3), In Progress full (4/4), Review over (3/1-2), QA fine,
/// Done unlimited. Summaries include CJK, emoji and a sanitised escape-sequence attack.
pub fn board() -> Board {
    let (ana, bo, chen) = (Some("Ana Kowalski"), Some("Bo Li"), Some("Chen Wei"));
    let issues = vec![
        card(
            "PAY-101",
            "Add Apple Pay to checkout",
            "1",
            ana,
            Some(5.0),
            30,
        ),
        card(
            "PAY-102",
            "Rate-limit the refunds endpoint",
            "1",
            None,
            None,
            200,
        ),
        card(
            "PAY-110",
            "修复支付回调的重复扣款问题",
            "2",
            chen,
            Some(3.0),
            52,
        ),
        card(
            "PAY-111",
            "🚀 Ship the deploy dashboard 🎉 to everyone",
            "2",
            ana,
            Some(8.0),
            5,
        ),
        card(
            "PAY-112",
            "Fix \u{1b}]0;pwned\u{7}title\u{1b}[2J and clear-screen in summaries",
            "2",
            bo,
            Some(2.0),
            0,
        ),
        card(
            "PAY-113",
            "Rotate the Stripe webhook secret",
            "2",
            bo,
            Some(0.5),
            96,
        ),
        card(
            "PAY-120",
            "Migrate ledger to Postgres 16",
            "3",
            ana,
            Some(13.0),
            120,
        ),
        card(
            "PAY-121",
            "Idempotency keys for payouts",
            "3",
            chen,
            Some(3.0),
            26,
        ),
        card("PAY-122", "Remove the legacy PayPal SDK", "3", bo, None, 1),
        card(
            "PAY-130",
            "Load-test the payout batcher",
            "4",
            chen,
            Some(2.0),
            3,
        ),
        card("PAY-90", "Upgrade Rust to 1.85", "5", ana, Some(1.0), 240),
        card(
            "PAY-91",
            "Document the refund flow",
            "5",
            None,
            Some(1.0),
            300,
        ),
    ];
    Board {
        cut: None,
        id: 7,
        name: "Payments board".to_string(),
        kind: BoardKind::Scrum,
        columns: vec![
            column("To Do", "1", Some(3), None),
            column("In Progress", "2", None, Some(4)),
            column("Review", "3", Some(1), Some(2)),
            column("QA", "4", None, None),
            column("Done", "5", None, None),
        ],
        issues,
        sprint: Some(Sprint {
            id: 14,
            name: "Sprint 14".to_string(),
            state: SprintState::Active,
            goal: Some("Refunds without tears".to_string()),
            start: Some(now() - Duration::days(9)),
            end: Some(now() + Duration::days(3) + Duration::hours(2)),
        }),
    }
}

/// The board loaded 2 minutes ago, the cursor on the second In Progress card.
pub fn state() -> State {
    let mut state = State::new(WipPolicy::Warn, std::time::Duration::from_secs(60));
    state.board = Some(board());
    state.selection.column = 1;
    state.selection.row = 1;
    state.sync.last_synced = Some(now() - Duration::minutes(2));
    state.me = Some(person("Ana Kowalski"));
    state
}

/// `key` moved on screen to column `to` with the keys a user presses (L or H, and y where
/// the column is at its WIP limit), Jira not yet agreeing. The selection is put back.
pub fn pending(state: &mut State, key: &str, to: usize) {
    let selection = state.selection;
    let key = IssueKey(key.into());
    let column = (0..state.columns().len())
        .find(|&c| state.visible_cards(c).iter().any(|i| i.key == key))
        .expect("the card is on the board");
    let row = state
        .visible_cards(column)
        .iter()
        .position(|i| i.key == key);
    state.selection.column = column;
    state.selection.row = row.unwrap();
    let step = if to > column {
        Action::MoveRight
    } else {
        Action::MoveLeft
    };
    for _ in 0..column.abs_diff(to) {
        update(state, Msg::Action(step), now());
        if matches!(state.popup, Some(Popup::ConfirmWip { .. })) {
            update(state, Msg::Action(Action::Confirm), now());
        }
    }
    assert!(state.pending.contains_key(&key), "{key} did not move");
    state.selection = selection;
}

pub fn draw_with(state: &State, theme: &Theme, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let keymap = Keymap::default();
    terminal
        .draw(|frame| ui::render(frame, state, theme, &keymap, now()))
        .unwrap();
    terminal
}

pub fn draw(state: &State, width: u16, height: u16) -> Terminal<TestBackend> {
    draw_with(state, &Theme::load("dark", false).unwrap(), width, height)
}

/// The screen as text, one line per row, for asserts that look for words.
pub fn screen(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().to_string()
}

/// Panics, showing the screen, unless every one of `parts` is on it.
pub fn shows(terminal: &Terminal<TestBackend>, parts: &[&str]) {
    let text = screen(terminal);
    for part in parts {
        assert!(text.contains(part), "missing {part:?} in\n{text}");
    }
}

/// Panics, showing the screen, if any of `parts` is on it.
pub fn lacks(terminal: &Terminal<TestBackend>, parts: &[&str]) {
    let text = screen(terminal);
    for part in parts {
        assert!(!text.contains(part), "{part:?} should not be in\n{text}");
    }
}

/// Where `text` first starts on screen, as (x, y) in cells.
pub fn find(terminal: &Terminal<TestBackend>, text: &str) -> Option<(u16, u16)> {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (0..area.height).find_map(|y| {
        let mut line = String::new();
        let mut starts = Vec::new();
        for x in 0..area.width {
            starts.push((line.len(), x));
            line.push_str(buffer[(x, y)].symbol());
        }
        let at = line.find(text)?;
        starts
            .iter()
            .find(|(byte, _)| *byte == at)
            .map(|(_, x)| (*x, y))
    })
}
