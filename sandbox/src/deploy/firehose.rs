//! `r-firehose` (service `gateway`): a demo run whose one job writes about 20,000 coloured
//! lines a second for 30 seconds, to try the log viewer under load (open it in the pipelines
//! view, or `shipdeck --demo logs r-firehose --follow`). It stays queued until its log is
//! first read, so the rest of the demo never pays for it; it plays once.

use super::AppState;
use super::model::{Job, Run, Status, Step, World};
use super::script::{BOLD, DIM, GREEN, RED, RESET, YELLOW};
use crate::hex;
use chrono::{DateTime, Utc};
use std::fmt::Write;
use std::time::Duration;
use tokio::time::{Instant, interval};

pub const ID: &str = "r-firehose";
const LINES_PER_SECOND: u64 = 20_000;
const SECONDS: u64 = 30;
/// Lines are written in batches this far apart, at the rate the elapsed time asks for.
const TICK: Duration = Duration::from_millis(10);
const CYAN: &str = "\x1b[36m";

/// The run as seeded: queued, with an empty log.
pub fn run(now: DateTime<Utc>) -> Run {
    Run {
        id: ID.to_string(),
        service: "gateway".to_string(),
        name: "log firehose (load demo)".to_string(),
        branch: "main".to_string(),
        revision: hex::digest("gateway/firehose", 40),
        status: Status::Queued,
        created_at: now,
        finished_at: None,
        url: format!("https://ci.platform.example/acme/gateway/runs/{ID}"),
        jobs: vec![Job {
            id: "j-1".to_string(),
            name: "replay traffic".to_string(),
            status: Status::Queued,
            steps: vec![Step {
                name: "replay 600,000 requests".to_string(),
                status: Status::Queued,
                started_at: None,
                finished_at: None,
            }],
            log: String::new(),
        }],
    }
}

/// Starts the firehose when `id` is its run and it has not started yet.
pub fn wake(state: &AppState, id: &str) {
    if id != ID {
        return;
    }
    let now = state.now();
    {
        let mut world = state.world();
        let Some(run) = firehose(&mut world) else {
            return;
        };
        if run.status != Status::Queued {
            return;
        }
        run.status = Status::Running;
        for job in &mut run.jobs {
            job.status = Status::Running;
            for step in &mut job.steps {
                step.status = Status::Running;
                step.started_at = Some(now);
            }
            let _ = writeln!(job.log, "{BOLD}▶ replay 600,000 requests{RESET}");
        }
    }
    tokio::spawn(play(state.clone()));
}

fn firehose(world: &mut World) -> Option<&mut Run> {
    world.demo_runs.iter_mut().find(|r| r.id == ID)
}

async fn play(state: AppState) {
    let started = Instant::now();
    let total = LINES_PER_SECOND * SECONDS;
    let mut written = 0;
    let mut tick = interval(TICK);
    while written < total {
        tick.tick().await;
        let elapsed = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        let due = elapsed
            .saturating_mul(LINES_PER_SECOND)
            .saturating_div(1000)
            .min(total);
        {
            let mut world = state.world();
            let Some(run) = firehose(&mut world) else {
                return;
            };
            for job in &mut run.jobs {
                for n in written..due {
                    line(&mut job.log, n);
                }
            }
        }
        written = due;
        state.notify();
    }
    let now = state.now();
    if let Some(run) = firehose(&mut state.world()) {
        for job in &mut run.jobs {
            let _ = writeln!(job.log, "{GREEN}✔{RESET} replayed {total} requests");
            for step in &mut job.steps {
                step.status = Status::Succeeded;
                step.finished_at = Some(now);
            }
            job.status = Status::Succeeded;
        }
        run.status = Status::Succeeded;
        run.finished_at = Some(now);
    }
    state.notify();
}

/// Line `n`: mostly requests, a slow one now and then, and a rare upstream error.
fn line(log: &mut String, n: u64) {
    let ms = n * 1000 / LINES_PER_SECOND;
    let (secs, ms) = (ms / 1000, ms % 1000);
    let _ = write!(log, "{DIM}t+{secs:02}.{ms:03}s{RESET} ");
    let route = n % 9973;
    let _ = match n {
        n if n % 1000 == 999 => writeln!(
            log,
            "{RED}error:{RESET} upstream orders-{} reset the connection (request {n}, retrying)",
            n % 7
        ),
        n if n % 97 == 0 => writeln!(
            log,
            "{YELLOW}WARN {RESET} slow upstream: {CYAN}GET{RESET} /api/v1/orders/{route} took {}ms",
            250 + n % 700
        ),
        n => writeln!(
            log,
            "{GREEN}INFO {RESET} {CYAN}GET{RESET} /api/v1/orders/{route} {GREEN}200{RESET} {}.{}ms req={n:08x}",
            n % 40,
            n % 10
        ),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_coloured_and_end_with_newlines() {
        let mut log = String::new();
        for n in 0..1000 {
            line(&mut log, n);
        }
        assert_eq!(log.lines().count(), 1000);
        assert!(log.contains("\x1b[32mINFO "));
        assert!(log.contains("\x1b[33mWARN "));
        assert!(log.contains("\x1b[31merror:"));
        assert!(log.starts_with("\x1b[2mt+00.000s"));
        let average = log.len() / 1000;
        assert!((60..160).contains(&average), "{average} bytes a line");
    }
}
