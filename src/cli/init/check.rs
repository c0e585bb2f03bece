//! Proof that the file works: it is read by the app's own loader and connected the way the
//! app connects it, the board is loaded once through the real provider, and each deploy
//! backend lists its services.

use super::prompt::Io;
use crate::cli::Global;
use crate::setup;
use std::path::Path;

/// Says one line per check; true when all passed. `staged` is where the text is now,
/// `target` the name messages should say.
pub async fn check(io: &mut dyn Io, staged: &Path, target: &Path) -> bool {
    let global = Global {
        config: Some(staged.to_path_buf()),
        ..Global::default()
    };
    let named =
        |text: String| text.replace(&staged.display().to_string(), &target.display().to_string());
    let session = match setup::open(&global).await {
        Ok(session) => session,
        Err(e) => {
            io.say(&format!("✘ {}\n", named(e.to_string())));
            return false;
        }
    };
    let mut ok = true;
    if let Some(tracker) = &session.tracker {
        match tracker.load_board().await {
            Ok(board) => io.say(&format!(
                "✔ {}: {} columns, {} cards\n",
                board_title(&board.name),
                board.columns.len(),
                board.issues.len()
            )),
            Err(e) => {
                ok = false;
                io.say(&format!("✘ the board: {}\n", named(e.to_string())));
            }
        }
    }
    for handle in &session.deploys {
        match handle.backend.services().await {
            Ok(services) => {
                let plural = if services.len() == 1 { "" } else { "s" };
                io.say(&format!(
                    "✔ deploy backend {}: {} service{plural}\n",
                    handle.name,
                    services.len()
                ));
            }
            Err(e) => {
                ok = false;
                let e = named(e.to_string());
                io.say(&format!("✘ deploy backend {}: {e}\n", handle.name));
            }
        }
    }
    ok
}

/// "Platform board", but "Platform Team board" as it is.
fn board_title(name: &str) -> String {
    if name.to_lowercase().ends_with("board") {
        name.to_string()
    } else {
        format!("{name} board")
    }
}
