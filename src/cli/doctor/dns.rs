//! The first hop's name resolves: the server's, or the proxy's (which resolves the server).

use super::check::Check;
use std::net::SocketAddr;
use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(3);

pub async fn check(
    source: &str,
    host: &str,
    port: u16,
    proxied: bool,
) -> (Check, Option<Vec<SocketAddr>>) {
    let lookup = tokio::net::lookup_host((host, port));
    let addrs: Vec<SocketAddr> = match tokio::time::timeout(TIMEOUT, lookup).await {
        Ok(Ok(addrs)) => addrs.collect(),
        Ok(Err(e)) => {
            let fix = if proxied {
                "check the host in the proxy variable"
            } else {
                "check the host in the url, or this machine's DNS settings (/etc/resolv.conf, VPN)"
            };
            return (
                Check::fail(source, "dns", format!("{host}: {e}"), fix),
                None,
            );
        }
        Err(_) => {
            let detail = format!("{host}: no answer within {} s", TIMEOUT.as_secs());
            let fix = "this machine's DNS server does not answer: check the network or VPN";
            return (Check::fail(source, "dns", detail, fix), None);
        }
    };
    if addrs.is_empty() {
        let detail = format!("{host} has no address");
        return (
            Check::fail(source, "dns", detail, "check the host name"),
            None,
        );
    }
    let shown: Vec<String> = addrs.iter().map(|a| a.ip().to_string()).collect();
    let mut detail = if host.parse::<std::net::IpAddr>().is_ok() {
        format!("{host} is an address: nothing to look up")
    } else {
        format!("{host} → {}", shown.join(", "))
    };
    if proxied {
        detail.push_str(" (the proxy resolves the server's name)");
    }
    (Check::pass(source, "dns", detail), Some(addrs))
}
