//! How Jira requests authenticate: Cloud with email + API token (Basic), Data Center with a
//! personal access token (Bearer).

use crate::config::{JiraAuth, Secret};
use crate::providers::ProviderError;
use crate::providers::http::Auth;

/// The header scheme for `kind`; Cloud needs a non-blank `email`.
pub fn auth(kind: JiraAuth, email: Option<String>, token: Secret) -> Result<Auth, ProviderError> {
    match kind {
        JiraAuth::Basic => {
            let email = email
                .map(|e| e.trim().to_string())
                .filter(|e| !e.is_empty())
                .ok_or_else(|| {
                    ProviderError::Rejected(
                        "Jira Cloud (auth = \"basic\") needs `email` in the [jira] config"
                            .to_string(),
                    )
                })?;
            Ok(Auth::Basic { user: email, token })
        }
        JiraAuth::Bearer => Ok(Auth::Bearer(token)),
    }
}
