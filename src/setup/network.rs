//! A table's `ca_file` and the environment's proxies, as its client will follow them.

use super::SetupError;
use crate::config::{self, CaFile};
use crate::providers::http::Network;

/// The network of a table whose `ca_file` (already checked when the config was read) is
/// read again here; `table` names it if the file changed meanwhile.
pub fn for_table(ca_file: Option<&CaFile>, table: &str) -> Result<Network, SetupError> {
    let extra_roots = match ca_file {
        Some(file) => config::certificates(file.path())
            .map_err(|why| SetupError::Other(format!("{table} ca_file: {why}")))?,
        None => Vec::new(),
    };
    Ok(Network {
        extra_roots,
        ..Network::default()
    })
}
