//! Job logs: GitHub answers 302 to short-lived storage, fetched here without the token.

use super::GithubClient;
use crate::providers::ProviderError;
use reqwest::{Method, StatusCode, Url};

impl GithubClient {
    /// A job log: GitHub answers 302 to short-lived storage, which is fetched without the
    /// token. `None` when there is no log (yet): 404 while the job runs.
    pub async fn download(&self, path: &str) -> Result<Option<Vec<u8>>, ProviderError> {
        let url = self.url(path, &[])?;
        let reply = self
            .exchange(Method::GET, &url, &[], None::<&()>, "core")
            .await?;
        match reply.status {
            StatusCode::NOT_FOUND | StatusCode::GONE => Ok(None),
            status if status.is_redirection() => {
                let location = reply
                    .headers
                    .get(reqwest::header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .ok_or_else(|| self.decode_error(path, "a redirect without a Location"))?;
                let target = Url::parse(&url)
                    .and_then(|base| base.join(location))
                    .map_err(|e| self.decode_error(path, &format!("a bad Location: {e}")))?;
                let _permit = self.permit().await?;
                let reply = self
                    .http
                    .exchange_url(
                        Method::GET,
                        target.as_str(),
                        &[],
                        None::<&()>,
                        false,
                        self.download_timeout,
                    )
                    .await?;
                if reply.status.is_success() {
                    return Ok(Some(reply.body));
                }
                // The storage URL holds a signature: name only the API path.
                Err(self
                    .http
                    .status_error(&format!("{path} (download)"), &reply))
            }
            status if status.is_success() => Ok(Some(reply.body)),
            _ => Err(self.failure(path, &reply)),
        }
    }
}
