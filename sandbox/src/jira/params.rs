//! Query-string parameters, read the lenient way Jira reads them: repeated keys are kept,
//! lists may be comma-separated, numbers are checked and clamped.

use super::reply::JiraError;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;

pub struct Params(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = JiraError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|e| {
                JiraError::bad_request(format!("The query string could not be read: {e}"))
            })?;
        Ok(Params(pairs))
    }
}

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every comma-separated item of every occurrence of `name`; `None` when absent.
    pub fn list(&self, name: &str) -> Option<Vec<String>> {
        let mut items = self.0.iter().filter(|(k, _)| k == name).peekable();
        items.peek()?;
        let split = items.flat_map(|(_, v)| v.split(',').map(|s| s.trim().to_string()));
        Some(split.filter(|s| !s.is_empty()).collect())
    }

    /// A non-negative number, or `default` when absent.
    pub fn number(&self, name: &str, default: usize) -> Result<usize, JiraError> {
        match self.get(name) {
            None => Ok(default),
            Some(raw) => raw.trim().parse().map_err(|_| {
                JiraError::bad_request(format!(
                    "The value '{raw}' is not valid for the parameter '{name}'."
                ))
            }),
        }
    }

    /// `startAt` and `maxResults`, with `maxResults` capped as the endpoint allows.
    pub fn window(&self, default_max: usize, cap: usize) -> Result<(usize, usize), JiraError> {
        Ok((
            self.number("startAt", 0)?,
            self.number("maxResults", default_max)?.min(cap),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Params {
        Params(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn lists_join_repeats_and_commas() {
        let p = params(&[
            ("fields", "summary, status"),
            ("fields", "labels,"),
            ("jql", "x"),
        ]);
        assert_eq!(
            p.list("fields"),
            Some(vec!["summary".into(), "status".into(), "labels".into()])
        );
        assert_eq!(p.list("expand"), None);
    }

    #[test]
    fn numbers_are_checked_and_capped() {
        let p = params(&[("maxResults", "500"), ("startAt", "x")]);
        assert!(p.window(50, 100).is_err());
        let p = params(&[("maxResults", "500")]);
        assert_eq!(p.window(50, 100).expect("window"), (0, 100));
        assert_eq!(params(&[]).window(50, 100).expect("window"), (0, 50));
    }
}
