//! `shipdeck logs RUN [--job JOB] [--follow] [--raw]`: a job's log on stdout, its outcome in
//! the exit status.

use super::find::{self, Found};
use super::out::Output;
use super::{Stop, say_waiting, status_word};
use crate::cli::LogsArgs;
use crate::domain::pipeline::TailState;
use crate::domain::pipeline::{Job, RunStatus};
use crate::setup::DeployHandle;
use crate::sync::{Backlog, SyncEvent, TailTiming, patient, tail_log};
use std::io::{BufWriter, Write};
use std::process::ExitCode;
use std::time::Duration;
use tokio::sync::mpsc;

/// Reconnects in a row before `--follow` gives up (about a minute and a half of back-off).
const MAX_RECONNECTS: u32 = 20;
/// A job whose log is complete may show as running a moment longer; asked this often.
const SETTLE_TRIES: u32 = 10;
const SETTLE_WAIT: Duration = Duration::from_millis(500);

/// How reading the log ended.
enum Read {
    Done,
    /// The reader went away (`| head`): stop quietly.
    Closed,
}

pub async fn logs(
    deploys: &[DeployHandle],
    args: &LogsArgs,
    error_patterns: &[String],
) -> ExitCode {
    match run(deploys, args, error_patterns).await {
        Ok(code) => code,
        Err(stop) => stop.exit(),
    }
}

async fn run(
    deploys: &[DeployHandle],
    args: &LogsArgs,
    error_patterns: &[String],
) -> Result<ExitCode, Stop> {
    let found = find::run(deploys, &args.run, args.backend.as_deref()).await?;
    let job = find::job(&found.run, args.job.as_deref())?.clone();
    let stdout = BufWriter::new(std::io::stdout());
    let mut out = if args.raw {
        Output::raw(stdout)
    } else {
        Output::text(stdout, error_patterns)
    };
    let read = if args.follow {
        follow(&found, &job, &mut out).await?
    } else {
        read_all(&found, &job, &mut out).await?
    };
    if matches!(read, Read::Closed) || out.finish().is_err() {
        return Ok(exit(job.status));
    }
    let status = settle(&found, &job, args.follow).await;
    let which = format!(
        "job {} ({}) of pipeline run {}",
        job.name, job.id, found.run.id
    );
    match status {
        RunStatus::Succeeded => {}
        RunStatus::Queued | RunStatus::Running => eprintln!(
            "shipdeck: {which} is still {}; --follow waits for it to end",
            status_word(status)
        ),
        other => eprintln!("shipdeck: {which} {}", status_word(other)),
    }
    Ok(exit(status))
}

/// 0 only for a job known to have succeeded.
fn exit(status: RunStatus) -> ExitCode {
    if status == RunStatus::Succeeded {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn unreadable(found: &Found, job: &Job, e: impl std::fmt::Display) -> Stop {
    Stop::Failed(format!(
        "cannot read the log of job {} in pipeline run {}: {e}",
        job.id, found.run.id
    ))
}

/// What the log holds now, from the start.
async fn read_all<W: Write>(found: &Found, job: &Job, out: &mut Output<W>) -> Result<Read, Stop> {
    let mut offset = 0;
    loop {
        let chunk = patient(say_waiting, || found.ci.log(&found.run.id, &job.id, offset))
            .await
            .map_err(|e| unreadable(found, job, e))?;
        if out.push(&chunk.bytes).is_err() {
            return Ok(Read::Closed);
        }
        offset = chunk.next_offset();
        if chunk.complete || chunk.bytes.is_empty() {
            return Ok(Read::Done);
        }
    }
}

/// The log from the start until the job ends, through the same tail as the app's viewer.
async fn follow<W: Write>(found: &Found, job: &Job, out: &mut Output<W>) -> Result<Read, Stop> {
    let (tx, mut events) = mpsc::unbounded_channel();
    // A slow reader (`| less`) holds the tail back instead of piling bytes up in memory.
    let backlog = Backlog::default();
    let tail = tokio::spawn(tail_log(
        found.ci.clone(),
        found.run.id.clone(),
        job.id.clone(),
        0,
        TailTiming::default(),
        tx,
        Some(backlog.clone()),
    ));
    // The tail ends with this function, whichever way it returns.
    let _stop = AbortOnDrop(tail);
    while let Some(event) = events.recv().await {
        match event {
            SyncEvent::LogBytes { bytes, .. } => {
                let written = out.push(&bytes);
                if written.is_err() {
                    return Ok(Read::Closed);
                }
                backlog.consumed(bytes.len());
            }
            SyncEvent::TailChanged { tail, .. } => match tail {
                TailState::Following => {}
                TailState::Waiting { note } => eprintln!("shipdeck: {note}"),
                TailState::Reconnecting { attempt, error } => {
                    if attempt > MAX_RECONNECTS {
                        return Err(unreadable(
                            found,
                            job,
                            format!("gave up after {MAX_RECONNECTS} reconnects: {error}"),
                        ));
                    }
                    eprintln!("shipdeck: {error}; reconnecting (attempt {attempt})");
                }
                TailState::Complete => return Ok(Read::Done),
                TailState::Failed { error } => return Err(Stop::Failed(error)),
            },
            _ => {}
        }
    }
    Err(unreadable(found, job, "the tail stopped without a word"))
}

struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The job's status now. After following, its log is complete, so its status is final once
/// the server has caught up.
async fn settle(found: &Found, job: &Job, followed: bool) -> RunStatus {
    let mut status = job.status;
    let tries = if followed { SETTLE_TRIES } else { 1 };
    for attempt in 0..tries {
        if !status.is_active() {
            break;
        }
        if attempt > 0 {
            tokio::time::sleep(SETTLE_WAIT).await;
        }
        let fresh = patient(say_waiting, || found.ci.run(&found.run.id)).await;
        match fresh {
            Ok(run) => match run.jobs.into_iter().find(|j| j.id == job.id) {
                Some(now) => status = now.status,
                None => break,
            },
            Err(e) => {
                eprintln!(
                    "shipdeck: cannot read pipeline run {} again: {e}",
                    found.run.id
                );
                break;
            }
        }
    }
    status
}
