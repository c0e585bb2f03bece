//! The state directory (`$XDG_STATE_HOME/shipdeck`): the log file and the audit log live there.
//! Both say what the user did, so the directory is private to them.

use std::io;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Owner only: what was deployed, by whom, and the app's own log are nobody else's business.
pub const MODE: u32 = 0o700;

/// `$XDG_STATE_HOME/shipdeck` (else `~/.local/state/shipdeck`); the local data dir on
/// platforms without a state dir. `None` when there is no home to put it in.
pub fn path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "shipdeck")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
}

/// Creates `dir` (and missing parents, as the XDG spec asks) with mode 0700, and takes the
/// group and other bits off a `dir` that already exists, since older versions made it 0755.
pub fn create(dir: &Path) -> io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(MODE)
        .create(dir)?;
    let mode = std::fs::metadata(dir)?.permissions().mode();
    if mode & 0o077 != 0 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode & 0o700))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_new_dir_and_its_missing_parents_are_private() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("state/shipdeck");
        create(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&root.path().join("state")), 0o700);
    }

    #[test]
    fn an_open_dir_is_closed_to_others() {
        let root = tempfile::tempdir().unwrap();
        std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        create(root.path()).unwrap();
        assert_eq!(mode(root.path()), 0o700);
    }

    #[test]
    fn a_file_in_the_way_is_an_error() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("state");
        std::fs::write(&file, "").unwrap();
        assert!(create(&file.join("shipdeck")).is_err());
        assert!(create(&file).is_err());
    }
}
