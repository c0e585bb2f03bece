//! `shipdeck doctor` and the shared HTTP client on corporate networks: every source checked
//! against loopback servers (the sandbox, wiremock, a TLS front with a CA made here, a CONNECT
//! proxy), `ca_file`, the system's store, proxies from the environment and the loopback rule.

#[path = "support/isolated.rs"]
#[allow(dead_code)] // shared support: only `Isolated` itself is used here
mod isolated;
#[path = "support/sandboxed.rs"]
#[allow(dead_code)] // shared support: the audit and protocol readers are not used here
mod sandboxed;

mod doctor {
    mod client;
    mod config;
    mod failures;
    mod green;
    mod pki;
    mod proxy;
    mod servers;
    mod tls;
    mod world;
}
