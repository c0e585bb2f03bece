//! Saving a whole job log to a file: re-read from byte 0 (the viewer may have dropped old
//! lines), raw, into a new file that never replaces an existing one.

use crate::providers::{CiProvider, ProviderError};
use crate::sync::patient;
use std::io;
use std::path::{Path, PathBuf};
use tokio::fs::{File, OpenOptions};
use tokio::io::AsyncWriteExt;

/// Numbered names tried after the asked-for one before giving up.
const MAX_SUFFIX: u32 = 999;

/// Writes the log of `job` in `run` to `path`, or to `name (1).ext` and so on when `path`
/// exists. Reads until the log is complete, or stops growing while the job still runs.
/// Returns the file written and its size.
pub async fn save_log(
    ci: &dyn CiProvider,
    run: &str,
    job: &str,
    path: &Path,
) -> Result<(PathBuf, u64), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let (mut file, path) = create_new(path).await?;
    match copy(ci, run, job, &mut file).await {
        Ok(bytes) => Ok((path, bytes)),
        Err(e) => {
            drop(file);
            // A partial file would pass for the whole log.
            let _ = tokio::fs::remove_file(&path).await;
            Err(e)
        }
    }
}

async fn copy(ci: &dyn CiProvider, run: &str, job: &str, file: &mut File) -> Result<u64, String> {
    let mut offset = 0;
    loop {
        let chunk = patient(|_| {}, || ci.log(run, job, offset))
            .await
            .map_err(|e: ProviderError| format!("cannot read the log at byte {offset}: {e}"))?;
        file.write_all(&chunk.bytes)
            .await
            .map_err(|e| format!("cannot write the log: {e}"))?;
        offset = chunk.next_offset();
        if chunk.complete || chunk.bytes.is_empty() {
            break;
        }
    }
    file.flush()
        .await
        .map_err(|e| format!("cannot write the log: {e}"))?;
    Ok(offset)
}

/// Opens `path` or the first free `stem (n).ext` beside it, atomically: a file that appears
/// meanwhile is never overwritten.
async fn create_new(path: &Path) -> Result<(File, PathBuf), String> {
    for n in 0..=MAX_SUFFIX {
        let candidate = numbered(path, n);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
            .await
        {
            Ok(file) => return Ok((file, candidate)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(format!("cannot create {}: {e}", candidate.display())),
        }
    }
    Err(format!(
        "{} and {MAX_SUFFIX} numbered copies already exist",
        path.display()
    ))
}

/// `build.log` -> `build (2).log`; `n = 0` is the path itself.
pub fn numbered(path: &Path, n: u32) -> PathBuf {
    if n == 0 {
        return path.to_path_buf();
    }
    let mut name = path.file_stem().unwrap_or_default().to_os_string();
    name.push(format!(" ({n})"));
    if let Some(ext) = path.extension() {
        name.push(".");
        name.push(ext);
    }
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::numbered;
    use std::path::Path;

    #[test]
    fn numbers_go_before_the_extension() {
        let p = Path::new("/tmp/logs/build.log");
        assert_eq!(numbered(p, 0), p);
        assert_eq!(numbered(p, 2), Path::new("/tmp/logs/build (2).log"));
        assert_eq!(numbered(Path::new("out"), 1), Path::new("out (1)"));
        assert_eq!(
            numbered(Path::new("a.tar.gz"), 1),
            Path::new("a.tar (1).gz")
        );
    }
}
