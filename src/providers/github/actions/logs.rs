//! Job logs. GitHub has no live log and no ranges: a job's log is one text file, served
//! (after a 302 to short-lived storage) once the job ends. So the job is read for its
//! status, the file is downloaded whole, and offsets are sliced from the copy kept here.

use super::GithubActions;
use super::dto::JobDto;
use super::repos::{Repo, number};
use crate::domain::pipeline::LogChunk;
use crate::providers::ProviderError;
use std::sync::{Arc, Mutex, PoisonError};

/// The most one chunk holds, like the protocol's log reads: a long log reaches the caller
/// in pieces it can parse as they come.
pub const CHUNK: usize = 4 << 20;

pub const WAITING: &str = "GitHub serves a job's log when the job ends; its steps update live";

/// The last log downloaded, of one job: the chunks after the first and repeated reads
/// (the viewer reopened, `logs` after the tail) cost no download.
#[derive(Debug, Default)]
pub struct Kept(Mutex<Option<KeptLog>>);

#[derive(Debug)]
struct KeptLog {
    run: u64,
    job: u64,
    bytes: Arc<Vec<u8>>,
    /// The job had ended: nothing will be added.
    whole: bool,
}

impl Kept {
    /// The kept log when it can answer a read from `offset`: a whole log always, text read
    /// while the job ran only up to its end (past it the log may have grown).
    fn answers(&self, run: u64, job: u64, offset: u64) -> Option<(Arc<Vec<u8>>, bool)> {
        let kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let log = kept.as_ref().filter(|k| k.run == run && k.job == job)?;
        (log.whole || offset < log.bytes.len() as u64).then(|| (log.bytes.clone(), log.whole))
    }

    fn keep(&self, run: u64, job: u64, bytes: Arc<Vec<u8>>, whole: bool) {
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *kept = Some(KeptLog {
            run,
            job,
            bytes,
            whole,
        });
    }
}

impl GithubActions {
    pub(super) async fn read_log(
        &self,
        run: &str,
        job: &str,
        offset: u64,
    ) -> Result<LogChunk, ProviderError> {
        let service = self.client.service();
        let run = number(service, "run", run)?;
        let job = number(service, "job", job)?;
        if let Some((bytes, whole)) = self.kept.answers(run, job, offset) {
            return self.slice(&bytes, offset, whole, run, job);
        }
        let found = self.locate(run, |repo| self.job_in(repo, run, job)).await?;
        let Some((repo, dto)) = found else {
            return Err(ProviderError::NotFound(format!(
                "{service}: no job {job} of run {run} in {}",
                self.listed()
            )));
        };
        let ended = dto.status.as_deref() == Some("completed");
        let path = format!("{}/actions/jobs/{job}/logs", repo.path);
        let Some(bytes) = self.client.download(&path).await? else {
            if ended {
                return Err(ProviderError::NotFound(format!(
                    "{service} has no log of job {job} in run {run} any more: GitHub deletes \
                     logs after the repository's retention period (90 days by default), and \
                     jobs that never started have none"
                )));
            }
            return Ok(LogChunk {
                offset,
                bytes: Vec::new(),
                size: None,
                complete: false,
                waiting: Some(WAITING.into()),
            });
        };
        let bytes = Arc::new(bytes);
        self.kept.keep(run, job, bytes.clone(), ended);
        self.slice(&bytes, offset, ended, run, job)
    }

    /// The job, if it is one of `run`'s in `repo`: a job of another run is as missing as
    /// one that does not exist.
    async fn job_in(&self, repo: &Repo, run: u64, job: u64) -> Result<JobDto, ProviderError> {
        let path = format!("{}/actions/jobs/{job}", repo.path);
        let dto: JobDto = self.client.get(&path, &[]).await?;
        if dto.run_id != run {
            return Err(ProviderError::NotFound(format!(
                "{}: job {job} belongs to run {}, not to run {run}",
                self.client.service(),
                dto.run_id
            )));
        }
        Ok(dto)
    }

    /// At most `CHUNK` bytes from `offset`; complete only at the end of an ended job's log.
    fn slice(
        &self,
        log: &[u8],
        offset: u64,
        ended: bool,
        run: u64,
        job: u64,
    ) -> Result<LogChunk, ProviderError> {
        let size = log.len() as u64;
        let start = usize::try_from(offset)
            .ok()
            .filter(|&start| start <= log.len())
            .ok_or_else(|| {
                ProviderError::Rejected(format!(
                    "{}: offset {offset} is beyond the log of job {job} in run {run} ({size} bytes); \
                     read it again from 0",
                    self.client.service(),
                ))
            })?;
        let end = log.len().min(start.saturating_add(CHUNK));
        Ok(LogChunk {
            offset,
            // Raw on purpose: the log viewer sanitises while it parses colours.
            bytes: log[start..end].to_vec(),
            size: Some(size),
            complete: ended && end == log.len(),
            waiting: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(whole: bool) -> Kept {
        let kept = Kept::default();
        kept.keep(1, 2, Arc::new(b"0123456789".to_vec()), whole);
        kept
    }

    #[test]
    fn a_whole_log_answers_every_offset_of_its_job_only() {
        let kept = kept(true);
        assert!(kept.answers(1, 2, 0).is_some());
        assert!(kept.answers(1, 2, 10).is_some());
        assert!(kept.answers(1, 3, 0).is_none());
        assert!(kept.answers(4, 2, 0).is_none());
    }

    #[test]
    fn text_of_a_running_job_answers_only_before_its_end() {
        let kept = kept(false);
        assert_eq!(
            kept.answers(1, 2, 9).map(|(b, whole)| (b.len(), whole)),
            Some((10, false))
        );
        assert!(kept.answers(1, 2, 10).is_none());
    }
}
