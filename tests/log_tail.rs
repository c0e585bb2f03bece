//! Log tails against a local server that misbehaves on purpose: streams that reset mid-line,
//! go quiet, repeat bytes on resume or rewrite text; servers without streams; logs that are
//! gone or shorter than the offset. Every test checks the bytes arrive exactly once.

#[path = "log_tail/collect.rs"]
mod collect;
#[path = "log_tail/engine.rs"]
mod engine;
#[path = "log_tail/polls.rs"]
mod polls;
#[path = "log_tail/server.rs"]
mod server;
#[path = "log_tail/sse.rs"]
mod sse;
#[path = "log_tail/tails.rs"]
mod tails;
