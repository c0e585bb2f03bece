//! The real binary with a `[[github]]` table against the sandbox's GitHub side: the project
//! board, moves by `owner/repo#n`, Actions runs and logs, promote and rollback by
//! `workflow_dispatch`, and a table without `deploy_workflow` refusing before anything is sent.

#[path = "support/audit.rs"]
mod audit;
#[path = "support/isolated.rs"]
mod isolated;
#[path = "support/sandboxed.rs"]
#[allow(dead_code)] // shared support: this crate does not read the protocol side
mod sandboxed;

mod github_cli {
    mod board;
    mod deploys;
    mod runs;
    pub mod world;
}
