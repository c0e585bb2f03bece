//! Writing the file atomically: the text goes to a temporary file beside the target (mode
//! 0600 from its creation, so no other user can ever read it), is checked there, and only
//! then takes the target's name. Until then nothing at the target changes; a temporary file
//! left unused is removed.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// The text written beside its target, not yet in place.
#[derive(Debug)]
pub struct Staged {
    temporary: PathBuf,
    target: PathBuf,
    placed: bool,
}

/// Writes `text` next to `target`, creating the directory (mode 0700) when needed.
pub fn stage(target: &Path, text: &str) -> io::Result<Staged> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    let name = target.file_name().map_or_else(
        || "config.toml".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let temporary = dir.join(format!(".{name}.{}.tmp", uuid::Uuid::new_v4().simple()));
    let staged = Staged {
        temporary,
        target: target.to_path_buf(),
        placed: false,
    };
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&staged.temporary)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(staged)
}

impl Staged {
    /// Where the text is now, for checking it before it is placed.
    pub fn path(&self) -> &Path {
        &self.temporary
    }

    /// Gives the text the target's name. Without `replace`, a file that appeared at the
    /// target meanwhile is kept and this fails with `AlreadyExists`.
    pub fn place(mut self, replace: bool) -> io::Result<()> {
        if replace {
            fs::rename(&self.temporary, &self.target)?;
        } else {
            // A hard link never replaces what is there, unlike a rename.
            fs::hard_link(&self.temporary, &self.target)?;
            fs::remove_file(&self.temporary)?;
        }
        self.placed = true;
        // The new name is only durable once the directory is.
        if let Some(dir) = self.target.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.placed {
            // Already gone is fine: there is nothing left to clean up.
            let _ = fs::remove_file(&self.temporary);
        }
    }
}
