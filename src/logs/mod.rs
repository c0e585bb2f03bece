//! The log engine under the viewer: raw log bytes become sanitised, styled, numbered lines
//! in a bounded ring buffer, with case-insensitive search and error navigation. Pure data:
//! no terminal, no network.
//!
//! Sanitising: SGR (`ESC [ ... m`) becomes styles; every other escape sequence (CSI, OSC,
//! DCS, APC, PM, SOS, their C1 forms), C0/C1 control and bidi override is dropped; tabs
//! expand to the next multiple of 8 columns; `\r` restarts the line so progress bars collapse
//! to their last state. An escape sequence never runs past the end of its line, so one
//! unterminated OSC cannot swallow the rest of a log.

mod buffer;
mod draft;
mod escapes;
mod matcher;
mod search;
mod style;
mod timestamp;

pub use buffer::{BufferMark, LineKind, LogBuffer, LogLine};
pub use search::{Search, find_all, match_ranges, next_error, prev_error};
pub use style::{LogColor, LogStyle, StyledRun};

#[cfg(test)]
mod tests;
