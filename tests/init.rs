//! `shipdeck init`: the file it writes, the listing functions it picks from, the whole flow
//! with scripted answers, and the binary in a pseudo-terminal against the sandbox.

#[path = "init/file.rs"]
mod file;
#[path = "init/flow.rs"]
mod flow;
#[path = "support/isolated.rs"]
mod isolated;
#[path = "init/listing.rs"]
mod listing;
#[allow(dead_code)] // shared support: no signals, suspends or boards here
#[path = "support/pty.rs"]
mod pty;
#[path = "init/script.rs"]
mod script;
#[path = "init/terminal.rs"]
mod terminal;
