//! `ca_file`: PEM certificate authorities a source trusts on top of the system's, for servers
//! behind a company CA. Read when the config is loaded, so a wrong path or a file without a
//! certificate is a config error at its line, naming the table.

use super::load::{ConfigError, line_col};
use super::schema::Config;
use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The path as written, with where it was written (for errors); absolute once loaded.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(transparent)]
pub struct CaFile(toml::Spanned<PathBuf>);

impl CaFile {
    pub fn new(path: PathBuf) -> Self {
        Self(toml::Spanned::new(0..0, path))
    }

    pub fn path(&self) -> &Path {
        self.0.get_ref()
    }
}

/// Makes every `ca_file` of `config` absolute (relative to `dir`, the config file's
/// directory) and reads it; `text` and `shown` place and name an error.
pub(super) fn resolve(
    config: &mut Config,
    dir: &Path,
    text: &str,
    shown: &str,
) -> Result<(), ConfigError> {
    let jira = config
        .jira
        .iter_mut()
        .map(|t| ("[jira]".to_string(), &mut t.ca_file));
    let deploy = config
        .deploy
        .iter_mut()
        .map(|t| (format!("[[deploy]] {:?}", t.name), &mut t.ca_file));
    let github = config
        .github
        .iter_mut()
        .map(|t| (format!("[[github]] {:?}", t.name), &mut t.ca_file));
    for (table, ca_file) in jira.chain(deploy).chain(github) {
        let Some(CaFile(spanned)) = ca_file else {
            continue;
        };
        let absolute = dir.join(spanned.get_ref());
        *spanned.get_mut() = absolute;
        if let Err(message) = certificates(spanned.get_ref()) {
            let (line, column) = line_col(text, spanned.span().start);
            return Err(ConfigError::Invalid {
                path: shown.to_string(),
                line,
                column,
                key: format!("{table} ca_file"),
                message,
            });
        }
    }
    Ok(())
}

/// The certificates of a PEM file, each usable as an authority; an error names the path.
pub fn certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{shown} is not a readable PEM file: {e}"))?;
    if certs.is_empty() {
        return Err(format!(
            "{shown} holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----)"
        ));
    }
    let mut store = RootCertStore::empty();
    for (n, cert) in certs.iter().enumerate() {
        store.add(cert.clone()).map_err(|e| {
            format!(
                "certificate {} of {shown} cannot be an authority: {e}",
                n + 1
            )
        })?;
    }
    Ok(certs)
}
