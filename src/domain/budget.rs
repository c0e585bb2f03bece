//! An API's request budget as the server reports it (GitHub's `x-ratelimit-*` headers).

use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateBudget {
    /// The config table that spends it ("acme").
    pub service: String,
    /// The server's bucket: "core", "graphql", "search".
    pub resource: String,
    pub limit: u64,
    pub remaining: u64,
    /// When the bucket refills.
    pub reset: DateTime<Utc>,
}

impl RateBudget {
    /// Low enough to tell the user: under a tenth of the limit.
    pub fn is_low(&self) -> bool {
        self.remaining.saturating_mul(10) < self.limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn low_under_a_tenth() {
        let budget = |remaining| RateBudget {
            service: "acme".into(),
            resource: "core".into(),
            limit: 5000,
            remaining,
            reset: Utc::now(),
        };
        assert!(!budget(500).is_low());
        assert!(budget(499).is_low());
        assert!(budget(0).is_low());
    }
}
