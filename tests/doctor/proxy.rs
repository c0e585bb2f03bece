//! A proxy named by HTTPS_PROXY is used: the server's name means nothing to this machine's
//! resolver, and only the test's CONNECT proxy takes it to the TLS front of the sandbox, so
//! doctor passes only through the proxy.

use super::pki::{PROXIED_HOST, Pki};
use super::servers::{ConnectProxy, tls_front};
use super::world::{World, failures, line};

#[test]
fn https_proxy_carries_every_request_and_is_named() {
    let world = World::new();
    let pki = Pki::new();
    world.file("ca.pem", &pki.ca_pem);
    let backend = world
        .sandboxed
        .url()
        .trim_start_matches("http://")
        .parse()
        .unwrap();
    let proxy = world.block_on(async {
        let front = tls_front(pki.server.clone(), backend).await;
        ConnectProxy::start(front).await
    });
    world.config(&format!(
        "[jira]\nurl = \"https://{PROXIED_HOST}\"\nboard = 42\nauth = \"bearer\"\n\
         token_env = \"DOCTOR_PAT\"\nca_file = \"{{dir}}/ca.pem\"\n"
    ));
    let proxy_url = format!("http://127.0.0.1:{}", proxy.addr.port());
    let env = [("HTTPS_PROXY", proxy_url.as_str()), ("DOCTOR_PAT", "pat")];
    let (status, report) = world.doctor(&env);
    assert_eq!(status, 0, "{:#?}", failures(&report));
    assert_eq!(
        line(&report, "jira", "proxy")["detail"],
        format!("via {proxy_url} ($HTTPS_PROXY)")
    );
    assert_eq!(
        line(&report, "jira", "tunnel")["detail"],
        format!("the proxy opened a tunnel to {PROXIED_HOST}:443")
    );
    let dns = &line(&report, "jira", "dns")["detail"];
    assert!(
        dns.as_str().unwrap().contains("the proxy resolves"),
        "{dns}"
    );
    let connects = proxy.asked();
    let wanted = format!("CONNECT {PROXIED_HOST}:443 HTTP/1.1");
    // doctor's own tunnel for the handshake, then the client's for the calls.
    assert!(connects.len() >= 2, "{connects:?}");
    assert!(connects.iter().all(|c| c == &wanted), "{connects:?}");
}
