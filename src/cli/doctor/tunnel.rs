//! The way to the server through a proxy: TLS to the proxy itself when it is an https://
//! proxy, then an HTTP CONNECT tunnel to the server, as reqwest does for https:// URLs.

use super::check::Check;
use super::target::Target;
use crate::providers::http::proxy::ProxyVar;
use crate::providers::http::tls;
use rustls::pki_types::ServerName;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

pub const TIMEOUT: Duration = Duration::from_secs(5);
/// A CONNECT answer's head is a few lines; more means something else answered.
const MAX_HEAD: usize = 8 * 1024;

pub trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}
pub type Stream = Box<dyn Io>;

/// TLS to an https:// proxy (trusting what the source trusts), else the TCP stream as is.
pub async fn to_proxy(target: &Target, proxy: &ProxyVar, tcp: Stream) -> Result<Stream, String> {
    if proxy.url().scheme() != "https" {
        return Ok(tcp);
    }
    let config = tls::client_config(&target.network.extra_roots).map_err(|e| e.to_string())?;
    let host = proxy.url().host_str().unwrap_or_default().to_string();
    let name = ServerName::try_from(host).map_err(|e| e.to_string())?;
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let stream = tokio::time::timeout(TIMEOUT, connector.connect(name, tcp))
        .await
        .map_err(|_| {
            format!(
                "no TLS answer from the proxy within {} s",
                TIMEOUT.as_secs()
            )
        })?
        .map_err(|e| format!("TLS to the proxy failed: {e}"))?;
    Ok(Box::new(stream))
}

/// `CONNECT host:port` through the proxy; the stream then reaches the server.
pub async fn check(target: &Target, proxy: &ProxyVar, stream: Stream) -> (Check, Option<Stream>) {
    let (host, port) = target.host_port();
    let authority = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    match tokio::time::timeout(TIMEOUT, connect(stream, &authority, target, proxy.var)).await {
        Ok(Ok(stream)) => {
            let detail = format!("the proxy opened a tunnel to {authority}");
            (Check::pass(&target.name, "tunnel", detail), Some(stream))
        }
        Ok(Err((detail, fix))) => (Check::fail(&target.name, "tunnel", detail, fix), None),
        Err(_) => {
            let detail = format!(
                "the proxy did not answer CONNECT within {} s",
                TIMEOUT.as_secs()
            );
            let fix = "check that the proxy variable names an HTTP proxy";
            (Check::fail(&target.name, "tunnel", detail, fix), None)
        }
    }
}

async fn connect(
    mut stream: Stream,
    authority: &str,
    target: &Target,
    var: &str,
) -> Result<Stream, (String, String)> {
    let io = |e: std::io::Error| {
        (
            format!("the proxy connection broke: {e}"),
            "try again; check the proxy".to_string(),
        )
    };
    let mut request = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n");
    if let Some(credentials) = target.network.proxies.authorization(&target.url) {
        request.push_str(&format!("Proxy-Authorization: {credentials}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.map_err(io)?;
    // Byte by byte: whatever follows the head belongs to the TLS handshake.
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            return Err((
                "the proxy's answer to CONNECT is not HTTP".into(),
                "check the proxy variable".into(),
            ));
        }
        let byte = stream.read_u8().await.map_err(io)?;
        head.push(byte);
    }
    let head = String::from_utf8_lossy(&head);
    let status_line = head.lines().next().unwrap_or_default().trim().to_string();
    let status = status_line.split_whitespace().nth(1).unwrap_or_default();
    match status {
        s if s.starts_with('2') => Ok(stream),
        "407" => Err((
            format!("the proxy asks for credentials: {status_line}"),
            format!("put user:password@ into ${var}"),
        )),
        _ => Err((
            format!("the proxy refused the tunnel: {status_line}"),
            format!(
                "the proxy may not allow {authority}: ask its owners, or add the host to NO_PROXY"
            ),
        )),
    }
}
