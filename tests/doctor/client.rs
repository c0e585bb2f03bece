//! The shared client itself, with proxy settings given explicitly (tests never change the
//! process environment): loopback skips any proxy, a named host goes through one, and a
//! certificate from an unknown CA is refused in words that lead to `ca_file`.

use super::pki::{PROXIED_HOST, Pki};
use super::servers::{ConnectProxy, dead_port, tls_front};
use shipdeck::config::TokenSource;
use shipdeck::providers::http::proxy::Proxies;
use shipdeck::providers::http::{Auth, HttpClient, Network};
use std::collections::HashMap;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn proxies(vars: &[(&str, String)]) -> Proxies {
    let vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    Proxies::from_lookup(|name| vars.get(name).cloned())
}

fn client(url: &str, network: &Network) -> HttpClient {
    HttpClient::new("Jira", url, Auth::None, TokenSource::None, network).unwrap()
}

async fn answering() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/ping"))
        .respond_with(ResponseTemplate::new(200).set_body_string("pong"))
        .mount(&server)
        .await;
    server
}

async fn ping(client: &HttpClient) -> Result<String, String> {
    let reply = client
        .exchange(reqwest::Method::GET, "/ping", &[], &[], None::<&()>)
        .await
        .map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&reply.body).into_owned())
}

#[tokio::test]
async fn loopback_skips_a_proxy_that_is_not_there() {
    let server = answering().await;
    let dead = format!("http://127.0.0.1:{}", dead_port());
    let network = Network {
        proxies: proxies(&[("HTTP_PROXY", dead.clone()), ("ALL_PROXY", dead)]),
        ..Network::default()
    };
    let localhost = server.uri().replace("127.0.0.1", "localhost");
    for url in [server.uri(), localhost] {
        assert_eq!(
            ping(&client(&url, &network)).await.unwrap(),
            "pong",
            "{url}"
        );
    }
}

#[tokio::test]
async fn a_named_host_goes_through_the_proxy_with_the_extra_roots() {
    let server = answering().await;
    let pki = Pki::new();
    let front = tls_front(pki.server.clone(), *server.address()).await;
    let proxy = ConnectProxy::start(front).await;
    let network = Network {
        extra_roots: vec![pki.ca_der.clone()],
        proxies: proxies(&[("https_proxy", format!("http://{}", proxy.addr))]),
    };
    let url = format!("https://{PROXIED_HOST}:8443");
    assert_eq!(ping(&client(&url, &network)).await.unwrap(), "pong");
    assert_eq!(
        proxy.asked(),
        [format!("CONNECT {PROXIED_HOST}:8443 HTTP/1.1")]
    );
}

#[tokio::test]
async fn an_unknown_ca_is_refused_with_a_way_out() {
    let server = answering().await;
    let pki = Pki::new();
    let front = tls_front(pki.server.clone(), *server.address()).await;
    let url = format!("https://localhost:{}", front.port());
    let untrusting = Network {
        proxies: Proxies::none(),
        ..Network::default()
    };
    let said = ping(&client(&url, &untrusting)).await.unwrap_err();
    assert!(
        said.starts_with("cannot reach localhost: TLS: its certificate is signed by an authority"),
        "{said}"
    );
    assert!(said.contains("ca_file"), "{said}");
    let trusting = Network {
        extra_roots: vec![pki.ca_der.clone()],
        proxies: Proxies::none(),
    };
    assert_eq!(ping(&client(&url, &trusting)).await.unwrap(), "pong");
}
