//! The audit log's directory is writable: promote, rollback and run controls refuse to send
//! anything they cannot record first.

use super::check::{Check, GENERAL as SOURCE};
use crate::audit::AuditLog;
use std::fs::OpenOptions;
use std::path::Path;

pub fn check() -> Check {
    let fix_home = "set HOME or XDG_STATE_HOME so shipdeck has a state directory";
    let Some(log) = AuditLog::default_path() else {
        return Check::fail(
            SOURCE,
            "audit",
            "no home directory to keep the audit log in",
            fix_home,
        );
    };
    let Some(dir) = log.parent() else {
        return Check::fail(SOURCE, "audit", "the audit log has no directory", fix_home);
    };
    // A directory not made yet is made on the first action: its nearest existing parent must
    // take it. Nothing is created here.
    let existing = dir.ancestors().find(|a| a.is_dir()).unwrap_or(dir);
    match probe(existing) {
        Ok(()) if existing == dir => {
            Check::pass(SOURCE, "audit", format!("{} is writable", log.display()))
        }
        Ok(()) => Check::pass(
            SOURCE,
            "audit",
            format!("{} will be created on the first action", log.display()),
        ),
        Err(e) => Check::fail(
            SOURCE,
            "audit",
            format!("cannot write in {}: {e}", existing.display()),
            "promote and rollback refuse to run without their audit log: make that directory \
             writable, or point XDG_STATE_HOME elsewhere",
        ),
    }
}

/// Creates and removes a file in `dir`.
fn probe(dir: &Path) -> std::io::Result<()> {
    let path = dir.join(format!(".shipdeck-doctor-{}", std::process::id()));
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    std::fs::remove_file(&path)
}
