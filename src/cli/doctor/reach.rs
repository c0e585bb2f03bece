//! Reaching a source, step by step: the proxy it goes through, DNS, TCP, the proxy's tunnel
//! and TLS. Each step needs the one before, so the first failure ends the chain.

use super::check::Check;
use super::target::Target;
use super::tunnel::{self, Stream};
use super::{dns, route, tcp, tls};
use crate::providers::http::proxy;

pub struct Reach {
    pub checks: Vec<Check>,
    pub ok: bool,
}

pub async fn run(target: &Target) -> Reach {
    let mut checks = Vec::new();
    let ok = chain(target, &mut checks).await;
    Reach { checks, ok }
}

async fn chain(target: &Target, checks: &mut Vec<Check>) -> bool {
    let name = &target.name;
    let (line, proxy) = route::check(target);
    checks.push(line);
    let Ok(proxy) = proxy else {
        return false;
    };
    let ((host, port), what) = match &proxy {
        Some(p) => {
            let host = p.url().host_str().unwrap_or_default();
            let host = host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_string();
            (
                (host, p.url().port_or_known_default().unwrap_or(80)),
                "the proxy",
            )
        }
        None => (target.host_port(), "the server"),
    };
    let (line, addrs) = dns::check(name, &host, port, proxy.is_some()).await;
    checks.push(line);
    let Some(addrs) = addrs else {
        return false;
    };
    let (line, stream) = tcp::check(name, &addrs, what).await;
    checks.push(line);
    let Some(stream) = stream else {
        return false;
    };
    let mut stream: Stream = Box::new(stream);
    if let Some(proxy) = &proxy {
        stream = match tunnel::to_proxy(target, proxy, stream).await {
            Ok(stream) => stream,
            Err(why) => {
                let fix = "check the https:// proxy's address, or use its http:// port";
                checks.push(Check::fail(name, "tunnel", why, fix));
                return false;
            }
        };
    }
    if !target.is_https() {
        checks.push(plain(target));
        return true;
    }
    if let Some(proxy) = &proxy {
        let (line, through) = tunnel::check(target, proxy, stream).await;
        checks.push(line);
        let Some(through) = through else {
            return false;
        };
        stream = through;
    }
    let line = tls::check(target, stream).await;
    let ok = line.ok;
    checks.push(line);
    ok
}

/// http:// is fine on this machine; across a network the token travels in clear text.
fn plain(target: &Target) -> Check {
    if proxy::is_loopback(&target.url) {
        return Check::pass(&target.name, "tls", "not used: http:// to this machine");
    }
    Check::warn(
        &target.name,
        "tls",
        "not used: http:// sends the token unencrypted",
        format!(
            "use https:// in the url of {} if the server offers it",
            target.table
        ),
    )
}
