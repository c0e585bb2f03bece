//! A program in a pseudo-terminal: its screen read through vt100, keys and signals sent, and
//! the terminal checked afterwards (alternate screen left, cursor shown, cooked mode back).

use nix::sys::signal::Signal;
use nix::sys::termios::LocalFlags;
use nix::unistd::Pid;
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Generous: a cold debug binary on a loaded 2-core CI machine. Not a timing assertion.
pub const PATIENCE: Duration = Duration::from_secs(60);

const ROWS: u16 = 40;
const COLS: u16 = 120;

pub struct App {
    pub parser: vt100::Parser,
    output: Receiver<Vec<u8>>,
    keys: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    home: tempfile::TempDir,
}

impl App {
    /// `shipdeck ARGS` with a fresh home (XDG dirs inside it) and TERM=xterm-256color.
    pub fn shipdeck(args: &[&str]) -> App {
        Self::start(env!("CARGO_BIN_EXE_shipdeck"), args, |_, _| {})
    }

    /// `program ARGS`; `setup` may change the command (environment) and write into the home
    /// before it starts.
    pub fn start(
        program: &str,
        args: &[&str],
        setup: impl FnOnce(&mut CommandBuilder, &std::path::Path),
    ) -> App {
        let home = tempfile::tempdir().unwrap();
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        // Nothing of whoever runs the tests (config, tokens, NO_COLOR) reaches the program.
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home.path());
        for var in [
            "XDG_CONFIG_HOME",
            "XDG_STATE_HOME",
            "XDG_CACHE_HOME",
            "XDG_DATA_HOME",
        ] {
            cmd.env(var, home.path());
        }
        setup(&mut cmd, home.path());
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
        App {
            parser: fresh_parser(),
            output: rx,
            keys,
            child,
            master: pair.master,
            home,
        }
    }

    /// The program's HOME (and XDG directories).
    pub fn home(&self) -> &std::path::Path {
        self.home.path()
    }

    pub fn pump(&mut self) {
        while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
            self.parser.process(&bytes);
        }
    }

    /// From now on the screen shows only what the program writes after this point.
    pub fn forget_screen(&mut self) {
        self.pump();
        self.parser = fresh_parser();
    }

    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
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

    pub fn press(&mut self, keys: &str) {
        self.keys.write_all(keys.as_bytes()).unwrap();
    }

    pub fn pid(&self) -> Pid {
        Pid::from_raw(self.child.process_id().expect("a child pid") as i32)
    }

    pub fn signal(&self, signal: Signal) {
        nix::sys::signal::kill(self.pid(), signal).unwrap();
    }

    /// Waits until the process is stopped (state `T` in /proc), as after Ctrl-Z.
    pub fn wait_stopped(&mut self) {
        let stat = format!("/proc/{}/stat", self.pid());
        let start = Instant::now();
        loop {
            self.pump();
            let text = std::fs::read_to_string(&stat).unwrap_or_default();
            // The state follows the command name, which is in parentheses.
            let state = text
                .rsplit_once(") ")
                .and_then(|(_, rest)| rest.chars().next());
            if state == Some('T') {
                return;
            }
            assert!(start.elapsed() < PATIENCE, "never stopped: {text}");
        }
    }

    /// The terminal's line discipline has ICANON and ECHO: cooked, as a shell expects.
    pub fn cooked(&self) -> bool {
        let termios = self.master.get_termios().expect("termios of the pty");
        termios
            .local_flags
            .contains(LocalFlags::ICANON | LocalFlags::ECHO)
    }

    /// Alternate screen left, cursor shown, cooked mode: as the program found it.
    pub fn assert_restored(&mut self) {
        self.pump();
        let screen = self.parser.screen();
        assert!(!screen.alternate_screen(), "left the alternate screen");
        assert!(!screen.hide_cursor(), "cursor shown again");
        assert!(self.cooked(), "cooked mode restored");
    }

    /// Waits for the process to end, then checks the terminal is as it was.
    pub fn exit_restored(mut self) -> (ExitStatus, String) {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(start.elapsed() < PATIENCE, "the app did not exit");
            self.pump();
        };
        self.assert_restored();
        (status, self.parser.screen().contents())
    }

    pub fn assert_exits_restored(self) {
        let (status, _) = self.exit_restored();
        assert!(status.success(), "exit status {status:?}");
    }
}

fn fresh_parser() -> vt100::Parser {
    let size = |n| NonZeroU16::new(n).unwrap();
    vt100::Parser::new(size(ROWS), size(COLS), 0)
}

pub fn board_shown(text: &str) -> bool {
    text.contains("In Progress") && text.contains("PLAT-")
}
