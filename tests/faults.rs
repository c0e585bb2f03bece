//! Faults between shipdeck and its servers: a proxy in front of the in-process sandbox
//! delays, cuts, resets, trickles, garbles, hangs or goes away, and each read says why it
//! failed, each write is sent once or with the same key (and reported as unknown when
//! its answer is lost), and the full-screen app answers keys while every source hangs.

#[path = "support/isolated.rs"]
mod isolated;
#[path = "support/faults/mod.rs"]
mod proxy;
#[path = "support/pty.rs"]
#[allow(dead_code)] // shared support: no signals, suspends or demo board here
mod pty;

mod faults {
    mod cli;
    mod dispatch;
    mod engine;
    mod moves;
    mod promote;
    mod reads;
    pub mod support;
    mod tui;
}
