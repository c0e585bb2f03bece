//! Answers typed in advance: the questions and everything said are kept for the asserts.

use async_trait::async_trait;
use shipdeck::cli::init::prompt::{Io, Stop};
use std::collections::VecDeque;

pub struct Script {
    answers: VecDeque<String>,
    /// Everything shown, prompts included, in order.
    pub shown: String,
}

impl Script {
    pub fn new(answers: &[&str]) -> Script {
        Script {
            answers: answers.iter().map(|a| a.to_string()).collect(),
            shown: String::new(),
        }
    }

    /// Answers not asked for: a flow that asked less than expected.
    pub fn left(&self) -> usize {
        self.answers.len()
    }
}

#[async_trait]
impl Io for Script {
    fn say(&mut self, text: &str) {
        self.shown.push_str(text);
    }

    async fn line(&mut self, prompt: &str) -> Result<String, Stop> {
        self.shown.push_str(prompt);
        let answer = self.answers.pop_front().ok_or(Stop::EndOfInput)?;
        self.shown.push_str(&answer);
        self.shown.push('\n');
        Ok(answer)
    }
}
