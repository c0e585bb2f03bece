//! Live deployments move on their own: a background task per deployment waits in the queue,
//! then plays its pipeline a line at a time on tokio's clock (so tests may pause it).

use super::AppState;
use super::lifecycle;
use super::script::Tick;
use std::time::Duration;
use tokio::time::sleep;

/// About 1.5 s queued, then 18-22 log lines over 12-15 s, a few lines a second.
const QUEUED: Duration = Duration::from_millis(1500);
const PER_LINE: Duration = Duration::from_millis(650);

pub fn spawn(state: AppState, index: usize, ticks: Vec<Tick>) {
    tokio::spawn(async move {
        sleep(QUEUED).await;
        for tick in &ticks {
            if let Tick::Line { .. } = tick {
                sleep(PER_LINE).await;
            }
            let going = lifecycle::play(&mut state.world(), index, tick, state.now());
            state.notify();
            if !going {
                return;
            }
        }
        lifecycle::settle(&mut state.world(), index, state.now());
        state.notify();
    });
}
