//! A certificate authority made for the test, and a server certificate it signed for
//! `localhost`, `127.0.0.1` and `jira.doctor.test`: what a company CA looks like to shipdeck.

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::ServerConfig;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::sync::Arc;

pub const CA_NAME: &str = "shipdeck doctor test CA";
/// A name no resolver knows: only a proxy that maps it can reach the server.
pub const PROXIED_HOST: &str = "jira.doctor.test";

pub struct Pki {
    pub ca_pem: String,
    pub ca_der: CertificateDer<'static>,
    pub server: Arc<ServerConfig>,
}

impl Pki {
    pub fn new() -> Self {
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name.push(DnType::CommonName, CA_NAME);
        ca.distinguished_name
            .push(DnType::OrganizationName, "Acme Corp");
        ca.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca_key = KeyPair::generate().unwrap();
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca, ca_key);
        let names = ["localhost", "127.0.0.1", PROXIED_HOST]
            .map(String::from)
            .to_vec();
        let mut leaf = CertificateParams::new(names).unwrap();
        leaf.distinguished_name
            .push(DnType::CommonName, "localhost");
        let leaf_key = KeyPair::generate().unwrap();
        let leaf_cert = leaf.signed_by(&leaf_key, &issuer).unwrap();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let server = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![leaf_cert.der().clone()], key)
            .unwrap();
        Self {
            ca_pem: ca_cert.pem(),
            ca_der: ca_cert.der().clone(),
            server: Arc::new(server),
        }
    }
}
