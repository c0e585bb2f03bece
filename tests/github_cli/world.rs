use crate::sandboxed::Sandboxed;
use serde_json::Value;
use std::process::Output;

pub const TOKEN_VAR: &str = "SHIPDECK_TEST_GITHUB_TOKEN";

/// A `[[github]]` table for the sandbox's org, plus `extra` lines inside it.
pub fn config(extra: &str) -> String {
    format!(
        r#"
[ui]
wip_policy = "warn"

[[github]]
name = "acme"
api_url = "{{url}}/api/v3"
token_env = "{TOKEN_VAR}"
repos = ["acme/storefront", "acme/search"]
project = {{ owner = "acme", number = 3 }}
wip = {{ "In progress" = 4, "In review" = 3 }}
{extra}
"#
    )
}

pub struct World {
    pub sandboxed: Sandboxed,
}

impl World {
    pub fn new(extra: &str) -> Self {
        Self {
            sandboxed: Sandboxed::new(&config(extra)),
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.sandboxed
            .command(args)
            .env(TOKEN_VAR, shipdeck_sandbox::DEMO_GITHUB_TOKEN)
            .output()
            .unwrap()
    }

    /// The JSON a command printed with `--format json`.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// A GET of the sandbox's GitHub API with the token, for facts the verbs do not print.
    pub fn github(&self, path: &str) -> Value {
        let url = format!("{}/api/v3{path}", self.sandboxed.url());
        self.sandboxed.block_on(async {
            let answer = reqwest::Client::new()
                .get(&url)
                .bearer_auth(shipdeck_sandbox::DEMO_GITHUB_TOKEN)
                .send()
                .await
                .unwrap();
            assert!(
                answer.status().is_success(),
                "GET {path}: {}",
                answer.status()
            );
            answer.json().await.unwrap()
        })
    }
}

pub use crate::sandboxed::text;

impl World {
    /// The audit lines written under this world's state directory.
    pub fn audit(&self) -> Vec<Value> {
        crate::audit::audit_lines(self.sandboxed.dir())
    }
}
