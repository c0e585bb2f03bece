//! `shipdeck print board`: the board as JSON or an aligned text table, for scripts.

use crate::cli::table::aligned;
use crate::domain::{Board, WipState};
use serde::Serialize;

#[derive(Serialize)]
struct Doc<'a> {
    board: BoardOut<'a>,
}

#[derive(Serialize)]
struct BoardOut<'a> {
    name: &'a str,
    columns: Vec<ColumnOut<'a>>,
}

#[derive(Serialize)]
struct ColumnOut<'a> {
    name: &'a str,
    min: Option<u32>,
    max: Option<u32>,
    cards: Vec<CardOut<'a>>,
}

#[derive(Serialize)]
struct CardOut<'a> {
    key: &'a str,
    summary: &'a str,
    status: &'a str,
    assignee: Option<&'a str>,
    points: Option<f64>,
}

pub fn json(board: &Board) -> String {
    let columns = (0..board.columns.len())
        .map(|i| {
            let column = &board.columns[i];
            ColumnOut {
                name: &column.name,
                min: column.min,
                max: column.max,
                cards: board
                    .cards(i)
                    .map(|c| CardOut {
                        key: &c.key.0,
                        summary: &c.summary,
                        status: &c.status_name,
                        assignee: c.assignee.as_ref().map(|p| p.display_name.as_str()),
                        points: c.points,
                    })
                    .collect(),
            }
        })
        .collect();
    let doc = Doc {
        board: BoardOut {
            name: &board.name,
            columns,
        },
    };
    serde_json::to_string_pretty(&doc).expect("plain data serialises")
}

/// One row per card; the column name and its WIP figure on the first row of each column.
pub fn plain(board: &Board) -> String {
    let mut rows: Vec<[String; 6]> = vec![[
        "COLUMN".into(),
        "WIP".into(),
        "KEY".into(),
        "PTS".into(),
        "ASSIGNEE".into(),
        "SUMMARY".into(),
    ]];
    for (i, column) in board.columns.iter().enumerate() {
        let count = board.count(i);
        let wip = wip_text(
            column.title(count).trim_start_matches(&column.name).trim(),
            column.wip(count),
        );
        let mut first = [
            column.name.clone(),
            wip,
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
        let mut cards = board.cards(i).peekable();
        if cards.peek().is_none() {
            rows.push(first.clone());
        }
        for card in cards {
            let row = [
                std::mem::take(&mut first[0]),
                std::mem::take(&mut first[1]),
                card.key.0.clone(),
                card.points.map_or("-".into(), format_points),
                card.assignee
                    .as_ref()
                    .map_or("-".into(), |p| p.display_name.clone()),
                card.summary.clone(),
            ];
            rows.push(row);
        }
    }
    let title = match &board.sprint {
        Some(sprint) => format!("{} · {}\n", board.name, sprint.name),
        None => format!("{}\n", board.name),
    };
    title + &aligned(&rows, "")
}

fn wip_text(figure: &str, state: WipState) -> String {
    match state {
        WipState::Ok => figure.to_string(),
        WipState::Full => format!("{figure} full"),
        WipState::Over => format!("{figure} OVER"),
        WipState::Under => format!("{figure} starved"),
    }
}

pub fn format_points(points: f64) -> String {
    if points.fract() == 0.0 {
        format!("{points:.0}")
    } else {
        format!("{points}")
    }
}
