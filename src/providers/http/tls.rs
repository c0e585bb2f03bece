//! Which certificate authorities a client trusts: the bundled webpki roots, the operating
//! system's store (read once; a missing or unreadable store is only logged, the bundled roots
//! still work), and a source's own `ca_file`. Certificates are always checked.

use rustls::crypto::CryptoProvider;
use rustls::pki_types::CertificateDer;
use rustls::{CertificateError, ClientConfig, RootCertStore};
use std::sync::{Arc, OnceLock};

/// The crypto reqwest's rustls is built with here.
pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The bundled roots, the system's and `extra` (a source's `ca_file`).
pub fn roots(extra: &[CertificateDer<'static>]) -> Arc<RootCertStore> {
    let mut store = system().clone();
    let (_, ignored) = store.add_parsable_certificates(extra.iter().cloned());
    if ignored > 0 {
        tracing::warn!(
            ignored,
            "certificates of a ca_file that cannot be trust anchors"
        );
    }
    Arc::new(store)
}

/// The TLS setup of every client: HTTP/2 or HTTP/1.1 over the roots above.
pub fn client_config(extra: &[CertificateDer<'static>]) -> Result<ClientConfig, rustls::Error> {
    let mut config = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots(extra))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

fn system() -> &'static RootCertStore {
    static STORE: OnceLock<RootCertStore> = OnceLock::new();
    STORE.get_or_init(|| {
        let mut store = RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        let native = rustls_native_certs::load_native_certs();
        for e in &native.errors {
            tracing::warn!("the system's certificate store: {e} (the bundled roots still apply)");
        }
        let (added, ignored) = store.add_parsable_certificates(native.certs);
        tracing::debug!(added, ignored, "system certificates");
        store
    })
}

/// A certificate the server sent that was refused, in words with the fix; `None` for any
/// other TLS failure.
pub fn refusal(e: &rustls::Error) -> Option<String> {
    let rustls::Error::InvalidCertificate(why) = e else {
        return None;
    };
    Some(match why {
        CertificateError::UnknownIssuer => {
            "its certificate is signed by an authority this machine does not trust; if it is \
             your company's own CA, set ca_file = \"path/to/ca.pem\" in this source's table, \
             and `shipdeck doctor` names the issuer"
                .into()
        }
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
            "its certificate has expired (or this machine's clock is wrong)".into()
        }
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            "its certificate is for another host name: check the URL in the config".into()
        }
        _ => format!("its certificate was refused ({e})"),
    })
}

/// The rustls error in an error's chain. hyper nests it in `io::Error`s, whose `source`
/// skips the error they wrap, so those are opened with `get_ref`.
pub fn find_rustls<'a>(
    mut cause: Option<&'a (dyn std::error::Error + 'static)>,
) -> Option<&'a rustls::Error> {
    while let Some(e) = cause {
        if let Some(found) = e.downcast_ref::<rustls::Error>() {
            return Some(found);
        }
        cause = match e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => e.source(),
        };
    }
    None
}
