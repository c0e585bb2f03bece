//! Idempotency-Keys: a write re-sent with the same key gets the deployment the key already
//! made, and a key never answers for a different request.

use super::error::ApiError;
use super::model::World;
use axum::http::HeaderMap;

/// An Idempotency-Key and the request it came with (method and path), so one key cannot
/// quietly answer for a different action.
pub struct Key {
    key: String,
    request: String,
}

impl Key {
    pub fn optional(headers: &HeaderMap, path: &str) -> Result<Option<Key>, ApiError> {
        let Some(value) = headers.get("idempotency-key") else {
            return Ok(None);
        };
        let key = value.to_str().map(str::trim).unwrap_or_default();
        if key.is_empty() {
            return Err(ApiError::invalid(
                "the Idempotency-Key header must be a non-empty string such as a UUID",
            ));
        }
        Ok(Some(Key {
            key: key.to_string(),
            request: format!("POST {path}"),
        }))
    }

    pub fn required(headers: &HeaderMap, path: &str) -> Result<Key, ApiError> {
        Self::optional(headers, path)?.ok_or_else(|| {
            ApiError::invalid(
                "this request needs an Idempotency-Key header (a UUID made once per user action)",
            )
        })
    }

    /// The deployment this key already made, if it was used before for the same request.
    pub fn replay(&self, world: &World) -> Result<Option<usize>, ApiError> {
        match world.keys.get(&self.key) {
            None => Ok(None),
            Some((request, index)) if *request == self.request => Ok(Some(*index)),
            Some((request, _)) => Err(ApiError::invalid(format!(
                "Idempotency-Key {:?} was already used for another request ({request})",
                self.key
            ))),
        }
    }

    pub fn remember(self, world: &mut World, index: usize) {
        world.keys.insert(self.key, (self.request, index));
    }
}
