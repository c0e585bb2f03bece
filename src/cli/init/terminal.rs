//! The real terminal: questions to standard output, answers from standard input in cooked
//! mode (the terminal edits the line, so Backspace and friends work as in a shell).

use super::prompt::{Io, Stop};
use async_trait::async_trait;
use std::io::{BufRead, Write};
use tokio::sync::mpsc;

pub struct Terminal {
    lines: mpsc::UnboundedReceiver<String>,
}

impl Terminal {
    /// Reads standard input on a thread of its own, so a Ctrl-C (watched beside the
    /// questions) stops everything even while a line is awaited.
    pub fn start() -> Terminal {
        let (tx, lines) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            let stdin = std::io::stdin();
            let mut lock = stdin.lock();
            loop {
                let mut line = String::new();
                // End of input or a read error both end the answers: the channel closes.
                match lock.read_line(&mut line) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        let line = line.trim_end_matches(['\n', '\r']).to_string();
                        if tx.send(line).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Terminal { lines }
    }
}

#[async_trait]
impl Io for Terminal {
    fn say(&mut self, text: &str) {
        let mut out = std::io::stdout().lock();
        // A closed terminal shows nothing either way; the next read then ends the questions.
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }

    async fn line(&mut self, prompt: &str) -> Result<String, Stop> {
        self.say(prompt);
        self.lines.recv().await.ok_or(Stop::EndOfInput)
    }
}
