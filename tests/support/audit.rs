//! The audit log a verb wrote under a test world's directories.

use serde_json::Value;
use std::path::{Path, PathBuf};

/// Wherever the platform's state dir put `audit.jsonl` below `dir`.
pub fn audit_file(dir: &Path) -> Option<PathBuf> {
    find(dir, "audit.jsonl")
}

/// The audit log's lines, none before the first action.
pub fn audit_lines(dir: &Path) -> Vec<Value> {
    audit_file(dir).map_or_else(Vec::new, |path| {
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    })
}

fn find(dir: &Path, name: &str) -> Option<PathBuf> {
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if let Some(found) = find(&path, name) {
                return Some(found);
            }
        } else if path.file_name().is_some_and(|n| n == name) {
            return Some(path);
        }
    }
    None
}
