//! The UI loop and its pure core: `update(state, msg, now) -> effects`.

pub mod action;
mod browser;
pub mod connect;
pub mod deploy;
pub mod keymap;
mod moves;
pub mod msg;
mod nav;
pub mod pipelines;
pub mod rate;
pub mod run;
pub mod sprint;

pub mod state;
pub mod terminal;
pub mod update;

pub use action::Action;
pub use msg::{Effect, Msg};
pub use state::{Popup, Screen, State};
pub use update::{init, update};
