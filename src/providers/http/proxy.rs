//! Which proxy a request goes through: curl's variables (`HTTPS_PROXY`, `HTTP_PROXY`,
//! `ALL_PROXY`, `NO_PROXY`, upper case first, then lower case), read as reqwest reads them by
//! default, plus one rule of ours: loopback hosts never go through a proxy. The demo's
//! sandbox and local servers live there, and a proxy's 127.0.0.1 is not this machine's.

use hyper_util::client::proxy::matcher::Matcher;
use reqwest::Url;
use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;

/// A proxy and the variable that named it. Display never shows its credentials.
#[derive(Clone)]
pub struct ProxyVar {
    pub var: &'static str,
    url: Url,
}

impl ProxyVar {
    /// The proxy's address, with any `user:password@` it holds: for the client only.
    pub fn url(&self) -> &Url {
        &self.url
    }
}

impl fmt::Display for ProxyVar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = self.url.scheme();
        let host = self.url.host_str().unwrap_or("?");
        let port = self.url.port_or_known_default().unwrap_or(80);
        write!(f, "{scheme}://{host}:{port} (${})", self.var)
    }
}

/// Why a request goes straight to its server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direct {
    Loopback,
    NoProxy,
    Unset,
}

#[derive(Clone, Copy)]
pub enum Route<'a> {
    Direct(Direct),
    Via(&'a ProxyVar),
}

/// The proxy settings one client follows.
#[derive(Clone)]
pub struct Proxies {
    http: Option<ProxyVar>,
    https: Option<ProxyVar>,
    /// hyper-util's reading of the same values (curl's `NO_PROXY` rules, as reqwest's).
    matcher: Arc<Matcher>,
    /// A variable that holds no usable proxy: the client refuses to start rather than
    /// silently going direct.
    problem: Option<String>,
}

impl Default for Proxies {
    /// From the process environment.
    fn default() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }
}

impl fmt::Debug for Proxies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |p: &Option<ProxyVar>| p.as_ref().map(ToString::to_string);
        f.debug_struct("Proxies")
            .field("http", &shown(&self.http))
            .field("https", &shown(&self.https))
            .finish_non_exhaustive()
    }
}

impl Proxies {
    /// No proxy at all.
    pub fn none() -> Self {
        Self::from_lookup(|_| None)
    }

    /// Reads the variables through `lookup`: the environment, or a test's own table.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        // A CGI request's `Proxy:` header arrives as HTTP_PROXY (httpoxy): reqwest ignores
        // the variables there, and so does this.
        let cgi = lookup("REQUEST_METHOD").is_some();
        let first = |names: [&'static str; 2]| {
            names
                .into_iter()
                .find_map(|name| lookup(name).map(|value| (name, value)))
                .filter(|(_, value)| !cgi && !value.trim().is_empty())
        };
        let read = |names| {
            let (var, value) = first(names)?;
            Some(
                parse(&value)
                    .map(|url| ProxyVar { var, url })
                    .map_err(|why| format!("${var} is not a usable proxy: {why}")),
            )
        };
        let all = read(["ALL_PROXY", "all_proxy"]);
        let http = read(["HTTP_PROXY", "http_proxy"]).or_else(|| all.clone());
        let https = read(["HTTPS_PROXY", "https_proxy"]).or(all);
        // Only a variable that would be used stops the client: a SOCKS `ALL_PROXY` beside
        // both HTTP variables does not.
        let problem = [&http, &https]
            .into_iter()
            .flatten()
            .find_map(|read| read.as_ref().err().cloned());
        let (http, https) = (http.and_then(Result::ok), https.and_then(Result::ok));
        let no = first(["NO_PROXY", "no_proxy"]).map_or_else(String::new, |(_, v)| v);
        let text =
            |p: &Option<ProxyVar>| p.as_ref().map_or_else(String::new, |p| p.url.to_string());
        let matcher = Matcher::builder()
            .http(text(&http))
            .https(text(&https))
            .no(no)
            .build();
        Self {
            http,
            https,
            matcher: Arc::new(matcher),
            problem,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.http.is_none() && self.https.is_none()
    }

    /// A variable that could not be read, in words (never its value).
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Where a request to `url` goes.
    pub fn route(&self, url: &Url) -> Route<'_> {
        if is_loopback(url) {
            return Route::Direct(Direct::Loopback);
        }
        let proxy = match url.scheme() {
            "http" => self.http.as_ref(),
            "https" => self.https.as_ref(),
            _ => None,
        };
        match proxy {
            None => Route::Direct(Direct::Unset),
            Some(_) if self.intercept(url).is_none() => Route::Direct(Direct::NoProxy),
            Some(proxy) => Route::Via(proxy),
        }
    }

    /// The `Proxy-Authorization` value for a request to `url`, when its proxy has credentials.
    pub fn authorization(&self, url: &Url) -> Option<String> {
        let intercept = self.intercept(url)?;
        intercept.basic_auth()?.to_str().ok().map(String::from)
    }

    fn intercept(&self, url: &Url) -> Option<hyper_util::client::proxy::matcher::Intercept> {
        self.matcher.intercept(&url.as_str().parse().ok()?)
    }
}

/// 127.0.0.0/8, ::1 (also as ::ffff:127.x) and `localhost` with its subdomains (RFC 6761).
pub fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.to_canonical().is_loopback(),
        Err(_) => {
            let name = host.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
    }
}

/// `proxy.corp:3128` means `http://proxy.corp:3128`, as curl reads it.
fn parse(value: &str) -> Result<Url, String> {
    let value = value.trim();
    let text = if value.contains("://") {
        value.to_string()
    } else {
        format!("http://{value}")
    };
    // The value may hold a password: the reason never quotes it.
    let url = Url::parse(&text).map_err(|e| e.to_string())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "{}:// proxies are not supported; use an http:// or https:// proxy",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("it names no host".into());
    }
    Ok(url)
}

#[cfg(test)]
mod tests;
