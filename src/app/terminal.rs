//! The terminal the full-screen app borrows: raw mode and the alternate screen on the way in,
//! both undone with the cursor shown on every way out (quit, error, panic, signal), and on
//! suspend (Ctrl-Z, SIGTSTP) until the shell brings the app back and it draws anew.

use crossterm::cursor::Show;
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use nix::sys::signal::{Signal, raise};
use ratatui::DefaultTerminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, IsTerminal, stdout};
use std::sync::Once;
use tokio::signal::unix::{SignalKind, signal};

/// Why the full-screen app cannot run here, in words that point to the verbs; `None` when it
/// can. `term` is `$TERM`.
pub fn unusable(term: Option<&str>, stdin_tty: bool, stdout_tty: bool) -> Option<String> {
    let verbs = "the verbs work without one, e.g. `shipdeck print board` (see `shipdeck --help`)";
    if !stdin_tty || !stdout_tty {
        let which = if stdout_tty {
            "standard input"
        } else {
            "standard output"
        };
        return Some(format!(
            "the full-screen app needs a terminal, and {which} is not one; {verbs}"
        ));
    }
    if term == Some("dumb") {
        return Some(format!(
            "TERM=dumb: this terminal cannot show the full-screen app; {verbs}"
        ));
    }
    None
}

/// `unusable` for this process.
pub fn check() -> Option<String> {
    let term = std::env::var("TERM").ok();
    unusable(
        term.as_deref(),
        io::stdin().is_terminal(),
        stdout().is_terminal(),
    )
}

/// Raw mode and the alternate screen; a panic from here on restores the terminal first.
pub fn enter() -> io::Result<DefaultTerminal> {
    install_panic_hook();
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    ratatui::Terminal::new(CrosstermBackend::new(stdout()))
}

/// Cooked mode, the main screen and the cursor back, as the shell left them. Errors are
/// ignored: on the way out there is nothing better to do.
pub fn leave() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
}

/// Wraps the panic hook (color-eyre's report, when installed first) so the terminal is
/// restored before the report is printed: on the alternate screen it would vanish.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave();
            report(info);
        }));
    });
}

/// Gives the terminal back and stops the process as the shell expects of Ctrl-Z; returns once
/// continued (`fg`), with the screen taken again and owed a full redraw.
pub fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    leave();
    // SIGSTOP, not SIGTSTP: the app listens to SIGTSTP itself, so raising that would only
    // come back here.
    raise(Signal::SIGSTOP).map_err(io::Error::from)?;
    resume(terminal)
}

/// After SIGCONT: raw mode set again (the shell may have reset the terminal while the app
/// was stopped), the alternate screen cleared, and a terminal with empty buffers so the next
/// frame is drawn whole. Not `Terminal::clear`: it asks the terminal where the cursor is and
/// waits for the answer, a round trip a slow SSH link need not pay.
pub fn resume(terminal: &mut DefaultTerminal) -> io::Result<()> {
    disable_raw_mode()?;
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, Clear(ClearType::All))?;
    *terminal = ratatui::Terminal::new(CrosstermBackend::new(stdout()))?;
    Ok(())
}

/// What a signal asks of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asked {
    /// SIGTERM, SIGHUP (the SSH link dropped), SIGINT, SIGQUIT: restore and exit.
    Leave,
    /// SIGTSTP: as Ctrl-Z.
    Suspend,
    /// SIGCONT after being stopped from outside (SIGSTOP).
    Resume,
}

/// The signals the app answers. Every one of them is handled, so none can end the process
/// with the terminal still raw.
pub struct Signals {
    leave: [tokio::signal::unix::Signal; 4],
    suspend: tokio::signal::unix::Signal,
    resume: tokio::signal::unix::Signal,
}

impl Signals {
    pub fn new() -> io::Result<Self> {
        Ok(Self {
            leave: [
                signal(SignalKind::terminate())?,
                signal(SignalKind::hangup())?,
                signal(SignalKind::interrupt())?,
                signal(SignalKind::quit())?,
            ],
            suspend: signal(SignalKind::from_raw(Signal::SIGTSTP as i32))?,
            resume: signal(SignalKind::from_raw(Signal::SIGCONT as i32))?,
        })
    }

    pub async fn next(&mut self) -> Asked {
        let [term, hangup, interrupt, quit] = &mut self.leave;
        tokio::select! {
            _ = term.recv() => Asked::Leave,
            _ = hangup.recv() => Asked::Leave,
            _ = interrupt.recv() => Asked::Leave,
            _ = quit.recv() => Asked::Leave,
            _ = self.suspend.recv() => Asked::Suspend,
            _ = self.resume.recv() => Asked::Resume,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unusable;

    #[test]
    fn the_app_needs_a_terminal_on_both_ends_and_not_a_dumb_one() {
        assert_eq!(unusable(Some("xterm-256color"), true, true), None);
        assert_eq!(unusable(None, true, true), None);
        let out = unusable(Some("xterm"), true, false).unwrap();
        assert!(
            out.contains("standard output is not one") && out.contains("shipdeck print board"),
            "{out}"
        );
        let inp = unusable(Some("xterm"), false, true).unwrap();
        assert!(inp.contains("standard input is not one"), "{inp}");
        let dumb = unusable(Some("dumb"), true, true).unwrap();
        assert!(
            dumb.starts_with("TERM=dumb") && dumb.contains("verbs work"),
            "{dumb}"
        );
    }
}
