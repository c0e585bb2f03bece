//! How a client reaches its server, and the one place every reqwest client is built: the
//! trusted roots (bundled, the system's, a source's `ca_file`) and the proxies.

use super::proxy::{Proxies, Route};
use super::tls;
use rustls::pki_types::CertificateDer;
use std::time::Duration;

pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const TOTAL_TIMEOUT: Duration = Duration::from_secs(30);
pub const USER_AGENT: &str = concat!("shipdeck/", env!("CARGO_PKG_VERSION"));

/// What a source's client trusts and goes through. The default trusts the bundled and the
/// system's roots and follows the proxy variables of the environment.
#[derive(Clone, Debug, Default)]
pub struct Network {
    /// A source's `ca_file`: trusted on top of the bundled and system roots.
    pub extra_roots: Vec<CertificateDer<'static>>,
    pub proxies: Proxies,
}

impl Network {
    /// A reqwest client over these roots and proxies; an error says what to fix.
    pub fn client(&self, redirect: reqwest::redirect::Policy) -> Result<reqwest::Client, String> {
        if let Some(problem) = self.proxies.problem() {
            return Err(problem.to_string());
        }
        let tls =
            tls::client_config(&self.extra_roots).map_err(|e| format!("cannot set up TLS: {e}"))?;
        let mut builder = reqwest::Client::builder()
            .use_preconfigured_tls(tls)
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(TOTAL_TIMEOUT)
            .user_agent(USER_AGENT)
            .redirect(redirect);
        // With no proxy reqwest would look at the environment itself; these settings already
        // did, so it must not, and a set proxy goes through `route`, loopback rule included.
        builder = if self.proxies.is_empty() {
            builder.no_proxy()
        } else {
            let proxies = self.proxies.clone();
            builder.proxy(reqwest::Proxy::custom(move |url| {
                match proxies.route(url) {
                    Route::Via(proxy) => Some(proxy.url().clone()),
                    Route::Direct(_) => None,
                }
            }))
        };
        builder.build().map_err(|e| e.to_string())
    }
}
