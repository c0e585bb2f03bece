use super::action::Action;
use crate::sync::{Request, SyncEvent};

/// Everything that can change the state. Each message moves once through the loop, so the
/// size of the largest (a loaded board) costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    Action(Action),
    /// A printable character while a text input (the filter) has focus.
    Input(char),
    Backspace,
    Resize {
        width: u16,
        height: u16,
    },
    Sync(SyncEvent),
    /// A deadline the loop was asked to wake for has passed.
    Tick,
}

/// What `update` asks the loop to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Sync(Request),
    /// Show a web page (a run's): a browser where there is one, else the URL in the status bar.
    OpenUrl(String),
    Quit,
}
