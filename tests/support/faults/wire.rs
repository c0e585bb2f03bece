//! Just enough HTTP/1.1 for the fault proxy: a head read up to its blank line, its request
//! line and headers, and `Connection: close` written into it.

use std::io;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

/// A head longer than this is not what our clients or servers send.
const MAX_HEAD: usize = 64 * 1024;

/// The head (without its blank line) and whatever bytes came after it in the same reads.
/// `None` when the peer closed before sending anything.
pub async fn read_head(stream: &mut TcpStream) -> io::Result<Option<(String, Vec<u8>)>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let rest = buf.split_off(end + 4);
            buf.truncate(end);
            let head = String::from_utf8(buf).map_err(|e| invalid(&e.to_string()))?;
            return Ok(Some((head, rest)));
        }
        if buf.len() > MAX_HEAD {
            return Err(invalid("a head over 64 KiB"));
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return match buf.is_empty() {
                true => Ok(None),
                false => Err(invalid("the peer closed in the middle of a head")),
            };
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// The method and the path without its query, from a request head.
pub fn request_line(head: &str) -> io::Result<(String, String)> {
    let line = head.lines().next().unwrap_or_default();
    let mut parts = line.split(' ');
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(invalid("no request line"));
    };
    let path = target.split('?').next().unwrap_or(target);
    Ok((method.to_string(), path.to_string()))
}

/// The value of header `name` (any case) in a head.
pub fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().skip(1).find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// The head with `Connection: close` in place of any connection header, blank line
/// included: each connection then carries one request and its answer, so keep-alive never
/// lets a request pass uncounted or an answer escape its fault.
pub fn closing(head: &str) -> Vec<u8> {
    let mut out = String::new();
    for line in head.split("\r\n") {
        let name = line
            .split_once(':')
            .map(|(n, _)| n.trim().to_ascii_lowercase());
        if !matches!(name.as_deref(), Some("connection" | "keep-alive")) {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str("connection: close\r\n\r\n");
    out.into_bytes()
}

fn invalid(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why.to_string())
}
