//! The `[[deploy]]` questions: a backend speaking the shipdeck deploy protocol
//! (docs/deploy-protocol.md), its token if it takes one, and a first look at its services.

use super::plan::DeployPlan;
use super::prompt::{Io, Stop, ask, ask_url, confirm};
use super::token::{Offer, ask_optional_token};
use crate::config::TokenSource;
use crate::providers::deploy::{HttpDeploy, HttpDeploySettings};
use crate::providers::http::Network;
use crate::providers::{DeployBackend, ProviderError};

/// Asks until the backend lists its services.
pub async fn ask_deploy(io: &mut dyn Io) -> Result<DeployPlan, Stop> {
    io.say("\nDeploy backend: a server speaking the shipdeck deploy protocol v1.\n");
    let name = ask(io, "Name for this backend", Some("deploy")).await?;
    let mut url: Option<String> = None;
    loop {
        let label = "Backend address (its /v1/... paths go under it)";
        let address = ask_url(io, label, url.as_deref()).await?;
        let offer = Offer {
            what: "deploy backend",
            env: "DEPLOY_TOKEN",
            command: "pass show deployer",
            prefer_command: false,
        };
        let (token, source) = match ask_optional_token(io, &offer).await? {
            Some((source, token)) => (Some(token), source),
            None => (None, TokenSource::None),
        };
        let settings = HttpDeploySettings {
            name: name.clone(),
            base_url: address.clone(),
            token,
            token_source: source.clone(),
            services: None,
            protected: Vec::new(),
            network: Network::default(),
        };
        io.say("Asking the backend for its services...\n");
        let answer = match HttpDeploy::new(settings) {
            Ok(backend) => backend.services().await,
            Err(e) => Err(e),
        };
        match answer {
            Ok(services) => {
                let names: Vec<&str> = services.iter().map(|s| s.name.as_str()).collect();
                io.say(&format!(
                    "  {} services: {}\n",
                    names.len(),
                    names.join(", ")
                ));
                return Ok(DeployPlan {
                    name,
                    url: address,
                    token: source,
                });
            }
            Err(e) => {
                io.say(&format!("  ✘ {e}\n  {}\n", fix(&e)));
                if !confirm(io, "Try again?", true).await? {
                    return Err(Stop::Failed("the deploy backend did not answer".into()));
                }
                url = Some(address);
            }
        }
    }
}

fn fix(e: &ProviderError) -> &'static str {
    match e {
        ProviderError::Unauthorized { .. } => {
            "The backend wants a token: name where it comes from."
        }
        ProviderError::NotFound(_) | ProviderError::Decode { .. } => {
            "Is that the backend's base address? It answers GET /v1/services."
        }
        ProviderError::Network { .. } => {
            "Check the address (and HTTPS_PROXY, if you need a proxy to reach it)."
        }
        _ => "Check the answers above.",
    }
}
