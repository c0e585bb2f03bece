//! `shipdeck sandbox`: the demo servers alone, for trying the providers with curl or a config.

use super::fail;
use shipdeck_sandbox as sandbox;
use std::process::ExitCode;

pub async fn serve(port: u16) -> ExitCode {
    match sandbox::Sandbox::start(port).await {
        Ok(server) => {
            let url = server.url();
            println!(
                "shipdeck sandbox: Jira Cloud-shaped API at {url} (board {})",
                sandbox::DEMO_BOARD_ID
            );
            println!(
                "  try: curl -u {}:demo {url}/rest/agile/1.0/board/{}/configuration",
                server.demo_user_email(),
                sandbox::DEMO_BOARD_ID
            );
            println!(
                "  connect shipdeck: [jira] url = \"{url}\", board = {}, email = \"{}\", token_env = \"ANY_NONEMPTY_VAR\"",
                sandbox::DEMO_BOARD_ID,
                server.demo_user_email()
            );
            println!("  deploy protocol v1 at {url}/v1 (no token needed)");
            println!(
                "  GitHub Enterprise-shaped API at {} and GraphQL at {url}/api/graphql (any Bearer token; project {}/{})",
                server.github_api_url(),
                sandbox::DEMO_GITHUB_PROJECT.0,
                sandbox::DEMO_GITHUB_PROJECT.1
            );
            println!(
                "  connect shipdeck: [[deploy]] name = \"sandbox\", kind = \"http\", url = \"{url}\""
            );
            println!(
                "  or let `shipdeck init` write a config for it (any token works for Jira and GitHub)"
            );
            println!("Ctrl+C stops it.");
            let _ = tokio::signal::ctrl_c().await;
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("cannot start the sandbox on port {port}: {e}")),
    }
}
