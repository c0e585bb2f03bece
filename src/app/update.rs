use super::msg::{Effect, Msg};
use super::state::State;
use chrono::{DateTime, Utc};

pub fn update(_state: &mut State, _msg: Msg, _now: DateTime<Utc>) -> Vec<Effect> {
    Vec::new()
}
