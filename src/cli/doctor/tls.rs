//! The TLS handshake with the server, over the roots its client trusts. A verifier that notes
//! the certificate before the usual checks judge it lets a refusal name the issuer, which is
//! what a user needs to find the right `ca_file`.

use super::check::Check;
use super::target::Target;
use super::tunnel::Stream;
use crate::domain::text::sanitize;
use crate::providers::http::tls;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, SignatureScheme};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(5);

pub async fn check(target: &Target, stream: Stream) -> Check {
    let name = &target.name;
    let (host, _) = target.host_port();
    let (verifier, config) = match setup(target) {
        Ok(both) => both,
        Err(e) => {
            return Check::fail(
                name,
                "tls",
                format!("cannot set up TLS: {e}"),
                "report this",
            );
        }
    };
    let Ok(server) = ServerName::try_from(host.clone()) else {
        return Check::fail(
            name,
            "tls",
            format!("{host} is not a TLS server name"),
            "check the url",
        );
    };
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let result = tokio::time::timeout(TIMEOUT, connector.connect(server, stream)).await;
    let seen = verifier
        .seen
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    let cert = seen.as_ref().map(describe);
    match result {
        Ok(Ok(stream)) => {
            let version = stream.get_ref().1.protocol_version();
            let version = version.map_or("TLS".to_string(), |v| format!("{v:?}").replace('_', "."));
            let cert = cert.map_or_else(String::new, |c| format!("; {c}"));
            Check::pass(name, "tls", format!("{version}{cert}"))
        }
        Ok(Err(e)) => refused(target, &e, cert),
        Err(_) => Check::fail(
            name,
            "tls",
            format!("no TLS answer within {} s", TIMEOUT.as_secs()),
            "is this port serving https? A plain http server never answers the handshake",
        ),
    }
}

fn refused(target: &Target, e: &std::io::Error, cert: Option<String>) -> Check {
    let name = &target.name;
    let table = &target.table;
    let cert = cert.unwrap_or_else(|| "the server sent no certificate".into());
    let why = tls::find_rustls(Some(e));
    let (detail, fix) = match why {
        Some(rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer)) => (
            format!("{cert}: that issuer is not trusted here"),
            format!(
                "if that is your company's CA, save its certificate as PEM and set \
                 ca_file = \"path/to/ca.pem\" in {table} (or add it to this machine's store)"
            ),
        ),
        Some(rustls::Error::InvalidCertificate(
            CertificateError::Expired | CertificateError::ExpiredContext { .. },
        )) => (
            format!("{cert}: expired"),
            "the server must renew its certificate (or this machine's clock is wrong)".into(),
        ),
        Some(rustls::Error::InvalidCertificate(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
        )) => (
            format!("{cert}: not valid for {}", target.host_port().0),
            format!("use the host name the certificate names in the url of {table}"),
        ),
        Some(other) => (
            format!("handshake failed: {other}"),
            "is this port serving https? (use http:// for a plain http server)".into(),
        ),
        None => (
            format!("handshake failed: {e}"),
            "is this port serving https? (use http:// for a plain http server)".into(),
        ),
    };
    Check::fail(name, "tls", detail, fix)
}

/// "certificate for CN=x issued by CN=y, valid until ..."; server bytes, so sanitised.
fn describe(der: &CertificateDer<'_>) -> String {
    match x509_parser::parse_x509_certificate(der) {
        Ok((_, cert)) => sanitize(
            &format!(
                "certificate for {} issued by {}, valid until {}",
                cert.subject(),
                cert.issuer(),
                cert.validity().not_after
            ),
            false,
        ),
        Err(_) => "a certificate that cannot be read".into(),
    }
}

fn setup(target: &Target) -> Result<(Arc<Noting>, ClientConfig), rustls::Error> {
    let roots = tls::roots(&target.network.extra_roots);
    let inner = WebPkiServerVerifier::builder_with_provider(roots, tls::provider())
        .build()
        .map_err(|e| rustls::Error::General(e.to_string()))?;
    let verifier = Arc::new(Noting {
        inner,
        seen: Mutex::new(None),
    });
    let config = ClientConfig::builder_with_provider(tls::provider())
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(verifier.clone())
        .with_no_client_auth();
    Ok((verifier, config))
}

/// The client's own verifier, noting the certificate it is shown: every decision is still
/// the inner verifier's, so nothing is trusted that the client would not trust.
#[derive(Debug)]
struct Noting {
    inner: Arc<WebPkiServerVerifier>,
    seen: Mutex<Option<CertificateDer<'static>>>,
}

impl ServerCertVerifier for Noting {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        *self.seen.lock().unwrap_or_else(PoisonError::into_inner) =
            Some(end_entity.clone().into_owned());
        self.inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}
