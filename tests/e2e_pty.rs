//! The real binary in a pseudo-terminal on the demo: first frame, a card moved, quit, and the
//! terminal left as it was found (alternate screen left, cursor shown, cooked mode back) after
//! `q`, after every signal that ends the app, and across a suspend (Ctrl-Z or SIGTSTP, then
//! SIGCONT), after which the screen is drawn again and keys work.

#[path = "support/pty.rs"]
#[allow(dead_code)] // shared support: only the start-up tests read the home
mod pty;

use nix::sys::signal::Signal;
use pty::{App, board_shown};

#[test]
fn demo_board_moves_a_card_and_restores_the_terminal() {
    let mut app = App::shipdeck(&["--demo"]);
    let board = app.wait_for("the demo board", board_shown);
    assert!(board.contains("DEMO"), "the demo banner is shown:\n{board}");
    assert!(app.parser.screen().alternate_screen());

    // The first To Do card into In Progress, which the demo keeps at its WIP max.
    app.press("L");
    let popup = app.wait_for("the WIP confirmation", |t| t.contains("Move anyway?"));
    assert!(
        popup.contains("In Progress is at its WIP limit (4/4)"),
        "{popup}"
    );
    app.press("y");
    app.wait_for("the sandbox's answer", |t| t.contains("Moved PLAT-"));
    app.wait_for("In Progress over its limit", |t| {
        t.contains("In Progress 5/4")
    });

    app.press("q");
    app.assert_exits_restored();
}

#[test]
fn every_signal_that_ends_the_app_restores_the_terminal() {
    for signal in [
        Signal::SIGTERM,
        Signal::SIGHUP,
        Signal::SIGINT,
        Signal::SIGQUIT,
    ] {
        let mut app = App::shipdeck(&["--demo"]);
        app.wait_for("the demo board", board_shown);
        app.signal(signal);
        let (status, _) = app.exit_restored();
        assert!(status.success(), "{signal}: exit status {status:?}");
    }
}

/// Stopped with the terminal given back, then continued: the screen is drawn again from
/// nothing, raw mode is back, and a key still works.
fn suspend_and_resume(stop: impl FnOnce(&mut App)) {
    let mut app = App::shipdeck(&["--demo"]);
    app.wait_for("the demo board", board_shown);
    stop(&mut app);
    app.wait_stopped();
    app.assert_restored();

    // Only what is written after SIGCONT counts: a loop that did not redraw shows nothing.
    app.forget_screen();
    app.signal(Signal::SIGCONT);
    app.wait_for("the board drawn again", board_shown);
    assert!(app.parser.screen().alternate_screen());
    assert!(!app.cooked(), "raw mode again");

    app.press("?");
    app.wait_for("the help overlay", |t| t.contains("Keys"));
    app.press("q");
    app.assert_exits_restored();
}

#[test]
fn ctrl_z_suspends_and_sigcont_resumes() {
    suspend_and_resume(|app| app.press("\x1a"));
}

#[test]
fn sigtstp_suspends_and_sigcont_resumes() {
    suspend_and_resume(|app| app.signal(Signal::SIGTSTP));
}
