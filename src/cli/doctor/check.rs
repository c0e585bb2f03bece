//! One line of the report, and the list of them.

use serde::Serialize;

/// The source of lines about shipdeck itself (its config, its audit log).
pub const GENERAL: &str = "shipdeck";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Pass,
    /// Works, but something deserves a look (a clock off by minutes, plain http).
    Warn,
    Fail,
    /// An earlier step of the same source failed, so this one could not be tried.
    NotTried,
}

#[derive(Clone, Debug, Serialize)]
pub struct Check {
    pub source: String,
    pub check: &'static str,
    pub ok: bool,
    pub detail: String,
    /// What to do, in words; absent when there is nothing to do.
    pub fix: Option<String>,
    #[serde(skip)]
    pub status: Status,
}

impl Check {
    fn new(source: &str, check: &'static str, status: Status, detail: String) -> Self {
        Self {
            source: source.to_string(),
            check,
            ok: matches!(status, Status::Pass | Status::Warn),
            detail,
            fix: None,
            status,
        }
    }

    pub fn pass(source: &str, check: &'static str, detail: impl Into<String>) -> Self {
        Self::new(source, check, Status::Pass, detail.into())
    }

    pub fn warn(
        source: &str,
        check: &'static str,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self::new(source, check, Status::Warn, detail.into()).with_fix(fix)
    }

    pub fn fail(
        source: &str,
        check: &'static str,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self::new(source, check, Status::Fail, detail.into()).with_fix(fix)
    }

    /// `check` was skipped because `why` (the step that failed).
    pub fn not_tried(source: &str, check: &'static str, why: &str) -> Self {
        Self::new(source, check, Status::NotTried, format!("not tried: {why}"))
    }

    fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }
}

/// Every line of one run, in the order they are shown.
#[derive(Debug, Default, Serialize)]
pub struct Checks {
    pub checks: Vec<Check>,
    pub ok: bool,
}

impl Checks {
    pub fn new(checks: Vec<Check>) -> Self {
        let ok = checks.iter().all(|c| c.ok);
        Self { checks, ok }
    }
}
