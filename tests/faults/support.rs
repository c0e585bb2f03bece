//! The real providers pointed at a fault proxy in front of the sandbox, and what a failure
//! caused by each fault must say.

use crate::proxy::{Fault, Proxy};
use shipdeck::config::{JiraAuth, Secret, TokenSource};
use shipdeck::providers::ProviderError;
use shipdeck::providers::deploy::{HttpDeploy, HttpDeploySettings};
use shipdeck::providers::github::{GithubClient, GithubSettings};
use shipdeck::providers::http::Network;
use shipdeck::providers::jira::{JiraProvider, JiraSettings};
use shipdeck_sandbox::{DEMO_BOARD_ID, DEMO_GITHUB_TOKEN};
use std::time::Duration;

/// Long enough for a loaded machine's sandbox to answer, short enough for the timeouts the
/// slow faults cause to keep the suite fast.
pub const TIMEOUT: Duration = Duration::from_millis(1500);

/// One way a server can fail a request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Case {
    Fault(Fault),
    /// Nothing listens at the server's address.
    Gone,
}

/// Every fault, each well past `TIMEOUT` where it is about time.
pub const CASES: [Case; 8] = [
    Case::Fault(Fault::Delay(Duration::from_secs(10))),
    Case::Fault(Fault::Cut(12)),
    Case::Fault(Fault::Reset),
    Case::Fault(Fault::Trickle(Duration::from_millis(200))),
    Case::Fault(Fault::Garbage),
    Case::Fault(Fault::NotJson),
    Case::Fault(Fault::Hang),
    Case::Gone,
];

/// The faults that fall on an answer (going away is a read's case: nothing is sent).
pub fn answer_faults() -> Vec<Fault> {
    CASES
        .iter()
        .filter_map(|case| match case {
            Case::Fault(fault) => Some(*fault),
            Case::Gone => None,
        })
        .collect()
}

/// Where the binary's tests put the token both sources read.
pub const TOKEN_VAR: &str = "SHIPDECK_FAULT_TEST_TOKEN";

/// A config file whose Jira (the sandbox's demo board, `email` its user) and deploy backend
/// are both at `url`, reading their token from `TOKEN_VAR`.
pub fn config(url: &str, email: &str) -> String {
    format!(
        "[jira]\nurl = \"{url}\"\nboard = {DEMO_BOARD_ID}\nauth = \"basic\"\nemail = \"{email}\"\n\
         token_env = \"{TOKEN_VAR}\"\n\n[[deploy]]\nname = \"sandbox\"\nkind = \"http\"\n\
         url = \"{url}\"\ntoken_env = \"{TOKEN_VAR}\"\n"
    )
}

/// A proxy in front of `upstream` with `case` in force for every request.
pub async fn faulty(upstream: std::net::SocketAddr, case: Case) -> Proxy {
    let proxy = Proxy::start(upstream).await;
    match case {
        Case::Fault(fault) => proxy.set(fault),
        Case::Gone => proxy.go_away().await,
    }
    proxy
}

/// `email` is the sandbox's demo user (`Sandbox::demo_user_email`).
pub fn jira(url: &str, email: &str) -> JiraProvider {
    JiraProvider::new(JiraSettings {
        base_url: url.to_string(),
        board: DEMO_BOARD_ID,
        auth: JiraAuth::Basic,
        email: Some(email.to_string()),
        token: Secret::new("fault-test-token"),
        token_source: TokenSource::Env("JIRA_API_TOKEN".into()),
        jql: None,
        scope: None,
        network: Network::default(),
    })
    .unwrap()
    .with_timeout(TIMEOUT)
}

pub fn deploy(url: &str) -> HttpDeploy {
    let settings = HttpDeploySettings {
        name: "sandbox".into(),
        base_url: url.to_string(),
        token: Some(Secret::new("fault-test-token")),
        token_source: TokenSource::Env("DEPLOY_TOKEN".into()),
        services: None,
        protected: Vec::new(),
        network: Network::default(),
    };
    HttpDeploy::with_timeout(settings, TIMEOUT).unwrap()
}

/// A GitHub client for the sandbox's GitHub side at `url` (the proxy's base URL).
pub fn github(url: &str) -> GithubClient {
    GithubClient::new(GithubSettings {
        name: "acme".into(),
        api_url: format!("{url}/api/v3"),
        graphql_url: format!("{url}/api/graphql"),
        token: Secret::new(DEMO_GITHUB_TOKEN),
        token_source: TokenSource::Env("GITHUB_TOKEN".into()),
        network: Network::default(),
    })
    .unwrap()
    .with_timeout(TIMEOUT)
}

/// Words the message of a failure under `case` must hold, so the user learns why.
pub fn reason(case: Case) -> &'static str {
    match case {
        Case::Fault(Fault::Pass) => panic!("passing everything is no failure"),
        Case::Fault(Fault::Delay(_) | Fault::Trickle(_) | Fault::Hang) => "no answer from",
        Case::Fault(Fault::Cut(_)) => "broke off before its end",
        Case::Fault(Fault::Reset) => "reset the connection",
        Case::Fault(Fault::Garbage) => "not HTTP",
        Case::Fault(Fault::NotJson) => "instead of JSON",
        Case::Gone => "Connection refused",
    }
}

/// A read that failed under `case` is the typed error for it and says why.
pub fn assert_says_why(case: Case, error: &ProviderError) {
    let typed = match case {
        Case::Fault(Fault::NotJson) => matches!(error, ProviderError::Decode { .. }),
        _ => matches!(error, ProviderError::Network { .. }),
    };
    assert!(typed, "{case:?}: {error:?}");
    let message = error.to_string();
    assert!(message.contains(reason(case)), "{case:?}: {message}");
}
