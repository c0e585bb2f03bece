use super::*;
use std::collections::HashMap;

fn proxies(vars: &[(&str, &str)]) -> Proxies {
    let vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Proxies::from_lookup(|name| vars.get(name).cloned())
}

fn via(p: &Proxies, url: &str) -> String {
    match p.route(&Url::parse(url).unwrap()) {
        Route::Via(proxy) => proxy.to_string(),
        Route::Direct(why) => format!("direct {why:?}"),
    }
}

#[test]
fn each_scheme_takes_its_own_variable_then_all_proxy() {
    let p = proxies(&[
        ("HTTPS_PROXY", "http://secure.corp:3128"),
        ("all_proxy", "proxy.corp:8080"),
    ]);
    assert_eq!(
        via(&p, "https://jira.corp/x"),
        "http://secure.corp:3128 ($HTTPS_PROXY)"
    );
    assert_eq!(
        via(&p, "http://jira.corp/x"),
        "http://proxy.corp:8080 ($all_proxy)"
    );
}

#[test]
fn upper_case_wins_and_lower_case_is_read() {
    let p = proxies(&[
        ("HTTPS_PROXY", "http://upper:1"),
        ("https_proxy", "http://lower:2"),
        ("http_proxy", "http://only-lower:3"),
    ]);
    assert_eq!(via(&p, "https://a.corp"), "http://upper:1 ($HTTPS_PROXY)");
    assert_eq!(
        via(&p, "http://a.corp"),
        "http://only-lower:3 ($http_proxy)"
    );
}

#[test]
fn no_proxy_follows_curls_rules() {
    let p = proxies(&[
        ("HTTPS_PROXY", "http://proxy.corp:3128"),
        ("no_proxy", "corp.example, .internal,10.0.0.0/8"),
    ]);
    for direct in [
        "https://corp.example/",
        "https://jira.corp.example/",
        "https://ghe.internal/api/v3",
        "https://10.1.2.3/",
    ] {
        assert_eq!(via(&p, direct), "direct NoProxy", "{direct}");
    }
    for proxied in ["https://notcorp.example/", "https://11.0.0.1/"] {
        assert!(
            via(&p, proxied).starts_with("http://proxy.corp"),
            "{proxied}"
        );
    }
}

#[test]
fn loopback_is_never_proxied() {
    let p = proxies(&[("ALL_PROXY", "http://proxy.corp:3128")]);
    for url in [
        "http://127.0.0.1:8080/",
        "https://127.45.0.9/",
        "http://[::1]:9000/",
        "http://[::ffff:127.0.0.1]/",
        "http://localhost:3000/",
        "https://api.LOCALHOST./",
    ] {
        assert_eq!(via(&p, url), "direct Loopback", "{url}");
    }
    assert!(via(&p, "http://128.0.0.1/").starts_with("http://proxy.corp"));
}

#[test]
fn nothing_set_or_cgi_means_direct() {
    assert_eq!(via(&Proxies::none(), "https://a.corp"), "direct Unset");
    let p = proxies(&[("REQUEST_METHOD", "GET"), ("HTTP_PROXY", "http://evil:1")]);
    assert!(p.is_empty());
}

#[test]
fn credentials_go_to_the_proxy_header_and_nowhere_else() {
    let p = proxies(&[("HTTPS_PROXY", "http://me:s%40cret@proxy.corp:3128")]);
    let url = Url::parse("https://jira.corp/").unwrap();
    let shown = via(&p, url.as_str());
    assert!(!shown.contains("cret") && !shown.contains("me:"), "{shown}");
    assert!(!format!("{p:?}").contains("cret"));
    // base64("me:s@cret")
    assert_eq!(p.authorization(&url).as_deref(), Some("Basic bWU6c0BjcmV0"));
}

#[test]
fn an_unusable_value_is_named_without_echoing_it() {
    let p = proxies(&[("HTTPS_PROXY", "socks5://u:hunter2@proxy:1080")]);
    let problem = p.problem().unwrap();
    assert!(
        problem.starts_with("$HTTPS_PROXY is not a usable proxy"),
        "{problem}"
    );
    assert!(!problem.contains("hunter2"), "{problem}");
}

#[test]
fn an_unusable_variable_that_is_not_used_stops_nothing() {
    let p = proxies(&[
        ("ALL_PROXY", "socks5://proxy:1080"),
        ("HTTP_PROXY", "http://proxy.corp:3128"),
        ("HTTPS_PROXY", "http://proxy.corp:3128"),
    ]);
    assert_eq!(p.problem(), None);
    let p = proxies(&[
        ("ALL_PROXY", "socks5://proxy:1080"),
        ("HTTP_PROXY", "proxy.corp:3128"),
    ]);
    assert!(p.problem().unwrap().starts_with("$ALL_PROXY"));
}
