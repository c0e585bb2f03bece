//! The deploy-protocol sandbox over real HTTP on loopback: shapes, paging, writes with
//! Idempotency-Keys, deployments that progress on their own, logs by offset and over SSE.

#[path = "deploy/logs.rs"]
mod logs;
#[path = "deploy/reads.rs"]
mod reads;
#[path = "deploy/support.rs"]
mod support;
#[path = "deploy/writes.rs"]
mod writes;
