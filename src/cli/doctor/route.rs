//! Which proxy the source's requests go through, by the same rule its client follows.

use super::check::Check;
use super::target::Target;
use crate::providers::http::proxy::{Direct, ProxyVar, Route};

/// The check, and the proxy when there is one (`Err` when the proxy settings are unusable).
pub fn check(target: &Target) -> (Check, Result<Option<ProxyVar>, ()>) {
    let name = &target.name;
    let proxies = &target.network.proxies;
    if let Some(problem) = proxies.problem() {
        let fix =
            "set it to http://host:port (with user:password@ when the proxy asks), or unset it";
        return (Check::fail(name, "proxy", problem, fix), Err(()));
    }
    let (detail, proxy) = match proxies.route(&target.url) {
        Route::Via(proxy) => (format!("via {proxy}"), Some(proxy.clone())),
        Route::Direct(Direct::Loopback) => (
            "direct: loopback addresses never go through a proxy".to_string(),
            None,
        ),
        Route::Direct(Direct::NoProxy) => ("direct: NO_PROXY names this host".to_string(), None),
        Route::Direct(Direct::Unset) => (
            format!(
                "direct: no proxy variable is set for {}://",
                target.url.scheme()
            ),
            None,
        ),
    };
    (Check::pass(name, "proxy", detail), Ok(proxy))
}
