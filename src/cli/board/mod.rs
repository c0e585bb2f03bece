//! The board verbs: `print board` and `move`.

mod report;

use crate::cli::Format;
use crate::cli::say_waiting;
use crate::config::WipPolicy;
use crate::domain::{Board, IssueKey};
use crate::providers::{IssueTracker, ProviderError};
use crate::sync::patient;
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

async fn load(tracker: &dyn IssueTracker) -> Result<Board, ProviderError> {
    patient(say_waiting, || tracker.load_board()).await
}

pub async fn print_board(tracker: &dyn IssueTracker, format: Format) -> ExitCode {
    match load(tracker).await {
        Ok(board) => {
            if let Some(cut) = board.cut {
                eprintln!("shipdeck: {}", cut.describe());
            }
            let text = match format {
                Format::Json => report::json(&board) + "\n",
                Format::Plain => report::plain(&board),
            };
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = std::io::stdout().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("shipdeck: {e}");
            ExitCode::from(1)
        }
    }
}

/// Why a move did not happen, for the exit status: 1 refused, 2 usage.
pub enum MoveError {
    Refused(String),
    Usage(String),
}

pub async fn move_card(
    tracker: &dyn IssueTracker,
    key: &str,
    column: &str,
    force: bool,
    policy: WipPolicy,
) -> ExitCode {
    let outcome = try_move(tracker, key, column, force, policy).await;
    match outcome {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(MoveError::Refused(why)) => {
            eprintln!("shipdeck: {why}");
            ExitCode::from(1)
        }
        Err(MoveError::Usage(why)) => {
            eprintln!("shipdeck: {why}");
            ExitCode::from(2)
        }
    }
}

async fn try_move(
    tracker: &dyn IssueTracker,
    key: &str,
    column: &str,
    force: bool,
    policy: WipPolicy,
) -> Result<String, MoveError> {
    let board = load(tracker)
        .await
        .map_err(|e| MoveError::Refused(e.to_string()))?;
    let to = board.column_named(column).ok_or_else(|| {
        let names: Vec<&str> = board.columns.iter().map(|c| c.name.as_str()).collect();
        MoveError::Usage(format!(
            "no column named {column:?} on {} (columns: {})",
            board.name,
            names.join(", ")
        ))
    })?;
    let key = IssueKey(key.trim().to_string());
    let issue = board
        .issues
        .iter()
        .find(|i| i.key.0.eq_ignore_ascii_case(&key.0))
        .ok_or_else(|| MoveError::Usage(format!("{key} is not on the board {}", board.name)))?;
    let target = &board.columns[to];
    if board.column_of(issue) == Some(to) {
        return Ok(format!("{} is already in {}", issue.key, target.name));
    }
    if let Some(max) = board.full_at(to) {
        let count = board.count(to);
        let limit = format!("{} is at its WIP limit ({count}/{max})", target.name);
        match policy {
            WipPolicy::Block => {
                return Err(MoveError::Refused(format!(
                    "{limit}; wip_policy = \"block\" refuses the move"
                )));
            }
            WipPolicy::Warn if !force && !ask(&format!("{limit}. Move anyway? y/N ")) => {
                return Err(MoveError::Refused(format!(
                    "{limit}; not moved (use --force to move anyway)"
                )));
            }
            WipPolicy::Warn => {}
        }
    }
    patient(say_waiting, || tracker.move_issue(&issue.key, target))
        .await
        .map_err(|e| MoveError::Refused(format!("could not move {}: {e}", issue.key)))?;
    Ok(format!("Moved {} to {}", issue.key, target.name))
}

/// Asks on the terminal; a script (stdin not a terminal) gets "no".
fn ask(question: &str) -> bool {
    if !std::io::stdin().is_terminal() {
        return false;
    }
    eprint!("{question}");
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).is_ok()
        && answer.trim().eq_ignore_ascii_case("y")
}
