//! The built-in demo backend: Jira-shaped HTTP on 127.0.0.1.
