//! The real binary in a pseudo-terminal on the demo: first frame, a card moved, quit, and the
//! terminal restored (alternate screen left, cursor shown, cooked mode back).

use nix::sys::termios::LocalFlags;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Generous: a cold debug binary on a loaded 2-core CI machine. Not a timing assertion.
const PATIENCE: Duration = Duration::from_secs(60);

struct Screen {
    parser: vt100::Parser,
    output: Receiver<Vec<u8>>,
}

impl Screen {
    fn pump(&mut self) {
        while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
            self.parser.process(&bytes);
        }
    }

    fn text(&self) -> String {
        self.parser.screen().contents()
    }

    fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            self.pump();
            let text = self.text();
            if pred(&text) {
                return text;
            }
            assert!(start.elapsed() < PATIENCE, "never saw {what}; screen:\n{text}");
        }
    }
}

#[test]
fn demo_board_moves_a_card_and_restores_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_shipdeck"));
    cmd.arg("--demo");
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home.path());
    for var in ["XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"] {
        cmd.env(var, home.path());
    }
    cmd.env_remove("NO_COLOR");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut keys = pair.master.take_writer().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = Screen { parser: vt100::Parser::new(NonZeroU16::new(40).unwrap(), NonZeroU16::new(120).unwrap(), 0), output: rx };

    let board = screen.wait_for("the demo board", |t| t.contains("In Progress") && t.contains("PLAT-"));
    assert!(board.contains("DEMO"), "the demo banner is shown:\n{board}");
    assert!(screen.parser.screen().alternate_screen());

    // The first To Do card into In Progress, which the demo keeps at its WIP max.
    keys.write_all(b"L").unwrap();
    let popup = screen.wait_for("the WIP confirmation", |t| t.contains("Move anyway?"));
    assert!(popup.contains("In Progress is at its WIP limit (4/4)"), "{popup}");
    keys.write_all(b"y").unwrap();
    screen.wait_for("the sandbox's answer", |t| t.contains("Moved PLAT-") || t.contains("Could not move PLAT-"));
    screen.wait_for("In Progress over its limit", |t| t.contains("In Progress 5/4"));

    keys.write_all(b"q").unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < PATIENCE, "q did not quit");
        screen.pump();
    };
    screen.pump();
    assert!(status.success(), "exit status {status:?}");
    let restored = screen.parser.screen();
    assert!(!restored.alternate_screen(), "left the alternate screen");
    assert!(!restored.hide_cursor(), "cursor shown again");
    let termios = pair.master.get_termios().expect("termios of the pty");
    assert!(termios.local_flags.contains(LocalFlags::ICANON | LocalFlags::ECHO), "cooked mode restored");
}
