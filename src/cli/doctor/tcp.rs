//! A TCP connection to the first hop opens: each address in turn, within one time limit.

use super::check::Check;
use std::io::ErrorKind;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpStream;

pub const TIMEOUT: Duration = Duration::from_secs(3);

pub async fn check(source: &str, addrs: &[SocketAddr], what: &str) -> (Check, Option<TcpStream>) {
    let deadline = tokio::time::Instant::now() + TIMEOUT;
    let mut last = None;
    for addr in addrs {
        match tokio::time::timeout_at(deadline, TcpStream::connect(addr)).await {
            Ok(Ok(stream)) => {
                let detail = format!("connected to {what} at {addr}");
                return (Check::pass(source, "tcp", detail), Some(stream));
            }
            Ok(Err(e)) => last = Some((*addr, e)),
            Err(_) => {
                let detail = format!("{addr}: no answer within {} s", TIMEOUT.as_secs());
                let fix = "a firewall may drop the packets: check the port, the VPN, or whether a proxy is needed (HTTPS_PROXY)";
                return (Check::fail(source, "tcp", detail, fix), None);
            }
        }
    }
    let (detail, fix) = match last {
        Some((addr, e)) if e.kind() == ErrorKind::ConnectionRefused => (
            format!("{addr}: connection refused"),
            format!("nothing listens there: is {what} running, and is the port right?"),
        ),
        Some((addr, e)) => (
            format!("{addr}: {e}"),
            "check the network route to it".to_string(),
        ),
        None => (
            "no address to connect to".to_string(),
            "check the host name".to_string(),
        ),
    };
    (Check::fail(source, "tcp", detail, fix), None)
}
