//! The `[jira]` questions: the site, who you are, the token, then a board from the ones the
//! token can see (filtered by name on the server, paged as Jira pages).

use super::pick::{Chunk, Source, pick_one};
use super::plan::JiraPlan;
use super::prompt::{Io, Stop, ask, ask_url, confirm};
use super::token::{Offer, ask_token};
use crate::config::JiraAuth;
use crate::providers::ProviderError;
use crate::providers::jira::boards::{BoardDirectory, BoardPage, BoardSummary};
use async_trait::async_trait;

struct Boards(BoardDirectory);

#[async_trait]
impl Source for Boards {
    type Item = BoardSummary;

    async fn fetch(
        &mut self,
        filter: &str,
        start: usize,
    ) -> Result<Chunk<BoardSummary>, ProviderError> {
        self.0.page(filter, start).await.map(chunk)
    }

    fn cells(&self, board: &BoardSummary) -> Vec<String> {
        vec![
            board.name.clone(),
            board.kind.clone(),
            board.project.clone().unwrap_or_default(),
        ]
    }
}

fn chunk(page: BoardPage) -> Chunk<BoardSummary> {
    Chunk {
        items: page.boards,
        next: page.next,
        total: page.total,
    }
}

/// Asks until the token can list boards, then for one of them.
pub async fn ask_jira(io: &mut dyn Io, auth: JiraAuth) -> Result<JiraPlan, Stop> {
    let cloud = auth == JiraAuth::Basic;
    io.say(if cloud {
        "\nJira Cloud: your account email and an API token\n\
         (https://id.atlassian.com/manage-profile/security/api-tokens).\n"
    } else {
        "\nJira Data Center: a personal access token (your profile > Personal Access Tokens).\n"
    });
    let (mut url, mut email) = (None::<String>, None::<String>);
    loop {
        let example = if cloud {
            "https://yourcompany.atlassian.net"
        } else {
            "https://jira.yourcompany.com"
        };
        let label = format!("Jira address (e.g. {example})");
        let site = ask_url(io, &label, url.as_deref()).await?;
        let who = match cloud {
            true => Some(ask(io, "Your Atlassian account email", email.as_deref()).await?),
            false => None,
        };
        let offer = Offer {
            what: "Jira",
            env: "JIRA_API_TOKEN",
            command: "pass show jira",
            prefer_command: false,
        };
        let (source, token) = ask_token(io, &offer).await?;
        let listed = match BoardDirectory::new(&site, auth, who.clone(), token, source.clone()) {
            Ok(directory) => {
                io.say("Reading the boards this token can see...\n");
                let first = directory.page("", 0).await;
                first.map(|page| (Boards(directory), page))
            }
            Err(e) => Err(e),
        };
        match listed {
            Ok((mut boards, first)) => {
                let board = pick_one(io, &mut boards, chunk(first), ("board", "boards")).await?;
                io.say(&format!("  board {}: {}\n", board.id, board.name));
                return Ok(JiraPlan {
                    url: site,
                    auth,
                    email: who,
                    token: source,
                    board,
                });
            }
            Err(e) => {
                io.say(&format!("  ✘ {e}\n  {}\n", fix(&e, cloud)));
                if !confirm(io, "Try again?", true).await? {
                    return Err(Stop::Failed("no Jira board was picked".into()));
                }
                (url, email) = (Some(site), who);
            }
        }
    }
}

/// What to try when the boards cannot be read.
fn fix(e: &ProviderError, cloud: bool) -> &'static str {
    match e {
        ProviderError::Unauthorized { .. } if cloud => {
            "Jira Cloud takes your account email with an API token (not your password)."
        }
        ProviderError::Unauthorized { .. } => {
            "Jira Data Center takes a personal access token from your profile."
        }
        ProviderError::Network { .. } => {
            "Check the address (and HTTPS_PROXY, if you need a proxy to reach it)."
        }
        ProviderError::NotFound(_) | ProviderError::Decode { .. } => {
            "Is that the Jira site's base address? Its boards live under /rest/agile/1.0."
        }
        _ => "Check the answers above.",
    }
}
