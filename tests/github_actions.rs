//! GitHub Actions as a pipeline backend against local servers: runs of several
//! repositories, paging and ETags, jobs with steps, whole logs behind the tokenless redirect,
//! re-run and cancel, and a log tail that waits for the job to end.

mod github_actions {
    mod logs;
    mod runs;
    pub mod support;
    mod tail;
    mod verbs;
}
