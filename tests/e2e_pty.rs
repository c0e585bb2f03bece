//! The real binary in a pseudo-terminal on the demo: first frame, a card moved, quit, and the
//! terminal restored (alternate screen left, cursor shown, cooked mode back) — after `q` and
//! after SIGTERM/SIGHUP.

use nix::sys::termios::LocalFlags;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Generous: a cold debug binary on a loaded 2-core CI machine. Not a timing assertion.
const PATIENCE: Duration = Duration::from_secs(60);

struct App {
    parser: vt100::Parser,
    output: Receiver<Vec<u8>>,
    keys: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    _home: tempfile::TempDir,
}

impl App {
    fn start() -> App {
        let home = tempfile::tempdir().unwrap();
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_shipdeck"));
        cmd.arg("--demo");
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home.path());
        for var in ["XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"] {
            cmd.env(var, home.path());
        }
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let keys = pair.master.take_writer().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let size = |n| NonZeroU16::new(n).unwrap();
        App {
            parser: vt100::Parser::new(size(40), size(120), 0),
            output: rx,
            keys,
            child,
            master: pair.master,
            _home: home,
        }
    }

    fn pump(&mut self) {
        while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
            self.parser.process(&bytes);
        }
    }

    fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            self.pump();
            let text = self.parser.screen().contents();
            if pred(&text) {
                return text;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "never saw {what}; screen:\n{text}"
            );
        }
    }

    fn press(&mut self, keys: &str) {
        self.keys.write_all(keys.as_bytes()).unwrap();
    }

    /// Waits for the process to end, then checks the terminal is as it was.
    fn assert_exits_restored(mut self) {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(start.elapsed() < PATIENCE, "the app did not exit");
            self.pump();
        };
        self.pump();
        assert!(status.success(), "exit status {status:?}");
        let screen = self.parser.screen();
        assert!(!screen.alternate_screen(), "left the alternate screen");
        assert!(!screen.hide_cursor(), "cursor shown again");
        let termios = self.master.get_termios().expect("termios of the pty");
        assert!(
            termios
                .local_flags
                .contains(LocalFlags::ICANON | LocalFlags::ECHO),
            "cooked mode restored"
        );
    }
}

fn board_shown(text: &str) -> bool {
    text.contains("In Progress") && text.contains("PLAT-")
}

#[test]
fn demo_board_moves_a_card_and_restores_the_terminal() {
    let mut app = App::start();
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
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in [
        nix::sys::signal::Signal::SIGTERM,
        nix::sys::signal::Signal::SIGHUP,
    ] {
        let mut app = App::start();
        app.wait_for("the demo board", board_shown);
        let pid = app.child.process_id().expect("a child pid") as i32;
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), signal).unwrap();
        app.assert_exits_restored();
    }
}
