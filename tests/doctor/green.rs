//! All green: the demo, and a config naming the sandbox's Jira, deploy protocol and GitHub,
//! also with proxy variables that point nowhere (loopback never goes through a proxy).

use super::servers::dead_port;
use super::world::{World, code, failures, line, text};

const TOKEN_VAR: &str = "SHIPDECK_DOCTOR_TOKEN";

const ALL_SOURCES: &str = r#"
[jira]
url = "{url}"
board = 42
email = "ana@platform.example"
token_env = "SHIPDECK_DOCTOR_TOKEN"

[[deploy]]
name = "sandbox"
kind = "http"
url = "{url}"

[[github]]
name = "acme"
api_url = "{url}/api/v3"
token_env = "SHIPDECK_DOCTOR_TOKEN"
repos = ["acme/storefront", "acme/search"]
project = { owner = "acme", number = 3 }
"#;

#[test]
fn the_demo_passes_every_check() {
    let world = World::new();
    for demo in ["--demo", "--demo=github"] {
        let out = world.run(&["doctor", demo], &[]);
        let shown = text(&out.stdout);
        assert_eq!(code(&out), 0, "{shown}{}", text(&out.stderr));
        assert!(shown.contains("✔ board"), "{shown}");
        assert!(shown.contains("All "), "{shown}");
        assert!(!shown.contains('✖'), "{shown}");
    }
}

#[test]
fn a_config_of_local_servers_is_all_green() {
    let world = World::new();
    world.config(ALL_SOURCES);
    let (status, report) = world.doctor(&[(TOKEN_VAR, "sandbox-demo-token")]);
    assert_eq!(status, 0, "{:#?}", failures(&report));
    assert_eq!(report["ok"], true);
    let identity = line(&report, "jira", "identity");
    assert_eq!(
        identity["detail"],
        "signed in as Ana Kowalski (ana@platform.example)"
    );
    let board = &line(&report, "jira", "board")["detail"];
    assert!(board.as_str().unwrap().starts_with("board 42 "), "{board}");
    let services = &line(&report, "deploy sandbox", "http")["detail"];
    assert!(
        services.as_str().unwrap().contains("payments"),
        "{services}"
    );
    let repos = &line(&report, "github acme", "repos")["detail"];
    assert_eq!(repos, "readable: acme/storefront, acme/search");
    let config = &line(&report, "shipdeck", "config")["detail"];
    assert!(config.as_str().unwrap().ends_with("cfg.toml"), "{config}");
    assert_eq!(line(&report, "shipdeck", "audit")["ok"], true);
}

#[test]
fn loopback_never_goes_through_a_proxy() {
    let world = World::new();
    world.config(ALL_SOURCES);
    let dead = format!("http://127.0.0.1:{}", dead_port());
    let env = [
        (TOKEN_VAR, "sandbox-demo-token"),
        ("HTTP_PROXY", dead.as_str()),
        ("HTTPS_PROXY", dead.as_str()),
        ("ALL_PROXY", dead.as_str()),
    ];
    let (status, report) = world.doctor(&env);
    assert_eq!(status, 0, "{:#?}", failures(&report));
    assert_eq!(
        line(&report, "jira", "proxy")["detail"],
        "direct: loopback addresses never go through a proxy"
    );
    // The app's own clients follow the same rule.
    let out = world.run(&["print", "board"], &env);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("PLAT-"), "{}", text(&out.stdout));
    let out = world.run(&["print", "deploys", "--demo"], &env);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
}
