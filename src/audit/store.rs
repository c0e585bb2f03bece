//! Where the audit log's bytes live: the seam between the log's rules (whole records only) and
//! the disk. The app uses `FileStore`; tests put a disk that fills up behind the same traits.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, FileExt, OpenOptionsExt};
use std::path::PathBuf;

/// Owner only: who deployed what, and when, is nobody else's business.
pub const FILE_MODE: u32 = 0o600;
pub const DIR_MODE: u32 = 0o700;

pub trait AuditStore: Send + Sync {
    /// Opens the log for one append, creating it if needed; other writers wait until the
    /// returned handle is dropped.
    fn open(&self) -> io::Result<Box<dyn AuditFile + '_>>;
    /// Every byte of the log, or `None` when there is no log yet.
    fn read(&self) -> io::Result<Option<Vec<u8>>>;
}

/// One open log, held against other writers. Writes go to the end.
pub trait AuditFile: Write {
    /// Bytes in the log: where the next write lands.
    fn size(&mut self) -> io::Result<u64>;
    /// The last byte, `None` for an empty log.
    fn last_byte(&mut self) -> io::Result<Option<u8>>;
    /// Cuts the log back to `len` bytes.
    fn truncate(&mut self, len: u64) -> io::Result<()>;
    /// Returns once what was written is on the disk.
    fn sync(&mut self) -> io::Result<()>;
}

/// The log as a file: created 0600 (its directory 0700 when the log creates it), appended
/// with O_APPEND under an exclusive `flock`, so a writer knows where its record starts and
/// can take it back if the disk fills up mid-record.
#[derive(Debug)]
pub struct FileStore {
    pub path: PathBuf,
}

impl AuditStore for FileStore {
    fn open(&self) -> io::Result<Box<dyn AuditFile + '_>> {
        if let Some(dir) = self.path.parent().filter(|d| !d.exists()) {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(DIR_MODE)
                .create(dir)?;
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .mode(FILE_MODE)
            .open(&self.path)?;
        file.lock()?;
        Ok(Box::new(Locked(file)))
    }

    fn read(&self) -> io::Result<Option<Vec<u8>>> {
        match std::fs::read(&self.path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// The open file; closing it releases the lock.
struct Locked(File);

impl Write for Locked {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl AuditFile for Locked {
    fn size(&mut self) -> io::Result<u64> {
        Ok(self.0.metadata()?.len())
    }

    fn last_byte(&mut self) -> io::Result<Option<u8>> {
        let len = self.size()?;
        if len == 0 {
            return Ok(None);
        }
        let mut byte = [0];
        self.0.read_exact_at(&mut byte, len - 1)?;
        Ok(Some(byte[0]))
    }

    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.0.set_len(len)
    }

    fn sync(&mut self) -> io::Result<()> {
        self.0.sync_data()
    }
}
