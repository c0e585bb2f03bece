//! A disk in memory behind the audit log's own store traits, that fills up when told to, as a
//! real one does: a write takes what fits and the next one fails with "no space left".

use shipdeck::audit::{AuditFile, AuditStore};
use std::io::{self, Write};
use std::sync::{Mutex, MutexGuard};

#[derive(Default)]
pub struct Disk {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// `None` until the log is first opened.
    bytes: Option<Vec<u8>>,
    /// Bytes that still fit; `None` for no limit.
    room: Option<usize>,
    /// Cutting the file back fails too (the process died before it could).
    truncate_fails: bool,
    /// Flushing to the platters fails (an I/O error after the write was taken).
    sync_fails: bool,
}

impl Disk {
    /// A disk holding `bytes`, with room for `room` more.
    pub fn holding(bytes: &[u8], room: usize) -> Self {
        let disk = Self::default();
        disk.set(|s| {
            s.bytes = Some(bytes.to_vec());
            s.room = Some(room);
        });
        disk
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.lock().bytes.clone().unwrap_or_default()
    }

    /// Makes room: nothing limits writes from now on.
    pub fn free(&self) {
        self.set(|s| s.room = None);
    }

    pub fn failing_truncate(self) -> Self {
        self.set(|s| s.truncate_fails = true);
        self
    }

    pub fn failing_sync(self) -> Self {
        self.set(|s| s.sync_fails = true);
        self
    }

    fn set(&self, change: impl FnOnce(&mut State)) {
        change(&mut self.lock());
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap()
    }
}

impl AuditStore for Disk {
    fn open(&self) -> io::Result<Box<dyn AuditFile + '_>> {
        let mut state = self.lock();
        state.bytes.get_or_insert_with(Vec::new);
        // The guard is the writers' lock, as flock is for the file.
        Ok(Box::new(Open(state)))
    }

    fn read(&self) -> io::Result<Option<Vec<u8>>> {
        Ok(self.lock().bytes.clone())
    }
}

struct Open<'a>(MutexGuard<'a, State>);

impl Open<'_> {
    fn bytes(&mut self) -> &mut Vec<u8> {
        self.0.bytes.as_mut().expect("opened")
    }
}

impl Write for Open<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let fits = self.0.room.map_or(buf.len(), |room| room.min(buf.len()));
        if fits == 0 && !buf.is_empty() {
            return Err(io::Error::from(io::ErrorKind::StorageFull));
        }
        self.bytes().extend_from_slice(&buf[..fits]);
        if let Some(room) = &mut self.0.room {
            *room -= fits;
        }
        Ok(fits)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl AuditFile for Open<'_> {
    fn size(&mut self) -> io::Result<u64> {
        Ok(self.bytes().len() as u64)
    }

    fn last_byte(&mut self) -> io::Result<Option<u8>> {
        Ok(self.bytes().last().copied())
    }

    fn truncate(&mut self, len: u64) -> io::Result<()> {
        if self.0.truncate_fails {
            return Err(io::Error::other("killed before the cut"));
        }
        let len = usize::try_from(len).unwrap();
        let freed = self.bytes().len().saturating_sub(len);
        self.bytes().truncate(len);
        if let Some(room) = &mut self.0.room {
            *room += freed;
        }
        Ok(())
    }

    fn sync(&mut self) -> io::Result<()> {
        if self.0.sync_fails {
            return Err(io::Error::other("I/O error"));
        }
        Ok(())
    }
}
