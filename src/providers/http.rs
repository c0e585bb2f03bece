//! The shared HTTP client: timeouts, user agent, auth, status -> error mapping.
